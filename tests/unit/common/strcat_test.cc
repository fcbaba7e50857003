#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>

#include "lib/common/logging.h"

namespace alluxio {
namespace {

enum Plain { kPlainTwo = 2 };

struct Streamable {
  int v;
};
std::ostream& operator<<(std::ostream& os, const Streamable& s) { return os << "S(" << s.v << ")"; }

// What the stream-based StrCat printed, for comparison.
template <typename... Args>
std::string ByStream(const Args&... args) {
  std::ostringstream os;
  (os << ... << args);
  return os.str();
}

}  // namespace

TEST_CASE("StrCat prints every kind of part as a stream would", "[common]") {
  const std::string s = "str";
  const std::string_view sv = "view";
  const char* cp = "ptr";
  CHECK(StrCat("lit", s, sv, cp) == "litstrviewptr");
  CHECK(StrCat('c', true, false) == ByStream('c', true, false));
  CHECK(StrCat(int64_t{-42}, uint64_t{18446744073709551615ULL}, 0, short{-7}) ==
        ByStream(int64_t{-42}, uint64_t{18446744073709551615ULL}, 0, short{-7}));
  CHECK(StrCat(std::numeric_limits<int64_t>::min()) ==
        ByStream(std::numeric_limits<int64_t>::min()));
  CHECK(StrCat(1.5, 0.1f, 1e20) == ByStream(1.5, 0.1f, 1e20));
  CHECK(StrCat(kPlainTwo, Streamable{3}) == "2S(3)");
  CHECK(StrCat(static_cast<unsigned char>('x'), static_cast<signed char>('y')) == "xy");
  CHECK(StrCat() == "");
  CHECK(StrCat(std::string_view("a\0b", 3)).size() == 3);
}

}  // namespace alluxio
