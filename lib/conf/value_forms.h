// Internal to lib/conf: the "expected ..." phrases that error messages about sizes, durations,
// booleans and integers share, so units.cc and configuration.cc say the same thing.
#pragma once

#include <string_view>

namespace alluxio::conf::internal {

inline constexpr std::string_view kExpectedBytes =
    "expected a size such as 64MB (units B, KB, MB, GB, TB, PB)";
inline constexpr std::string_view kExpectedDuration =
    "expected a duration such as 5min (units ms, s, sec, m, min, h, hr, hour, d, day; a bare "
    "number is milliseconds) or -1";
inline constexpr std::string_view kExpectedBool = "expected true or false";
inline constexpr std::string_view kExpectedInt = "expected a whole number such as 19998";

}  // namespace alluxio::conf::internal
