// Quoting and value-kind words shared by the completion emitters.
#pragma once

#include <string>
#include <string_view>

#include "cmd/gendocs/command_doc.h"

namespace alluxio::cli::gendocs {

// 'text' for POSIX shells (bash, zsh): a ' inside becomes '\''.
std::string ShQuote(std::string_view text);

// 'text' for fish, where \ and ' are escaped with a backslash inside single quotes.
std::string FishQuote(std::string_view text);

// How the bash and fish scripts name a kind of value: "" (flag), "text", "key", "assign",
// "dir", "file", "apath", or "choice w1 w2 ...".
std::string KindWord(const ValueSpec& value);

// `text` with every `from` replaced by `to`.
std::string ReplaceAll(std::string text, std::string_view from, std::string_view to);

// `name` with every character outside [A-Za-z0-9_] replaced by '_' (for function names).
std::string Identifier(std::string_view name);

}  // namespace alluxio::cli::gendocs
