// Logger: leveled, line-oriented log output to stderr or a file.
//
// There is no global logger: a process creates one and hands it to its components, which keep a
// pointer (leveldb's Options::info_log). Lines look like
//   2026-11-22 10:00:00,123 INFO  [master] message
// Thread-safe: each line is written with one call under a mutex.
#pragma once

#include <charconv>
#include <cstdio>
#include <mutex>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>

namespace alluxio {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

// Parses DEBUG/INFO/WARN/ERROR (case-insensitive).
bool ParseLogLevel(std::string_view text, LogLevel* out);

class Logger {
 public:
  // Logs to stderr.
  explicit Logger(LogLevel level = LogLevel::kInfo);
  // Logs to `path` (appending); falls back to stderr if it cannot be opened.
  Logger(LogLevel level, const std::string& path);
  ~Logger();
  Logger(const Logger&) = delete;
  Logger& operator=(const Logger&) = delete;

  bool Enabled(LogLevel level) const { return level >= level_; }
  void Log(LogLevel level, std::string_view component, std::string_view message);

  void Debug(std::string_view component, std::string_view m) {
    Log(LogLevel::kDebug, component, m);
  }
  void Info(std::string_view component, std::string_view m) { Log(LogLevel::kInfo, component, m); }
  void Warn(std::string_view component, std::string_view m) { Log(LogLevel::kWarn, component, m); }
  void Error(std::string_view component, std::string_view m) {
    Log(LogLevel::kError, component, m);
  }

 private:
  LogLevel level_;
  std::mutex mu_;
  std::FILE* out_;  // guarded by mu_
  bool owns_out_;   // immutable after construction
};

namespace strcat_internal {

// Appends one part as `std::ostream << part` would print it. Strings, characters and integers
// (the parts of nearly every message) are appended directly: a stream per call costs a locale
// set-up that showed up in request profiles. Anything else still goes through a stream.
template <typename T>
void AppendPart(std::string& out, const T& part) {
  if constexpr (std::is_convertible_v<const T&, std::string_view>) {
    out.append(std::string_view(part));
  } else if constexpr (std::is_same_v<T, char>) {
    out.push_back(part);
  } else if constexpr (std::is_same_v<T, bool>) {
    out.push_back(part ? '1' : '0');
  } else if constexpr (std::is_integral_v<T> && !std::is_same_v<T, signed char> &&
                       !std::is_same_v<T, unsigned char>) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof(buf), part);
    out.append(buf, r.ptr);
  } else {
    std::ostringstream os;
    os << part;
    out.append(os.str());
  }
}

}  // namespace strcat_internal

// Builds a message from streamable parts: StrCat("read ", n, " bytes").
template <typename... Args>
std::string StrCat(const Args&... args) {
  std::string out;
  (strcat_internal::AppendPart(out, args), ...);
  return out;
}

// Appends the parts to `out`, as StrCat would print them.
template <typename... Args>
void StrAppend(std::string* out, const Args&... args) {
  (strcat_internal::AppendPart(*out, args), ...);
}

}  // namespace alluxio
