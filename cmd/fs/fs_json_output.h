// `--json` output of the listing and status commands (fs ls, stat, du, count, mount table,
// conf list/get): machine-readable documents for scripts. The default text output is
// untouched (fs_format.h); these helpers only build and print JSON.
//
// Shapes (cmd/README.md "Output for scripts"):
//   ls     array of FileInfo (REST API v1 keys, lib/wire/fs_json.h), one element per entry
//   stat   FileInfo object; an array of them when the argument is a glob (HasGlob), whatever
//          the number of matches, so a script's parsing does not depend on it
//   du     array of DuRowJson rows (one per file, or one summary per path with -s)
//   count  CountJson object; an array of them when the argument is a glob
//   mount  array of MountPointInfo (wire keys), ordered by Alluxio path
//   conf   array of {"key","value","source","sourceDetail"}
// Every document is compact JSON followed by a newline (arrays written by JsonArrayWriter put
// one element per line); strings that are not UTF-8 are printed with U+FFFD in place of the bad
// bytes. Object keys come in alphabetical order. Errors still go to stderr with the usual exit
// codes.
//
// Stateless functions are thread-safe; a JsonArrayWriter is used by one thread.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "cmd/fs/fs_command_table.h"
#include "lib/wire/fs_types.h"

namespace alluxio::cli::fs {

// Help text of the --json flags, one per command, saying what each prints.
inline constexpr std::string_view kLsJsonHelp =
    "print a JSON array of FileInfo objects (REST API v1 keys) instead of text; -h and "
    "--timestamp affect only text";
inline constexpr std::string_view kStatJsonHelp =
    "print the FileInfo as a JSON object (REST API v1 keys); an array of them when the path is "
    "a glob; not with -f";
inline constexpr std::string_view kDuJsonHelp =
    "print a JSON array of {path, size, inAlluxio, inAlluxioPercentage, inMemory, "
    "inMemoryPercentage[, workers]} in bytes, one per file or one per path with -s";
inline constexpr std::string_view kCountJsonHelp =
    "print {path, fileCount, folderCount, size} as a JSON object (an array when the path is a "
    "glob)";
inline constexpr std::string_view kMountJsonHelp =
    "print the mount table as a JSON array of {alluxioPath, ufsUri, ufsType, readOnly, shared, "
    "properties, ...} (secret values masked)";

// Prints `doc` compactly followed by a newline (invalid UTF-8 replaced).
void PrintJson(std::ostream& out, const nlohmann::json& doc);

// Writes one JSON array element by element, so a long listing is never held as one document:
// "[" when opened, elements separated by ",\n", "]\n" on Close(). The destructor closes an
// array left open, so output stays valid JSON when a command returns early with an error.
class JsonArrayWriter {
 public:
  explicit JsonArrayWriter(std::ostream& out);
  ~JsonArrayWriter();
  JsonArrayWriter(const JsonArrayWriter&) = delete;
  JsonArrayWriter& operator=(const JsonArrayWriter&) = delete;

  // Appends one element (compact, invalid UTF-8 replaced). Must not be called after Close().
  void Add(const nlohmann::json& element);
  // Ends the array; later calls do nothing.
  void Close();
  int64_t size() const { return count_; }

 private:
  std::ostream& out_;
  int64_t count_ = 0;
  bool closed_ = false;
};

// One `du` row in bytes: in-Alluxio and in-memory bytes with their floor percentages of `size`
// (0 when size is 0), as the text's "<bytes> (<pct>%)" cells. `by_worker` (in-Alluxio bytes per
// worker host, -g) adds "workers":[{"host","inAlluxio"}] unless null.
nlohmann::json DuRowJson(std::string_view path, int64_t size, int64_t in_alluxio, int64_t in_memory,
                         const std::map<std::string, int64_t>* by_worker);

// {"path","fileCount","folderCount","size"} (`count`'s numbers; size = sum of file lengths).
nlohmann::json CountJson(std::string_view path, int64_t file_count, int64_t folder_count,
                         int64_t size);

// Prints the mount table as a JSON array ordered by Alluxio path (fs mount / mount list).
Status PrintMountTableJson(FsEnv& env);

// Usage error for a flag that cannot be combined with --json:
// "<command>: --json cannot be combined with <flag> (<why>)".
Status JsonConflict(CommandContext& ctx, std::string_view command, std::string_view flag,
                    std::string_view why);

}  // namespace alluxio::cli::fs
