#include "lib/ufs/under_file_system.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <utility>
#include <vector>

#include "lib/common/logging.h"
#include "lib/common/strings.h"
#include "lib/ufs/local_ufs.h"
#include "lib/ufs/memory_ufs.h"
#include "lib/ufs/s3_ufs.h"
#include "lib/ufs/ufs_path.h"

namespace alluxio::ufs {

Result<size_t> UfsInputStream::CopyTo(int fd, size_t n) {
  const size_t size = std::min<size_t>(n, 1 << 20);
  if (size == 0) return size_t{0};
  // Not zeroed: Read overwrites what is used, and zeroing would be one more pass over the data.
  auto buf = std::make_unique_for_overwrite<char[]>(size);
  ASSIGN_OR_RETURN(size_t got, Read(buf.get(), size));
  size_t done = 0;
  while (done < got) {
    ssize_t w = ::write(fd, buf.get() + done, got - done);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) {
      return Status::Internal(StrCat("Writing a copy of UFS data failed: ", std::strerror(errno)));
    }
    done += static_cast<size_t>(w);
  }
  return got;
}

Result<std::vector<UfsStatus>> UnderFileSystem::ListAll(const std::string& path) {
  std::vector<UfsStatus> out;
  RETURN_IF_ERROR(ListStatus(path, [&out](UfsStatus&& status) {
    out.push_back(std::move(status));
    return Status::OK();
  }));
  return out;
}

UfsRegistry UfsRegistry::WithBuiltins() {
  UfsRegistry registry;
  registry.Register(
      "file",
      [](const std::string& uri,
         const std::map<std::string, std::string>&) -> Result<std::shared_ptr<UnderFileSystem>> {
        // Reject a URI the instance could never serve now rather than at the first call.
        RETURN_IF_ERROR(LocalUfs::ToLocalPath(uri).status());
        return std::shared_ptr<UnderFileSystem>(std::make_shared<LocalUfs>());
      });
  // One store per registry: every mem:// mount of this process sees the same data.
  std::shared_ptr<MemoryUfs::Store> store = MemoryUfs::NewStore();
  registry.Register("mem",
                    [store](const std::string& uri, const std::map<std::string, std::string>&)
                        -> Result<std::shared_ptr<UnderFileSystem>> {
                      RETURN_IF_ERROR(MemoryUfs::CheckUri(uri));
                      return std::shared_ptr<UnderFileSystem>(std::make_shared<MemoryUfs>(store));
                    });
  // "s3" and "s3a", sharing one connection pool per registry.
  S3Ufs::Register(registry);
  return registry;
}

void UfsRegistry::Register(std::string scheme, Factory factory) {
  factories_[ToLower(scheme)] = std::move(factory);
}

Result<std::shared_ptr<UnderFileSystem>> UfsRegistry::Create(
    const std::string& uri, const std::map<std::string, std::string>& properties) const {
  std::string scheme = SchemeOf(uri);
  if (scheme.empty()) {
    return Status::InvalidArgument(
        StrCat("UFS URI '", uri, "' has no scheme and is not an absolute path"));
  }
  auto it = factories_.find(scheme);
  if (it == factories_.end()) {
    std::vector<std::string> known = Schemes();
    return Status::InvalidArgument(
        StrCat("no under file system for scheme '", scheme, "' of '", uri,
               "'; known schemes: ", known.empty() ? "(none)" : Join(known, ", ")));
  }
  return it->second(uri, properties);
}

std::vector<std::string> UfsRegistry::Schemes() const {
  std::vector<std::string> out;
  for (const auto& [scheme, factory] : factories_) out.push_back(scheme);
  return out;
}

std::string SchemeOf(std::string_view uri) {
  ParsedUri parsed = ParseUri(uri);
  if (!parsed.scheme.empty()) return parsed.scheme;
  return StartsWith(uri, "/") ? "file" : "";
}

}  // namespace alluxio::ufs
