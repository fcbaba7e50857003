// Parsing and printing of the value forms configuration and the command line share: sizes,
// durations and booleans, with Alluxio's spellings.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "lib/common/result.h"

namespace alluxio::conf {

// "64MB" -> 67108864. Units B, KB, MB, GB, TB, PB (also K, M, G, T, P), 1024-based,
// case-insensitive, optional whitespace between number and unit; a bare number is bytes;
// a decimal number is allowed with a unit ("1.5GB"). INVALID_ARGUMENT names the text and the
// expected form.
Result<int64_t> ParseBytes(std::string_view text);

// "5min" -> 300000. Units ms, s/sec, m/min, h/hr/hour, d/day (plural 's' also accepted, e.g.
// "hours", "days"), case-insensitive; a bare number is milliseconds. Result in milliseconds.
// "-1" is accepted and returns -1 (Alluxio uses it for "never").
Result<int64_t> ParseDurationMs(std::string_view text);

// true/false, case-insensitive.
Result<bool> ParseBool(std::string_view text);

// Alluxio's humanized size (FormatUtils.getSizeFromBytes): "<n>B" up to 5120 bytes, otherwise
// "%.2f" followed by KB/MB/GB/TB/PB, moving to the next unit while the value exceeds 5*1024.
// Negative values print as "<n>B".
std::string FormatBytes(int64_t bytes);

}  // namespace alluxio::conf
