#include "cmd/shell/line_editor.h"

#include <histedit.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>

#include "cmd/shell/shell_words.h"

namespace alluxio::cli::shell {

std::string CommonPrefix(const std::vector<std::string>& words) {
  if (words.empty()) return "";
  std::string prefix = words[0];
  for (const auto& w : words) {
    size_t n = 0;
    while (n < prefix.size() && n < w.size() && prefix[n] == w[n]) ++n;
    prefix.resize(n);
  }
  return prefix;
}

struct LineEditor::Impl {
  PromptFn prompt;
  Completer completer;
  std::string history_file;
  bool color = false;
  std::string prompt_text;  // kept alive for libedit between calls
  EditLine* el = nullptr;
  History* hist = nullptr;

  static Impl* From(EditLine* el) {
    void* data = nullptr;
    el_get(el, EL_CLIENTDATA, &data);
    return static_cast<Impl*>(data);
  }

  static char* Prompt(EditLine* el) {
    Impl* self = From(el);
    // With colour, the escape sequences sit between kLiteral marks so libedit does not count
    // them as prompt columns.
    constexpr char kLiteral = '\1';
    std::string text = self->prompt();
    if (self->color) {
      size_t end = text.find_last_not_of(' ') + 1;
      text = std::string(1, kLiteral) + "\033[1;36m" + kLiteral + text.substr(0, end) + kLiteral +
             "\033[0m" + kLiteral + text.substr(end);
    }
    self->prompt_text = std::move(text);
    return self->prompt_text.data();
  }

  // Bound to Tab. One candidate: completes it (plus a blank unless it is a directory). Several:
  // extends the word to their common prefix, or lists them when that adds nothing.
  static unsigned char Complete(EditLine* el, int /*ch*/) {
    Impl* self = From(el);
    const LineInfo* li = el_line(el);
    std::string_view before(li->buffer, static_cast<size_t>(li->cursor - li->buffer));
    std::string typed = SplitForCompletion(before).current;
    std::vector<std::string> candidates = self->completer(before);
    if (candidates.empty()) return CC_ERROR;
    std::string common = CommonPrefix(candidates);
    if (common.size() < typed.size() || common.compare(0, typed.size(), typed) != 0) {
      return CC_ERROR;  // the candidates do not extend what was typed (quoting); leave it
    }
    std::string insert = common.substr(typed.size());
    if (candidates.size() == 1 && (insert.empty() || insert.back() != '/')) insert += ' ';
    if (candidates.size() == 1 && !common.empty() && common.back() == '/' && insert.empty()) {
      return CC_REFRESH;
    }
    if (!insert.empty()) {
      // Characters the splitter treats specially are escaped as they are inserted.
      std::string escaped;
      for (size_t i = 0; i < insert.size(); ++i) {
        char c = insert[i];
        bool trailing_blank = (i + 1 == insert.size() && c == ' ' && candidates.size() == 1);
        if (!trailing_blank &&
            (c == ' ' || c == '\'' || c == '"' || c == '\\' || c == ';' || c == '#')) {
          escaped += '\\';
        }
        escaped += c;
      }
      el_insertstr(el, escaped.c_str());
      return CC_REFRESH;
    }
    // Nothing to add: show the choices under the line, then redraw the prompt and line.
    size_t width = 0;
    for (const auto& c : candidates) width = std::max(width, c.size());
    size_t columns = std::max<size_t>(1, 80 / (width + 2));
    std::fputc('\n', stdout);
    for (size_t i = 0; i < candidates.size(); ++i) {
      std::fprintf(stdout, "%-*s", static_cast<int>(width + 2), candidates[i].c_str());
      if ((i + 1) % columns == 0 || i + 1 == candidates.size()) std::fputc('\n', stdout);
    }
    std::fflush(stdout);
    return CC_REDISPLAY;
  }
};

LineEditor::LineEditor(const char* program, PromptFn prompt, Completer completer,
                       std::string history_file, bool color, size_t history_size)
    : impl_(std::make_unique<Impl>()) {
  impl_->color = color;
  impl_->prompt = std::move(prompt);
  impl_->completer = std::move(completer);
  impl_->history_file = std::move(history_file);
  HistEvent ev;
  impl_->hist = history_init();
  history(impl_->hist, &ev, H_SETSIZE, static_cast<int>(history_size));
  history(impl_->hist, &ev, H_SETUNIQUE, 1);
  if (!impl_->history_file.empty()) {
    history(impl_->hist, &ev, H_LOAD, impl_->history_file.c_str());  // absent file: fine
  }
  impl_->el = el_init(program, stdin, stdout, stderr);
  el_set(impl_->el, EL_CLIENTDATA, impl_.get());
  el_set(impl_->el, EL_EDITOR, "emacs");
  el_set(impl_->el, EL_SIGNAL, 1);
  el_set(impl_->el, EL_PROMPT_ESC, &Impl::Prompt, '\1');
  el_set(impl_->el, EL_HIST, history, impl_->hist);
  el_set(impl_->el, EL_ADDFN, "alluxio-complete", "Complete a command, flag or path",
         &Impl::Complete);
  el_set(impl_->el, EL_BIND, "^I", "alluxio-complete", nullptr);
  el_source(impl_->el, nullptr);  // the user's ~/.editrc, if any
}

LineEditor::~LineEditor() {
  if (impl_->el) el_end(impl_->el);
  if (impl_->hist) {
    HistEvent ev;
    if (!impl_->history_file.empty()) {
      history(impl_->hist, &ev, H_SAVE, impl_->history_file.c_str());
    }
    history_end(impl_->hist);
  }
}

std::optional<std::string> LineEditor::ReadLine() {
  for (;;) {
    int count = 0;
    errno = 0;
    const char* line = el_gets(impl_->el, &count);
    if (line == nullptr || count <= 0) {
      if (count < 0 && errno == EINTR) {  // Ctrl-C: a fresh line
        std::fputc('\n', stdout);
        el_reset(impl_->el);
        return std::string();
      }
      return std::nullopt;
    }
    std::string out(line, static_cast<size_t>(count));
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
  }
}

void LineEditor::Remember(const std::string& line) {
  if (line.find_first_not_of(" \t") == std::string::npos) return;
  HistEvent ev;
  history(impl_->hist, &ev, H_ENTER, line.c_str());
  if (!impl_->history_file.empty()) {
    history(impl_->hist, &ev, H_SAVE, impl_->history_file.c_str());
  }
}

}  // namespace alluxio::cli::shell
