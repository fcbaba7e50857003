#include "server/proxy/s3_chunked.h"

#include <algorithm>
#include <cstring>

#include "lib/common/strings.h"

namespace alluxio::proxy {
namespace {
constexpr size_t kReadAhead = 64 * 1024;
constexpr size_t kMaxLine = 4096;
// Signed chunks are held whole until verified; SDKs send 8 KiB to 1 MiB.
constexpr uint64_t kMaxSignedChunk = 16 << 20;

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

Status AwsChunkedReader::ReadExactly(size_t n, std::string* out) {
  out->clear();
  out->reserve(n);
  while (out->size() < n) {
    if (pos_ == buf_.size()) {
      if (raw_eof_)
        return Status::InvalidArgument("aws-chunked body ended in the middle of a chunk");
      RETURN_IF_ERROR(Fill());
      continue;
    }
    size_t take = std::min(n - out->size(), buf_.size() - pos_);
    out->append(buf_, pos_, take);
    pos_ += take;
  }
  return Status::OK();
}

Status AwsChunkedReader::DrainRaw() {
  // Reading the raw body to its end lets a reader below (the signed payload hash check) see
  // it; anything but line ends after the last chunk is refused.
  auto only_line_ends = [](std::string_view s) {
    return s.find_first_not_of("\r\n") == std::string_view::npos;
  };
  while (true) {
    if (!only_line_ends(std::string_view(buf_).substr(pos_))) {
      return Status::InvalidArgument("aws-chunked body: data after the last chunk");
    }
    buf_.clear();
    pos_ = 0;
    if (raw_eof_) return Status::OK();
    RETURN_IF_ERROR(Fill());
  }
}

Status AwsChunkedReader::VerifyChunk() {
  std::string want =
      ufs::sigv4::ChunkSignature(signing_->signing_key, signing_->amz_date, signing_->scope,
                                 previous_signature_, sha_.FinishHex());
  if (!ufs::sigv4::ConstantTimeEquals(want, chunk_signature_)) {
    return Status::Unauthenticated(
        "The chunk signature we calculated does not match the chunk-signature you provided.");
  }
  previous_signature_ = std::move(want);
  return Status::OK();
}

Status AwsChunkedReader::VerifyTrailers() {
  if (trailer_signature_.empty()) {
    return Status::Unauthenticated("The signed trailers carry no x-amz-trailer-signature.");
  }
  std::string want =
      ufs::sigv4::TrailerSignature(signing_->signing_key, signing_->amz_date, signing_->scope,
                                   previous_signature_, canonical_trailers_);
  if (!ufs::sigv4::ConstantTimeEquals(want, trailer_signature_)) {
    return Status::Unauthenticated(
        "The trailer signature we calculated does not match the x-amz-trailer-signature you "
        "provided.");
  }
  return Status::OK();
}

Result<size_t> AwsChunkedReader::ReadSigned(char* buf, size_t n) {
  while (true) {
    if (verified_pos_ < verified_.size()) {
      size_t take = std::min(n, verified_.size() - verified_pos_);
      std::memcpy(buf, verified_.data() + verified_pos_, take);
      verified_pos_ += take;
      return take;
    }
    switch (state_) {
      case State::kDone:
        RETURN_IF_ERROR(DrainRaw());
        return size_t{0};
      case State::kSize: {
        ASSIGN_OR_RETURN(std::string line, ReadLine());
        size_t semi = line.find(';');
        std::string_view size_text = Trim(std::string_view(line).substr(0, semi));
        uint64_t size = 0;
        if (!ParseHexSize(size_text, &size)) {
          return Status::InvalidArgument("aws-chunked body: bad chunk header \"" +
                                         line.substr(0, 80) + "\"");
        }
        constexpr std::string_view kSig = "chunk-signature=";
        size_t at = semi == std::string::npos ? std::string::npos : line.find(kSig, semi);
        if (at == std::string::npos) {
          return Status::Unauthenticated("aws-chunked body: a chunk has no chunk-signature");
        }
        chunk_signature_ = std::string(Trim(std::string_view(line).substr(at + kSig.size())));
        if (size > kMaxSignedChunk) {
          return Status::InvalidArgument("aws-chunked body: a signed chunk over 16 MiB");
        }
        RETURN_IF_ERROR(ReadExactly(static_cast<size_t>(size), &verified_));
        verified_pos_ = 0;
        if (size > 0) {
          ASSIGN_OR_RETURN(std::string end, ReadLine());
          if (!end.empty()) {
            return Status::InvalidArgument("aws-chunked body: chunk data longer than its size");
          }
        }
        sha_.Update(verified_);
        Status st = VerifyChunk();
        if (!st.ok()) {
          verified_.clear();
          return st;
        }
        if (size == 0) state_ = State::kTrailers;
        break;
      }
      case State::kTrailers: {
        bool end = false;
        if (pos_ == buf_.size() && !raw_eof_) RETURN_IF_ERROR(Fill());
        std::string line;
        if (pos_ == buf_.size() && raw_eof_) {
          end = true;  // no final CRLF: tolerated
        } else {
          ASSIGN_OR_RETURN(line, ReadLine());
          end = line.empty();
        }
        if (end) {
          if (signing_->trailer) RETURN_IF_ERROR(VerifyTrailers());
          state_ = State::kDone;
          break;
        }
        size_t colon = line.find(':');
        if (colon == std::string::npos) {
          return Status::InvalidArgument("aws-chunked body: bad trailer \"" + line.substr(0, 80) +
                                         "\"");
        }
        std::string name = ToLower(Trim(std::string_view(line).substr(0, colon)));
        std::string value(Trim(std::string_view(line).substr(colon + 1)));
        if (name == "x-amz-trailer-signature") {
          trailer_signature_ = value;
        } else {
          canonical_trailers_ += name + ":" + value + "\n";
          trailers_[name] = value;
        }
        break;
      }
      case State::kData:
      case State::kDataEnd:
        return Status::Internal("aws-chunked reader: unexpected state");
    }
  }
}

Result<size_t> AwsChunkedReader::Read(char* buf, size_t n) {
  if (n == 0) return size_t{0};
  if (signing_) return ReadSigned(buf, n);
  while (true) {
    switch (state_) {
      case State::kDone:
        RETURN_IF_ERROR(DrainRaw());
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
