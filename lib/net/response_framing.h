// Response pieces of the HTTP server that need no sockets (internal to lib/net): the status line
// and header block it writes, and reading small file bodies into the response.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/net/http_message.h"

namespace alluxio::net {

// File bodies up to this size are read and sent with the header in one write.
inline constexpr int64_t kInlineFileBytes = 64 * 1024;

// Framing of a response header: what goes after the handler's own fields.
struct Framing {
  std::optional<uint64_t> content_length;  // written unless the handler set one (HEAD, streams)
  bool chunked = false;
  bool keep_alive = true;
};

// The status line and header block of `res` for an HTTP/1.`version % 10` client: Server and
// Date, the handler's fields (minus Connection and Transfer-Encoding, and minus Content-Length
// when `framing` sets one; line breaks in names and values dropped), then the framing fields.
std::string ResponseHeader(unsigned version, const HttpResponse& res, const Framing& framing,
                           std::string_view server_name, std::string_view date);

// Whether the file behind `fd` lives in memory (tmpfs, ramfs: a MEM tier), so reading it never
// waits for a disk.
bool InMemoryFile(int fd);

// Appends every region of `files` to `out`; false (with `out` unchanged) when a read fails or
// comes up short, and the caller sends the regions with sendfile instead (which reports it).
// With `no_wait` (on an event loop) a region that is not in memory fails the read instead of
// waiting for the disk: preadv2(RWF_NOWAIT), or a plain read of a file in tmpfs (which does not
// support the flag and never waits).
bool ReadFilesInto(const std::vector<FileBody>& files, std::string* out, bool no_wait);

// Moves `res.file` into `res.files`; then, unless `method` is HEAD, reads file bodies of at most
// kInlineFileBytes in all into `res.body` (ReadFilesInto with `no_wait`) and clears `res.files`,
// so they go out with the header in one write: a separate header write and sendfile(2) cost two
// segments, and for a few KiB the second system call and packet cost more than the copy.
void InlineSmallFiles(std::string_view method, HttpResponse& res, bool no_wait);

// Whether the file bodies of `res` can go out from an event loop without waiting for a disk:
// small ones read (InlineSmallFiles without waiting), the others all in memory (a tmpfs tier).
bool FilesReadyOnLoop(std::string_view method, HttpResponse& res);

// Formats the Date header's value, reusing it within a second. Thread-safe.
class HttpDate {
 public:
  std::string Now();

 private:
  std::mutex mu_;
  int64_t second_ = -1;  // guarded by mu_
  std::string value_;    // guarded by mu_
};

}  // namespace alluxio::net
