#include "cmd/fs/fs_format.h"

#include <algorithm>
#include <ctime>
#include <map>
#include <sstream>

#include "lib/conf/units.h"

namespace alluxio::cli::fs {
namespace {

constexpr const char* kShortMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr const char* kLongMonths[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};
constexpr const char* kShortDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* kLongDays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                     "Thursday", "Friday", "Saturday"};

// `value` in decimal, zero-padded to at least `digits`.
std::string ZeroPad(int64_t value, size_t digits) {
  std::string s = std::to_string(value < 0 ? -value : value);
  if (s.size() < digits) s.insert(0, digits - s.size(), '0');
  return value < 0 ? "-" + s : s;
}

bool IsPatternLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// One run of the same pattern letter, e.g. "yyyy" -> ('y', 4).
void AppendField(std::string& out, char letter, size_t count, const std::tm& tm, int millis) {
  switch (letter) {
    case 'y': {
      int year = tm.tm_year + 1900;
      out += count == 2 ? ZeroPad(year % 100, 2) : ZeroPad(year, count);
      return;
    }
    case 'M':
      if (count >= 4) {
        out += kLongMonths[tm.tm_mon];
      } else if (count == 3) {
        out += kShortMonths[tm.tm_mon];
      } else {
        out += ZeroPad(tm.tm_mon + 1, count);
      }
      return;
    case 'd':
      out += ZeroPad(tm.tm_mday, count);
      return;
    case 'D':
      out += ZeroPad(tm.tm_yday + 1, count);
      return;
    case 'E':
      out += count >= 4 ? kLongDays[tm.tm_wday] : kShortDays[tm.tm_wday];
      return;
    case 'a':
      out += tm.tm_hour < 12 ? "AM" : "PM";
      return;
    case 'H':
      out += ZeroPad(tm.tm_hour, count);
      return;
    case 'k':
      out += ZeroPad(tm.tm_hour == 0 ? 24 : tm.tm_hour, count);
      return;
    case 'K':
      out += ZeroPad(tm.tm_hour % 12, count);
      return;
    case 'h':
      out += ZeroPad(tm.tm_hour % 12 == 0 ? 12 : tm.tm_hour % 12, count);
      return;
    case 'm':
      out += ZeroPad(tm.tm_min, count);
      return;
    case 's':
      out += ZeroPad(tm.tm_sec, count);
      return;
    case 'S':
      out += ZeroPad(millis, count);
      return;
    case 'z':
      out += tm.tm_zone != nullptr ? tm.tm_zone : "";
      return;
    case 'Z': {
      long offset_min = tm.tm_gmtoff / 60;
      out += offset_min < 0 ? '-' : '+';
      if (offset_min < 0) offset_min = -offset_min;
      out += ZeroPad(offset_min / 60, 2) + ZeroPad(offset_min % 60, 2);
      return;
    }
    default:
      out.append(count, letter);  // letters Java would reject are copied as they are
  }
}

std::string JoinList(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += items[i];
  }
  return out + "]";
}

const char* Bool(bool b) { return b ? "true" : "false"; }

std::string RwxBits(int bits) {
  std::string s;
  s += (bits & 4) ? 'r' : '-';
  s += (bits & 2) ? 'w' : '-';
  s += (bits & 1) ? 'x' : '-';
  return s;
}

}  // namespace

std::string PadRight(std::string_view text, size_t width) {
  std::string s(text);
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

std::string PadLeft(std::string_view text, size_t width) {
  std::string s;
  if (text.size() < width) s.assign(width - text.size(), ' ');
  s += text;
  return s;
}

std::string FormatJavaDate(int64_t epoch_ms, std::string_view pattern) {
  int64_t secs = epoch_ms / 1000;
  int millis = static_cast<int>(epoch_ms % 1000);
  if (millis < 0) {  // floor, so times before 1970 print like Java's
    millis += 1000;
    secs -= 1;
  }
  std::time_t t = static_cast<std::time_t>(secs);
  std::tm tm{};
  localtime_r(&t, &tm);

  std::string out;
  size_t i = 0;
  while (i < pattern.size()) {
    char c = pattern[i];
    if (c == '\'') {
      if (i + 1 < pattern.size() && pattern[i + 1] == '\'') {
        out += '\'';
        i += 2;
        continue;
      }
      size_t end = i + 1;
      while (end < pattern.size()) {
        if (pattern[end] == '\'') {
          if (end + 1 < pattern.size() && pattern[end + 1] == '\'') {
            out += '\'';
            end += 2;
            continue;
          }
          break;
        }
        out += pattern[end++];
      }
      i = end + 1;
      continue;
    }
    if (!IsPatternLetter(c)) {
      out += c;
      ++i;
      continue;
    }
    size_t count = 1;
    while (i + count < pattern.size() && pattern[i + count] == c) ++count;
    AppendField(out, c, count, tm, millis);
    i += count;
  }
  return out;
}

std::string FormatPermission(int mode, bool folder, bool extended_acl) {
  std::string s = folder ? "d" : "-";
  s += RwxBits((mode >> 6) & 7) + RwxBits((mode >> 3) & 7) + RwxBits(mode & 7);
  if (extended_acl) s += '+';
  return s;
}

std::optional<LsTimestamp> ParseLsTimestamp(std::string_view name) {
  if (name == "creationTime") return LsTimestamp::kCreationTime;
  if (name == "lastAccessTime") return LsTimestamp::kLastAccessTime;
  if (name == "lastModificationTime") return LsTimestamp::kLastModificationTime;
  return std::nullopt;
}

std::string FormatLsLine(const wire::FileInfo& info, const LsLineOptions& options) {
  std::string in_alluxio;
  std::string size;
  if (info.folder) {
    in_alluxio = "DIR";
    size = std::to_string(info.length);
  } else {
    in_alluxio = std::to_string(info.in_alluxio_percentage) + "%";
    size = FormatSize(info.length, options.human_readable);
  }
  int64_t time_ms = info.last_modification_time_ms;
  if (options.timestamp == LsTimestamp::kCreationTime) time_ms = info.creation_time_ms;
  if (options.timestamp == LsTimestamp::kLastAccessTime) time_ms = info.last_access_time_ms;

  std::string line;
  if (options.security_enabled) {
    line += PadRight(FormatPermission(info.mode, info.folder), 12);
    line += PadRight(info.owner, 15);
    line += PadRight(info.group, 15);
  }
  line += PadLeft(size, 15);
  line += PadLeft(info.persistence_state, 16);
  line += PadLeft(FormatJavaDate(time_ms, options.date_pattern), 24);
  line += PadLeft(in_alluxio, 5);
  line += ' ';
  line += PadRight(info.path, 5);
  line += '\n';
  return line;
}

std::string FormatWorkerNetAddress(const wire::WorkerNetAddress& a) {
  std::string tiers;
  for (size_t i = 0; i < a.tiered_identity.size(); ++i) {
    if (i > 0) tiers += ", ";
    tiers += a.tiered_identity[i].tier_name + "=" + a.tiered_identity[i].value;
  }
  std::ostringstream os;
  os << "WorkerNetAddress{host=" << a.host << ", containerHost=" << a.container_host
     << ", rpcPort=" << a.rpc_port << ", dataPort=" << a.data_port << ", webPort=" << a.web_port
     << ", domainSocketPath=" << a.domain_socket_path << ", tieredIdentity=TieredIdentity(" << tiers
     << ")}";
  return os.str();
}

std::string FormatBlockLocation(const wire::BlockLocation& l) {
  std::ostringstream os;
  os << "BlockLocation{workerId=" << l.worker_id
     << ", address=" << FormatWorkerNetAddress(l.worker_address) << ", tierAlias=" << l.tier_alias
     << ", mediumType=" << l.medium_type << "}";
  return os.str();
}

std::string FormatBlockInfo(const wire::BlockInfo& b) {
  std::vector<std::string> locations;
  for (const auto& l : b.locations) locations.push_back(FormatBlockLocation(l));
  std::ostringstream os;
  os << "BlockInfo{id=" << b.block_id << ", length=" << b.length
     << ", locations=" << JoinList(locations) << "}";
  return os.str();
}

std::string FormatFileBlockInfo(const wire::FileBlockInfo& b) {
  std::ostringstream os;
  os << "FileBlockInfo{blockInfo=" << FormatBlockInfo(b.block_info) << ", offset=" << b.offset
     << ", ufsLocations=" << JoinList(b.ufs_locations) << "}";
  return os.str();
}

std::string FormatAclEntries(int mode) {
  return "user::" + RwxBits((mode >> 6) & 7) + ",group::" + RwxBits((mode >> 3) & 7) +
         ",other::" + RwxBits(mode & 7);
}

std::string FormatFileInfo(const wire::FileInfo& f) {
  std::vector<std::string> block_ids;
  for (int64_t id : f.block_ids) block_ids.push_back(std::to_string(id));
  std::vector<std::string> blocks;
  for (const auto& b : f.file_block_infos) blocks.push_back(FormatFileBlockInfo(b));
  std::ostringstream os;
  os << "FileInfo{fileId=" << f.file_id << ", name=" << f.name << ", path=" << f.path
     << ", ufsPath=" << f.ufs_path << ", length=" << f.length
     << ", blockSizeBytes=" << f.block_size_bytes << ", creationTimeMs=" << f.creation_time_ms
     << ", completed=" << Bool(f.completed) << ", folder=" << Bool(f.folder)
     << ", pinned=" << Bool(f.pinned) << ", pinnedlocation=" << JoinList(f.pinned_medium_types)
     << ", cacheable=" << Bool(f.cacheable) << ", persisted=" << Bool(f.persisted)
     << ", blockIds=" << JoinList(block_ids) << ", inMemoryPercentage=" << f.in_memory_percentage
     << ", lastModificationTimesMs=" << f.last_modification_time_ms << ", ttl=" << f.ttl
     << ", lastAccessTimesMs=" << f.last_access_time_ms
     << ", ttlAction=" << wire::TtlActionName(f.ttl_action) << ", owner=" << f.owner
     << ", group=" << f.group << ", mode=" << f.mode << ", persistenceState=" << f.persistence_state
     << ", mountPoint=" << Bool(f.mount_point) << ", replicationMax=" << f.replication_max
     << ", replicationMin=" << f.replication_min << ", fileBlockInfos=" << JoinList(blocks)
     << ", mountId=" << f.mount_id << ", inAlluxioPercentage=" << f.in_alluxio_percentage
     << ", ufsFingerprint=" << f.ufs_fingerprint << ", acl=" << FormatAclEntries(f.mode)
     << ", defaultAcl=}";
  return os.str();
}

std::string FormatUriStatus(const wire::FileInfo& info) {
  return "URIStatus{info=" + FormatFileInfo(info) + ", cacheContext=null}";
}

std::string FormatStatCustom(const wire::FileInfo& info, std::string_view format) {
  std::string out;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%' || i + 1 >= format.size()) {
      out += format[i];
      continue;
    }
    char spec = format[i + 1];
    switch (spec) {
      case 'N':
        out += info.name;
        break;
      case 'z':
        out += info.folder ? "NA" : std::to_string(info.length);
        break;
      case 'u':
        out += info.owner;
        break;
      case 'g':
        out += info.group;
        break;
      case 'i':
        out += std::to_string(info.file_id);
        break;
      case 'y':
        out += FormatJavaDate(info.last_modification_time_ms, "yyyy-MM-dd HH:mm:ss");
        break;
      case 'Y':
        out += std::to_string(info.last_modification_time_ms);
        break;
      case 'b':
        out += info.folder ? "NA" : std::to_string(info.file_block_infos.size());
        break;
      default:
        out += '%';  // not a specifier: copied, and the next character with it
        continue;
    }
    ++i;
  }
  return out;
}

std::string FormatSize(int64_t bytes, bool human_readable) {
  return human_readable ? conf::FormatBytes(bytes) : std::to_string(bytes);
}

std::string FormatCount(int64_t file_count, int64_t folder_count, int64_t folder_size,
                        bool human_readable) {
  auto line = [](std::string_view a, std::string_view b, std::string_view c) {
    return PadRight(a, 25) + PadRight(b, 25) + PadRight(c, 15) + "\n";
  };
  return line("File Count", "Folder Count", "Folder Size") +
         line(std::to_string(file_count), std::to_string(folder_count),
              FormatSize(folder_size, human_readable));
}

std::string FormatDuRow(std::string_view size, std::string_view in_alluxio,
                        const std::optional<std::string>& in_memory,
                        const std::optional<std::string>& worker, std::string_view path) {
  std::string row = PadRight(size, 13) + " " + PadRight(in_alluxio, 16) + " ";
  if (in_memory) row += PadRight(*in_memory, 16) + " ";
  if (worker) row += PadRight(*worker, 25) + " ";
  row += path;
  return row;
}

std::string FormatDuValueAndPercent(int64_t part, int64_t total, bool human_readable) {
  int64_t percent = total == 0 ? 0 : part * 100 / total;
  return FormatSize(part, human_readable) + " (" + std::to_string(percent) + "%)";
}

std::string FormatJavaMap(const std::map<std::string, std::string>& map) {
  std::string out = "{";
  bool first = true;
  for (const auto& [k, v] : map) {
    if (!first) out += ", ";
    first = false;
    out += k + "=" + v;
  }
  return out + "}";
}

std::string FormatMountTable(std::vector<wire::MountPointInfo> mounts) {
  std::sort(mounts.begin(), mounts.end(),
            [](const auto& a, const auto& b) { return a.alluxio_path < b.alluxio_path; });
  size_t ufs_width = 0;
  size_t path_width = 0;
  for (const auto& m : mounts) {
    ufs_width = std::max(ufs_width, m.ufs_uri.size());
    path_width = std::max(path_width, m.alluxio_path.size());
  }
  std::string out;
  for (const auto& m : mounts) {
    std::string used = conf::FormatBytes(m.ufs_used_bytes);
    if (m.ufs_capacity_bytes > 0) {
      used += "(" +
              std::to_string(static_cast<int64_t>(100.0 * static_cast<double>(m.ufs_used_bytes) /
                                                  static_cast<double>(m.ufs_capacity_bytes))) +
              "%)";
    }
    out += PadRight(m.ufs_uri, ufs_width) + "  on  " + PadRight(m.alluxio_path, path_width) +
           "  (" + m.ufs_type + ", capacity=" + conf::FormatBytes(m.ufs_capacity_bytes) +
           ", used=" + used + ", " + (m.read_only ? "" : "not ") + "read-only, " +
           (m.shared ? "" : "not ") + "shared, properties=" + FormatJavaMap(m.properties) + ")\n";
  }
  return out;
}

}  // namespace alluxio::cli::fs
