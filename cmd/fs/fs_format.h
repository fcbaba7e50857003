// Output formatting of the `alluxio fs` commands: pure functions from wire values to the exact
// text Alluxio 2.x's shell prints (compat page §3.4). Nothing here talks to a FileSystem, so the
// formats are unit-tested with fixed values.
//
// Widths follow Java's printf: "%-12s" pads on the right to 12 characters, "%15s" pads on the
// left; longer values are never truncated. Times are printed in the process's local time zone
// (TZ), as Java's SimpleDateFormat does with the default zone. Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/wire/fs_types.h"

namespace alluxio::cli::fs {

// Java printf "%-<width>s" and "%<width>s".
std::string PadRight(std::string_view text, size_t width);
std::string PadLeft(std::string_view text, size_t width);

// Formats `epoch_ms` with a java.text.SimpleDateFormat pattern in local time. Supported letters:
// y (yy = two digits), M (M/MM number, MMM short name, MMMM full name), d, D, E (EEE short,
// EEEE full day name), a (AM/PM), H, k, K, h, m, s, S (milliseconds, zero-padded to the count),
// z (zone abbreviation), Z (+hhmm); text in single quotes is literal ('' is a quote). Other
// characters are copied. Example: "MM-dd-yyyy HH:mm:ss:SSS" -> "03-22-2023 10:11:12:345".
std::string FormatJavaDate(int64_t epoch_ms, std::string_view pattern);

// "drwxr-xr-x" / "-rw-r--r--" from the POSIX bits of `mode`, plus "+" when `extended_acl`.
std::string FormatPermission(int mode, bool folder, bool extended_acl = false);

// Which time `ls` prints (--timestamp).
enum class LsTimestamp { kCreationTime, kLastAccessTime, kLastModificationTime };
// Parses creationTime / lastAccessTime / lastModificationTime (exact spelling).
std::optional<LsTimestamp> ParseLsTimestamp(std::string_view name);

struct LsLineOptions {
  bool human_readable = false;   // -h: file sizes as FormatBytes
  bool security_enabled = true;  // print permission, owner and group columns
  LsTimestamp timestamp = LsTimestamp::kLastModificationTime;
  std::string date_pattern = "MM-dd-yyyy HH:mm:ss:SSS";
};

// One `ls` line including the trailing newline:
//   secure:   %-12s permission %-15s owner %-15s group %15s size %16s persistenceState
//             %24s time %5s inAlluxio, a space, %-5s path
//   insecure: the same without permission, owner and group.
// Directories print their child count as size and "DIR" as inAlluxio; files print bytes (or
// humanized) and "<n>%".
std::string FormatLsLine(const wire::FileInfo& info, const LsLineOptions& options);

// Guava toStringHelper texts of Alluxio's wire objects, as `stat` prints them.
std::string FormatWorkerNetAddress(const wire::WorkerNetAddress& address);
std::string FormatBlockLocation(const wire::BlockLocation& location);
std::string FormatBlockInfo(const wire::BlockInfo& block);
std::string FormatFileBlockInfo(const wire::FileBlockInfo& block);
// "user::rwx,group::r-x,other::r-x" (the ACL entries implied by the mode bits).
std::string FormatAclEntries(int mode);
// "FileInfo{fileId=.., name=.., ..., acl=.., defaultAcl=}" with Alluxio's keys in its order.
std::string FormatFileInfo(const wire::FileInfo& info);
// "URIStatus{info=<FormatFileInfo>, cacheContext=null}".
std::string FormatUriStatus(const wire::FileInfo& info);

// `stat -f`: replaces %N name, %z size (NA for directories), %u owner, %g group, %i file id,
// %y modification time "yyyy-MM-dd HH:mm:ss", %Y modification time in epoch ms, %b number of
// blocks (NA for directories); everything else is copied.
std::string FormatStatCustom(const wire::FileInfo& info, std::string_view format);

// `count`: the two lines "%-25s%-25s%-15s\n" of the header (File Count, Folder Count, Folder
// Size) and the values; the size is humanized with `human_readable`.
std::string FormatCount(int64_t file_count, int64_t folder_count, int64_t folder_size,
                        bool human_readable);

// `du` cells and rows. A row is "%-13s %-16s %s" (size, in Alluxio, path) with "%-16s" for
// "In Memory" when `in_memory` is set and "%-25s" for the worker host when `worker` is set,
// in the order size, in Alluxio, in memory, worker, path. No trailing newline.
std::string FormatDuRow(std::string_view size, std::string_view in_alluxio,
                        const std::optional<std::string>& in_memory,
                        const std::optional<std::string>& worker, std::string_view path);
// "<size> (<pct>%)" with pct = floor(part * 100 / total) (0 when total is 0).
std::string FormatDuValueAndPercent(int64_t part, int64_t total, bool human_readable);
// The size itself, humanized or not.
std::string FormatSize(int64_t bytes, bool human_readable);

// Java's Map.toString: "{k1=v1, k2=v2}" (keys in map order).
std::string FormatJavaMap(const std::map<std::string, std::string>& map);

// The mount table, one line per mount ordered by Alluxio path:
//   <ufsUri padded to the longest>  on  <mountPoint padded>  (<type>, capacity=<h>,
//   used=<h>[(<p>%)], [not ]read-only, [not ]shared, properties={..})
std::string FormatMountTable(std::vector<wire::MountPointInfo> mounts);

}  // namespace alluxio::cli::fs
