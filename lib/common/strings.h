// Small string helpers shared by every layer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace alluxio {

// Splits on `sep`, keeping empty pieces ("a,,b" -> {"a","","b"}; "" -> {""}).
std::vector<std::string> Split(std::string_view text, char sep);
// Joins with `sep`.
std::string Join(const std::vector<std::string>& parts, std::string_view sep);
// Strips ASCII whitespace at both ends.
std::string_view Trim(std::string_view text);
bool StartsWith(std::string_view text, std::string_view prefix);
bool EndsWith(std::string_view text, std::string_view suffix);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
std::string ToLower(std::string_view text);
std::string ToUpper(std::string_view text);
// Parses a whole base-10 signed integer; false on empty, junk or overflow.
bool ParseInt64(std::string_view text, int64_t* out);

}  // namespace alluxio
