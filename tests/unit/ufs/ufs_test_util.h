// Helpers shared by the lib/ufs tests: Status matchers that print the whole Status on failure,
// a temporary directory, and whole-file read/write/list helpers.
#pragma once

#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "lib/common/result.h"
#include "lib/ufs/under_file_system.h"

namespace Catch {
template <>
struct StringMaker<alluxio::Status> {
  static std::string convert(const alluxio::Status& s) { return s.ToString(); }
};
}  // namespace Catch

namespace alluxio::ufs::testing {

inline Status StatusOf(const Status& s) { return s; }
template <typename T>
Status StatusOf(const Result<T>& r) {
  return r.status();
}

class StatusCodeMatcher : public Catch::MatcherBase<Status> {
 public:
  explicit StatusCodeMatcher(StatusCode code) : code_(code) {}
  bool match(const Status& s) const override { return s.code() == code_; }
  std::string describe() const override { return "has code " + std::string(StatusCodeName(code_)); }

 private:
  StatusCode code_;
};

inline StatusCodeMatcher HasCode(StatusCode code) { return StatusCodeMatcher(code); }

// UFS_REQUIRE_OK(expr) / UFS_CHECK_OK(expr): `expr` is a Status or a Result.
#define UFS_REQUIRE_OK(expr)                            \
  REQUIRE_THAT(::alluxio::ufs::testing::StatusOf(expr), \
               ::alluxio::ufs::testing::HasCode(::alluxio::StatusCode::kOk))
#define UFS_CHECK_OK(expr)                            \
  CHECK_THAT(::alluxio::ufs::testing::StatusOf(expr), \
             ::alluxio::ufs::testing::HasCode(::alluxio::StatusCode::kOk))
// UFS_CHECK_CODE(expr, kNotFound)
#define UFS_CHECK_CODE(expr, code)                    \
  CHECK_THAT(::alluxio::ufs::testing::StatusOf(expr), \
             ::alluxio::ufs::testing::HasCode(::alluxio::StatusCode::code))

// A fresh directory under $TMPDIR (or /tmp), removed with its contents on destruction.
class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern =
        std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/alluxio-ufs-XXXXXX";
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    REQUIRE(::mkdtemp(buf.data()) != nullptr);
    path_ = buf.data();
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

inline Status WriteFile(UnderFileSystem& ufs, const std::string& path, std::string_view content,
                        const CreateOptions& options = {}) {
  ASSIGN_OR_RETURN(std::unique_ptr<UfsOutputStream> out, ufs.Create(path, options));
  RETURN_IF_ERROR(out->Write(content));
  return out->Close();
}

// Reads `in` to its end, `chunk` bytes at a time.
inline Result<std::string> Drain(UfsInputStream& in, size_t chunk = 4096) {
  std::string out;
  std::vector<char> buf(chunk);
  while (true) {
    ASSIGN_OR_RETURN(size_t n, in.Read(buf.data(), buf.size()));
    if (n == 0) return out;
    out.append(buf.data(), n);
  }
}

inline Result<std::string> ReadFile(UnderFileSystem& ufs, const std::string& path,
                                    const OpenOptions& options = {}, size_t chunk = 4096) {
  ASSIGN_OR_RETURN(std::unique_ptr<UfsInputStream> in, ufs.Open(path, options));
  return Drain(*in, chunk);
}

// The content of `path`; fails the test when it cannot be read.
inline std::string MustRead(UnderFileSystem& ufs, const std::string& path,
                            const OpenOptions& options = {}, size_t chunk = 4096) {
  Result<std::string> content = ReadFile(ufs, path, options, chunk);
  UFS_REQUIRE_OK(content);
  return *content;
}

inline void MustWrite(UnderFileSystem& ufs, const std::string& path, std::string_view content,
                      const CreateOptions& options = {}) {
  UFS_REQUIRE_OK(WriteFile(ufs, path, content, options));
}

inline UfsStatus MustStat(UnderFileSystem& ufs, const std::string& path) {
  Result<UfsStatus> status = ufs.GetStatus(path);
  UFS_REQUIRE_OK(status);
  return *status;
}

inline bool MustExist(UnderFileSystem& ufs, const std::string& path) {
  Result<bool> exists = ufs.Exists(path);
  UFS_REQUIRE_OK(exists);
  return *exists;
}

// Names of the children of `path`, in the order ListStatus gives them.
inline std::vector<std::string> MustListNames(UnderFileSystem& ufs, const std::string& path) {
  std::vector<std::string> names;
  UFS_REQUIRE_OK(ufs.ListStatus(path, [&names](UfsStatus&& s) {
    names.push_back(s.name);
    return Status::OK();
  }));
  return names;
}

// The effective user's and group's names, as LocalUfs reports them.
inline std::string CurrentUser() {
  passwd* pw = ::getpwuid(::geteuid());
  return pw != nullptr ? std::string(pw->pw_name) : std::to_string(::geteuid());
}
inline std::string CurrentGroup() {
  group* gr = ::getgrgid(::getegid());
  return gr != nullptr ? std::string(gr->gr_name) : std::to_string(::getegid());
}

}  // namespace alluxio::ufs::testing
