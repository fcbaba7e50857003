#include "lib/wire/json_writer.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "lib/wire/fs_json.h"

namespace alluxio::wire {
namespace {

using nlohmann::json;

// What the master sent before the direct writer: nlohmann's dump of to_json.
std::string NlohmannText(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string Quoted(std::string_view s) {
  std::string out;
  AppendJsonString(s, &out);
  return out;
}

// Strings that stress escaping and UTF-8 handling: every control byte, quotes, backslashes,
// valid 2/3/4-byte sequences, and the invalid kinds (stray continuation bytes, overlong forms,
// surrogates, above U+10FFFF, sequences cut short, C0/C1/F5..FF).
const std::vector<std::string>& OddStrings() {
  static const std::vector<std::string> strings = [] {
    std::vector<std::string> v = {
        "",
        "plain",
        "quote\" backslash\\ slash/",
        "\b\f\n\r\t",
        std::string("nul\0byte", 8),
        "\x01\x1f\x7f",
        "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",  // é € 😀
        "\xef\xbb\xbf"
        "bom",
        "\x80",
        "\xbf\x80\x80",
        "\xc0\xaf",  // overlong '/'
        "\xc1\xbf",
        "\xe0\x80\xaf",  // overlong
        "\xe0\x9f\xbf",
        "\xed\xa0\x80",      // surrogate
        "\xed\x9f\xbf",      // last before the surrogates
        "\xf0\x8f\xbf\xbf",  // overlong 4-byte
        "\xf4\x90\x80\x80",  // above U+10FFFF
        "\xf4\x8f\xbf\xbf",  // U+10FFFF
        "\xf5\x80\x80\x80",
        "\xff\xfe",
        "cut \xc3",
        "cut \xe2\x82",
        "cut \xf0\x9f\x98",
        "\xe2\x82"
        "A",
        "\xe2"
        "\xe2\x82\xac",
        "\xf0\x9f"
        "\xc3\xa9",
        "mixed \"\xc3\xa9\"\n\xff end",
    };
    // Random bytes, weighted towards the interesting ranges.
    std::mt19937 rng(20261130);
    std::uniform_int_distribution<int> len(0, 12);
    std::uniform_int_distribution<int> range(0, 5);
    std::uniform_int_distribution<int> any(0, 255);
    for (int n = 0; n < 3000; ++n) {
      std::string s;
      int l = len(rng);
      for (int i = 0; i < l; ++i) {
        int b = any(rng);
        switch (range(rng)) {
          case 0:
            b = 0x80 + b % 0x40;
            break;  // continuation
          case 1:
            b = 0xc0 + b % 0x40;
            break;  // lead bytes
          case 2:
            b = b % 0x20;
            break;  // control
          case 3:
            b = 0x20 + b % 0x60;
            break;  // printable ASCII
          default:
            break;
        }
        s.push_back(static_cast<char>(b));
      }
      v.push_back(std::move(s));
    }
    return v;
  }();
  return strings;
}

TEST_CASE("AppendJsonString writes what nlohmann's dump writes, invalid UTF-8 included", "[wire]") {
  for (const std::string& s : OddStrings()) {
    INFO(s.size() << " bytes, nlohmann writes " << NlohmannText(json(s)));
    CHECK(Quoted(s) == NlohmannText(json(s)));
  }
}

TEST_CASE("AppendJsonString output parses back to the valid part of the string", "[wire]") {
  CHECK(json::parse(Quoted("a\"b\\c\n\x01")) == "a\"b\\c\n\x01");
  CHECK(Quoted("\xff") == "\"\xef\xbf\xbd\"");
  CHECK(Quoted("\x01") == "\"\\u0001\"");
  CHECK(Quoted("\x1f") == "\"\\u001f\"");
}

TEST_CASE("JsonWriter places commas and colons as nlohmann's compact dump", "[wire]") {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("a");
  w.BeginArray();
  w.Int(std::numeric_limits<int64_t>::min());
  w.Int(0);
  w.Int(std::numeric_limits<int64_t>::max());
  w.BeginObject();
  w.EndObject();
  w.BeginArray();
  w.EndArray();
  w.Null();
  w.EndArray();
  w.Key("b");
  w.Bool(true);
  w.Key("c");
  w.Bool(false);
  w.Key("d");
  w.Raw("{\"x\":1}");
  w.EndObject();
  json expected = {{"a",
                    {std::numeric_limits<int64_t>::min(), 0, std::numeric_limits<int64_t>::max(),
                     json::object(), json::array(), nullptr}},
                   {"b", true},
                   {"c", false},
                   {"d", {{"x", 1}}}};
  CHECK(out == NlohmannText(expected));
}

// A FileInfo whose every field comes from `rng`, strings from the odd ones.
FileInfo RandomFileInfo(std::mt19937& rng) {
  const auto& strings = OddStrings();
  std::uniform_int_distribution<size_t> pick(0, strings.size() - 1);
  std::uniform_int_distribution<int64_t> num(std::numeric_limits<int64_t>::min(),
                                             std::numeric_limits<int64_t>::max());
  std::uniform_int_distribution<int> small(-2, 3);
  std::bernoulli_distribution coin;
  auto str = [&] { return strings[pick(rng)]; };
  auto count = [&] { return static_cast<size_t>(std::max(0, small(rng))); };
  FileInfo f;
  f.file_id = num(rng);
  f.name = str();
  f.path = str();
  f.ufs_path = str();
  f.length = num(rng);
  f.block_size_bytes = num(rng);
  f.creation_time_ms = num(rng);
  f.last_modification_time_ms = num(rng);
  f.last_access_time_ms = num(rng);
  f.completed = coin(rng);
  f.folder = coin(rng);
  f.pinned = coin(rng);
  for (size_t i = count(); i > 0; --i) f.pinned_medium_types.push_back(str());
  f.cacheable = coin(rng);
  f.persisted = coin(rng);
  f.persistence_state = str();
  for (size_t i = count(); i > 0; --i) f.block_ids.push_back(num(rng));
  for (size_t i = count(); i > 0; --i) {
    FileBlockInfo fb;
    fb.block_info.block_id = num(rng);
    fb.block_info.length = num(rng);
    for (size_t k = count(); k > 0; --k) {
      BlockLocation l;
      l.worker_id = num(rng);
      l.worker_address.host = str();
      l.worker_address.container_host = str();
      l.worker_address.rpc_port = small(rng) * 10007;
      l.worker_address.data_port = small(rng) * 3;
      l.worker_address.web_port = small(rng);
      l.worker_address.rest_port = coin(rng) ? 0 : small(rng) * 29998;
      l.worker_address.domain_socket_path = str();
      for (size_t t = count(); t > 0; --t)
        l.worker_address.tiered_identity.push_back({str(), str()});
      l.tier_alias = str();
      l.medium_type = str();
      fb.block_info.locations.push_back(std::move(l));
    }
    fb.offset = num(rng);
    for (size_t k = count(); k > 0; --k) fb.ufs_locations.push_back(str());
    f.file_block_infos.push_back(std::move(fb));
  }
  f.in_memory_percentage = small(rng) * 33;
  f.in_alluxio_percentage = small(rng) * 50;
  f.ttl = num(rng);
  f.ttl_action = static_cast<TtlAction>(std::uniform_int_distribution<int>(0, 2)(rng));
  f.owner = str();
  f.group = str();
  f.mode = std::uniform_int_distribution<int>(0, 07777)(rng);
  f.mount_point = coin(rng);
  f.mount_id = num(rng);
  f.replication_max = small(rng);
  f.replication_min = small(rng);
  f.ufs_fingerprint = str();
  for (size_t i = count(); i > 0; --i) f.xattr[str()] = str();
  return f;
}

TEST_CASE("FileInfoJsonText is byte-identical to the dump of to_json over random FileInfos",
          "[wire]") {
  std::mt19937 rng(4242);
  for (int n = 0; n < 2000; ++n) {
    FileInfo f = RandomFileInfo(rng);
    std::string expected = NlohmannText(json(f));
    INFO("case " << n << ": " << expected);
    REQUIRE(FileInfoJsonText(f) == expected);
  }
  FileInfo empty;
  CHECK(FileInfoJsonText(empty) == NlohmannText(json(empty)));
  empty.folder = true;
  CHECK(FileInfoJsonText(empty) == NlohmannText(json(empty)));
}

TEST_CASE("WriteJson of a WorkerNetAddress matches to_json, restPort only when set", "[wire]") {
  WorkerNetAddress a;
  a.host = "h";
  a.rpc_port = 1;
  a.tiered_identity = {{"node", "h"}};
  for (int rest : {0, 29998}) {
    a.rest_port = rest;
    std::string out;
    JsonWriter w(&out);
    WriteJson(w, a);
    CHECK(out == NlohmannText(json(a)));
    CHECK((out.find("restPort") != std::string::npos) == (rest != 0));
  }
}

}  // namespace
}  // namespace alluxio::wire
