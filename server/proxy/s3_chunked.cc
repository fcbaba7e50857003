#include "server/proxy/s3_chunked.h"

#include <algorithm>
#include <cstring>

#include "lib/common/strings.h"

namespace alluxio::proxy {
namespace {
constexpr size_t kReadAhead = 64 * 1024;
constexpr size_t kMaxLine = 4096;

bool ParseHexSize(std::string_view text, uint64_t* out) {
  if (text.empty() || text.size() > 15) return false;
  uint64_t v = 0;
  for (char c : text) {
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (d < 0) return false;
    v = v * 16 + static_cast<uint64_t>(d);
  }
  *out = v;
  return true;
}
}  // namespace

Status AwsChunkedReader::Fill() {
  if (pos_ > 0) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  size_t old = buf_.size();
  buf_.resize(old + kReadAhead);
  auto got = raw_->Read(buf_.data() + old, kReadAhead);
  if (!got.ok()) {
    buf_.resize(old);
    return got.status();
  }
  buf_.resize(old + *got);
  if (*got == 0) raw_eof_ = true;
  return Status::OK();
}

Result<std::string> AwsChunkedReader::ReadLine() {
  size_t scanned = 0;  // bytes after pos_ known to hold no CRLF (but maybe a trailing CR)
  while (true) {
    size_t crlf = buf_.find("\r\n", pos_ + (scanned > 0 ? scanned - 1 : 0));
    if (crlf != std::string::npos) {
      std::string line = buf_.substr(pos_, crlf - pos_);
      pos_ = crlf + 2;
      return line;
    }
    scanned = buf_.size() - pos_;
    if (scanned > kMaxLine) {
      return Status::InvalidArgument("aws-chunked body: a chunk header is longer than 4 KiB");
    }
    if (raw_eof_) {
      return Status::InvalidArgument("aws-chunked body ended in the middle of a chunk header");
    }
    RETURN_IF_ERROR(Fill());  // keeps buf_[pos_..] at the front: `scanned` stays valid
  }
}

Result<size_t> AwsChunkedReader::Read(char* buf, size_t n) {
  if (n == 0) return size_t{0};
  while (true) {
    switch (state_) {
      case State::kDone:
        return size_t{0};
      case State::kSize: {
        ASSIGN_OR_RETURN(std::string line, ReadLine());
        std::string_view size_text = Trim(std::string_view(line).substr(0, line.find(';')));
        if (!ParseHexSize(size_text, &remaining_)) {
          return Status::InvalidArgument("aws-chunked body: bad chunk header \"" +
                                         line.substr(0, 80) + "\"");
        }
        state_ = remaining_ == 0 ? State::kTrailers : State::kData;
        break;
      }
      case State::kData: {
        if (pos_ == buf_.size()) {
          if (raw_eof_) {
            return Status::InvalidArgument("aws-chunked body ended in the middle of a chunk");
          }
          // Nothing read ahead: read straight into the caller's buffer.
          size_t want = static_cast<size_t>(std::min<uint64_t>(n, remaining_));
          buf_.clear();
          pos_ = 0;
          auto got = raw_->Read(buf, want);
          if (!got.ok()) return got.status();
          if (*got == 0) {
            raw_eof_ = true;
            continue;
          }
          remaining_ -= *got;
          if (remaining_ == 0) state_ = State::kDataEnd;
          return *got;
        }
        size_t take = static_cast<size_t>(
            std::min<uint64_t>({static_cast<uint64_t>(n), remaining_, buf_.size() - pos_}));
        std::memcpy(buf, buf_.data() + pos_, take);
        pos_ += take;
        remaining_ -= take;
        if (remaining_ == 0) state_ = State::kDataEnd;
        return take;
      }
      case State::kDataEnd: {
        ASSIGN_OR_RETURN(std::string line, ReadLine());
        if (!line.empty()) {
          return Status::InvalidArgument("aws-chunked body: chunk data longer than its size");
        }
        state_ = State::kSize;
        break;
      }
      case State::kTrailers: {
        if (pos_ == buf_.size() && !raw_eof_) RETURN_IF_ERROR(Fill());
        if (pos_ == buf_.size() && raw_eof_) {  // no final CRLF: tolerated
          state_ = State::kDone;
          break;
        }
        ASSIGN_OR_RETURN(std::string line, ReadLine());
        if (line.empty()) {
          state_ = State::kDone;
          break;
        }
        size_t colon = line.find(':');
        if (colon == std::string::npos) {
          return Status::InvalidArgument("aws-chunked body: bad trailer \"" + line.substr(0, 80) +
                                         "\"");
        }
        trailers_[ToLower(Trim(std::string_view(line).substr(0, colon)))] =
            std::string(Trim(std::string_view(line).substr(colon + 1)));
        break;
      }
    }
  }
}

}  // namespace alluxio::proxy
