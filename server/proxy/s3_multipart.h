// MultipartStore: the state of S3 multipart uploads, kept in Alluxio itself so that it survives
// a proxy restart and is shared by every proxy of a cluster:
//
//   /.alluxio_s3_api_metadata/multipart/<bucket>/<upload id>/_upload      JSON: key, owner,
//                                                                          initiated, metadata
//   /.alluxio_s3_api_metadata/multipart/<bucket>/<upload id>/00007.<md5>  part 7, named by the
//                                                                          MD5 of its bytes
//   /.alluxio_s3_api_metadata/multipart/<bucket>/<upload id>/tmp.7.<rnd>  part 7 being written
//
// Nothing of an upload is visible in its bucket before CompleteMultipartUpload writes the
// object. A part is written under a temporary name and renamed to its final name once its bytes
// are complete, so a part that is listed is whole; a re-uploaded part number replaces the older
// file. Aborting removes the upload's directory; the optional cleaner removes uploads older than
// a timeout.
//
// Thread-safe as the FileSystem is.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "lib/client/file_system.h"
#include "lib/common/clock.h"
#include "lib/common/result.h"
#include "server/proxy/s3_metadata.h"

namespace alluxio::proxy {

struct UploadInfo {
  std::string upload_id;
  std::string bucket;
  std::string key;
  std::string owner;
  int64_t initiated_ms = 0;
  ObjectMeta meta;  // what the object gets on completion (ETag excluded)
};

struct StoredPart {
  int number = 0;
  std::string etag;  // MD5 hex of the part's bytes
  int64_t size = 0;
  int64_t last_modified_ms = 0;
  std::string path;
};

class MultipartStore {
 public:
  struct Options {
    std::string root = "/.alluxio_s3_api_metadata/multipart";
    wire::WriteType write_type = wire::WriteType::kCacheThrough;
  };

  // `fs` acts as the proxy itself; it and `clock` must outlive the store.
  MultipartStore(Options options, client::FileSystem* fs, Clock* clock);

  // Starts an upload of `key` in `bucket` with a new random id.
  Result<UploadInfo> Create(const std::string& bucket, const std::string& key,
                            const std::string& owner, const ObjectMeta& meta);
  // The upload `upload_id` of `bucket`. NOT_FOUND when there is none (or the id is malformed).
  Result<UploadInfo> Get(const std::string& bucket, const std::string& upload_id);
  // Every upload of `bucket`, in no particular order.
  Result<std::vector<UploadInfo>> List(const std::string& bucket);

  // A part being written: the caller writes its bytes to `out`, closes it, then calls
  // CommitPart (or Cancel()s it and calls DiscardPart).
  struct PartWriter {
    std::string temp_path;
    std::unique_ptr<client::FileOutStream> out;
  };
  Result<PartWriter> BeginPart(const UploadInfo& upload, int number);
  // Publishes a closed part under its MD5 (hex) and removes older uploads of the same number.
  Result<StoredPart> CommitPart(const UploadInfo& upload, int number, const std::string& temp_path,
                                const std::string& md5_hex);
  void DiscardPart(const std::string& temp_path);
  // The committed parts, by number then age (a number may appear twice while two uploads of it
  // race; callers pick by ETag or take the newest).
  Result<std::vector<StoredPart>> ListParts(const UploadInfo& upload);

  // Removes the upload and its parts. NOT_FOUND when there is no such upload.
  Status Remove(const std::string& bucket, const std::string& upload_id);
  // Removes uploads started before `cutoff_ms`; returns how many.
  Result<int> RemoveInitiatedBefore(int64_t cutoff_ms);

 private:
  std::string UploadDir(const std::string& bucket, const std::string& upload_id) const;
  std::string NewId();

  // Immutable after construction.
  const Options options_;
  client::FileSystem* const fs_;
  Clock* const clock_;

  std::mutex mu_;
  std::mt19937_64 random_;  // guarded by mu_
};

// True for ids this store issues (32 lower-case hex digits); anything else names no upload.
bool IsValidUploadId(std::string_view id);

}  // namespace alluxio::proxy
