#include "lib/common/logging.h"

#include <strings.h>
#include <sys/time.h>

#include <ctime>

namespace alluxio {

bool ParseLogLevel(std::string_view text, LogLevel* out) {
  static constexpr struct {
    const char* name;
    LogLevel level;
  } kLevels[] = {{"DEBUG", LogLevel::kDebug},
                 {"INFO", LogLevel::kInfo},
                 {"WARN", LogLevel::kWarn},
                 {"ERROR", LogLevel::kError}};
  for (const auto& l : kLevels) {
    if (text.size() == std::char_traits<char>::length(l.name) &&
        strncasecmp(text.data(), l.name, text.size()) == 0) {
      *out = l.level;
      return true;
    }
  }
  return false;
}

Logger::Logger(LogLevel level) : level_(level), out_(stderr), owns_out_(false) {}

Logger::Logger(LogLevel level, const std::string& path)
    : level_(level), out_(stderr), owns_out_(false) {
  if (std::FILE* f = std::fopen(path.c_str(), "a")) {
    out_ = f;
    owns_out_ = true;
  }
}

Logger::~Logger() {
  if (owns_out_) std::fclose(out_);
}

void Logger::Log(LogLevel level, std::string_view component, std::string_view message) {
  if (!Enabled(level)) return;
  static constexpr const char* kNames[] = {"DEBUG", "INFO ", "WARN ", "ERROR"};
  timeval tv;
  gettimeofday(&tv, nullptr);
  tm local;
  localtime_r(&tv.tv_sec, &local);
  char stamp[32];
  std::strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", &local);
  std::lock_guard<std::mutex> lock(mu_);
  std::fprintf(out_, "%s,%03d %s [%.*s] %.*s\n", stamp, static_cast<int>(tv.tv_usec / 1000),
               kNames[static_cast<int>(level)], static_cast<int>(component.size()),
               component.data(), static_cast<int>(message.size()), message.data());
  std::fflush(out_);
}

}  // namespace alluxio
