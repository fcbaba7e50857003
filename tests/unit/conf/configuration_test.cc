#include "lib/conf/configuration.h"

#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "lib/conf/units.h"

namespace alluxio::conf {
namespace {

namespace fs = std::filesystem;

// A fresh directory under the system temp directory, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "alluxio-conf-test-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // Creates `relative` (and its parents) holding `text`; returns its full path.
  std::string Write(const std::string& relative, const std::string& text) const {
    fs::path file = path_ / relative;
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out << text;
    REQUIRE(out.good());
    return file.string();
  }
  // Creates the directory `relative`; returns its full path.
  std::string Dir(const std::string& relative) const {
    fs::create_directories(path_ / relative);
    return (path_ / relative).string();
  }
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

// Options that read nothing from the machine: no environment, no site file directories.
struct Isolated {
  std::map<std::string, std::string> env;
  LoadOptions options;

  Isolated() {
    options.getenv = [this](const char* name) -> const char* {
      auto it = env.find(name);
      return it == env.end() ? nullptr : it->second.c_str();
    };
    options.search_dirs = std::vector<std::string>{};
  }
  Isolated(const Isolated&) = delete;
  Isolated& operator=(const Isolated&) = delete;

  Configuration Load(std::vector<std::string>* warnings = nullptr) const {
    Result<Configuration> conf = Configuration::Load(options, warnings);
    INFO(conf.status().ToString());
    REQUIRE(conf.ok());
    return *std::move(conf);
  }
  Status LoadError() const {
    Result<Configuration> conf = Configuration::Load(options);
    REQUIRE_FALSE(conf.ok());
    return conf.status();
  }
};

std::string Get(const Configuration& conf, std::string_view key) {
  Result<std::string> value = conf.GetString(key);
  INFO(key << ": " << value.status().ToString());
  REQUIRE(value.ok());
  return *value;
}

const ConfigEntry* FindEntry(const std::vector<ConfigEntry>& entries, std::string_view key) {
  for (const ConfigEntry& entry : entries) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

ConfigEntry EntryOf(const Configuration& conf, std::string_view key) {
  std::vector<ConfigEntry> entries = conf.Entries();
  const ConfigEntry* entry = FindEntry(entries, key);
  INFO(key);
  REQUIRE(entry != nullptr);
  return *entry;
}

std::string Message(const Status& status) { return std::string(status.message()); }

// ---- defaults ----

TEST_CASE("table defaults apply when no source sets a key", "[conf]") {
  Isolated iso;
  Configuration conf = iso.Load();
  CHECK(Get(conf, keys::kMasterRpcPort) == "19998");
  CHECK(Get(conf, keys::kMasterHostname) == "localhost");
  CHECK(Get(conf, keys::kUserFileWriteTypeDefault) == "ASYNC_THROUGH");
  CHECK(EntryOf(conf, keys::kMasterRpcPort).source == Source::kDefault);
  CHECK(conf.site_file().empty());
}

TEST_CASE("references in defaults resolve recursively", "[conf]") {
  Isolated iso;
  Configuration conf = iso.Load();
  CHECK(Get(conf, keys::kWorkDir) == "/opt/alluxio");
  CHECK(Get(conf, keys::kConfDir) == "/opt/alluxio/conf");
  CHECK(Get(conf, keys::kLogsDir) == "/opt/alluxio/logs");
  CHECK(Get(conf, keys::kMasterMetastoreDir) == "/opt/alluxio/metastore");
  CHECK(Get(conf, keys::kMasterMountTableRootUfs) == "/opt/alluxio/underFSStorage");
  CHECK(Get(conf, "alluxio.metrics.conf.file") == "/opt/alluxio/conf/metrics.properties");
  CHECK(Get(conf, "alluxio.worker.tieredstore.level1.dirs.mediumtype") == "SSD");
  ConfigEntry logs = EntryOf(conf, keys::kLogsDir);
  CHECK(logs.raw_value == "${alluxio.work.dir}/logs");
  CHECK(logs.value == "/opt/alluxio/logs");
}

TEST_CASE("overriding a referenced key changes every default built on it", "[conf]") {
  Isolated iso;
  iso.options.overrides = {{"alluxio.home", "/srv/alluxio"}};
  Configuration conf = iso.Load();
  CHECK(Get(conf, keys::kWorkDir) == "/srv/alluxio");
  CHECK(Get(conf, keys::kLogsDir) == "/srv/alluxio/logs");
  CHECK(Get(conf, keys::kMasterMountTableRootUfs) == "/srv/alluxio/underFSStorage");
}

TEST_CASE("keys without a default are unset", "[conf]") {
  Isolated iso;
  Configuration conf = iso.Load();
  CHECK_FALSE(conf.IsSet(keys::kWorkerHostname));
  Result<std::string> value = conf.GetString(keys::kWorkerHostname);
  REQUIRE_FALSE(value.ok());
  CHECK(value.status().code() == StatusCode::kNotFound);
  CHECK_THAT(Message(value.status()), Catch::StartsWith("alluxio.worker.hostname is not set"));
}

TEST_CASE("the memory tier size defaults to a byte count computed at load time", "[conf]") {
  Isolated iso;
  Configuration conf = iso.Load();
  Result<int64_t> size = conf.GetBytes("alluxio.worker.ramdisk.size");
  REQUIRE(size.ok());
  long pages = sysconf(_SC_PHYS_PAGES);
  long page_size = sysconf(_SC_PAGESIZE);
  REQUIRE(pages > 0);
  CHECK(*size == static_cast<int64_t>(pages) * page_size / 3 * 2);
  CHECK(Get(conf, "alluxio.worker.tieredstore.level0.dirs.quota") ==
        Get(conf, "alluxio.worker.ramdisk.size"));
}

// ---- precedence ----

TEST_CASE("an embedded default replaces the table default", "[conf]") {
  Isolated iso;
  iso.options.embedded_defaults = {{"alluxio.master.journal.type", "NOOP"}};
  Configuration conf = iso.Load();
  CHECK(Get(conf, "alluxio.master.journal.type") == "NOOP");
  CHECK(EntryOf(conf, "alluxio.master.journal.type").source == Source::kEmbeddedDefault);
}

TEST_CASE("sources override each other from default up to -D", "[conf]") {
  TempDir dir;
  dir.Write("conf/alluxio-site.properties", "alluxio.master.hostname=from-site\n");
  Isolated iso;
  std::string key(keys::kMasterHostname);

  CHECK(Get(iso.Load(), key) == "localhost");

  iso.options.embedded_defaults = {{key, "from-embedded"}};
  CHECK(Get(iso.Load(), key) == "from-embedded");

  iso.options.conf_dir = dir.path() + "/conf";
  CHECK(Get(iso.Load(), key) == "from-site");
  CHECK(EntryOf(iso.Load(), key).source == Source::kSiteProperty);

  iso.env["ALLUXIO_MASTER_HOSTNAME"] = "from-env";
  CHECK(Get(iso.Load(), key) == "from-env");
  CHECK(EntryOf(iso.Load(), key).source == Source::kEnvironment);

  iso.options.overrides = {{key, "from-d"}};
  CHECK(Get(iso.Load(), key) == "from-d");
  CHECK(EntryOf(iso.Load(), key).source == Source::kSystemProperty);
}

TEST_CASE("a site file value beats an embedded default", "[conf]") {
  TempDir dir;
  dir.Write("alluxio-site.properties", "alluxio.master.journal.type=UFS\n");
  Isolated iso;
  iso.options.embedded_defaults = {{"alluxio.master.journal.type", "NOOP"}};
  iso.options.conf_dir = dir.path();
  CHECK(Get(iso.Load(), "alluxio.master.journal.type") == "UFS");
}

TEST_CASE("an environment variable beats the site file", "[conf]") {
  TempDir dir;
  dir.Write("alluxio-site.properties", "alluxio.home=/from/site\n");
  Isolated iso;
  iso.options.conf_dir = dir.path();
  iso.env["ALLUXIO_HOME"] = "/from/env";
  Configuration conf = iso.Load();
  CHECK(Get(conf, keys::kHome) == "/from/env");
  CHECK(Get(conf, keys::kWorkDir) == "/from/env");
  ConfigEntry entry = EntryOf(conf, keys::kHome);
  CHECK(entry.source_detail == "ALLUXIO_HOME");
  CHECK(SourceLabel(entry) == "ENVIRONMENT (ALLUXIO_HOME)");
}

TEST_CASE("a -D override beats an environment variable", "[conf]") {
  Isolated iso;
  iso.env["ALLUXIO_MASTER_HOSTNAME"] = "from-env";
  iso.options.overrides = {{"alluxio.master.hostname", "from-d"}};
  CHECK(Get(iso.Load(), keys::kMasterHostname) == "from-d");
}

TEST_CASE("the later of two -D overrides wins", "[conf]") {
  Isolated iso;
  iso.options.overrides = {{"alluxio.master.rpc.port", "1"}, {"alluxio.master.rpc.port", "2"}};
  CHECK(Get(iso.Load(), keys::kMasterRpcPort) == "2");
  iso.options.overrides = {{"alluxio.underfs.address", "/a"},
                           {"alluxio.master.mount.table.root.ufs", "/b"}};
  CHECK(Get(iso.Load(), keys::kMasterMountTableRootUfs) == "/b");
}

TEST_CASE("an empty environment variable counts as unset", "[conf]") {
  Isolated iso;
  iso.env["ALLUXIO_MASTER_HOSTNAME"] = "";
  Configuration conf = iso.Load();
  CHECK(Get(conf, keys::kMasterHostname) == "localhost");
  CHECK(EntryOf(conf, keys::kMasterHostname).source == Source::kDefault);
}

TEST_CASE("every environment variable in the table sets its key", "[conf]") {
  Isolated iso;
  iso.env = {{"ALLUXIO_HOME", "/h"},
             {"ALLUXIO_CONF_DIR", "/c"},
             {"ALLUXIO_LOGS_DIR", "/l"},
             {"ALLUXIO_MASTER_HOSTNAME", "m"},
             {"ALLUXIO_MASTER_MOUNT_TABLE_ROOT_UFS", "s3://b/"},
             {"ALLUXIO_WORKER_RAMDISK_SIZE", "2GB"},
             {"ALLUXIO_RAM_FOLDER", "/dev/shm"}};
  Configuration conf = iso.Load();
  CHECK(Get(conf, keys::kHome) == "/h");
  CHECK(Get(conf, keys::kConfDir) == "/c");
  CHECK(Get(conf, keys::kLogsDir) == "/l");
  CHECK(Get(conf, keys::kMasterHostname) == "m");
  CHECK(Get(conf, keys::kMasterMountTableRootUfs) == "s3://b/");
  CHECK(Get(conf, "alluxio.worker.ramdisk.size") == "2GB");
  CHECK(Get(conf, "alluxio.worker.tieredstore.level0.dirs.path") == "/dev/shm");
}

// ---- site file search ----

TEST_CASE("--conf-dir is searched before every other directory", "[conf]") {
  TempDir dir;
  std::string first = dir.Write("a/alluxio-site.properties", "alluxio.master.hostname=a\n");
  dir.Write("b/alluxio-site.properties", "alluxio.master.hostname=b\n");
  dir.Write("c/alluxio-site.properties", "alluxio.master.hostname=c\n");
  Isolated iso;
  iso.options.conf_dir = dir.path() + "/a";
  iso.env["ALLUXIO_CONF_DIR"] = dir.path() + "/b";
  iso.options.search_dirs = std::vector<std::string>{dir.path() + "/c"};
  Configuration conf = iso.Load();
  CHECK(Get(conf, keys::kMasterHostname) == "a");
  CHECK(conf.site_file() == first);
}

TEST_CASE("$ALLUXIO_CONF_DIR is searched after --conf-dir and before the search dirs", "[conf]") {
  TempDir dir;
  dir.Dir("a");  // --conf-dir without a site file falls through
  std::string second = dir.Write("b/alluxio-site.properties", "alluxio.master.hostname=b\n");
  dir.Write("c/alluxio-site.properties", "alluxio.master.hostname=c\n");
  Isolated iso;
  iso.options.conf_dir = dir.path() + "/a";
  iso.env["ALLUXIO_CONF_DIR"] = dir.path() + "/b";
  iso.options.search_dirs = std::vector<std::string>{dir.path() + "/c"};
  Configuration conf = iso.Load();
  CHECK(Get(conf, keys::kMasterHostname) == "b");
  CHECK(conf.site_file() == second);
}

TEST_CASE("the search dirs are tried in order and only the first site file is read", "[conf]") {
  TempDir dir;
  std::string found = dir.Write("etc/alluxio-site.properties", "alluxio.master.hostname=etc\n");
  dir.Write("last/alluxio-site.properties",
            "alluxio.master.hostname=last\nalluxio.worker.hostname=w\n");
  Isolated iso;
  iso.env["ALLUXIO_CONF_DIR"] = dir.path() + "/missing";
  iso.options.search_dirs =
      std::vector<std::string>{dir.path() + "/none", dir.path() + "/etc", dir.path() + "/last"};
  Configuration conf = iso.Load();
  CHECK(Get(conf, keys::kMasterHostname) == "etc");
  CHECK_FALSE(conf.IsSet(keys::kWorkerHostname));
  CHECK(conf.site_file() == found);
}

TEST_CASE("the default search dirs are ./conf then /etc/alluxio", "[conf]") {
  TempDir dir;
  dir.Write("conf/alluxio-site.properties", "alluxio.master.hostname=cwd\n");
  fs::path old_cwd = fs::current_path();
  fs::current_path(dir.path());
  Isolated iso;
  iso.options.search_dirs.reset();
  Result<Configuration> conf = Configuration::Load(iso.options);
  fs::current_path(old_cwd);
  REQUIRE(conf.ok());
  CHECK(Get(*conf, keys::kMasterHostname) == "cwd");
  CHECK(conf->site_file() == "./conf/alluxio-site.properties");
}

TEST_CASE("with no site file anywhere only defaults apply", "[conf]") {
  TempDir dir;
  Isolated iso;
  iso.options.conf_dir = dir.path();
  iso.options.search_dirs = std::vector<std::string>{dir.path() + "/nothing"};
  Configuration conf = iso.Load();
  CHECK(conf.site_file().empty());
  CHECK(Get(conf, keys::kConfDir) == "/opt/alluxio/conf");
}

TEST_CASE("alluxio.conf.dir becomes the directory the site file was found in", "[conf]") {
  TempDir dir;
  std::string site = dir.Write("etc/alluxio-site.properties", "alluxio.master.hostname=x\n");
  Isolated iso;
  iso.options.search_dirs = std::vector<std::string>{dir.path() + "/etc/"};
  Configuration conf = iso.Load();
  CHECK(Get(conf, keys::kConfDir) == dir.path() + "/etc");
  ConfigEntry entry = EntryOf(conf, keys::kConfDir);
  CHECK(entry.source == Source::kSiteProperty);
  CHECK(entry.source_detail == site);
  CHECK(Get(conf, "alluxio.metrics.conf.file") == dir.path() + "/etc/metrics.properties");
}

TEST_CASE("a higher source's alluxio.conf.dir beats the site file's directory", "[conf]") {
  TempDir dir;
  dir.Write("b/alluxio-site.properties", "alluxio.master.hostname=x\n");
  Isolated iso;
  iso.env["ALLUXIO_CONF_DIR"] = dir.path() + "/b";
  Configuration conf = iso.Load();
  CHECK(Get(conf, keys::kConfDir) == dir.path() + "/b");
  CHECK(EntryOf(conf, keys::kConfDir).source == Source::kEnvironment);
  iso.options.overrides = {{"alluxio.conf.dir", "/elsewhere"}};
  conf = iso.Load();
  CHECK(Get(conf, keys::kConfDir) == "/elsewhere");
  CHECK(EntryOf(conf, keys::kConfDir).source == Source::kSystemProperty);
}

TEST_CASE("an alluxio.conf.dir written in the site file is kept", "[conf]") {
  TempDir dir;
  dir.Write("alluxio-site.properties", "alluxio.conf.dir=/explicit\n");
  Isolated iso;
  iso.options.conf_dir = dir.path();
  CHECK(Get(iso.Load(), keys::kConfDir) == "/explicit");
}

TEST_CASE("site file entries carry the file path as their source", "[conf]") {
  TempDir dir;
  std::string site = dir.Write("alluxio-site.properties", "alluxio.master.web.port=8080\n");
  Isolated iso;
  iso.options.conf_dir = dir.path();
  ConfigEntry entry = EntryOf(iso.Load(), keys::kMasterWebPort);
  CHECK(entry.source == Source::kSiteProperty);
  CHECK(entry.source_detail == site);
  CHECK(SourceLabel(entry) == "SITE_PROPERTY (" + site + ")");
}

TEST_CASE("a site file line with an empty key is ignored", "[conf]") {
  TempDir dir;
  dir.Write("alluxio-site.properties", "=orphan\nalluxio.master.hostname=m\n");
  Isolated iso;
  iso.options.conf_dir = dir.path();
  Configuration conf = iso.Load();
  CHECK_FALSE(conf.IsSet(""));
  CHECK(FindEntry(conf.Entries(), "") == nullptr);
  CHECK(Get(conf, keys::kMasterHostname) == "m");
}

TEST_CASE("a malformed site file stops loading with its path and line", "[conf]") {
  TempDir dir;
  std::string site = dir.Write("alluxio-site.properties", "a=1\nb=\\u12\n");
  Isolated iso;
  iso.options.conf_dir = dir.path();
  Status status = iso.LoadError();
  CHECK(status.code() == StatusCode::kInvalidArgument);
  CHECK_THAT(Message(status), Catch::Contains(site) && Catch::Contains("line 2"));
}

// Loads in a child process that is not root (root reads any file), with the site file made
// unreadable. Exit code 0: Load failed with PERMISSION_DENIED and a message naming the file.
int LoadUnreadableSiteFileInChild(const LoadOptions& options, const std::string& site) {
  pid_t pid = fork();
  if (pid == 0) {
    constexpr uid_t kNobody = 65534;
    if (geteuid() == 0 && (setgid(kNobody) != 0 || setuid(kNobody) != 0)) _exit(10);
    Result<Configuration> conf = Configuration::Load(options);
    if (conf.ok()) _exit(11);
    if (conf.status().code() != StatusCode::kPermissionDenied) _exit(12);
    std::string expected = "Cannot read the site properties file " + site;
    _exit(Message(conf.status()).rfind(expected, 0) == 0 ? 0 : 13);
  }
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

TEST_CASE("a site file that cannot be read stops loading", "[conf]") {
  TempDir dir;
  std::string site = dir.Write("alluxio-site.properties", "a=1\n");
  fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::others_exec);
  fs::permissions(site, fs::perms::none);
  Isolated iso;
  iso.options.conf_dir = dir.path();
  // 10: cannot drop root, 11: loaded, 12: wrong code, 13: wrong message.
  CHECK(LoadUnreadableSiteFileInChild(iso.options, site) == 0);
}

// ---- ${} substitution ----

TEST_CASE("references in values resolve recursively", "[conf]") {
  Isolated iso;
  iso.options.overrides = {{"alluxio.home", "/base"},
                           {"my.a", "${my.b}/a"},
                           {"my.b", "${alluxio.work.dir}/b"},
                           {"alluxio.master.journal.folder", "${my.a}/journal"}};
  Configuration conf = iso.Load();
  CHECK(Get(conf, "my.b") == "/base/b");
  CHECK(Get(conf, "my.a") == "/base/b/a");
  CHECK(Get(conf, "alluxio.master.journal.folder") == "/base/b/a/journal");
  ConfigEntry entry = EntryOf(conf, "alluxio.master.journal.folder");
  CHECK(entry.raw_value == "${my.a}/journal");
}

TEST_CASE("a value may hold several references, spaced names and aliases", "[conf]") {
  Isolated iso;
  iso.options.overrides = {{"alluxio.underfs.address", "s3://bucket"},
                           {"my.x", "${alluxio.master.hostname}:${ alluxio.master.rpc.port }"},
                           {"my.y", "${alluxio.underfs.address}/dir"}};
  Configuration conf = iso.Load();
  CHECK(Get(conf, "my.x") == "localhost:19998");
  CHECK(Get(conf, "my.y") == "s3://bucket/dir");
}

TEST_CASE("text that is not a reference stays as written", "[conf]") {
  Isolated iso;
  iso.options.overrides = {{"my.a", "$HOME and $ and ${ and {x} and ${a{b}"},
                           {"my.b", "cost: $5}"}};
  Configuration conf = iso.Load();
  CHECK(Get(conf, "my.a") == "$HOME and $ and ${ and {x} and ${a{b}");
  CHECK(Get(conf, "my.b") == "cost: $5}");
}

TEST_CASE("substituted text is not scanned again", "[conf]") {
  Isolated iso;
  iso.options.overrides = {{"my.a", "$"}, {"my.b", "${my.a}{alluxio.home}"}};
  CHECK(Get(iso.Load(), "my.b") == "${alluxio.home}");
}

TEST_CASE("a reference to an unknown key is an error naming it", "[conf]") {
  Isolated iso;
  iso.options.overrides = {{"alluxio.master.journal.folder", "${alluxio.nope}/journal"}};
  Status status = iso.LoadError();
  CHECK(status.code() == StatusCode::kInvalidArgument);
  CHECK_THAT(Message(status), Catch::Contains("${alluxio.nope}") &&
                                  Catch::Contains("alluxio.master.journal.folder") &&
                                  Catch::Contains("not a known property"));
}

TEST_CASE("a reference to a declared key without a value is an error naming it", "[conf]") {
  Isolated iso;
  iso.options.overrides = {{"my.addr", "${alluxio.worker.hostname}:29999"}};
  Status status = iso.LoadError();
  CHECK(status.code() == StatusCode::kInvalidArgument);
  CHECK_THAT(Message(status), Catch::Contains("${alluxio.worker.hostname}") &&
                                  Catch::Contains("has no value") && Catch::Contains("my.addr"));
}

TEST_CASE("a reference cycle is an error listing the keys in it", "[conf]") {
  Isolated iso;
  iso.options.overrides = {{"my.a", "${my.b}"}, {"my.b", "x${my.c}"}, {"my.c", "${my.a}"}};
  Status status = iso.LoadError();
  CHECK(status.code() == StatusCode::kInvalidArgument);
  CHECK_THAT(Message(status),
             Catch::Contains("cycle") && Catch::Contains("my.a -> my.b -> my.c -> my.a"));
}

TEST_CASE("a key referring to itself is a cycle", "[conf]") {
  Isolated iso;
  iso.options.overrides = {{"alluxio.home", "${alluxio.home}/x"}};
  Status status = iso.LoadError();
  CHECK_THAT(Message(status), Catch::Contains("alluxio.home -> alluxio.home"));
}

TEST_CASE("a cycle through table defaults names the keys involved", "[conf]") {
  Isolated iso;
  iso.options.overrides = {{"alluxio.home", "${alluxio.logs.dir}"}};
  Status status = iso.LoadError();
  CHECK_THAT(Message(status), Catch::Contains("alluxio.home") &&
                                  Catch::Contains("alluxio.logs.dir") &&
                                  Catch::Contains("alluxio.work.dir"));
}

// ---- validation ----

TEST_CASE("a bad size stops loading with key, value and expected form", "[conf]") {
  TempDir dir;
  std::string site =
      dir.Write("alluxio-site.properties", "alluxio.user.block.size.bytes.default=12x\n");
  Isolated iso;
  iso.options.conf_dir = dir.path();
  Status status = iso.LoadError();
  CHECK(status.code() == StatusCode::kInvalidArgument);
  CHECK_THAT(Message(status),
             Catch::StartsWith("Invalid value \"12x\" for alluxio.user.block.size.bytes.default: "
                               "expected a size such as 64MB (units B, KB, MB, GB, TB, PB)") &&
                 Catch::Contains(site));
}

TEST_CASE("bad values of every checked type stop loading", "[conf]") {
  struct Case {
    const char* key;
    const char* value;
    const char* expected;
  };
  const Case cases[] = {
      {"alluxio.master.rpc.port", "19998x", "expected a whole number"},
      {"alluxio.master.rpc.port", "", "expected a whole number"},
      {"alluxio.zookeeper.enabled", "yes", "expected true or false"},
      {"alluxio.master.worker.timeout", "5 parsecs", "expected a duration such as 5min"},
      {"alluxio.user.file.buffer.bytes", "8 megs", "expected a size such as 64MB"},
      {"alluxio.user.file.readtype.default", "SOMETIMES",
       "expected one of NO_CACHE, CACHE, CACHE_PROMOTE"},
  };
  for (const Case& c : cases) {
    INFO(c.key << "=" << c.value);
    Isolated iso;
    iso.options.overrides = {{c.key, c.value}};
    Status status = iso.LoadError();
    CHECK(status.code() == StatusCode::kInvalidArgument);
    CHECK_THAT(Message(status), Catch::StartsWith("Invalid value \"" + std::string(c.value) +
                                                  "\" for " + c.key + ": " + c.expected) &&
                                    Catch::Contains("SYSTEM_PROPERTY"));
  }
}

TEST_CASE("a bad value reached through a reference names what it was resolved from", "[conf]") {
  Isolated iso;
  iso.options.overrides = {{"my.size", "12x"},
                           {"alluxio.user.block.size.bytes.default", "${my.size}"}};
  Status status = iso.LoadError();
  CHECK_THAT(Message(status),
             Catch::Contains("Invalid value \"12x\" for alluxio.user.block.size.bytes.default") &&
                 Catch::Contains("${my.size}"));
}

TEST_CASE("a bad environment variable names the variable", "[conf]") {
  Isolated iso;
  iso.env["ALLUXIO_WORKER_RAMDISK_SIZE"] = "lots";
  Status status = iso.LoadError();
  CHECK_THAT(Message(status), Catch::Contains("alluxio.worker.ramdisk.size") &&
                                  Catch::Contains("ENVIRONMENT (ALLUXIO_WORKER_RAMDISK_SIZE)"));
}

TEST_CASE("enum values are case-insensitive and stored upper case", "[conf]") {
  Isolated iso;
  iso.options.overrides = {{"alluxio.user.file.writetype.default", "cache_Through"}};
  Configuration conf = iso.Load();
  CHECK(Get(conf, keys::kUserFileWriteTypeDefault) == "CACHE_THROUGH");
  Result<std::string> type = conf.GetEnum(keys::kUserFileWriteTypeDefault);
  REQUIRE(type.ok());
  CHECK(*type == "CACHE_THROUGH");
  CHECK(EntryOf(conf, keys::kUserFileWriteTypeDefault).raw_value == "cache_Through");
}

TEST_CASE("boolean values are case-insensitive and stored lower case", "[conf]") {
  Isolated iso;
  iso.options.overrides = {{"alluxio.zookeeper.enabled", "TRUE"}};
  Configuration conf = iso.Load();
  CHECK(Get(conf, "alluxio.zookeeper.enabled") == "true");
  Result<bool> enabled = conf.GetBool("alluxio.zookeeper.enabled");
  REQUIRE(enabled.ok());
  CHECK(*enabled);
}

TEST_CASE("whitespace around the value of a declared key is ignored", "[conf]") {
  TempDir dir;
  dir.Write("alluxio-site.properties",
            "alluxio.master.rpc.port=20000  \nalluxio.home=/opt/x \nmy.key=kept \n");
  Isolated iso;
  iso.options.conf_dir = dir.path();
  Configuration conf = iso.Load();
  CHECK(Get(conf, keys::kMasterRpcPort) == "20000");
  CHECK(Get(conf, keys::kLogsDir) == "/opt/x/logs");
  CHECK(Get(conf, "my.key") == "kept ");
}

// ---- unknown and foreign keys ----

TEST_CASE("an unknown alluxio key warns but loads", "[conf]") {
  TempDir dir;
  std::string site =
      dir.Write("alluxio-site.properties", "# comment\nalluxio.master.hostnmae=typo\n");
  Isolated iso;
  iso.options.conf_dir = dir.path();
  std::vector<std::string> warnings;
  Configuration conf = iso.Load(&warnings);
  REQUIRE(warnings.size() == 1);
  CHECK_THAT(warnings[0],
             Catch::Contains("alluxio.master.hostnmae") && Catch::Contains(site + ") line 2"));
  CHECK(Get(conf, "alluxio.master.hostnmae") == "typo");
  CHECK(EntryOf(conf, "alluxio.master.hostnmae").declared == nullptr);
}

TEST_CASE("unknown keys from -D and embedded defaults warn too", "[conf]") {
  Isolated iso;
  iso.options.overrides = {{"alluxio.foo", "1"}};
  iso.options.embedded_defaults = {{"alluxio.bar", "2"}};
  std::vector<std::string> warnings;
  iso.Load(&warnings);
  REQUIRE(warnings.size() == 2);
  CHECK_THAT(warnings[0], Catch::Contains("alluxio.bar") && Catch::Contains("EMBEDDED_DEFAULT"));
  CHECK_THAT(warnings[1], Catch::Contains("alluxio.foo") && Catch::Contains("SYSTEM_PROPERTY"));
}

TEST_CASE("keys outside alluxio are kept silently", "[conf]") {
  Isolated iso;
  iso.options.overrides = {{"fs.s3a.endpoint", "http://minio:9000"}, {"custom", "v"}};
  std::vector<std::string> warnings;
  Configuration conf = iso.Load(&warnings);
  CHECK(warnings.empty());
  CHECK(Get(conf, "fs.s3a.endpoint") == "http://minio:9000");
  CHECK(Get(conf, "custom") == "v");
}

TEST_CASE("template keys such as mount options do not warn", "[conf]") {
  Isolated iso;
  iso.options.overrides = {
      {"alluxio.master.mount.table.root.option.s3a.accessKeyId", "AK"},
      {"alluxio.worker.tieredstore.level3.alias", "NVME"},
  };
  std::vector<std::string> warnings;
  Configuration conf = iso.Load(&warnings);
  CHECK(warnings.empty());
  CHECK(Get(conf, "alluxio.worker.tieredstore.level3.alias") == "NVME");
}

TEST_CASE("no warnings when every key is declared", "[conf]") {
  Isolated iso;
  iso.options.overrides = {{"alluxio.master.hostname", "m"}};
  std::vector<std::string> warnings;
  iso.Load(&warnings);
  CHECK(warnings.empty());
}

// ---- aliases ----

TEST_CASE("alluxio.underfs.address sets the root mount's UFS", "[conf]") {
  TempDir dir;
  dir.Write("alluxio-site.properties", "alluxio.underfs.address=s3://bucket/root\n");
  Isolated iso;
  iso.options.conf_dir = dir.path();
  std::vector<std::string> warnings;
  Configuration conf = iso.Load(&warnings);
  CHECK(warnings.empty());
  CHECK(Get(conf, keys::kMasterMountTableRootUfs) == "s3://bucket/root");
  CHECK(Get(conf, "alluxio.underfs.address") == "s3://bucket/root");
  CHECK(conf.IsSet("alluxio.underfs.address"));
  std::vector<ConfigEntry> entries = conf.Entries();
  CHECK(FindEntry(entries, "alluxio.underfs.address") == nullptr);
  CHECK(FindEntry(entries, keys::kMasterMountTableRootUfs)->source == Source::kSiteProperty);
}

TEST_CASE("alluxio.worker.memory.size sets the memory tier size", "[conf]") {
  Isolated iso;
  iso.options.overrides = {{"alluxio.worker.memory.size", "3GB"}};
  Configuration conf = iso.Load();
  Result<int64_t> size = conf.GetBytes("alluxio.worker.ramdisk.size");
  REQUIRE(size.ok());
  CHECK(*size == 3 * (int64_t{1} << 30));
  CHECK(Get(conf, "alluxio.worker.tieredstore.level0.dirs.quota") == "3GB");
}

// ---- typed getters ----

TEST_CASE("typed getters convert per the key's type", "[conf]") {
  Isolated iso;
  iso.options.overrides = {{"alluxio.master.persistence.blacklist", " _tmp , ,.staging,"},
                           {"alluxio.master.rpc.port", "+20000"}};
  Configuration conf = iso.Load();
  CHECK(conf.GetInt(keys::kMasterRpcPort).value_or(0) == 20000);
  CHECK(conf.GetInt("alluxio.user.file.replication.max").value_or(0) == -1);
  CHECK(conf.GetBool(keys::kSecurityPermissionEnabled).value_or(false));
  CHECK(conf.GetBytes(keys::kUserBlockSizeBytesDefault).value_or(0) == 64 * (int64_t{1} << 20));
  CHECK(conf.GetDurationMs(keys::kMasterWorkerTimeout).value_or(0) == 300000);
  CHECK(conf.GetDurationMs("alluxio.user.file.metadata.sync.interval").value_or(0) == -1);
  CHECK(conf.GetEnum(keys::kUserFileReadTypeDefault).value_or("") == "CACHE");
  Result<std::vector<std::string>> list = conf.GetList("alluxio.master.persistence.blacklist");
  REQUIRE(list.ok());
  CHECK(*list == std::vector<std::string>{"_tmp", ".staging"});
}

TEST_CASE("typed getters of unset keys are NOT_FOUND", "[conf]") {
  Configuration conf = Isolated().Load();
  CHECK(conf.GetInt("alluxio.nothing").status().code() == StatusCode::kNotFound);
  CHECK(conf.GetBool(keys::kWorkerHostname).status().code() == StatusCode::kNotFound);
  CHECK(conf.GetBytes("x").status().code() == StatusCode::kNotFound);
  CHECK(conf.GetDurationMs("x").status().code() == StatusCode::kNotFound);
  CHECK(conf.GetList("x").status().code() == StatusCode::kNotFound);
  CHECK(conf.GetEnum("x").status().code() == StatusCode::kNotFound);
}

TEST_CASE("a typed getter on a value of another form is INVALID_ARGUMENT", "[conf]") {
  Isolated iso;
  iso.options.overrides = {{"my.number", "many"}};
  Configuration conf = iso.Load();
  Result<int64_t> number = conf.GetInt("my.number");
  REQUIRE_FALSE(number.ok());
  CHECK(number.status().code() == StatusCode::kInvalidArgument);
  CHECK_THAT(Message(number.status()), Catch::Contains("my.number") && Catch::Contains("many"));
  CHECK(conf.GetBool(keys::kMasterHostname).status().code() == StatusCode::kInvalidArgument);
  CHECK(conf.GetBytes(keys::kMasterHostname).status().code() == StatusCode::kInvalidArgument);
  CHECK(conf.GetDurationMs(keys::kMasterHostname).status().code() == StatusCode::kInvalidArgument);
}

TEST_CASE("GetStringOr falls back only when the key is unset", "[conf]") {
  Configuration conf = Isolated().Load();
  CHECK(conf.GetStringOr(keys::kWorkerHostname, "fallback") == "fallback");
  CHECK(conf.GetStringOr(keys::kMasterHostname, "fallback") == "localhost");
}

// ---- entries, labels, prefixes ----

TEST_CASE("Entries lists every key with a value, sorted", "[conf]") {
  Isolated iso;
  iso.options.overrides = {{"zzz.custom", "1"}, {"aaa.custom", "2"}};
  Configuration conf = iso.Load();
  std::vector<ConfigEntry> entries = conf.Entries();
  for (size_t i = 1; i < entries.size(); ++i) CHECK(entries[i - 1].key < entries[i].key);
  CHECK(FindEntry(entries, keys::kMasterRpcPort) != nullptr);
  CHECK(FindEntry(entries, keys::kWorkerHostname) == nullptr);
  const ConfigEntry* custom = FindEntry(entries, "aaa.custom");
  REQUIRE(custom != nullptr);
  CHECK(custom->declared == nullptr);
  CHECK(FindEntry(entries, keys::kMasterRpcPort)->declared ==
        FindPropertyKey(keys::kMasterRpcPort));
  CHECK(entries.front().key == "aaa.custom");
  CHECK(entries.back().key == "zzz.custom");
}

TEST_CASE("Entries with include_unset adds declared keys without a value", "[conf]") {
  Configuration conf = Isolated().Load();
  std::vector<ConfigEntry> all = conf.Entries(true);
  const ConfigEntry* hostname = FindEntry(all, keys::kWorkerHostname);
  REQUIRE(hostname != nullptr);
  CHECK(hostname->value.empty());
  CHECK(hostname->raw_value.empty());
  CHECK(hostname->declared == FindPropertyKey(keys::kWorkerHostname));
  CHECK(all.size() == AllPropertyKeys().size());
  for (size_t i = 1; i < all.size(); ++i) CHECK(all[i - 1].key < all[i].key);
  CHECK(conf.Entries().size() < all.size());
}

TEST_CASE("entries of secret keys hold the real value and are marked secret", "[conf]") {
  Isolated iso;
  iso.options.overrides = {{"s3a.secretKey", "s3cr3t"}};
  ConfigEntry entry = EntryOf(iso.Load(), "s3a.secretKey");
  CHECK(entry.value == "s3cr3t");
  REQUIRE(entry.declared != nullptr);
  CHECK(entry.declared->secret);
}

TEST_CASE("error messages never show the value of a secret key", "[conf]") {
  Isolated iso;
  iso.options.overrides = {{"s3a.secretKey", "s3cr3t"}};
  Configuration conf = iso.Load();
  Result<int64_t> number = conf.GetInt("s3a.secretKey");
  REQUIRE_FALSE(number.ok());
  CHECK_THAT(Message(number.status()), Catch::Contains("s3a.secretKey") &&
                                           Catch::Contains("******") && !Catch::Contains("s3cr3t"));
}

TEST_CASE("SourceLabel names each source", "[conf]") {
  ConfigEntry entry{"k", "v", "v", Source::kDefault, "", nullptr};
  CHECK(SourceLabel(entry) == "DEFAULT");
  entry.source = Source::kEmbeddedDefault;
  CHECK(SourceLabel(entry) == "EMBEDDED_DEFAULT");
  entry.source = Source::kSiteProperty;
  entry.source_detail = "/etc/alluxio/alluxio-site.properties";
  CHECK(SourceLabel(entry) == "SITE_PROPERTY (/etc/alluxio/alluxio-site.properties)");
  entry.source = Source::kEnvironment;
  entry.source_detail = "ALLUXIO_HOME";
  CHECK(SourceLabel(entry) == "ENVIRONMENT (ALLUXIO_HOME)");
  entry.source = Source::kSystemProperty;
  entry.source_detail = "";
  CHECK(SourceLabel(entry) == "SYSTEM_PROPERTY");
}

TEST_CASE("WithPrefix returns resolved keys under a prefix with the prefix removed", "[conf]") {
  Isolated iso;
  iso.options.overrides = {
      {"alluxio.master.mount.table.root.option.s3a.accessKeyId", "AK"},
      {"alluxio.master.mount.table.root.option.alluxio.underfs.s3.endpoint", "http://${h}:9000"},
      {"h", "minio"},
      {"alluxio.master.mount.table.root.optionx", "not under the prefix"},
  };
  Configuration conf = iso.Load();
  std::map<std::string, std::string> options =
      conf.WithPrefix("alluxio.master.mount.table.root.option.");
  CHECK(options ==
        std::map<std::string, std::string>{{"alluxio.underfs.s3.endpoint", "http://minio:9000"},
                                           {"s3a.accessKeyId", "AK"}});
  CHECK(conf.WithPrefix("no.such.prefix.").empty());
  CHECK(conf.WithPrefix("").size() == conf.Entries().size());
}

// ---- With ----

TEST_CASE("With returns a copy with the key set and leaves the original alone", "[conf]") {
  Configuration conf = Isolated().Load();
  Result<Configuration> changed = conf.With(keys::kMasterRpcPort, "0");
  REQUIRE(changed.ok());
  CHECK(Get(*changed, keys::kMasterRpcPort) == "0");
  CHECK(EntryOf(*changed, keys::kMasterRpcPort).source == Source::kSystemProperty);
  CHECK(Get(conf, keys::kMasterRpcPort) == "19998");
}

TEST_CASE("With re-resolves the values that refer to the key", "[conf]") {
  Configuration conf = Isolated().Load();
  Result<Configuration> changed = conf.With(keys::kHome, "/tmp/home");
  REQUIRE(changed.ok());
  CHECK(Get(*changed, keys::kLogsDir) == "/tmp/home/logs");
  CHECK(Get(conf, keys::kLogsDir) == "/opt/alluxio/logs");
}

TEST_CASE("With validates the value like Load", "[conf]") {
  Configuration conf = Isolated().Load();
  Result<Configuration> bad = conf.With(keys::kMasterRpcPort, "port");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == StatusCode::kInvalidArgument);
  CHECK_THAT(Message(bad.status()), Catch::Contains("alluxio.master.rpc.port"));
  Result<Configuration> cycle = conf.With(keys::kHome, "${alluxio.work.dir}");
  REQUIRE_FALSE(cycle.ok());
  CHECK_THAT(Message(cycle.status()), Catch::Contains("cycle"));
  Result<Configuration> normalized = conf.With("alluxio.master.metastore", "heap");
  REQUIRE(normalized.ok());
  CHECK(Get(*normalized, keys::kMasterMetastore) == "HEAP");
}

TEST_CASE("With accepts an alias", "[conf]") {
  Configuration conf = Isolated().Load();
  Result<Configuration> changed = conf.With("alluxio.underfs.address", "/data");
  REQUIRE(changed.ok());
  CHECK(Get(*changed, keys::kMasterMountTableRootUfs) == "/data");
}

TEST_CASE("an empty override key is rejected", "[conf]") {
  Isolated iso;
  iso.options.overrides = {{" ", "x"}};
  CHECK(iso.LoadError().code() == StatusCode::kInvalidArgument);
  Configuration conf = Isolated().Load();
  CHECK(conf.With("", "x").status().code() == StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace alluxio::conf
