#include "cmd/shell/shell_words.h"

#include "lib/common/logging.h"

namespace alluxio::cli::shell {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// One pass over `text`. `lenient`: an open quote or trailing backslash ends at the end of the
// text instead of failing (completion).
struct Splitter {
  std::vector<Words> commands;
  Words words;
  std::string word;
  bool in_word = false;

  void EndWord() {
    if (in_word) words.push_back(std::move(word));
    word.clear();
    in_word = false;
  }
  void EndCommand() {
    EndWord();
    if (!words.empty()) commands.push_back(std::move(words));
    words.clear();
  }

  Status Run(std::string_view text, bool lenient) {
    size_t i = 0;
    while (i < text.size()) {
      char c = text[i];
      if (IsBlank(c)) {
        EndWord();
        ++i;
      } else if (c == ';' || c == '\n') {
        EndCommand();
        ++i;
      } else if (c == '#' && !in_word) {
        while (i < text.size() && text[i] != '\n') ++i;
      } else if (c == '\\') {
        if (i + 1 >= text.size()) {
          if (lenient) return Status::OK();
          return Status::InvalidArgument("The line ends with a backslash: nothing to escape");
        }
        if (text[i + 1] != '\n') {  // backslash-newline only joins lines
          word += text[i + 1];
          in_word = true;
        }
        i += 2;
      } else if (c == '\'') {
        size_t end = text.find('\'', i + 1);
        if (end == std::string_view::npos) {
          if (!lenient) {
            return Status::InvalidArgument(
                StrCat("Unterminated ' quote starting at column ", i + 1));
          }
          end = text.size();
        }
        word.append(text.substr(i + 1, end - i - 1));
        in_word = true;
        i = end + 1;
      } else if (c == '"') {
        size_t j = i + 1;
        bool closed = false;
        while (j < text.size()) {
          char d = text[j];
          if (d == '"') {
            closed = true;
            break;
          }
          if (d == '\\' && j + 1 < text.size() &&
              (text[j + 1] == '"' || text[j + 1] == '\\' || text[j + 1] == '$' ||
               text[j + 1] == '`')) {
            word += text[j + 1];
            j += 2;
            continue;
          }
          word += d;
          ++j;
        }
        if (!closed && !lenient) {
          return Status::InvalidArgument(
              StrCat("Unterminated \" quote starting at column ", i + 1));
        }
        in_word = true;
        i = j + 1;
      } else {
        word += c;
        in_word = true;
        ++i;
      }
    }
    return Status::OK();
  }
};

}  // namespace

Result<std::vector<Words>> SplitCommands(std::string_view text) {
  Splitter s;
  RETURN_IF_ERROR(s.Run(text, false));
  s.EndCommand();
  return std::move(s.commands);
}

PartialLine SplitForCompletion(std::string_view text) {
  Splitter s;
  (void)s.Run(text, true);  // lenient: never fails
  PartialLine out;
  out.words = std::move(s.words);
  if (s.in_word) out.current = std::move(s.word);
  return out;
}

bool IsIncomplete(std::string_view text) {
  if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  Splitter s;
  return !s.Run(text, false).ok();
}

std::string QuoteWord(std::string_view word) {
  if (word.empty()) return "''";
  bool plain = true;
  for (char c : word) {
    if (IsBlank(c) || c == ';' || c == '\n' || c == '#' || c == '\\' || c == '\'' || c == '"') {
      plain = false;
      break;
    }
  }
  if (plain) return std::string(word);
  std::string out = "'";
  for (char c : word) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  out += "'";
  return out;
}

}  // namespace alluxio::cli::shell
