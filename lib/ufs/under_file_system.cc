#include "lib/ufs/under_file_system.h"

#include <utility>

#include "lib/common/logging.h"
#include "lib/common/strings.h"
#include "lib/ufs/local_ufs.h"
#include "lib/ufs/memory_ufs.h"
#include "lib/ufs/s3_ufs.h"
#include "lib/ufs/ufs_path.h"

namespace alluxio::ufs {

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
