#include "server/worker/tier_config.h"

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

namespace alluxio::worker {
namespace {

using Overrides = std::vector<std::pair<std::string, std::string>>;

// A configuration from table defaults and `overrides` only: no environment, no site file.
conf::Configuration Conf(Overrides overrides) {
  conf::LoadOptions options;
  options.getenv = [](const char*) -> const char* { return nullptr; };
  options.search_dirs = std::vector<std::string>{};
  options.overrides = std::move(overrides);
  Result<conf::Configuration> conf = conf::Configuration::Load(options);
  INFO(conf.status().ToString());
  REQUIRE(conf.ok());
  return *std::move(conf);
}

Result<BlockStoreOptions> Parse(Overrides overrides) {
  return BlockStoreOptionsFromConfiguration(Conf(std::move(overrides)));
}

BlockStoreOptions ParseOk(Overrides overrides) {
  Result<BlockStoreOptions> options = Parse(std::move(overrides));
  INFO(options.status().ToString());
  REQUIRE(options.ok());
  return *std::move(options);
}

// The error of a configuration that must not parse.
Status ParseError(Overrides overrides) {
  Result<BlockStoreOptions> options = Parse(std::move(overrides));
  REQUIRE_FALSE(options.ok());
  CHECK(options.status().code() == StatusCode::kInvalidArgument);
  return options.status();
}

std::string Message(const Status& status) { return std::string(status.message()); }

const Overrides kOneTier = {
    {"alluxio.worker.tieredstore.levels", "1"},
    {"alluxio.worker.tieredstore.level0.dirs.path", "/mnt/ramdisk"},
    {"alluxio.worker.tieredstore.level0.dirs.quota", "1GB"},
};

Overrides With(Overrides base, Overrides more) {
  for (auto& kv : more) base.push_back(std::move(kv));
  return base;
}

}  // namespace

TEST_CASE("one MEM tier parses with the data folder under its dir and LRU by default",
          "[tier_config]") {
  BlockStoreOptions options = ParseOk(kOneTier);
  REQUIRE(options.tiers.size() == 1);
  CHECK(options.tiers[0].alias == "MEM");
  REQUIRE(options.tiers[0].dirs.size() == 1);
  CHECK(options.tiers[0].dirs[0].path == "/mnt/ramdisk/alluxioworker");
  CHECK(options.tiers[0].dirs[0].quota_bytes == (int64_t{1} << 30));
  CHECK(options.tiers[0].dirs[0].medium_type == "MEM");
  CHECK(options.annotator == AnnotatorKind::kLru);
  CHECK(options.lrfu_step_factor == 0.25);
  CHECK(options.lrfu_attenuation_factor == 2.0);
}

TEST_CASE("the default MEM quota is the ramdisk size", "[tier_config]") {
  BlockStoreOptions options = ParseOk({{"alluxio.worker.ramdisk.size", "64MB"},
                                       {"alluxio.worker.tieredstore.level0.dirs.path", "/dev/shm"},
                                       {"alluxio.worker.data.folder", "blocks"}});
  REQUIRE(options.tiers.size() == 1);
  CHECK(options.tiers[0].dirs[0].path == "/dev/shm/blocks");
  CHECK(options.tiers[0].dirs[0].quota_bytes == 64 << 20);
}

TEST_CASE("three tiers parse; fewer quotas or media than dirs repeat the last one",
          "[tier_config]") {
  BlockStoreOptions options = ParseOk(
      With(kOneTier, {
                         {"alluxio.worker.tieredstore.levels", "3"},
                         {"alluxio.worker.tieredstore.level0.dirs.path", "/mem/a,/mem/b"},
                         {"alluxio.worker.tieredstore.level0.dirs.quota", "100MB"},
                         {"alluxio.worker.tieredstore.level1.alias", "ssd"},
                         {"alluxio.worker.tieredstore.level1.dirs.path", "/ssd1, /ssd2 ,/ssd3/"},
                         {"alluxio.worker.tieredstore.level1.dirs.quota", "10GB,20GB"},
                         {"alluxio.worker.tieredstore.level1.dirs.mediumtype", "SSD,NVME"},
                         {"alluxio.worker.tieredstore.level2.dirs.path", "/hdd"},
                         {"alluxio.worker.tieredstore.level2.dirs.quota", "1TB,2TB"},
                     }));
  REQUIRE(options.tiers.size() == 3);
  CHECK(options.tiers[0].alias == "MEM");
  CHECK(options.tiers[1].alias == "SSD");
  CHECK(options.tiers[2].alias == "HDD");

  const auto& mem = options.tiers[0].dirs;
  REQUIRE(mem.size() == 2);
  CHECK(mem[0].quota_bytes == 100 << 20);
  CHECK(mem[1].quota_bytes == 100 << 20);  // one value applies to all dirs
  CHECK(mem[1].path == "/mem/b/alluxioworker");

  const auto& ssd = options.tiers[1].dirs;
  REQUIRE(ssd.size() == 3);
  CHECK(ssd[0].path == "/ssd1/alluxioworker");
  CHECK(ssd[2].path == "/ssd3/alluxioworker");
  CHECK(ssd[0].quota_bytes == 10LL << 30);
  CHECK(ssd[1].quota_bytes == 20LL << 30);
  CHECK(ssd[2].quota_bytes == 20LL << 30);  // the last quota repeats
  CHECK(ssd[0].medium_type == "SSD");
  CHECK(ssd[1].medium_type == "NVME");
  CHECK(ssd[2].medium_type == "NVME");

  const auto& hdd = options.tiers[2].dirs;
  REQUIRE(hdd.size() == 1);
  CHECK(hdd[0].quota_bytes == 1LL << 40);  // extra quotas are ignored, as in Alluxio
  CHECK(hdd[0].medium_type == "HDD");      // the default medium type is the alias
}

TEST_CASE("a level count outside 1..3 is rejected naming the key", "[tier_config]") {
  for (const char* levels : {"0", "4", "-1"}) {
    Status error = ParseError(With(kOneTier, {{"alluxio.worker.tieredstore.levels", levels}}));
    CHECK_THAT(Message(error), Catch::Contains("alluxio.worker.tieredstore.levels") &&
                                   Catch::Contains(std::string("\"") + levels + "\""));
  }
}

TEST_CASE("an unknown alias is rejected naming the key and value", "[tier_config]") {
  Status error = ParseError(With(kOneTier, {{"alluxio.worker.tieredstore.level0.alias", "NVME"}}));
  CHECK_THAT(Message(error), Catch::Contains("alluxio.worker.tieredstore.level0.alias") &&
                                 Catch::Contains("NVME") && Catch::Contains("MEM, SSD or HDD"));
}

TEST_CASE("tiers out of the global order or repeated are rejected", "[tier_config]") {
  Overrides two = With(kOneTier, {{"alluxio.worker.tieredstore.levels", "2"},
                                  {"alluxio.worker.tieredstore.level1.dirs.path", "/ssd"},
                                  {"alluxio.worker.tieredstore.level1.dirs.quota", "1GB"}});
  SECTION("out of order") {
    Status error = ParseError(With(two, {{"alluxio.worker.tieredstore.level0.alias", "SSD"},
                                         {"alluxio.worker.tieredstore.level1.alias", "MEM"}}));
    CHECK_THAT(Message(error), Catch::Contains("alluxio.worker.tieredstore.level1.alias=MEM") &&
                                   Catch::Contains("MEM > SSD > HDD"));
  }
  SECTION("duplicate") {
    Status error = ParseError(With(two, {{"alluxio.worker.tieredstore.level1.alias", "MEM"}}));
    CHECK_THAT(Message(error),
               Catch::Contains("MEM > SSD > HDD") && Catch::Contains("at most once"));
  }
  SECTION("gaps are fine") {
    BlockStoreOptions options =
        ParseOk(With(two, {{"alluxio.worker.tieredstore.level1.alias", "HDD"}}));
    CHECK(options.tiers[1].alias == "HDD");
  }
}

TEST_CASE("a bad quota is rejected naming the key and value", "[tier_config]") {
  Status error =
      ParseError(With(kOneTier, {{"alluxio.worker.tieredstore.level0.dirs.quota", "10GB,lots"}}));
  CHECK_THAT(Message(error), Catch::Contains("alluxio.worker.tieredstore.level0.dirs.quota") &&
                                 Catch::Contains("\"lots\""));
  error = ParseError(With(kOneTier, {{"alluxio.worker.tieredstore.level0.dirs.quota", "-5"}}));
  CHECK_THAT(Message(error), Catch::Contains("\"-5\""));
}

TEST_CASE("a configured level without dirs or quota is rejected naming the key", "[tier_config]") {
  Status error = ParseError(With(kOneTier, {{"alluxio.worker.tieredstore.levels", "2"}}));
  CHECK_THAT(Message(error), Catch::Contains("alluxio.worker.tieredstore.level1.dirs.path") &&
                                 Catch::Contains("not set"));
  error = ParseError(With(kOneTier, {{"alluxio.worker.tieredstore.levels", "2"},
                                     {"alluxio.worker.tieredstore.level1.dirs.path", "/ssd"}}));
  CHECK_THAT(Message(error), Catch::Contains("alluxio.worker.tieredstore.level1.dirs.quota"));
}

TEST_CASE("relative and repeated dirs are rejected", "[tier_config]") {
  Status error =
      ParseError(With(kOneTier, {{"alluxio.worker.tieredstore.level0.dirs.path", "data/mem"}}));
  CHECK_THAT(Message(error), Catch::Contains("alluxio.worker.tieredstore.level0.dirs.path") &&
                                 Catch::Contains("data/mem"));
  error = ParseError(With(kOneTier, {{"alluxio.worker.tieredstore.level0.dirs.path", "/a,/a/"}}));
  CHECK_THAT(Message(error), Catch::Contains("/a/alluxioworker") && Catch::Contains("twice"));
}

TEST_CASE("annotator class names: Alluxio's and short ones, case-insensitive", "[tier_config]") {
  struct Case {
    const char* value;
    AnnotatorKind kind;
  };
  for (Case c : {Case{"alluxio.worker.block.annotator.LRUAnnotator", AnnotatorKind::kLru},
                 Case{"alluxio.worker.block.annotator.LRFUAnnotator", AnnotatorKind::kLrfu},
                 Case{"Alluxio.Worker.Block.Annotator.lrfuannotator", AnnotatorKind::kLrfu},
                 Case{"LRU", AnnotatorKind::kLru}, Case{"lrfu", AnnotatorKind::kLrfu},
                 Case{"Lfu", AnnotatorKind::kLfu}}) {
    INFO(c.value);
    BlockStoreOptions options =
        ParseOk(With(kOneTier, {{"alluxio.worker.block.annotator.class", c.value}}));
    CHECK(options.annotator == c.kind);
  }
}

TEST_CASE("an unknown annotator is rejected naming the key, value and accepted values",
          "[tier_config]") {
  for (const char* value :
       {"FIFO", "alluxio.worker.block.annotator.FIFOAnnotator", "LRUAnnotator"}) {
    Status error = ParseError(With(kOneTier, {{"alluxio.worker.block.annotator.class", value}}));
    CHECK_THAT(Message(error), Catch::Contains("alluxio.worker.block.annotator.class") &&
                                   Catch::Contains(std::string("\"") + value + "\"") &&
                                   Catch::Contains("alluxio.worker.block.annotator.LRUAnnotator") &&
                                   Catch::Contains("LRFU") && Catch::Contains("LFU"));
  }
}

TEST_CASE("the legacy evictor class, when set, picks the annotator", "[tier_config]") {
  BlockStoreOptions options = ParseOk(
      With(kOneTier, {{"alluxio.worker.evictor.class", "alluxio.worker.block.evictor.LRFUEvictor"},
                      {"alluxio.worker.block.annotator.class", "LRU"}}));
  CHECK(options.annotator == AnnotatorKind::kLrfu);
  options = ParseOk(With(
      kOneTier, {{"alluxio.worker.evictor.class", "alluxio.worker.block.evictor.GreedyEvictor"}}));
  CHECK(options.annotator == AnnotatorKind::kLru);
  Status error = ParseError(With(kOneTier, {{"alluxio.worker.evictor.class", "Random"}}));
  CHECK_THAT(Message(error), Catch::Contains("alluxio.worker.evictor.class"));
}

TEST_CASE("LRFU factors are read and range-checked", "[tier_config]") {
  Overrides lrfu = With(kOneTier, {{"alluxio.worker.block.annotator.class", "LRFU"}});
  BlockStoreOptions options =
      ParseOk(With(lrfu, {{"alluxio.worker.block.annotator.lrfu.step.factor", "0.5"},
                          {"alluxio.worker.block.annotator.lrfu.attenuation.factor", "3"}}));
  CHECK(options.lrfu_step_factor == 0.5);
  CHECK(options.lrfu_attenuation_factor == 3.0);
  Status error =
      ParseError(With(lrfu, {{"alluxio.worker.block.annotator.lrfu.step.factor", "1.5"}}));
  CHECK_THAT(Message(error), Catch::Contains("alluxio.worker.block.annotator.lrfu.step.factor"));
  error = ParseError(With(lrfu, {{"alluxio.worker.block.annotator.lrfu.attenuation.factor", "1"}}));
  CHECK_THAT(Message(error),
             Catch::Contains("alluxio.worker.block.annotator.lrfu.attenuation.factor"));
  error = ParseError(With(lrfu, {{"alluxio.worker.block.annotator.lrfu.step.factor", "fast"}}));
  CHECK_THAT(Message(error), Catch::Contains("\"fast\""));
}

TEST_CASE("options built in code are validated the same way", "[tier_config]") {
  BlockStoreOptions options;
  CHECK(ValidateBlockStoreOptions(options).code() == StatusCode::kInvalidArgument);
  options.tiers = {{"SSD", {{"/a", 10, "SSD"}}}, {"SSD", {{"/b", 10, "SSD"}}}};
  CHECK(ValidateBlockStoreOptions(options).code() == StatusCode::kInvalidArgument);
  options.tiers = {{"MEM", {}}};
  CHECK(ValidateBlockStoreOptions(options).code() == StatusCode::kInvalidArgument);
  options.tiers = {{"MEM", {{"/a", -1, "MEM"}}}};
  CHECK(ValidateBlockStoreOptions(options).code() == StatusCode::kInvalidArgument);
  options.tiers = {{"MEM", {{"/a", 10, "MEM"}}}, {"HDD", {{"/b", 10, "HDD"}}}};
  CHECK(ValidateBlockStoreOptions(options).ok());
}

}  // namespace alluxio::worker
