// Splitting a shell line into commands and words, as a POSIX shell would for simple commands:
// words separated by blanks; '...' quotes literally; "..." quotes with \" \\ \$ \` escapes;
// a backslash outside quotes escapes the next character; ';' and newlines separate commands;
// '#' at the start of a word starts a comment to the end of the line. No expansion of
// variables, globs (fs commands expand globs themselves, remotely) or redirections.
//
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lib/common/result.h"

namespace alluxio::cli::shell {

using Words = std::vector<std::string>;

// The commands of `text`, each a non-empty list of words. INVALID_ARGUMENT for an unterminated
// quote or a trailing backslash, naming the position.
Result<std::vector<Words>> SplitCommands(std::string_view text);

// What completion works on: the words before the cursor and the (possibly empty) word being
// typed at its end, unquoted. `text` is the line up to the cursor; an unterminated quote is
// taken as closed there. Commands before the last ';' are dropped.
struct PartialLine {
  Words words;          // complete words of the current command
  std::string current;  // the word under the cursor ("" after a blank)
};
PartialLine SplitForCompletion(std::string_view text);

// True when `text` ends inside a quote or with an escaping backslash (before an optional
// final newline): a script's command continues on its next line.
bool IsIncomplete(std::string_view text);

// Quotes `word` for the line when it holds characters the splitter treats specially.
std::string QuoteWord(std::string_view word);

}  // namespace alluxio::cli::shell
