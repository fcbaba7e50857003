#include "lib/net/response_framing.h"

#include <cerrno>
#include <ctime>

#include <linux/magic.h>
#include <sys/uio.h>
#include <sys/vfs.h>

#include "lib/common/logging.h"
#include "lib/common/strings.h"

namespace alluxio::net {
namespace {

constexpr std::string_view kCrlf = "\r\n";

// Header text must not smuggle a line break into the response.
void AppendHeaderText(std::string* out, std::string_view text) {
  for (char c : text) {
    if (c != '\r' && c != '\n') out->push_back(c);
  }
}

}  // namespace

std::string ResponseHeader(unsigned version, const HttpResponse& res, const Framing& framing,
                           std::string_view server_name, std::string_view date) {
  std::string h;
  h.reserve(256);
  h += version >= 11 ? "HTTP/1.1 " : "HTTP/1.0 ";
  StrAppend(&h, res.status, " ", ReasonPhrase(res.status), kCrlf);
  StrAppend(&h, "Server: ", server_name, kCrlf, "Date: ", date, kCrlf);
  for (const auto& [name, value] : res.headers) {
    if (framing.content_length && EqualsIgnoreCase(name, "Content-Length")) continue;
    if (EqualsIgnoreCase(name, "Connection") || EqualsIgnoreCase(name, "Transfer-Encoding")) {
      continue;
    }
    AppendHeaderText(&h, name);
    h += ": ";
    AppendHeaderText(&h, value);
    h += kCrlf;
  }
  if (framing.content_length) StrAppend(&h, "Content-Length: ", *framing.content_length, kCrlf);
  if (framing.chunked) StrAppend(&h, "Transfer-Encoding: chunked", kCrlf);
  if (version >= 11) {
    if (!framing.keep_alive) StrAppend(&h, "Connection: close", kCrlf);
  } else if (framing.keep_alive) {
    StrAppend(&h, "Connection: keep-alive", kCrlf);
  }
  h += kCrlf;
  return h;
}

bool InMemoryFile(int fd) {
  struct statfs fs {};
  if (::fstatfs(fd, &fs) != 0) return false;
  return fs.f_type == TMPFS_MAGIC || fs.f_type == RAMFS_MAGIC;
}

bool ReadFilesInto(const std::vector<FileBody>& files, std::string* out, bool no_wait) {
  std::string body;
  for (const FileBody& f : files) {
    size_t at = body.size();
    body.resize(at + static_cast<size_t>(f.length));
    const bool plain = !no_wait || InMemoryFile(f.fd.get());
    int64_t done = 0;
    while (done < f.length) {
      iovec v{body.data() + at + done, static_cast<size_t>(f.length - done)};
      ssize_t n = ::preadv2(f.fd.get(), &v, 1, f.offset + done, plain ? 0 : RWF_NOWAIT);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;  // EAGAIN under RWF_NOWAIT: not in the page cache
      done += n;
    }
  }
  *out = std::move(body);
  return true;
}

void InlineSmallFiles(std::string_view method, HttpResponse& res, bool no_wait) {
  if (res.file) {
    res.files.clear();
    res.files.push_back(std::move(*res.file));
    res.file.reset();
  }
  if (res.files.empty() || method == "HEAD") return;
  int64_t total = 0;
  for (const FileBody& f : res.files) total += f.length;
  if (total <= kInlineFileBytes && ReadFilesInto(res.files, &res.body, no_wait)) {
    res.files.clear();  // the body's length replaces any Content-Length
  }
}

bool FilesReadyOnLoop(std::string_view method, HttpResponse& res) {
  InlineSmallFiles(method, res, /*no_wait=*/true);
  if (method == "HEAD") return true;  // no body goes out
  for (const FileBody& f : res.files) {
    if (!InMemoryFile(f.fd.get())) return false;
  }
  return true;
}

std::string HttpDate::Now() {
  int64_t now = std::time(nullptr);
  std::lock_guard<std::mutex> lock(mu_);
  if (now != second_) {
    second_ = now;
    time_t t = static_cast<time_t>(now);
    tm g;
    gmtime_r(&t, &g);
    char buf[64];
    std::strftime(buf, sizeof(buf), "%a, %d %b %Y %H:%M:%S GMT", &g);
    value_ = buf;
  }
  return value_;
}

}  // namespace alluxio::net
