// `alluxio fs ...` and `alluxio mount ...` run through the real command tree against a real
// in-process master (heap metastore, port 0, a temporary directory as root UFS).
#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cmd/command_context.h"
#include "cmd/command_tree.h"
#include "cmd/exit_codes.h"
#include "lib/common/clock.h"
#include "lib/common/logging.h"
#include "lib/common/user.h"
#include "server/master/master_process.h"
#include "tests/unit/cmd/cli_harness.h"

namespace alluxio::cli {
namespace {

namespace stdfs = std::filesystem;
using testing::Cluster;
using testing::Outcome;
using testing::RunCli;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The path column of ls output lines, in order.
std::vector<std::string> LsPaths(const std::string& out) {
  std::vector<std::string> paths;
  for (const std::string& line : Lines(out)) {
    std::string trimmed = line.substr(0, line.find_last_not_of(' ') + 1);
    paths.push_back(trimmed.substr(trimmed.rfind(' ') + 1));
  }
  return paths;
}

}  // namespace

TEST_CASE("fs mkdir creates parents and fails for an existing path", "[cmd]") {
  Cluster c;
  Outcome made = c.Fs({"mkdir", "/a/b/c", "/d"});
  CHECK(made.code == 0);
  CHECK(made.out == "Successfully created directory /a/b/c\nSuccessfully created directory /d\n");
  Outcome again = c.Fs({"mkdir", "/d", "/e"});
  CHECK(again.code == kExitFailure);
  CHECK(again.out == "Successfully created directory /e\n");  // every path is attempted
  CHECK(Contains(again.err, "/d"));
  CHECK(c.Fs({"test", "-d", "/a/b"}).code == 0);
}

TEST_CASE("fs ls shows files of the root UFS and -f reloads them", "[cmd]") {
  Cluster c;
  c.WriteUfsFile("f1", "hello");
  c.WriteUfsFile("dir/inner", "x");
  Outcome ls = c.Fs({"ls", "/"});
  REQUIRE(ls.code == 0);
  CHECK(LsPaths(ls.out) == std::vector<std::string>{"/dir", "/f1"});
  std::vector<std::string> lines = Lines(ls.out);
  std::string user = CurrentUserName();
  CHECK(lines[0].rfind("drwx", 0) == 0);
  CHECK(lines[0].substr(12, 15) == (user + std::string(15, ' ')).substr(0, 15));
  CHECK(Contains(lines[0], "  DIR /dir"));
  CHECK(lines[1].rfind("-rw", 0) == 0);
  CHECK(Contains(lines[1], "              5       PERSISTED "));

  // Files added behind Alluxio's back appear once metadata is loaded again.
  c.WriteUfsFile("f2", "");
  CHECK(LsPaths(c.Fs({"ls", "-f", "/"}).out) == std::vector<std::string>{"/dir", "/f1", "/f2"});

  CHECK(LsPaths(c.Fs({"ls", "-R", "/"}).out) ==
        std::vector<std::string>{"/dir", "/dir/inner", "/f1", "/f2"});
  CHECK(LsPaths(c.Fs({"ls", "-d", "/dir"}).out) == std::vector<std::string>{"/dir"});
  CHECK(LsPaths(c.Fs({"ls", "--sort=size", "-r", "/"}).out) ==
        std::vector<std::string>{"/f1", "/dir", "/f2"});
  CHECK(LsPaths(c.Fs({"ls", "/f1"}).out) == std::vector<std::string>{"/f1"});
  CHECK(Contains(c.Fs({"ls", "-h", "/f1"}).out, " 5B "));
}

TEST_CASE("fs ls without security prints no permission columns", "[cmd]") {
  Cluster c;
  c.WriteUfsFile("f1", "hello");
  Outcome ls = c.Fs({"-Dalluxio.security.authorization.permission.enabled=false", "ls", "/f1"});
  REQUIRE(ls.code == 0);
  CHECK(ls.out.rfind("              5       PERSISTED ", 0) == 0);
}

TEST_CASE("fs ls of a missing path fails with Alluxio's message", "[cmd]") {
  Cluster c;
  Outcome ls = c.Fs({"ls", "/x"});
  CHECK(ls.code == kExitFailure);
  CHECK(ls.err == "Path \"/x\" does not exist.\n");
  CHECK(ls.out.empty());
}

TEST_CASE("fs rm removes files, needs -R for directories and reports missing paths", "[cmd]") {
  Cluster c;
  c.WriteUfsFile("d/f", "x");
  REQUIRE(c.Fs({"ls", "-R", "/"}).code == 0);
  Outcome dir = c.Fs({"rm", "/d"});
  CHECK(dir.code == kExitFailure);
  CHECK(dir.err == "/d is a directory, to remove it, please use \"rm -R <path>\"\n");

  Outcome file = c.Fs({"rm", "/d/f"});
  CHECK(file.code == 0);
  CHECK(file.out == "/d/f has been removed\n");
  CHECK_FALSE(stdfs::exists(c.ufs() / "d" / "f"));

  CHECK(c.Fs({"rm", "-R", "/d"}).out == "/d has been removed\n");
  CHECK_FALSE(stdfs::exists(c.ufs() / "d"));

  Outcome missing = c.Fs({"rm", "/x"});
  CHECK(missing.code == kExitFailure);
  CHECK(missing.err == "Path \"/x\" does not exist.\n");
}

TEST_CASE("fs rm --alluxioOnly keeps the UFS copy", "[cmd]") {
  Cluster c;
  c.WriteUfsFile("keep", "x");
  REQUIRE(c.Fs({"ls", "/"}).code == 0);
  Outcome rm = c.Fs({"rm", "--alluxioOnly", "/keep"});
  CHECK(rm.code == 0);
  CHECK(rm.out == "/keep has been removed only from Alluxio space\n");
  CHECK(stdfs::exists(c.ufs() / "keep"));
}

TEST_CASE("fs mv renames, and moves into an existing directory", "[cmd]") {
  Cluster c;
  REQUIRE(c.Fs({"mkdir", "/dir"}).code == 0);
  REQUIRE(c.Fs({"touch", "/f"}).code == 0);
  Outcome into = c.Fs({"mv", "/f", "/dir"});
  CHECK(into.code == 0);
  CHECK(into.out == "Renamed /f to /dir/f\n");
  Outcome rename = c.Fs({"mv", "/dir/f", "/g"});
  CHECK(rename.out == "Renamed /dir/f to /g\n");
  CHECK(c.Fs({"test", "-f", "/g"}).code == 0);
  CHECK(c.Fs({"mv", "/g"}).code == kExitUsage);
}

TEST_CASE("fs touch creates an empty file and fails when it exists", "[cmd]") {
  Cluster c;
  Outcome touch = c.Fs({"touch", "/t"});
  CHECK(touch.code == 0);
  CHECK(touch.out == "/t has been created\n");
  CHECK(c.Fs({"test", "-z", "/t"}).code == 0);
  CHECK(c.Fs({"touch", "/t"}).code == kExitFailure);
}

TEST_CASE("fs test answers with exit codes", "[cmd]") {
  Cluster c;
  REQUIRE(c.Fs({"mkdir", "/d"}).code == 0);
  REQUIRE(c.Fs({"touch", "/d/f"}).code == 0);
  CHECK(c.Fs({"test", "-d", "/d"}).code == 0);
  CHECK(c.Fs({"test", "-f", "/d"}).code == 1);
  CHECK(c.Fs({"test", "-f", "/d/f"}).code == 0);
  CHECK(c.Fs({"test", "-e", "/d/f"}).code == 0);
  CHECK(c.Fs({"test", "-s", "/d"}).code == 0);
  CHECK(c.Fs({"test", "-s", "/d/f"}).code == 1);
  CHECK(c.Fs({"test", "-z", "/d/f"}).code == 0);
  CHECK(c.Fs({"test", "-z", "/d"}).code == 1);
  Outcome missing = c.Fs({"test", "-e", "/nope"});
  CHECK(missing.code == 3);
  CHECK(missing.out.empty());
  CHECK(c.Fs({"test", "/d"}).code == kExitFailure);
  CHECK(c.Fs({"test", "-d", "-f", "/d"}).code == kExitFailure);
}

TEST_CASE("fs stat prints the URIStatus, a custom format, and works by file id", "[cmd]") {
  Cluster c;
  REQUIRE(c.Fs({"mkdir", "/d"}).code == 0);
  REQUIRE(c.Fs({"touch", "/d/f"}).code == 0);
  Outcome dir = c.Fs({"stat", "/d"});
  REQUIRE(dir.code == 0);
  std::vector<std::string> lines = Lines(dir.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "/d is a directory path.");
  CHECK(lines[1].rfind("URIStatus{info=FileInfo{fileId=", 0) == 0);
  CHECK(Contains(lines[1], ", name=d, path=/d, "));
  CHECK(Contains(lines[1], ", folder=true, "));
  CHECK(Contains(lines[1], ", defaultAcl=}, cacheContext=null}"));

  Outcome file = c.Fs({"stat", "/d/f"});
  lines = Lines(file.out);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "/d/f is a file path.");
  CHECK(lines[2] == "This file does not contain any blocks.");

  Outcome custom = c.Fs({"stat", "-f", "%N:%z:%b:%u", "/d/f"});
  CHECK(custom.out == "f:0:0:" + CurrentUserName() + "\n");
  std::string id = c.Fs({"stat", "-f", "%i", "/d/f"}).out;
  id.pop_back();
  Outcome by_id = c.Fs({"stat", "-f", "%N", "--file-id", id});
  CHECK(by_id.code == 0);
  CHECK(by_id.out == "The specified file ID " + id + " is /d/f\nf\n");
  CHECK(c.Fs({"stat", "/nope"}).err == "Path \"/nope\" does not exist.\n");
}

TEST_CASE("fs chmod, chown and chgrp change attributes and print Alluxio's messages", "[cmd]") {
  Cluster c;
  REQUIRE(c.Fs({"mkdir", "/d"}).code == 0);
  REQUIRE(c.Fs({"touch", "/d/f"}).code == 0);
  Outcome chmod = c.Fs({"chmod", "-R", "700", "/d"});
  CHECK(chmod.code == 0);
  CHECK(chmod.out == "Changed permission of /d to 700\n");
  CHECK(c.Fs({"ls", "/d"}).out.rfind("-rwx------", 0) == 0);
  CHECK(c.Fs({"chmod", "9z9", "/d"}).code == kExitUsage);

  Outcome chown = c.Fs({"chown", "alice", "/d/f"});
  CHECK(chown.out == "Changed owner of /d/f to alice\n");
  Outcome both = c.Fs({"chown", "bob:staff", "/d/f"});
  CHECK(both.out == "Changed owner:group of /d/f to bob:staff.\n");
  CHECK(c.Fs({"stat", "-f", "%u:%g", "/d/f"}).out == "bob:staff\n");
  Outcome bad = c.Fs({"chown", "b@d", "/d/f"});
  CHECK(bad.code == kExitFailure);
  CHECK(bad.err == "Failed to parse b@d as user or user:group\n");

  Outcome chgrp = c.Fs({"chgrp", "-R", "wheel", "/d"});
  CHECK(chgrp.out == "Changed group of /d to wheel\n");
  CHECK(c.Fs({"stat", "-f", "%g", "/d/f"}).out == "wheel\n");
}

TEST_CASE("fs setTtl and unsetTtl set and clear the TTL", "[cmd]") {
  Cluster c;
  REQUIRE(c.Fs({"touch", "/f"}).code == 0);
  Outcome set = c.Fs({"setTtl", "/f", "1h"});
  CHECK(set.code == 0);
  CHECK(set.out ==
        "TTL of path '/f' was successfully set to 3600000 milliseconds, with expiry action set "
        "to DELETE\n");
  CHECK(Contains(c.Fs({"stat", "/f"}).out, ", ttl=3600000, "));
  Outcome free = c.Fs({"setTtl", "--action", "free", "/f", "5000"});
  CHECK(free.out ==
        "TTL of path '/f' was successfully set to 5000 milliseconds, with expiry action set to "
        "FREE\n");
  CHECK(Contains(c.Fs({"stat", "/f"}).out, ", ttlAction=FREE, "));
  CHECK(c.Fs({"setTtl", "--action", "explode", "/f", "5"}).code == kExitUsage);
  CHECK(c.Fs({"setTtl", "/f", "soon"}).code == kExitUsage);

  Outcome unset = c.Fs({"unsetTtl", "/f"});
  CHECK(unset.out == "TTL of file '/f' was successfully removed.\n");
  CHECK(Contains(c.Fs({"stat", "/f"}).out, ", ttl=-1, "));
}

TEST_CASE("fs pin and unpin mark paths and ls -p lists pinned ones", "[cmd]") {
  Cluster c;
  REQUIRE(c.Fs({"mkdir", "/d"}).code == 0);
  REQUIRE(c.Fs({"touch", "/d/f"}).code == 0);
  REQUIRE(c.Fs({"touch", "/g"}).code == 0);
  Outcome pin = c.Fs({"pin", "/d", "MEM"});
  CHECK(pin.code == 0);
  CHECK(pin.out == "File '/d' was successfully pinned.\n");
  CHECK(Contains(c.Fs({"stat", "/d/f"}).out, ", pinned=true, pinnedlocation=[MEM], "));
  CHECK(LsPaths(c.Fs({"ls", "-p", "-R", "/"}).out) == std::vector<std::string>{"/d", "/d/f"});
  CHECK(c.Fs({"pin", "/g", "TAPE"}).code == kExitUsage);

  Outcome unpin = c.Fs({"unpin", "/d"});
  CHECK(unpin.out == "File '/d' was successfully unpinned.\n");
  CHECK(c.Fs({"ls", "-p", "-R", "/"}).out.empty());
}

TEST_CASE("fs count and du summarise a tree", "[cmd]") {
  Cluster c;
  c.WriteUfsFile("top/a", std::string(10, 'a'));
  c.WriteUfsFile("top/sub/b", std::string(20, 'b'));
  c.WriteUfsFile("top/c", std::string(6000, 'c'));
  Outcome count = c.Fs({"count", "/top"});
  CHECK(count.code == 0);
  CHECK(count.out ==
        "File Count               Folder Count             Folder Size    \n"
        "3                        1                        6030           \n");
  CHECK(Lines(c.Fs({"count", "-h", "/top/a"}).out)[1] ==
        "1                        0                        10B            ");

  Outcome du = c.Fs({"du", "/top"});
  CHECK(du.code == 0);
  CHECK(du.out ==
        "File Size     In Alluxio       Path\n"
        "10            0 (0%)           /top/a\n"
        "6000          0 (0%)           /top/c\n"
        "20            0 (0%)           /top/sub/b\n");
  CHECK(c.Fs({"du", "-s", "-h", "--memory", "/top"}).out ==
        "File Size     In Alluxio       In Memory        Path\n"
        "5.89KB        0B (0%)          0B (0%)          /top\n");
  CHECK(c.Fs({"du", "-s", "-g", "/top"}).out ==
        "File Size     In Alluxio       Worker Host Name          Path\n"
        "6030          0 (0%)           total                     /top\n");
  Outcome missing = c.Fs({"du", "/nope"});
  CHECK(missing.code == kExitFailure);
  CHECK(missing.err == "Path \"/nope\" does not exist.\n");
}

TEST_CASE("fs mount and unmount attach a second directory and list the table", "[cmd]") {
  Cluster c;
  stdfs::path other = c.dir() / "other";
  stdfs::create_directories(other);
  std::ofstream(other / "x") << "x";
  Outcome mount = c.Fs({"mount", "--readonly", "--option", "k=v", "/mnt", other.string()});
  CHECK(mount.code == 0);
  CHECK(mount.out == "Mounted " + other.string() + " at /mnt\n");
  CHECK(LsPaths(c.Fs({"ls", "/mnt"}).out) == std::vector<std::string>{"/mnt/x"});

  Outcome table = c.Fs({"mount"});
  REQUIRE(table.code == 0);
  std::vector<std::string> lines = Lines(table.out);
  REQUIRE(lines.size() == 2);
  size_t width = std::max(other.string().size(), c.ufs().string().size());
  CHECK(lines[0].rfind(c.ufs().string() + std::string(width - c.ufs().string().size(), ' ') +
                           "  on  /     (local, capacity=",
                       0) == 0);
  CHECK(lines[1].rfind(other.string() + std::string(width - other.string().size(), ' ') +
                           "  on  /mnt  (local, capacity=",
                       0) == 0);
  CHECK(Contains(lines[1], ", read-only, not shared, properties={k=v})"));
  CHECK(c.Fs({"mount", "/only-one"}).code == kExitUsage);

  Outcome unmount = c.Fs({"unmount", "/mnt"});
  CHECK(unmount.code == 0);
  CHECK(unmount.out == "Unmounted /mnt\n");
  CHECK(stdfs::exists(other / "x"));
  CHECK(Lines(c.Fs({"mount"}).out).size() == 1);
}

TEST_CASE("alluxio mount add, list and remove manage the mount table", "[cmd]") {
  Cluster c;
  stdfs::path other = c.dir() / "other";
  stdfs::create_directories(other);
  Outcome add = c.Run("mount", {"add", "--path", "/m", "--ufs-uri", other.string(), "--shared"});
  CHECK(add.code == 0);
  CHECK(add.out == "Mounted " + other.string() + " at /m\n");
  Outcome list = c.Run("mount", {"list"});
  CHECK(list.code == 0);
  CHECK(Contains(list.out, "  on  /m  (local, "));
  CHECK(Contains(list.out, "not read-only, shared, properties={})"));
  Outcome remove = c.Run("mount", {"remove", "--path", "/m"});
  CHECK(remove.code == 0);
  CHECK(remove.out == "Unmounted /m\n");
  CHECK(c.Run("mount", {"remove", "--path", "/m"}).code == kExitFailure);
  CHECK(c.Run("mount", {"add", "--path", "/m"}).code == kExitUsage);  // --ufs-uri is required
}

TEST_CASE("fs globs expand per component and report patterns that match nothing", "[cmd]") {
  Cluster c;
  c.WriteUfsFile("logs/a1.log", "1");
  c.WriteUfsFile("logs/a2.log", "22");
  c.WriteUfsFile("logs/b1.txt", "333");
  c.WriteUfsFile("data/a9.log", "4444");
  REQUIRE(c.Fs({"loadMetadata", "-R", "/"}).code == 0);

  CHECK(LsPaths(c.Fs({"ls", "/logs/a*.log"}).out) ==
        std::vector<std::string>{"/logs/a1.log", "/logs/a2.log"});
  CHECK(LsPaths(c.Fs({"ls", "/*/a?.log"}).out) ==
        std::vector<std::string>{"/data/a9.log", "/logs/a1.log", "/logs/a2.log"});
  CHECK(LsPaths(c.Fs({"ls", "/logs/[ab]1.*"}).out) ==
        std::vector<std::string>{"/logs/a1.log", "/logs/b1.txt"});

  Outcome none = c.Fs({"ls", "/logs/z*"});
  CHECK(none.code == kExitFailure);
  CHECK(none.err == "/logs/z* does not exist.\n");

  Outcome rm = c.Fs({"rm", "/logs/*.log"});
  CHECK(rm.code == 0);
  CHECK(rm.out == "/logs/a1.log has been removed\n/logs/a2.log has been removed\n");
}

TEST_CASE("fs commands run every path and join the failures", "[cmd]") {
  Cluster c;
  REQUIRE(c.Fs({"touch", "/f"}).code == 0);
  Outcome ls = c.Fs({"ls", "/x", "/f", "/y"});
  CHECK(ls.code == kExitFailure);
  CHECK(LsPaths(ls.out) == std::vector<std::string>{"/f"});
  CHECK(ls.err == "Path \"/x\" does not exist.\nPath \"/y\" does not exist.\n");
}

TEST_CASE("fs loadMetadata brings UFS changes in without printing", "[cmd]") {
  Cluster c;
  REQUIRE(c.Fs({"ls", "/"}).out.empty());
  c.WriteUfsFile("late/file", "x");
  Outcome load = c.Fs({"loadMetadata", "-R", "-F", "/"});
  CHECK(load.code == 0);
  CHECK(load.out.empty());
  CHECK(c.Fs({"test", "-f", "/late/file"}).code == 0);
}

TEST_CASE("fs usage errors exit 1", "[cmd]") {
  Cluster c;
  CHECK(c.Fs({"ls"}).code == kExitUsage);
  CHECK(Contains(c.Fs({"ls"}).err, "Command ls requires at least 1 arguments (0 provided)"));
  CHECK(c.Fs({"ls", "--bogus", "/"}).code == kExitUsage);
  CHECK(c.Fs({"ls", "relative"}).code == kExitUsage);
  CHECK(c.Fs({"ls", "--sort=color", "/"}).code == kExitUsage);
  CHECK(c.Fs({"chmod", "755"}).code == kExitUsage);
  CHECK(c.Fs({"rm"}).code == kExitUsage);
}

TEST_CASE("fs without a command prints the list and help describes one", "[cmd]") {
  Cluster c;
  Outcome list = c.Fs({});
  CHECK(list.code == kExitFailure);  // Alluxio's shell: -1, so 255
  CHECK(list.out.rfind("Usage: alluxio fs [generic options]\n", 0) == 0);
  CHECK(Contains(list.out, "\t [ls [-d|-f|-p|-R/--recursive|"));
  Outcome unknown = c.Fs({"frobnicate"});
  CHECK(unknown.code == kExitFailure);
  CHECK(unknown.err == "frobnicate is an unknown command.\n");
  Outcome help = c.Fs({"help", "mkdir"});
  CHECK(help.code == 0);
  CHECK(Contains(help.out, "usage: mkdir <path1> [path2] ... [pathn]\n"));
  CHECK(c.Fs({"help", "nope"}).code == kExitFailure);
  CHECK(Contains(c.Fs({"help"}).out, "unsetTtl: "));
}

TEST_CASE("fs paths may name the master with an alluxio:// authority", "[cmd]") {
  Cluster c;
  std::string uri = "alluxio://" + c.authority();
  // The configured port is wrong; the authority wins.
  Outcome made = RunCli({"--conf-dir", (c.dir() / "conf").string(), "-Dalluxio.master.rpc.port=1",
                         "fs", "mkdir", uri + "/u"});
  CHECK(made.code == 0);
  CHECK(made.out == "Successfully created directory " + uri + "/u\n");
  CHECK(c.Fs({"test", "-d", "/u"}).code == 0);
  Outcome mixed = c.Fs({"mv", uri + "/u", "alluxio://otherhost:1/v"});
  CHECK(mixed.code == kExitUsage);
  CHECK(Contains(mixed.err, "must name the same master"));
}

}  // namespace alluxio::cli
