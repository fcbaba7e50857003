// The native client's data streams (internal to lib/client): reading blocks from workers and
// writing a file through one worker. See native_file_system.h.
#pragma once

#include <memory>

#include "lib/client/file_system.h"
#include "lib/client/worker_picker.h"
#include "lib/common/unique_fd.h"
#include "lib/net/http_client.h"

namespace alluxio::client {

class NativeFileSystem;

struct DataPath {
  NativeFileSystem* fs = nullptr;
  net::HttpClient* http = nullptr;  // data connections (long timeouts)
  WorkerPicker* picker = nullptr;
  int max_attempts = 3;  // workers tried per block range before giving up
  // Short-circuit reads: a block cached by a worker whose host is this name (or this machine's
  // host name) is read from the worker's tier file directly. Empty: always over HTTP.
  std::string short_circuit_host;
};

// Short-circuit: the tier file of `block` on `worker` when that worker runs on this host
// (`short_circuit_host` or this machine's host name) and lists the block, verified as the very
// file the worker names (regular, same device and inode, the block's size); an invalid
// descriptor otherwise (the caller reads over HTTP).
UniqueFd OpenLocalBlockFile(net::HttpClient& http, const std::string& short_circuit_host,
                            const wire::WorkerNetAddress& worker, const wire::FileBlockInfo& block);

std::unique_ptr<FileInStream> NewFileInStream(const DataPath& data, wire::FileInfo info,
                                              wire::ReadType read_type);
std::unique_ptr<FileOutStream> NewFileOutStream(const DataPath& data, wire::FileInfo info,
                                                wire::WriteType write_type);

}  // namespace alluxio::client
