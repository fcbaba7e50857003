#include "lib/conf/units.h"

#include <cctype>
#include <cinttypes>
#include <cstdio>
#include <limits>

#include "lib/common/strings.h"
#include "lib/conf/value_forms.h"

namespace alluxio::conf {
namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

struct Unit {
  std::string_view name;  // lower case
  int64_t multiplier;
};

constexpr int64_t kKiB = int64_t{1} << 10;
constexpr int64_t kMiB = int64_t{1} << 20;
constexpr int64_t kGiB = int64_t{1} << 30;
constexpr int64_t kTiB = int64_t{1} << 40;
constexpr int64_t kPiB = int64_t{1} << 50;

constexpr Unit kSizeUnits[] = {
    {"", 1},     {"b", 1},     {"k", kKiB}, {"kb", kKiB}, {"m", kMiB}, {"mb", kMiB},
    {"g", kGiB}, {"gb", kGiB}, {"t", kTiB}, {"tb", kTiB}, {"p", kPiB}, {"pb", kPiB},
};

constexpr int64_t kSecond = 1000;
constexpr int64_t kMinute = 60 * kSecond;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kDay = 24 * kHour;

constexpr Unit kDurationUnits[] = {
    {"", 1},          {"ms", 1},         {"millisecond", 1},  {"milliseconds", 1},  {"s", kSecond},
    {"sec", kSecond}, {"secs", kSecond}, {"second", kSecond}, {"seconds", kSecond}, {"m", kMinute},
    {"min", kMinute}, {"mins", kMinute}, {"minute", kMinute}, {"minutes", kMinute}, {"h", kHour},
    {"hr", kHour},    {"hrs", kHour},    {"hour", kHour},     {"hours", kHour},     {"d", kDay},
    {"day", kDay},    {"days", kDay},
};

template <size_t N>
const Unit* FindUnit(const Unit (&units)[N], std::string_view spelled) {
  std::string lower = ToLower(spelled);
  for (const Unit& unit : units) {
    if (unit.name == lower) return &unit;
  }
  return nullptr;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// "<digits>[.<digits>]<spaces><letters>" split into its parts. False if the text has any other
// shape (signs, exponents, junk after the unit).
struct NumberWithUnit {
  std::string_view whole;     // digits before the point; may be empty when `fraction` is not
  std::string_view fraction;  // digits after the point
  bool has_point = false;
  std::string_view unit;
};

bool SplitNumberAndUnit(std::string_view text, NumberWithUnit* out) {
  size_t i = 0;
  while (i < text.size() && IsDigit(text[i])) ++i;
  out->whole = text.substr(0, i);
  if (i < text.size() && text[i] == '.') {
    out->has_point = true;
    size_t start = ++i;
    while (i < text.size() && IsDigit(text[i])) ++i;
    out->fraction = text.substr(start, i - start);
  }
  if (out->whole.empty() && out->fraction.empty()) return false;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  size_t unit_start = i;
  while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
  out->unit = text.substr(unit_start, i - unit_start);
  return i == text.size();
}

// whole.fraction * multiplier, truncated toward zero; false on overflow.
bool Scale(const NumberWithUnit& number, int64_t multiplier, int64_t* out) {
  __int128 whole = 0;
  for (char c : number.whole) {
    whole = whole * 10 + (c - '0');
    if (whole > kMax) return false;
  }
  __int128 total = whole * multiplier;
  // Beyond 18 digits the fraction cannot change a result that fits in int64 bytes by more than
  // the truncation already drops.
  std::string_view fraction = number.fraction.substr(0, 18);
  if (!fraction.empty()) {
    __int128 numerator = 0;
    __int128 denominator = 1;
    for (char c : fraction) {
      numerator = numerator * 10 + (c - '0');
      denominator *= 10;
    }
    total += numerator * multiplier / denominator;
  }
  if (total > kMax) return false;
  *out = static_cast<int64_t>(total);
  return true;
}

Status InvalidSize(std::string_view text) {
  return Status::InvalidArgument("Invalid size \"" + std::string(text) +
                                 "\": " + std::string(internal::kExpectedBytes));
}

Status InvalidDuration(std::string_view text) {
  return Status::InvalidArgument("Invalid duration \"" + std::string(text) +
                                 "\": " + std::string(internal::kExpectedDuration));
}

}  // namespace

Result<int64_t> ParseBytes(std::string_view text) {
  std::string_view trimmed = Trim(text);
  NumberWithUnit number;
  if (!SplitNumberAndUnit(trimmed, &number)) return InvalidSize(text);
  const Unit* unit = FindUnit(kSizeUnits, number.unit);
  if (unit == nullptr) return InvalidSize(text);
  // "1.5" alone is not a whole number of bytes; with a unit it is a convenient spelling.
  if (number.has_point && number.unit.empty()) return InvalidSize(text);
  int64_t bytes = 0;
  if (!Scale(number, unit->multiplier, &bytes)) {
    return Status::InvalidArgument("Invalid size \"" + std::string(text) +
                                   "\": the value is too large; use at most 8191PB");
  }
  return bytes;
}

Result<int64_t> ParseDurationMs(std::string_view text) {
  std::string_view trimmed = Trim(text);
  if (trimmed == "-1") return int64_t{-1};
  NumberWithUnit number;
  if (!SplitNumberAndUnit(trimmed, &number) || number.has_point) return InvalidDuration(text);
  const Unit* unit = FindUnit(kDurationUnits, number.unit);
  if (unit == nullptr) return InvalidDuration(text);
  int64_t ms = 0;
  if (!Scale(number, unit->multiplier, &ms)) {
    return Status::InvalidArgument("Invalid duration \"" + std::string(text) +
                                   "\": the value is too large; use a shorter duration");
  }
  return ms;
}

Result<bool> ParseBool(std::string_view text) {
  std::string_view trimmed = Trim(text);
  if (EqualsIgnoreCase(trimmed, "true")) return true;
  if (EqualsIgnoreCase(trimmed, "false")) return false;
  return Status::InvalidArgument("Invalid boolean \"" + std::string(text) +
                                 "\": " + std::string(internal::kExpectedBool));
}

std::string FormatBytes(int64_t bytes) {
  constexpr int64_t kLimit = 5 * 1024;
  if (bytes <= kLimit) return std::to_string(bytes) + "B";
  static constexpr std::string_view kUnits[] = {"KB", "MB", "GB", "TB", "PB"};
  int shift = 10;
  size_t unit = 0;
  // Move to the next unit while the value in this unit exceeds 5 * 1024.
  while (unit + 1 < std::size(kUnits) &&
         static_cast<__int128>(bytes) > static_cast<__int128>(kLimit) << shift) {
    shift += 10;
    ++unit;
  }
  // The value in this unit is bytes / 2^shift exactly; print it with two decimals, rounding
  // half up as Java's String.format("%.2f") does.
  __int128 hundredths =
      (static_cast<__int128>(bytes) * 100 + (static_cast<__int128>(1) << (shift - 1))) >> shift;
  int64_t whole = static_cast<int64_t>(hundredths / 100);
  int cents = static_cast<int>(hundredths % 100);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%" PRId64 ".%02d", whole, cents);
  return std::string(buf) + std::string(kUnits[unit]);
}

}  // namespace alluxio::conf
