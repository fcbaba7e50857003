#include "lib/conf/property_key.h"

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>

namespace alluxio::conf {
namespace {

using enum PropertyType;
using enum Scope;

// Two thirds of physical memory, in bytes (Alluxio's default memory tier). Falls back to 1GB
// when the system does not report its memory.
std::string DefaultRamdiskSize() {
  long pages = sysconf(_SC_PHYS_PAGES);
  long page_size = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page_size <= 0) return "1GB";
  int64_t total = static_cast<int64_t>(pages) * static_cast<int64_t>(page_size);
  return std::to_string(total / 3 * 2);
}

constexpr std::string_view kWriteTypes =
    "MUST_CACHE,TRY_CACHE,CACHE_THROUGH,THROUGH,ASYNC_THROUGH,NONE";

// Sorted by name (checked at compile time below). Each entry: name, type, default, scope,
// description, then the optional fields by name. An empty default means the key is unset unless
// a source sets it. Keys whose description says "Ours" are not Alluxio's.
// clang-format off
constexpr PropertyKey kPropertyKeys[] = {
    {"alluxio.conf.dir", kString, "${alluxio.home}/conf", kAll,
     "Directory holding alluxio-site.properties; set to the directory the site file was found in.",
     /*enum_values=*/{}, /*env_var=*/"ALLUXIO_CONF_DIR"},
    {"alluxio.fuse.web.port", kInt, "49999", kClient,
     "Port of the FUSE process's web server."},
    {"alluxio.home", kString, "/opt/alluxio", kAll,
     "Installation directory of Alluxio.",
     /*enum_values=*/{}, /*env_var=*/"ALLUXIO_HOME"},
    {"alluxio.job.master.embedded.journal.port", kInt, "20003", kAll,
     "Embedded journal port of the job master."},
    {"alluxio.job.master.rpc.port", kInt, "20001", kAll,
     "RPC port of the job master."},
    {"alluxio.job.master.web.port", kInt, "20002", kAll,
     "Web port of the job master."},
    {"alluxio.job.worker.data.port", kInt, "30002", kAll,
     "Data port of the job worker."},
    {"alluxio.job.worker.rpc.port", kInt, "30001", kAll,
     "RPC port of the job worker."},
    {"alluxio.job.worker.web.port", kInt, "30003", kAll,
     "Web port of the job worker."},
    {"alluxio.logs.dir", kString, "${alluxio.work.dir}/logs", kAll,
     "Directory for log files.",
     /*enum_values=*/{}, /*env_var=*/"ALLUXIO_LOGS_DIR"},
    {"alluxio.master.bind.host", kString, "0.0.0.0", kMaster,
     "Address the master's RPC server listens on."},
    {"alluxio.master.embedded.journal.addresses", kList, "", kAll,
     "Comma-separated host:port list of the embedded journal masters (high availability)."},
    {"alluxio.master.embedded.journal.port", kInt, "19200", kAll,
     "Port of the master's embedded journal (Raft)."},
    {"alluxio.master.hostname", kString, "localhost", kAll,
     "Hostname of the master; ours defaults to localhost (Alluxio has none) for a local cluster.",
     /*enum_values=*/{}, /*env_var=*/"ALLUXIO_MASTER_HOSTNAME"},
    {"alluxio.master.journal.checkpoint.period.entries", kInt, "2000000", kMaster,
     "Journal entries written between two checkpoints."},
    {"alluxio.master.journal.folder", kString, "${alluxio.work.dir}/journal", kMaster,
     "Directory of the master's journal."},
    {"alluxio.master.journal.sync.enabled", kBool, "false", kMaster,
     "Ours: fsync every metadata write before acknowledging it, with group commit."},
    {"alluxio.master.journal.type", kEnum, "EMBEDDED", kMaster,
     "Kind of journal the master keeps.",
     /*enum_values=*/"EMBEDDED,UFS,NOOP"},
    {"alluxio.master.metastore", kEnum, "ROCKS", kMaster,
     "Where the master stores inodes: on disk (ROCKS) or in memory (HEAP).",
     /*enum_values=*/"HEAP,ROCKS"},
    {"alluxio.master.metastore.dir", kString, "${alluxio.work.dir}/metastore", kMaster,
     "Directory of the on-disk metastore."},
    {"alluxio.master.metastore.inode.cache.max.size", kInt, "100000", kMaster,
     "Inodes the ROCKS metastore caches in memory (ours; Alluxio's default is 10000000)."},
    {"alluxio.master.mount.table.root.readonly", kBool, "false", kMaster,
     "Whether the root mount is read-only."},
    {"alluxio.master.mount.table.root.shared", kBool, "true", kMaster,
     "Whether the root mount is shared with all users."},
    {"alluxio.master.mount.table.root.ufs", kString, "${alluxio.work.dir}/underFSStorage", kMaster,
     "URI of the under file system mounted at the root.",
     /*enum_values=*/{}, /*env_var=*/"ALLUXIO_MASTER_MOUNT_TABLE_ROOT_UFS",
     /*alias=*/"alluxio.underfs.address"},
    {"alluxio.master.persistence.blacklist", kList, "_temporary,.spark-staging", kMaster,
     "Path components whose files are never persisted asynchronously."},
    {"alluxio.master.persistence.checker.interval", kDuration, "1s", kMaster,
     "How often the master checks the progress of persist jobs."},
    {"alluxio.master.persistence.initial.interval", kDuration, "1s", kMaster,
     "First retry interval of a failed persist job."},
    {"alluxio.master.persistence.max.interval", kDuration, "1hr", kMaster,
     "Longest retry interval of a failed persist job."},
    {"alluxio.master.persistence.max.total.wait.time", kDuration, "1day", kMaster,
     "Time after which the master stops retrying a persist job."},
    {"alluxio.master.persistence.scheduler.interval", kDuration, "1s", kMaster,
     "How often the master schedules files waiting to be persisted."},
    {"alluxio.master.rpc.addresses", kList, "", kAll,
     "Comma-separated host:port list of the masters' RPC addresses (high availability)."},
    {"alluxio.master.rpc.port", kInt, "19998", kAll,
     "Port of the master's RPC server."},
    {"alluxio.master.tieredstore.global.level0.alias", kString, "MEM", kAll,
     "Name of the top storage tier."},
    {"alluxio.master.tieredstore.global.level1.alias", kString, "SSD", kAll,
     "Name of the second storage tier."},
    {"alluxio.master.tieredstore.global.level2.alias", kString, "HDD", kAll,
     "Name of the third storage tier."},
    {"alluxio.master.tieredstore.global.levels", kInt, "3", kAll,
     "Number of storage tiers in the cluster."},
    {"alluxio.master.tieredstore.global.mediumtype", kList, "MEM,SSD,HDD", kAll,
     "Storage media known to the cluster, fastest first."},
    {"alluxio.master.ttl.checker.interval", kDuration, "1hour", kMaster,
     "How often the master deletes or frees files whose TTL expired."},
    {"alluxio.master.web.bind.host", kString, "0.0.0.0", kMaster,
     "Address the master's web server listens on."},
    {"alluxio.master.web.port", kInt, "19999", kAll,
     "Port of the master's web server."},
    {"alluxio.master.worker.timeout", kDuration, "5min", kMaster,
     "Time without a heartbeat after which a worker is considered lost."},
    {"alluxio.metrics.conf.file", kString, "${alluxio.conf.dir}/metrics.properties", kAll,
     "Metrics sink configuration file."},
    {"alluxio.network.server.idle.timeout", kDuration, "60sec", kServer,
     "Ours: time after which an idle HTTP connection is closed."},
    {"alluxio.network.server.max.body.size", kBytes, "64MB", kServer,
     "Ours: largest request body the HTTP server buffers; larger bodies get 413."},
    {"alluxio.network.server.max.header.size", kBytes, "64KB", kServer,
     "Ours: largest request header block the HTTP server accepts."},
    {"alluxio.network.server.shutdown.timeout", kDuration, "10sec", kServer,
     "Ours: time the HTTP server waits for requests in flight when stopping."},
    {"alluxio.network.server.threads", kInt, "0", kServer,
     "Ours: most handler threads of each HTTP server; 0 picks 32 per CPU core, at least 256. "
     "Two per core start when needed, more only while the running handlers are blocked (on "
     "disk, RocksDB syncs, other servers, slow clients). Connections run on one event loop per "
     "core."},
    {"alluxio.proxy.hostname", kString, "localhost", kProxy,
     "Hostname of the proxy."},
    {"alluxio.proxy.s3.bucket.naming.restrictions.enabled", kBool, "false", kProxy,
     "Whether S3 bucket names must follow AWS naming rules."},
    {"alluxio.proxy.s3.complete.multipart.upload.min.part.size", kBytes, "5MB", kProxy,
     "Smallest part, other than the last, that completing a multipart upload accepts."},
    {"alluxio.proxy.s3.deletetype", kEnum, "ALLUXIO_AND_UFS", kProxy,
     "Whether S3 deletes remove the object from the under file system too.",
     /*enum_values=*/"ALLUXIO_AND_UFS,ALLUXIO_ONLY"},
    {"alluxio.proxy.s3.header.metadata.max.size", kBytes, "2KB", kProxy,
     "Largest total size of user metadata headers on an S3 object; 0 for no limit."},
    {"alluxio.proxy.s3.multipart.upload.cleaner.enabled", kBool, "false", kProxy,
     "Whether multipart uploads left incomplete are aborted automatically (by the proxy, and by "
     "each worker serving the S3 API)."},
    {"alluxio.proxy.s3.multipart.upload.cleaner.timeout", kDuration, "10min", kProxy,
     "Age after which the cleaner aborts an incomplete multipart upload (our default)."},
    {"alluxio.proxy.s3.tagging.restrictions.enabled", kBool, "true", kProxy,
     "Whether S3 object tags must follow AWS limits."},
    {"alluxio.proxy.s3.v2.async.processing.enabled", kBool, "false", kProxy,
     "Whether S3 requests are processed asynchronously (accepted for compatibility)."},
    {"alluxio.proxy.s3.v2.version.enabled", kBool, "true", kProxy,
     "Whether the proxy serves the v2 S3 handlers (accepted for compatibility)."},
    {"alluxio.proxy.s3.writetype", kEnum, "CACHE_THROUGH", kProxy,
     "Write type of objects written through the S3 API.",
     /*enum_values=*/kWriteTypes},
    {"alluxio.proxy.stream.cache.timeout", kDuration, "1hour", kProxy,
     "Time after which an idle REST stream is closed."},
    {"alluxio.proxy.web.bind.host", kString, "0.0.0.0", kProxy,
     "Address the proxy's web server listens on."},
    {"alluxio.proxy.web.port", kInt, "39999", kProxy,
     "Port of the proxy's REST and S3 server."},
    {"alluxio.s3.rest.authentication.credentials", kList, "", kServer,
     "Ours: access keys the S3 API accepts when authentication is enabled, as comma-separated "
     "<access key id>:<secret key> pairs; the access key id is the Alluxio user.",
     /*enum_values=*/{}, /*env_var=*/{}, /*alias=*/{}, /*dynamic_default=*/nullptr,
     /*secret=*/true},
    {"alluxio.s3.rest.authentication.enabled", kBool, "false", kServer,
     "Whether S3 requests must carry a valid AWS Signature Version 4 made with a key of "
     "alluxio.s3.rest.authentication.credentials (header or presigned URL)."},
    {"alluxio.security.authentication.type", kEnum, "SIMPLE", kAll,
     "How callers are identified.",
     /*enum_values=*/"NOSASL,SIMPLE,CUSTOM,KERBEROS"},
    {"alluxio.security.authorization.permission.enabled", kBool, "true", kAll,
     "Whether POSIX permissions are checked on every path operation."},
    {"alluxio.security.authorization.permission.supergroup", kString, "supergroup", kAll,
     "Group whose members are superusers."},
    {"alluxio.security.authorization.permission.umask", kString, "022", kAll,
     "Octal umask applied to new files and directories."},
    {"alluxio.security.login.username", kString, "", kAll,
     "User name to log in as; the OS user when unset."},
    {"alluxio.underfs.s3.default.mode", kString, "0700", kServer,
     "Octal mode reported for S3 objects and prefixes."},
    {"alluxio.underfs.s3.disable.dns.buckets", kBool, "false", kServer,
     "Whether S3 requests use path-style instead of virtual-host URLs."},
    {"alluxio.underfs.s3.endpoint", kString, "", kServer,
     "Endpoint URL of the S3 service; AWS when unset."},
    {"alluxio.underfs.s3.endpoint.region", kString, "", kServer,
     "Region used to sign S3 requests."},
    {"alluxio.underfs.s3.inherit.acl", kBool, "true", kServer,
     "Whether objects inherit the bucket's ACL."},
    {"alluxio.underfs.s3.intermediate.upload.clean.age", kDuration, "3day", kServer,
     "Age after which leftover intermediate multipart uploads are aborted."},
    {"alluxio.underfs.s3.list.objects.v1", kBool, "false", kServer,
     "Whether listings use ListObjects v1 instead of v2."},
    {"alluxio.underfs.s3.multipart.upload.partition.size", kBytes, "64MB", kServer,
     "Size of the parts of a multipart upload to S3."},
    {"alluxio.underfs.s3.secure.http.enabled", kBool, "false", kServer,
     "Whether S3 is reached over HTTPS when the endpoint gives no scheme."},
    {"alluxio.underfs.s3.socket.timeout", kDuration, "50sec", kServer,
     "Socket timeout of S3 requests."},
    {"alluxio.underfs.s3.streaming.upload.enabled", kBool, "false", kServer,
     "Whether writes stream to S3 in parts instead of buffering a local file."},
    {"alluxio.underfs.s3.streaming.upload.partition.size", kBytes, "64MB", kServer,
     "Size of the parts of a streaming upload to S3."},
    {"alluxio.underfs.s3.threads.max", kInt, "40", kServer,
     "Maximum concurrent S3 requests."},
    {"alluxio.underfs.s3.upload.threads.max", kInt, "20", kServer,
     "Maximum concurrent part uploads of one S3 write.",
     /*enum_values=*/{}, /*env_var=*/{}, /*alias=*/"alluxio.underfs.s3.upload.threads"},
    {"alluxio.user.block.size.bytes.default", kBytes, "64MB", kClient,
     "Block size of new files."},
    {"alluxio.user.date.format.pattern", kString, "MM-dd-yyyy HH:mm:ss:SSS", kClient,
     "Java date pattern of times printed by the shell."},
    {"alluxio.user.file.buffer.bytes", kBytes, "8MB", kClient,
     "Buffer size of client file reads and writes."},
    {"alluxio.user.file.create.ttl", kDuration, "-1", kClient,
     "TTL of new files; -1 for none."},
    {"alluxio.user.file.create.ttl.action", kEnum, "FREE", kClient,
     "What happens to a file whose TTL expires.",
     /*enum_values=*/"DELETE,FREE,DELETE_ALLUXIO"},
    {"alluxio.user.file.delete.unchecked", kBool, "false", kClient,
     "Whether deletes skip the check that the UFS is in sync."},
    {"alluxio.user.file.metadata.load.type", kEnum, "ONCE", kClient,
     "When metadata of paths unknown to Alluxio is loaded from the UFS.",
     /*enum_values=*/"NEVER,ONCE,ALWAYS"},
    {"alluxio.user.file.metadata.sync.interval", kDuration, "-1", kClient,
     "Age after which metadata is synced with the UFS; -1 never, 0 always."},
    {"alluxio.user.file.persistence.initial.wait.time", kDuration, "0", kClient,
     "Delay before an ASYNC_THROUGH file is persisted; -1 never persists it."},
    {"alluxio.user.file.readtype.default", kEnum, "CACHE", kClient,
     "Read type of file reads.",
     /*enum_values=*/"NO_CACHE,CACHE,CACHE_PROMOTE"},
    {"alluxio.user.file.replication.durable", kInt, "1", kClient,
     "Replicas of a new file's blocks kept while it is not yet persisted."},
    {"alluxio.user.file.replication.max", kInt, "-1", kClient,
     "Maximum replicas of a new file's blocks; -1 for no limit."},
    {"alluxio.user.file.replication.min", kInt, "0", kClient,
     "Minimum replicas of a new file's blocks."},
    {"alluxio.user.file.write.tier.default", kInt, "0", kClient,
     "Tier that new blocks are written to."},
    {"alluxio.user.file.writetype.default", kEnum, "ASYNC_THROUGH", kClient,
     "Write type of new files.",
     /*enum_values=*/kWriteTypes},
    {"alluxio.user.hostname", kString, "", kClient,
     "This client's host name as workers report theirs, for local-first block placement "
     "(empty: localhost)."},
    {"alluxio.user.metadata.cache.enabled", kBool, "false", kClient,
     "Cache file statuses in the client: a repeated GetStatus of a path is answered without "
     "asking the master. The client's own changes drop what they touch at once; other clients' "
     "changes show after at most alluxio.user.metadata.cache.expiration.time."},
    {"alluxio.user.metadata.cache.expiration.time", kDuration, "10min", kClient,
     "How long a cached status is used (alluxio.user.metadata.cache.enabled)."},
    {"alluxio.user.metadata.cache.max.size", kInt, "100000", kClient,
     "Most paths whose statuses the client caches; the least recently used go first."},
    {"alluxio.user.network.timeout", kDuration, "30sec", kClient,
     "Ours: timeout of the client's HTTP requests."},
    {"alluxio.user.short.circuit.enabled", kBool, "true", kClient,
     "Read blocks cached by a worker on this host straight from its tier files (the worker "
     "names the file; the client reads it), instead of over the worker's HTTP port."},
    {"alluxio.version", kString, "2.9.3", kAll,
     "Alluxio release whose interfaces this build keeps (informational)."},
    {"alluxio.web.cors.enabled", kBool, "false", kServer,
     "Whether web servers allow cross-origin requests."},
    {"alluxio.web.threads", kInt, "1", kServer,
     "Threads of the web servers."},
    {"alluxio.work.dir", kString, "${alluxio.home}", kAll,
     "Directory under which Alluxio keeps its working files (journal, metastore, logs)."},
    {"alluxio.worker.allocator.class",
     kString, "alluxio.worker.block.allocator.MaxFreeAllocator", kWorker,
     "Policy choosing the directory a new block goes to."},
    {"alluxio.worker.bind.host", kString, "0.0.0.0", kWorker,
     "Address the worker's RPC and data server listens on."},
    {"alluxio.worker.block.annotator.class",
     kString, "alluxio.worker.block.annotator.LRUAnnotator", kWorker,
     "Policy ordering blocks for eviction (LRUAnnotator or LRFUAnnotator)."},
    {"alluxio.worker.block.annotator.lrfu.attenuation.factor", kString, "2.0", kWorker,
     "LRFU eviction: how fast old accesses lose weight (at least 2)."},
    {"alluxio.worker.block.annotator.lrfu.step.factor", kString, "0.25", kWorker,
     "LRFU eviction: between 0 (like LFU) and 1 (like LRU)."},
    {"alluxio.worker.block.heartbeat.interval", kDuration, "1sec", kWorker,
     "Interval of the worker's heartbeats to the master."},
    {"alluxio.worker.data.folder", kString, "/alluxioworker/", kWorker,
     "Folder under each tier directory that holds block files."},
    {"alluxio.worker.evictor.class", kString, "", kWorker,
     "Legacy evictor, mapped to an annotator (LRU, Greedy, PartialLRU to LRU; LRFU to LRFU)."},
    {"alluxio.worker.hostname", kString, "", kWorker,
     "Hostname the worker registers with; the local hostname when unset."},
    {"alluxio.worker.ramdisk.size", kBytes, "", kWorker,
     "Capacity of the memory tier; two thirds of physical memory by default.",
     /*enum_values=*/{}, /*env_var=*/"ALLUXIO_WORKER_RAMDISK_SIZE",
     /*alias=*/"alluxio.worker.memory.size", /*dynamic_default=*/&DefaultRamdiskSize},
    {"alluxio.worker.rest.port", kInt, "29998", kWorker,
     "Port of the worker's S3 server (when enabled)."},
    {"alluxio.worker.reviewer.class",
     kString, "alluxio.worker.block.reviewer.ProbabilisticBufferReviewer", kWorker,
     "Policy that may reject a block allocation to keep free space (or AcceptingReviewer)."},
    {"alluxio.worker.rpc.port", kInt, "29999", kWorker,
     "Port of the worker's RPC and data server."},
    {"alluxio.worker.s3.api.enabled", kBool, "false", kWorker,
     "Whether the worker serves the S3 API on its REST port."},
    {"alluxio.worker.s3.redirect.enabled", kBool, "false", kWorker,
     "Ours: whether the worker's S3 API redirects reads to the worker holding the data."},
    {"alluxio.worker.tieredstore.free.ahead.bytes", kBytes, "0", kWorker,
     "Extra bytes freed when eviction runs, to avoid evicting on every write."},
    {"alluxio.worker.tieredstore.level0.alias", kString, "MEM", kWorker,
     "Storage tier of the worker's top level."},
    {"alluxio.worker.tieredstore.level0.dirs.mediumtype",
     kList, "${alluxio.worker.tieredstore.level0.alias}", kWorker,
     "Comma-separated medium types of the top level's directories."},
    {"alluxio.worker.tieredstore.level0.dirs.path", kList, "/mnt/ramdisk", kWorker,
     "Comma-separated directories of the worker's top level.",
     /*enum_values=*/{}, /*env_var=*/"ALLUXIO_RAM_FOLDER"},
    {"alluxio.worker.tieredstore.level0.dirs.quota",
     kList, "${alluxio.worker.ramdisk.size}", kWorker,
     "Comma-separated capacities of the top level's directories."},
    {"alluxio.worker.tieredstore.level0.watermark.high.ratio", kString, "0.95", kWorker,
     "Usage ratio of the top level that starts eviction (ignored since 2.3)."},
    {"alluxio.worker.tieredstore.level0.watermark.low.ratio", kString, "0.7", kWorker,
     "Usage ratio of the top level that eviction brings it down to (ignored since 2.3)."},
    {"alluxio.worker.tieredstore.level1.alias", kString, "SSD", kWorker,
     "Storage tier of the worker's second level."},
    {"alluxio.worker.tieredstore.level1.dirs.mediumtype",
     kList, "${alluxio.worker.tieredstore.level1.alias}", kWorker,
     "Comma-separated medium types of the second level's directories."},
    {"alluxio.worker.tieredstore.level1.dirs.path", kList, "", kWorker,
     "Comma-separated directories of the worker's second level."},
    {"alluxio.worker.tieredstore.level1.dirs.quota", kList, "", kWorker,
     "Comma-separated capacities of the second level's directories."},
    {"alluxio.worker.tieredstore.level1.watermark.high.ratio", kString, "0.95", kWorker,
     "Usage ratio of the second level that starts eviction (ignored since 2.3)."},
    {"alluxio.worker.tieredstore.level1.watermark.low.ratio", kString, "0.7", kWorker,
     "Usage ratio of the second level that eviction brings it down to (ignored since 2.3)."},
    {"alluxio.worker.tieredstore.level2.alias", kString, "HDD", kWorker,
     "Storage tier of the worker's third level."},
    {"alluxio.worker.tieredstore.level2.dirs.mediumtype",
     kList, "${alluxio.worker.tieredstore.level2.alias}", kWorker,
     "Comma-separated medium types of the third level's directories."},
    {"alluxio.worker.tieredstore.level2.dirs.path", kList, "", kWorker,
     "Comma-separated directories of the worker's third level."},
    {"alluxio.worker.tieredstore.level2.dirs.quota", kList, "", kWorker,
     "Comma-separated capacities of the third level's directories."},
    {"alluxio.worker.tieredstore.level2.watermark.high.ratio", kString, "0.95", kWorker,
     "Usage ratio of the third level that starts eviction (ignored since 2.3)."},
    {"alluxio.worker.tieredstore.level2.watermark.low.ratio", kString, "0.7", kWorker,
     "Usage ratio of the third level that eviction brings it down to (ignored since 2.3)."},
    {"alluxio.worker.tieredstore.levels", kInt, "1", kWorker,
     "Number of storage tiers on this worker."},
    {"alluxio.worker.web.bind.host", kString, "0.0.0.0", kWorker,
     "Address the worker's web server listens on."},
    {"alluxio.worker.web.port", kInt, "30000", kWorker,
     "Port of the worker's web server."},
    {"alluxio.zookeeper.address", kString, "", kAll,
     "ZooKeeper address for master high availability."},
    {"alluxio.zookeeper.enabled", kBool, "false", kAll,
     "Whether masters use ZooKeeper for leader election."},
    {"aws.accessKeyId", kString, "", kServer,
     "AWS access key id, read by the S3 under file system.",
     /*enum_values=*/{}, /*env_var=*/{}, /*alias=*/{}, /*dynamic_default=*/nullptr,
     /*secret=*/true},
    {"aws.secretKey", kString, "", kServer,
     "AWS secret key, read by the S3 under file system.",
     /*enum_values=*/{}, /*env_var=*/{}, /*alias=*/{}, /*dynamic_default=*/nullptr,
     /*secret=*/true},
    {"s3a.accessKeyId", kString, "", kServer,
     "Access key id of the S3 under file system.",
     /*enum_values=*/{}, /*env_var=*/{}, /*alias=*/{}, /*dynamic_default=*/nullptr,
     /*secret=*/true},
    {"s3a.secretKey", kString, "", kServer,
     "Secret key of the S3 under file system.",
     /*enum_values=*/{}, /*env_var=*/{}, /*alias=*/{}, /*dynamic_default=*/nullptr,
     /*secret=*/true},
};
// clang-format on

static_assert(std::ranges::adjacent_find(kPropertyKeys, std::ranges::greater_equal{},
                                         &PropertyKey::name) == std::ranges::end(kPropertyKeys),
              "kPropertyKeys must be sorted by name without duplicates");

constexpr std::string_view kTierLevelPrefix = "alluxio.worker.tieredstore.level";
constexpr std::string_view kGlobalTierLevelPrefix = "alluxio.master.tieredstore.global.level";
constexpr std::string_view kMountTablePrefix = "alluxio.master.mount.table.";

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

const PropertyKey* FindDeclared(std::string_view name) {
  auto it = std::ranges::lower_bound(kPropertyKeys, name, {}, &PropertyKey::name);
  if (it != std::ranges::end(kPropertyKeys) && it->name == name) return &*it;
  return nullptr;
}

// "<prefix><digits>.<non-empty rest>" for a level the table does not declare (levels the table
// has are checked key by key, so a misspelling there still warns).
bool IsNumberedLevelKey(std::string_view name, std::string_view prefix) {
  if (!StartsWith(name, prefix)) return false;
  std::string_view rest = name.substr(prefix.size());
  size_t digits = 0;
  while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
  if (digits == 0 || digits + 1 >= rest.size() || rest[digits] != '.') return false;
  std::string level_alias = std::string(name.substr(0, prefix.size() + digits)) + ".alias";
  return FindDeclared(level_alias) == nullptr;
}

// alluxio.master.mount.table.<mount>.option.<ufs key>, and the per-mount keys
// alluxio.master.mount.table.<mount>.{alluxio,ufs,readonly,shared}.
bool IsMountTableKey(std::string_view name) {
  if (!StartsWith(name, kMountTablePrefix)) return false;
  std::string_view rest = name.substr(kMountTablePrefix.size());
  size_t dot = rest.find('.');
  if (dot == 0 || dot == std::string_view::npos) return false;
  std::string_view field = rest.substr(dot + 1);
  constexpr std::string_view kOption = "option.";
  if (StartsWith(field, kOption)) return field.size() > kOption.size();
  return field == "alluxio" || field == "ufs" || field == "readonly" || field == "shared";
}

}  // namespace

std::string_view PropertyTypeName(PropertyType type) {
  switch (type) {
    case kString:
      return "STRING";
    case kInt:
      return "INT";
    case kBool:
      return "BOOL";
    case kBytes:
      return "BYTES";
    case kDuration:
      return "DURATION";
    case kEnum:
      return "ENUM";
    case kList:
      return "LIST";
  }
  return "UNKNOWN";
}

std::string_view ScopeName(Scope scope) {
  switch (scope) {
    case kMaster:
      return "MASTER";
    case kWorker:
      return "WORKER";
    case kProxy:
      return "PROXY";
    case kClient:
      return "CLIENT";
    case kServer:
      return "SERVER";
    case kAll:
      return "ALL";
  }
  return "UNKNOWN";
}

std::span<const PropertyKey> AllPropertyKeys() { return kPropertyKeys; }

const PropertyKey* FindPropertyKey(std::string_view name) {
  if (const PropertyKey* key = FindDeclared(name)) return key;
  if (name.empty()) return nullptr;
  for (const PropertyKey& key : kPropertyKeys) {
    if (key.alias == name) return &key;
  }
  return nullptr;
}

bool IsKnownTemplateKey(std::string_view name) {
  return IsMountTableKey(name) || IsNumberedLevelKey(name, kTierLevelPrefix) ||
         IsNumberedLevelKey(name, kGlobalTierLevelPrefix);
}

}  // namespace alluxio::conf
