// The S3 connector's streams: ranged reads that resume after a dropped connection, and writes as
// one PUT or a multipart upload (aborted on failure, so no partial object is left).
#include "lib/ufs/s3_client.h"

namespace alluxio::ufs {

namespace {

using Client = S3Ufs::Client;

// ---------------------------------------------------------------------------------------------
// Streams

class S3InputStream final : public UfsInputStream {
 public:
  // Reads [position, end) of `key` (end -1: to the end of the object); `body` is the response
  // already opened at `position` (null: nothing left to read), `skip` bytes of it to drop first
  // (a server that ignored the Range header).
  S3InputStream(std::shared_ptr<Client> client, std::string key, std::string uri, std::string etag,
                int64_t position, int64_t end, std::unique_ptr<net::ResponseStream> body,
                int64_t skip)
      : client_(std::move(client)),
        key_(std::move(key)),
        uri_(std::move(uri)),
        etag_(std::move(etag)),
        position_(position),
        end_(end),
        body_(std::move(body)),
        skip_(skip),
        done_(body_ == nullptr) {}

  Result<size_t> Read(char* buf, size_t n) override {
    if (done_ || n == 0) return size_t{0};
    if (end_ >= 0) n = static_cast<size_t>(std::min<int64_t>(n, end_ - position_));
    if (n == 0) return size_t{0};
    int failures = 0;
    while (true) {
      if (!body_) {
        ASSIGN_OR_RETURN(body_, Reopen());
        if (!body_) {
          done_ = true;
          return size_t{0};
        }
      }
      Result<size_t> got = body_->Read(buf, n);
      if (got.ok()) {
        if (*got == 0) {
          done_ = true;
          body_.reset();
          return size_t{0};
        }
        if (skip_ > 0) {
          size_t dropped = static_cast<size_t>(std::min<int64_t>(skip_, *got));
          skip_ -= static_cast<int64_t>(dropped);
          if (dropped < *got) std::copy(buf + dropped, buf + *got, buf);
          if (*got == dropped) continue;
          *got -= dropped;
        }
        position_ += static_cast<int64_t>(*got);
        return *got;
      }
      // The connection broke mid-body: resume where we are, from the same object version.
      body_.reset();
      skip_ = 0;
      if (++failures >= client_->options().retry.max_connection_attempts) {
        return Status::Unavailable(
            StrCat("cannot read ", uri_, " at offset ", position_, ": ", got.status().message()));
      }
    }
  }

 private:
  // A new GET from position_; null when there is nothing left (416).
  Result<std::unique_ptr<net::ResponseStream>> Reopen() {
    Client::Call call;
    call.key = key_;
    call.stream = true;
    call.headers = {{"Range", StrCat("bytes=", position_, "-",
                                     end_ >= 0 ? std::to_string(end_ - 1) : std::string())}};
    if (!etag_.empty()) call.headers.emplace_back("If-Match", StrCat("\"", etag_, "\""));
    ASSIGN_OR_RETURN(Client::Reply reply, client_->Send(call));
    if (reply.status == 416) return std::unique_ptr<net::ResponseStream>();
    if (reply.status == 412) {
      return Status::Aborted(StrCat("cannot read ", uri_, ": it changed while it was being read"));
    }
    if (!reply.ok()) return client_->ErrorOf(reply, StrCat("cannot read ", uri_));
    if (reply.status != 206) skip_ = position_;
    return std::move(reply.stream);
  }

  const std::shared_ptr<Client> client_;
  const std::string key_;
  const std::string uri_;
  const std::string etag_;
  int64_t position_;
  const int64_t end_;  // exclusive; -1: the end of the object
  std::unique_ptr<net::ResponseStream> body_;
  int64_t skip_;
  bool done_;
};

class S3OutputStream final : public UfsOutputStream {
 public:
  S3OutputStream(std::shared_ptr<Client> client, std::string key, std::string uri,
                 const CreateOptions& options)
      : client_(std::move(client)),
        key_(std::move(key)),
        uri_(std::move(uri)),
        options_(options),
        part_size_(static_cast<size_t>(std::max<int64_t>(client_->options().part_size, 1))) {}
  ~S3OutputStream() override { Cancel(); }

  Status Write(std::string_view data) override {
    if (state_ != State::kOpen) return Finished();
    if (!error_.ok()) return error_;
    while (!data.empty()) {
      // A full buffer goes out only once more data follows, so a file of exactly one part
      // size is still a single PUT.
      if (buffer_.size() == part_size_) {
        Status s = UploadPart();
        if (!s.ok()) {
          error_ = s;
          Abort();
          return error_;
        }
      }
      size_t take = std::min(part_size_ - buffer_.size(), data.size());
      buffer_.append(data.data(), take);
      data.remove_prefix(take);
    }
    return Status::OK();
  }

  Status Close() override {
    if (state_ != State::kOpen) return Finished();
    state_ = State::kClosed;
    Status result = error_.ok() ? Publish() : error_;
    if (!result.ok()) Abort();
    buffer_ = std::string();
    return result;
  }

  void Cancel() override {
    if (state_ != State::kOpen) return;
    state_ = State::kCancelled;
    Abort();
    buffer_ = std::string();
  }

 private:
  enum class State { kOpen, kClosed, kCancelled };

  Status Finished() const {
    return Status::FailedPrecondition(StrCat("the output stream of ", uri_, " is already ",
                                             state_ == State::kClosed ? "closed" : "cancelled"));
  }

  Status UploadPart() {
    std::string doing = StrCat("cannot write ", uri_);
    if (upload_id_.empty()) {
      Client::Call call;
      call.method = "POST";
      call.key = key_;
      call.query = {{"uploads", ""}};
      ASSIGN_OR_RETURN(Client::Reply reply, client_->Send(call));
      if (!reply.ok()) return client_->ErrorOf(reply, doing);
      ASSIGN_OR_RETURN(upload_id_, s3xml::ParseUploadId(reply.body));
      buffer_.reserve(part_size_);
    }
    if (static_cast<int>(etags_.size()) >= s3_detail::kMaxParts) {
      return Status::ResourceExhausted(
          StrCat(doing, ": more than ", s3_detail::kMaxParts, " parts of ", part_size_,
                 " bytes; raise alluxio.underfs.s3.multipart.upload.partition.size"));
    }
    Client::Call call;
    call.method = "PUT";
    call.key = key_;
    call.query = {{"partNumber", std::to_string(etags_.size() + 1)}, {"uploadId", upload_id_}};
    call.body = buffer_;
    call.hash_body = false;
    ASSIGN_OR_RETURN(Client::Reply reply, client_->Send(call));
    if (!reply.ok()) return client_->ErrorOf(reply, doing);
    std::string etag = s3xml::UnquoteETag(reply.headers.Get("ETag"));
    if (etag.empty()) return Status::Unknown(StrCat(doing, ": S3 returned a part without an ETag"));
    etags_.push_back(std::move(etag));
    buffer_.clear();
    return Status::OK();
  }

  Status Publish() {
    std::string doing = StrCat("cannot create ", uri_);
    // What may have changed since Create: the parent, a directory or a racing file at the path.
    std::string parent = s3_detail::ParentKey(key_);
    if (!client_->IsRootOrAbove(parent)) {
      ASSIGN_OR_RETURN(bool parent_exists, client_->PrefixExists(parent + "/", doing));
      if (!parent_exists) {
        return Status::NotFound(StrCat(doing, ": its parent directory no longer exists"));
      }
    }
    ASSIGN_OR_RETURN(bool directory, client_->PrefixExists(key_ + "/", doing));
    if (directory) return Status::FailedPrecondition(StrCat(doing, ": it is a directory"));
    if (options_.must_not_exist) {
      ASSIGN_OR_RETURN(Client::Reply head, client_->Head(key_));
      if (head.ok()) return Status::AlreadyExists(StrCat(doing, ": it already exists"));
      if (head.status != 404) return client_->ErrorOf(head, doing);
    }

    Client::Call call;
    call.key = key_;
    if (options_.must_not_exist) call.headers.emplace_back("If-None-Match", "*");
    std::string xml;
    if (upload_id_.empty()) {
      call.method = "PUT";
      call.body = buffer_;
      call.hash_body = false;
    } else {
      if (!buffer_.empty()) RETURN_IF_ERROR(UploadPart());
      xml = s3xml::CompleteMultipartUploadXml(etags_);
      call.method = "POST";
      call.query = {{"uploadId", upload_id_}};
      call.headers.emplace_back("Content-Type", "application/xml");
      call.body = xml;
      call.error_in_ok = true;
    }
    ASSIGN_OR_RETURN(Client::Reply reply, client_->Send(call));
    if (reply.status == 412 && options_.must_not_exist) {
      return Status::AlreadyExists(StrCat(doing, ": it already exists"));
    }
    if (!reply.ok()) return client_->ErrorOf(reply, doing);
    upload_id_.clear();  // completed: nothing to abort
    return Status::OK();
  }

  void Abort() {
    if (upload_id_.empty()) return;
    client_->AbortUpload(key_, upload_id_);
    upload_id_.clear();
  }

  // Immutable after construction.
  const std::shared_ptr<Client> client_;
  const std::string key_;
  const std::string uri_;
  const CreateOptions options_;
  const size_t part_size_;
  // Mutable; the stream is used by one thread at a time.
  std::string buffer_;
  std::string upload_id_;  // of the multipart upload, once one is started
  std::vector<std::string> etags_;
  State state_ = State::kOpen;
  Status error_;  // the first failed Write
};

}  // namespace

std::unique_ptr<UfsInputStream> NewS3InputStream(std::shared_ptr<S3Ufs::Client> client,
                                                 std::string key, std::string uri, std::string etag,
                                                 int64_t position, int64_t end,
                                                 std::unique_ptr<net::ResponseStream> body,
                                                 int64_t skip) {
  return std::make_unique<S3InputStream>(std::move(client), std::move(key), std::move(uri),
                                         std::move(etag), position, end, std::move(body), skip);
}

std::unique_ptr<UfsOutputStream> NewS3OutputStream(std::shared_ptr<S3Ufs::Client> client,
                                                   std::string key, std::string uri,
                                                   const CreateOptions& options) {
  return std::make_unique<S3OutputStream>(std::move(client), std::move(key), std::move(uri),
                                          options);
}

}  // namespace alluxio::ufs
