// `--json` output of fs ls/stat/du/count, fs mount, mount list and conf list/get, run through
// the real command tree against a real in-process master (heap metastore, port 0, a temporary
// directory as root UFS); every document is parsed with nlohmann::json.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
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
using nlohmann::json;
using testing::Cluster;
using testing::Outcome;
using testing::RunCli;

// The "path" of every element of a JSON array, in order.
std::vector<std::string> Paths(const json& array) {
  std::vector<std::string> paths;
  for (const json& e : array) paths.push_back(e.at("path").get<std::string>());
  return paths;
}

// The path column of text ls output, in order.
std::vector<std::string> TextLsPaths(const std::string& out) {
  std::vector<std::string> paths;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    std::string trimmed = line.substr(0, line.find_last_not_of(' ') + 1);
    paths.push_back(trimmed.substr(trimmed.rfind(' ') + 1));
  }
  return paths;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("fs ls --json prints an array of REST FileInfo objects in ls order", "[cmd][json]") {
  Cluster c;
  c.WriteUfsFile("f1", "hello");
  c.WriteUfsFile("dir/inner", "x");
  // "a" and "a-b": path order puts /a-b before /a/x, unlike a depth-first walk.
  c.WriteUfsFile("a/x", "12");
  c.WriteUfsFile("a-b", "123");

  Outcome ls = c.Fs({"ls", "--json", "/"});
  REQUIRE(ls.code == 0);
  CHECK(ls.err.empty());
  json doc = ls.Json();
  REQUIRE(doc.is_array());
  CHECK(Paths(doc) == std::vector<std::string>{"/a", "/a-b", "/dir", "/f1"});
  const json& f1 = doc[3];
  CHECK(f1.at("name") == "f1");
  CHECK(f1.at("length") == 5);
  CHECK(f1.at("folder") == false);
  CHECK(f1.at("persisted") == true);
  CHECK(f1.at("persistenceState") == "PERSISTED");
  CHECK(f1.at("owner") == CurrentUserName());
  CHECK(f1.at("ufsPath") == (c.ufs() / "f1").string());
  CHECK(f1.at("ttl") == -1);
  CHECK(f1.at("blockIds").is_array());
  CHECK(f1.contains("fileBlockInfos"));
  CHECK(f1.contains("inAlluxioPercentage"));
  CHECK(f1.contains("mountPoint"));
  const json& dir = doc[2];
  CHECK(dir.at("folder") == true);
  // A directory's length is its child count, as the text's size column (0 here: /dir's
  // children are loaded from the UFS only when /dir itself is listed).
  std::vector<std::string> text_dir = Lines(c.Fs({"ls", "/"}).out);
  CHECK(Contains(text_dir[2], " " + std::to_string(dir.at("length").get<int>()) + " "));
  CHECK(c.Fs({"ls", "--json", "-d", "/dir"}).Json()[0].at("length") == 0);
  REQUIRE(c.Fs({"ls", "/dir"}).code == 0);
  CHECK(c.Fs({"ls", "--json", "-d", "/dir"}).Json()[0].at("length") == 1);

  // The same entries in the same order as the text output, whatever the flags.
  for (std::vector<std::string> flags :
       {std::vector<std::string>{"-R"}, {"--sort=size", "-r"}, {"--sort=name"}, {"-d"}, {}}) {
    std::vector<std::string> text_args = {"ls"};
    text_args.insert(text_args.end(), flags.begin(), flags.end());
    text_args.push_back("/");
    std::vector<std::string> json_args = text_args;
    json_args.insert(json_args.begin() + 1, "--json");
    INFO(json_args.size());
    Outcome text = c.Fs(text_args);
    Outcome js = c.Fs(json_args);
    REQUIRE(js.code == 0);
    CHECK(Paths(js.Json()) == TextLsPaths(text.out));
  }
  CHECK(Paths(c.Fs({"ls", "--json", "-R", "/"}).Json()) ==
        std::vector<std::string>{"/a", "/a-b", "/a/x", "/dir", "/dir/inner", "/f1"});

  // -h and --timestamp change only text; several paths make one array.
  Outcome two = c.Fs({"ls", "--json", "-h", "--timestamp=creationTime", "/f1", "/dir"});
  REQUIRE(two.code == 0);
  json both = two.Json();
  CHECK(Paths(both) == std::vector<std::string>{"/f1", "/dir/inner"});
  CHECK(both[0].at("length") == 5);

  // An empty directory is an empty array.
  REQUIRE(c.Fs({"mkdir", "/empty"}).code == 0);
  Outcome empty = c.Fs({"ls", "--json", "/empty"});
  CHECK(empty.code == 0);
  CHECK(empty.Json() == json::array());
}

TEST_CASE("fs ls --json stays valid JSON when a path fails", "[cmd][json]") {
  Cluster c;
  c.WriteUfsFile("f1", "hello");
  Outcome ls = c.Fs({"ls", "--json", "/f1", "/missing"});
  CHECK(ls.code == kExitFailure);
  CHECK(ls.err == "Path \"/missing\" does not exist.\n");
  CHECK(Paths(ls.Json()) == std::vector<std::string>{"/f1"});

  Outcome only_missing = c.Fs({"ls", "--json", "/missing"});
  CHECK(only_missing.code == kExitFailure);
  CHECK(only_missing.Json() == json::array());

  // A malformed path is a usage error before anything is printed.
  Outcome bad = c.Fs({"ls", "--json", "relative"});
  CHECK(bad.code == kExitUsage);
  CHECK(bad.out.empty());
}

TEST_CASE("fs ls -p --json keeps only pinned entries", "[cmd][json]") {
  Cluster c;
  REQUIRE(c.Fs({"mkdir", "/d"}).code == 0);
  REQUIRE(c.Fs({"touch", "/d/f"}).code == 0);
  REQUIRE(c.Fs({"touch", "/g"}).code == 0);
  REQUIRE(c.Fs({"pin", "/d", "MEM"}).code == 0);
  json doc = c.Fs({"ls", "--json", "-p", "-R", "/"}).Json();
  CHECK(Paths(doc) == std::vector<std::string>{"/d", "/d/f"});
  CHECK(doc[1].at("pinned") == true);
  CHECK(doc[1].at("pinnedMediumTypes") == json::array({"MEM"}));
}

TEST_CASE("fs stat --json prints the FileInfo, an array for a glob", "[cmd][json]") {
  Cluster c;
  c.WriteUfsFile("d/f", "abc");
  c.WriteUfsFile("d/g", "abcdef");

  Outcome file = c.Fs({"stat", "--json", "/d/f"});
  REQUIRE(file.code == 0);
  json f = file.Json();
  REQUIRE(f.is_object());
  CHECK(f.at("path") == "/d/f");
  CHECK(f.at("length") == 3);
  CHECK(f.at("folder") == false);
  CHECK(f.at("completed") == true);
  CHECK(Contains(c.Fs({"stat", "/d/f"}).out,
                 ", mode=" + std::to_string(f.at("mode").get<int>()) + ", "));

  // By file id: the same object, without the text's "The specified file ID" line.
  Outcome by_id =
      c.Fs({"stat", "--json", "--file-id", std::to_string(f.at("fileId").get<int64_t>())});
  REQUIRE(by_id.code == 0);
  CHECK(by_id.Json() == f);

  // A glob prints an array, even with one match.
  Outcome glob = c.Fs({"stat", "--json", "/d/*"});
  REQUIRE(glob.code == 0);
  json matches = glob.Json();
  CHECK(Paths(matches) == std::vector<std::string>{"/d/f", "/d/g"});
  CHECK(matches[1].at("length") == 6);
  CHECK(Paths(c.Fs({"stat", "--json", "/d/[f]"}).Json()) == std::vector<std::string>{"/d/f"});
  json dir = c.Fs({"stat", "--json", "/d"}).Json();
  CHECK(dir.at("folder") == true);
  CHECK(dir.at("length") == 2);  // both children, loaded by the glob's listing

  Outcome missing = c.Fs({"stat", "--json", "/nope"});
  CHECK(missing.code == kExitFailure);
  CHECK(missing.out.empty());
  CHECK(missing.err == "Path \"/nope\" does not exist.\n");

  Outcome format = c.Fs({"stat", "-f", "%z", "--json", "/d/f"});
  CHECK(format.code == kExitUsage);
  CHECK(format.out.empty());
  CHECK(Contains(format.err, "stat: --json cannot be combined with -f"));

  // The text output is unchanged.
  CHECK(c.Fs({"stat", "-f", "%N %z", "/d/f"}).out == "f 3\n");
  CHECK(c.Fs({"stat", "/d"}).out.rfind("/d is a directory path.\nURIStatus{info=FileInfo{", 0) ==
        0);
}

TEST_CASE("fs du --json prints the rows in bytes and the summary with -s", "[cmd][json]") {
  Cluster c;
  c.WriteUfsFile("top/a", std::string(10, 'a'));
  c.WriteUfsFile("top/sub/b", std::string(20, 'b'));
  c.WriteUfsFile("top/c", std::string(6000, 'c'));

  Outcome du = c.Fs({"du", "--json", "-h", "/top"});
  REQUIRE(du.code == 0);
  json rows = du.Json();
  CHECK(Paths(rows) == std::vector<std::string>{"/top/a", "/top/c", "/top/sub/b"});
  CHECK(rows[1] == json{{"path", "/top/c"},
                        {"size", 6000},
                        {"inAlluxio", 0},
                        {"inAlluxioPercentage", 0},
                        {"inMemory", 0},
                        {"inMemoryPercentage", 0}});

  json summary = c.Fs({"du", "--json", "-s", "/top"}).Json();
  REQUIRE(summary.size() == 1);
  CHECK(summary[0].at("path") == "/top");
  CHECK(summary[0].at("size") == 6030);
  CHECK(summary[0].at("inAlluxio") == 0);

  json by_worker = c.Fs({"du", "--json", "-s", "-g", "/top"}).Json();
  CHECK(by_worker[0].at("workers") == json::array());

  Outcome missing = c.Fs({"du", "--json", "/nope"});
  CHECK(missing.code == kExitFailure);
  CHECK(missing.Json() == json::array());
  CHECK(missing.err == "Path \"/nope\" does not exist.\n");

  // The text output is unchanged.
  CHECK(c.Fs({"du", "-s", "/top"}).out ==
        "File Size     In Alluxio       Path\n"
        "6030          0 (0%)           /top\n");
}

TEST_CASE("fs count --json prints the counts, an array for a glob", "[cmd][json]") {
  Cluster c;
  c.WriteUfsFile("top/a", std::string(10, 'a'));
  c.WriteUfsFile("top/sub/b", std::string(20, 'b'));
  c.WriteUfsFile("other/c", std::string(7, 'c'));

  Outcome count = c.Fs({"count", "--json", "-h", "/top"});
  REQUIRE(count.code == 0);
  CHECK(count.Json() == json{{"path", "/top"}, {"fileCount", 2}, {"folderCount", 1}, {"size", 30}});

  json glob = c.Fs({"count", "--json", "/*"}).Json();
  REQUIRE(glob.is_array());
  CHECK(Paths(glob) == std::vector<std::string>{"/other", "/top"});
  CHECK(glob[0].at("fileCount") == 1);
  CHECK(glob[0].at("size") == 7);

  Outcome missing = c.Fs({"count", "--json", "/nope"});
  CHECK(missing.code == kExitFailure);
  CHECK(missing.out.empty());

  CHECK(c.Fs({"count", "/top"}).out ==
        "File Count               Folder Count             Folder Size    \n"
        "2                        1                        30             \n");
}

TEST_CASE("fs mount and mount list --json print the mount table with secrets masked",
          "[cmd][json]") {
  Cluster c;
  stdfs::path other = c.dir() / "other";
  stdfs::create_directories(other);
  REQUIRE(c.Fs({"mount", "--readonly", "--option", "k=v", "--option", "db.password=hunter2", "/mnt",
                other.string()})
              .code == 0);

  for (const Outcome& o : {c.Fs({"mount", "--json"}), c.Run("mount", {"list", "--json"})}) {
    REQUIRE(o.code == 0);
    json table = o.Json();
    REQUIRE(table.size() == 2);
    CHECK(table[0].at("alluxioPath") == "/");
    CHECK(table[0].at("ufsUri") == c.ufs().string());
    CHECK(table[0].at("readOnly") == false);
    const json& mnt = table[1];
    CHECK(mnt.at("alluxioPath") == "/mnt");
    CHECK(mnt.at("ufsUri") == other.string());
    CHECK(mnt.at("ufsType") == "local");
    CHECK(mnt.at("readOnly") == true);
    CHECK(mnt.at("shared") == false);
    CHECK(mnt.at("properties") == json{{"db.password", "******"}, {"k", "v"}});
    CHECK(!Contains(o.out, "hunter2"));
  }
  // The text masks the same way.
  CHECK(Contains(c.Fs({"mount"}).out, "properties={db.password=******, k=v})"));

  Outcome with_args = c.Fs({"mount", "--json", "/m2", other.string()});
  CHECK(with_args.code == kExitUsage);
  CHECK(Contains(with_args.err, "--json"));
  CHECK(c.Fs({"ls", "/m2"}).code == kExitFailure);  // nothing was mounted
}

TEST_CASE("conf list and conf get --json print key, value and source", "[cmd][json]") {
  Cluster c;
  std::ofstream(c.dir() / "conf" / "alluxio-site.properties")
      << "alluxio.user.block.size.bytes.default=32MB\naws.secretKey=topsecret\n";

  Outcome list = c.Run("conf", {"list", "--json"});
  REQUIRE(list.code == 0);
  json entries = list.Json();
  REQUIRE(entries.is_array());
  auto find = [&](const json& array, const std::string& key) {
    for (const json& e : array) {
      if (e.at("key") == key) return e;
    }
    return json();
  };
  json block = find(entries, "alluxio.user.block.size.bytes.default");
  CHECK(block.at("value") == "32MB");
  CHECK(block.at("source") == "SITE_PROPERTY");
  CHECK(block.at("sourceDetail") == (c.dir() / "conf" / "alluxio-site.properties").string());
  json port = find(entries, "alluxio.master.rpc.port");
  CHECK(port.at("value") == std::to_string(c.port()));
  CHECK(port.at("source") == "SYSTEM_PROPERTY");
  CHECK(port.at("sourceDetail") == "");
  json web = find(entries, "alluxio.master.web.port");
  CHECK(web.at("value") == "19999");
  CHECK(web.at("source") == "DEFAULT");
  CHECK(find(entries, "aws.secretKey").at("value") == "******");
  CHECK(!Contains(list.out, "topsecret"));

  // conf get without a key prints the same array; with a key, one object.
  CHECK(c.Run("conf", {"get", "--json"}).Json() == entries);
  Outcome one = c.Run("conf", {"get", "--json", "alluxio.user.block.size.bytes.default"});
  REQUIRE(one.code == 0);
  CHECK(one.Json() == block);
  Outcome unit =
      c.Run("conf", {"get", "--json", "--unit", "MB", "alluxio.user.block.size.bytes.default"});
  CHECK(unit.Json().at("value") == "32");
  Outcome bad = c.Run("conf", {"get", "--json", "no.such.key"});
  CHECK(bad.code == kExitUsage);
  CHECK(bad.out.empty());

  // --all adds declared keys without a value, with a null value.
  json all = c.Run("conf", {"list", "--all", "--json"}).Json();
  CHECK(all.size() > entries.size());
  bool saw_null = false;
  for (const json& e : all) saw_null = saw_null || e.at("value").is_null();
  CHECK(saw_null);

  // The text output is unchanged.
  CHECK(Contains(c.Run("conf", {"list"}).out,
                 "alluxio.user.block.size.bytes.default=32MB  (SITE_PROPERTY (" +
                     (c.dir() / "conf" / "alluxio-site.properties").string() + "))\n"));
}

TEST_CASE("the --json flags are described in the help", "[cmd][json]") {
  for (std::vector<std::string> args : {std::vector<std::string>{"fs", "ls", "--help"},
                                        {"fs", "stat", "--help"},
                                        {"fs", "du", "--help"},
                                        {"fs", "count", "--help"},
                                        {"fs", "mount", "--help"},
                                        {"mount", "list", "--help"},
                                        {"conf", "list", "--help"},
                                        {"conf", "get", "--help"}}) {
    std::ostringstream out, err;
    CommandContext ctx(out, err);
    CLI::App app;
    BuildCommandTree(app, ctx);
    std::reverse(args.begin(), args.end());
    std::string help;
    try {
      app.parse(args);
    } catch (const CLI::CallForHelp&) {
      help = app.help();  // CLI11 delegates to the deepest parsed subcommand
    } catch (const CLI::ParseError&) {
    }
    INFO(args[1] + " " + args[2]);
    CHECK(Contains(help, "--json"));
    CHECK(Contains(help, "JSON"));
  }
}

}  // namespace alluxio::cli
