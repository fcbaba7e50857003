// The master's RPC surface: HTTP/JSON routes on alluxio.master.rpc.port (19998). Every route
// is POST with a JSON object body and answers 200 with a JSON object, or an error status
// (lib/wire/error_body.h) with {"statusCode","message"}. The caller's user name travels in the
// X-Alluxio-User header (authentication SIMPLE). Bodies are listed in lib/wire/README.md.
#pragma once

#include <string_view>

namespace alluxio::wire {

inline constexpr std::string_view kUserHeader = "X-Alluxio-User";
inline constexpr std::string_view kMasterFsPrefix = "/api/v1/master/fs/";

namespace master_rpc {
inline constexpr std::string_view kGetStatus = "get-status";
inline constexpr std::string_view kGetStatusById = "get-status-by-id";
inline constexpr std::string_view kListStatus = "list-status";
inline constexpr std::string_view kExists = "exists";
inline constexpr std::string_view kCreateDirectory = "create-directory";
inline constexpr std::string_view kCreateFile = "create-file";
inline constexpr std::string_view kCompleteFile = "complete-file";
inline constexpr std::string_view kDelete = "delete";
inline constexpr std::string_view kRename = "rename";
inline constexpr std::string_view kSetAttribute = "set-attribute";
inline constexpr std::string_view kFree = "free";
inline constexpr std::string_view kMount = "mount";
inline constexpr std::string_view kUnmount = "unmount";
inline constexpr std::string_view kMountTable = "mount-table";
inline constexpr std::string_view kScheduleAsyncPersistence = "schedule-async-persistence";
}  // namespace master_rpc

}  // namespace alluxio::wire
