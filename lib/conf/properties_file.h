// Parser for Java `.properties` text, the syntax of alluxio-site.properties.
//
// Rules (java.util.Properties#load): lines are terminated by \n, \r or \r\n; a line whose first
// non-blank character is '#' or '!' is a comment; blank lines are skipped; the key ends at the
// first unescaped '=', ':' or whitespace, and the separator is surrounded by optional whitespace
// (a lone whitespace separator is allowed: "key value"); a line ending in an odd number of
// backslashes continues on the next line, whose leading whitespace is dropped; escapes \t \n \r
// \f \\ \= \: \# \! \<space> and \uXXXX are decoded in keys and values; any other escaped
// character stands for itself. Later duplicates override earlier ones.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lib/common/result.h"

namespace alluxio::conf {

struct PropertyEntry {
  std::string key;
  std::string value;
  int line = 0;  // 1-based line where the entry starts
};

// Returns the entries in file order; a key given more than once appears once, with its last
// value and line. \uXXXX escapes become UTF-8 (a surrogate pair one code point, a lone surrogate
// U+FFFD); other bytes pass through unchanged. INVALID_ARGUMENT for a malformed \uXXXX escape,
// naming the line number.
Result<std::vector<PropertyEntry>> ParseProperties(std::string_view text);

}  // namespace alluxio::conf
