// LineEditor: interactive line input for `alluxio shell` on top of libedit (Debian's
// libedit-dev, BSD licensed): emacs-style editing, history recalled with the arrow keys and kept
// in a file across sessions, and Tab completion whose candidates come from a callback.
//
// Only for a terminal on stdin; the shell reads plain lines otherwise. The editor restores the
// terminal and saves the history when it is destroyed. libedit keeps per-editor state only
// (EL_CLIENTDATA carries `this` to the callbacks), so there are no globals. Not thread-safe.
#pragma once

#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alluxio::cli::shell {

class LineEditor {
 public:
  using Completer = std::function<std::vector<std::string>(std::string_view line)>;
  using PromptFn = std::function<std::string()>;

  // `history_file`: where history is loaded from and saved to (empty: no history file).
  // `color`: show the prompt in colour (bold cyan).
  LineEditor(const char* program, PromptFn prompt, Completer completer, std::string history_file,
             bool color, size_t history_size = 1000);
  ~LineEditor();
  LineEditor(const LineEditor&) = delete;
  LineEditor& operator=(const LineEditor&) = delete;

  // The next line without its newline; nullopt at end of input (Ctrl-D on an empty line).
  // Ctrl-C discards the line being typed and returns "".
  std::optional<std::string> ReadLine();
  // Adds a line to the history and saves the history file.
  void Remember(const std::string& line);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Longest common prefix of `words` ("" for none).
std::string CommonPrefix(const std::vector<std::string>& words);

}  // namespace alluxio::cli::shell
