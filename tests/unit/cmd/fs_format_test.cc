#include "cmd/fs/fs_format.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

namespace alluxio::cli::fs {
namespace {

// 2023-03-22 10:11:12.345 UTC.
constexpr int64_t kTimeMs = 1679479872345;

// Runs the test body with TZ=UTC and restores the previous zone afterwards.
class ScopedUtc {
 public:
  ScopedUtc() {
    if (const char* tz = std::getenv("TZ")) saved_ = tz;
    setenv("TZ", "UTC", 1);
    tzset();
  }
  ~ScopedUtc() {
    if (saved_) {
      setenv("TZ", saved_->c_str(), 1);
    } else {
      unsetenv("TZ");
    }
    tzset();
  }

 private:
  std::optional<std::string> saved_;
};

wire::FileInfo Directory() {
  wire::FileInfo f;
  f.file_id = 7;
  f.name = "data";
  f.path = "/data";
  f.folder = true;
  f.length = 2;
  f.owner = "alluxio";
  f.group = "alluxio";
  f.mode = 0755;
  f.persistence_state = "PERSISTED";
  f.persisted = true;
  f.creation_time_ms = 1000;
  f.last_access_time_ms = 2000;
  f.last_modification_time_ms = kTimeMs;
  return f;
}

wire::FileInfo File(int64_t length) {
  wire::FileInfo f = Directory();
  f.file_id = 8;
  f.name = "f";
  f.path = "/data/f";
  f.folder = false;
  f.length = length;
  f.mode = 0644;
  f.persistence_state = "NOT_PERSISTED";
  f.persisted = false;
  f.in_alluxio_percentage = 100;
  return f;
}

}  // namespace

TEST_CASE("ls lines with security enabled match Alluxio's column widths", "[cmd]") {
  ScopedUtc utc;
  LsLineOptions o;
  CHECK(FormatLsLine(Directory(), o) ==
        "drwxr-xr-x  alluxio        alluxio                      2       PERSISTED "
        "03-22-2023 10:11:12:345  DIR /data\n");
  CHECK(FormatLsLine(File(1024), o) ==
        "-rw-r--r--  alluxio        alluxio                   1024   NOT_PERSISTED "
        "03-22-2023 10:11:12:345 100% /data/f\n");
}

TEST_CASE("ls lines without security omit permission, owner and group", "[cmd]") {
  ScopedUtc utc;
  LsLineOptions o;
  o.security_enabled = false;
  o.human_readable = true;
  wire::FileInfo f = File(27044);
  f.path = "/f";
  f.in_alluxio_percentage = 0;
  CHECK(FormatLsLine(f, o) ==
        "        26.41KB   NOT_PERSISTED 03-22-2023 10:11:12:345   0% /f   \n");
  // A directory's size is its child count, never humanized.
  CHECK(FormatLsLine(Directory(), o) ==
        "              2       PERSISTED 03-22-2023 10:11:12:345  DIR /data\n");
}

TEST_CASE("ls prints the timestamp chosen with --timestamp", "[cmd]") {
  ScopedUtc utc;
  LsLineOptions o;
  o.security_enabled = false;
  o.timestamp = LsTimestamp::kCreationTime;
  CHECK(FormatLsLine(Directory(), o).find("01-01-1970 00:00:01:000") != std::string::npos);
  o.timestamp = LsTimestamp::kLastAccessTime;
  CHECK(FormatLsLine(Directory(), o).find("01-01-1970 00:00:02:000") != std::string::npos);
  CHECK(ParseLsTimestamp("lastModificationTime") == LsTimestamp::kLastModificationTime);
  CHECK_FALSE(ParseLsTimestamp("mtime"));
}

TEST_CASE("dates follow Java SimpleDateFormat patterns in the local zone", "[cmd]") {
  ScopedUtc utc;
  CHECK(FormatJavaDate(kTimeMs, "MM-dd-yyyy HH:mm:ss:SSS") == "03-22-2023 10:11:12:345");
  CHECK(FormatJavaDate(kTimeMs, "yyyy-MM-dd HH:mm:ss") == "2023-03-22 10:11:12");
  CHECK(FormatJavaDate(kTimeMs, "yy/M/d h:mm a") == "23/3/22 10:11 AM");
  CHECK(FormatJavaDate(kTimeMs, "EEE, dd MMM yyyy 'at' HH'h' Z") ==
        "Wed, 22 Mar 2023 at 10h +0000");
  CHECK(FormatJavaDate(kTimeMs, "EEEE MMMM S ''") == "Wednesday March 345 '");
  CHECK(FormatJavaDate(5, "SSS") == "005");
}

TEST_CASE("dates use TZ when it is not UTC", "[cmd]") {
  ScopedUtc utc;
  setenv("TZ", "EST5EDT,M3.2.0,M11.1.0", 1);  // POSIX rule, no tzdata needed
  tzset();
  CHECK(FormatJavaDate(kTimeMs, "MM-dd-yyyy HH:mm:ss:SSS") == "03-22-2023 06:11:12:345");
}

TEST_CASE("humanized sizes switch unit above 5 units", "[cmd]") {
  CHECK(FormatSize(0, true) == "0B");
  CHECK(FormatSize(1, true) == "1B");
  CHECK(FormatSize(5120, true) == "5120B");
  CHECK(FormatSize(5121, true) == "5.00KB");
  CHECK(FormatSize(27044, true) == "26.41KB");
  CHECK(FormatSize(27044, false) == "27044");
}

TEST_CASE("permission strings show the type and the rwx bits", "[cmd]") {
  CHECK(FormatPermission(0755, true) == "drwxr-xr-x");
  CHECK(FormatPermission(0640, false) == "-rw-r-----");
  CHECK(FormatPermission(0777, false, true) == "-rwxrwxrwx+");
}

TEST_CASE("stat prints URIStatus with Alluxio's keys in order", "[cmd]") {
  wire::FileInfo f = File(10);
  f.ufs_path = "/ufs/data/f";
  f.block_size_bytes = 64;
  f.block_ids = {11, 12};
  f.pinned_medium_types = {"MEM"};
  f.mount_id = 1;
  f.ufs_fingerprint = "fp";
  CHECK(FormatUriStatus(f) ==
        "URIStatus{info=FileInfo{fileId=8, name=f, path=/data/f, ufsPath=/ufs/data/f, "
        "length=10, blockSizeBytes=64, creationTimeMs=1000, completed=false, folder=false, "
        "pinned=false, pinnedlocation=[MEM], cacheable=false, persisted=false, "
        "blockIds=[11, 12], inMemoryPercentage=0, lastModificationTimesMs=1679479872345, "
        "ttl=-1, lastAccessTimesMs=2000, ttlAction=DELETE, owner=alluxio, group=alluxio, "
        "mode=420, persistenceState=NOT_PERSISTED, mountPoint=false, replicationMax=-1, "
        "replicationMin=0, fileBlockInfos=[], mountId=1, inAlluxioPercentage=100, "
        "ufsFingerprint=fp, acl=user::rw-,group::r--,other::r--, defaultAcl=}, "
        "cacheContext=null}");
}

TEST_CASE("block infos print their locations and worker addresses", "[cmd]") {
  wire::BlockInfo b;
  b.block_id = 5;
  b.length = 100;
  wire::BlockLocation loc;
  loc.worker_id = 3;
  loc.worker_address.host = "w1";
  loc.worker_address.rpc_port = 29999;
  loc.worker_address.data_port = 29999;
  loc.worker_address.web_port = 30000;
  loc.worker_address.tiered_identity = {{"node", "w1"}, {"rack", ""}};
  loc.tier_alias = "MEM";
  loc.medium_type = "MEM";
  b.locations = {loc};
  CHECK(FormatBlockInfo(b) ==
        "BlockInfo{id=5, length=100, locations=[BlockLocation{workerId=3, "
        "address=WorkerNetAddress{host=w1, containerHost=, rpcPort=29999, dataPort=29999, "
        "webPort=30000, domainSocketPath=, tieredIdentity=TieredIdentity(node=w1, rack=)}, "
        "tierAlias=MEM, mediumType=MEM}]}");
}

TEST_CASE("stat -f replaces each specifier and copies other text", "[cmd]") {
  ScopedUtc utc;
  wire::FileInfo f = File(10);
  f.file_block_infos.resize(2);
  CHECK(FormatStatCustom(f, "%N|%z|%u|%g|%i|%y|%Y|%b|%q|100%") ==
        "f|10|alluxio|alluxio|8|2023-03-22 10:11:12|1679479872345|2|%q|100%");
  CHECK(FormatStatCustom(Directory(), "%z %b") == "NA NA");
}

TEST_CASE("count prints two padded lines", "[cmd]") {
  CHECK(FormatCount(3, 1, 60, false) ==
        "File Count               Folder Count             Folder Size    \n"
        "3                        1                        60             \n");
  CHECK(FormatCount(0, 0, 6000, true) ==
        "File Count               Folder Count             Folder Size    \n"
        "0                        0                        5.86KB         \n");
}

TEST_CASE("du rows use Alluxio's four layouts", "[cmd]") {
  CHECK(FormatDuRow("File Size", "In Alluxio", std::nullopt, std::nullopt, "Path") ==
        "File Size     In Alluxio       Path");
  CHECK(FormatDuRow("1337", FormatDuValueAndPercent(0, 1337, false), std::nullopt, std::nullopt,
                    "/alluxio-site.properties") ==
        "1337          0 (0%)           /alluxio-site.properties");
  CHECK(FormatDuRow("File Size", "In Alluxio", "In Memory", std::nullopt, "Path") ==
        "File Size     In Alluxio       In Memory        Path");
  CHECK(FormatDuRow("File Size", "In Alluxio", std::nullopt, "Worker Host Name", "Path") ==
        "File Size     In Alluxio       Worker Host Name          Path");
  CHECK(FormatDuRow("", "2", "", "node1", "") ==
        "              2                                 node1                     ");
  CHECK(FormatDuValueAndPercent(1, 3, false) == "1 (33%)");
  CHECK(FormatDuValueAndPercent(6000, 6000, true) == "5.86KB (100%)");
  CHECK(FormatDuValueAndPercent(0, 0, false) == "0 (0%)");
}

TEST_CASE("the mount table pads URIs and paths to the longest", "[cmd]") {
  wire::MountPointInfo root;
  root.alluxio_path = "/";
  root.ufs_uri = "hdfs://localhost:9000/";
  root.ufs_type = "hdfs";
  wire::MountPointInfo s3;
  s3.alluxio_path = "/mnt/s3";
  s3.ufs_uri = "s3://b/";
  s3.ufs_type = "s3";
  s3.ufs_capacity_bytes = 1000;
  s3.ufs_used_bytes = 250;
  s3.read_only = true;
  s3.shared = true;
  s3.properties = {{"a", "1"}, {"b", "2"}};
  CHECK(FormatMountTable({s3, root}) ==
        "hdfs://localhost:9000/  on  /        (hdfs, capacity=-1B, used=-1B, not read-only, not "
        "shared, properties={})\n"
        "s3://b/                 on  /mnt/s3  (s3, capacity=1000B, used=250B(25%), read-only, "
        "shared, properties={a=1, b=2})\n");
}

}  // namespace alluxio::cli::fs
