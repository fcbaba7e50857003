#include "lib/conf/properties_file.h"

#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

namespace alluxio::conf {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

std::vector<PropertyEntry> Parse(std::string_view text) {
  Result<std::vector<PropertyEntry>> result = ParseProperties(text);
  INFO(result.status().ToString());
  REQUIRE(result.ok());
  return *result;
}

// Key/value pairs in order, for compact comparisons.
Pairs ParsePairs(std::string_view text) {
  Pairs pairs;
  for (const PropertyEntry& entry : Parse(text)) pairs.emplace_back(entry.key, entry.value);
  return pairs;
}

std::string ValueOf(std::string_view text) {
  std::vector<PropertyEntry> entries = Parse(text);
  REQUIRE(entries.size() == 1);
  return entries[0].value;
}

std::string KeyOf(std::string_view text) {
  std::vector<PropertyEntry> entries = Parse(text);
  REQUIRE(entries.size() == 1);
  return entries[0].key;
}

TEST_CASE("an equals sign separates key and value", "[conf][properties]") {
  CHECK(ParsePairs("alluxio.master.hostname=master1\n") ==
        Pairs{{"alluxio.master.hostname", "master1"}});
}

TEST_CASE("a colon separates key and value", "[conf][properties]") {
  CHECK(ParsePairs("alluxio.master.hostname:master1\n") ==
        Pairs{{"alluxio.master.hostname", "master1"}});
}

TEST_CASE("whitespace alone separates key and value", "[conf][properties]") {
  CHECK(ParsePairs("key value\n") == Pairs{{"key", "value"}});
  CHECK(ParsePairs("key\tvalue\n") == Pairs{{"key", "value"}});
  CHECK(ParsePairs("key\fvalue\n") == Pairs{{"key", "value"}});
  CHECK(ParsePairs("key     value\n") == Pairs{{"key", "value"}});
}

TEST_CASE("whitespace around the separator belongs to neither key nor value",
          "[conf][properties]") {
  CHECK(ParsePairs("key = value\n") == Pairs{{"key", "value"}});
  CHECK(ParsePairs("key\t:\t value\n") == Pairs{{"key", "value"}});
  CHECK(ParsePairs("key  =value\n") == Pairs{{"key", "value"}});
}

TEST_CASE("only the first separator is consumed after whitespace", "[conf][properties]") {
  CHECK(ValueOf("key = =value\n") == "=value");
  CHECK(ValueOf("key : :value\n") == ":value");
  CHECK(ValueOf("key==value\n") == "=value");
}

TEST_CASE("separators after the first one are part of the value", "[conf][properties]") {
  CHECK(ValueOf("url=http://host:80/a=b c\n") == "http://host:80/a=b c");
}

TEST_CASE("trailing whitespace of a value is kept", "[conf][properties]") {
  CHECK(ValueOf("key=value  \n") == "value  ");
  CHECK(ValueOf("key=value\t") == "value\t");
}

TEST_CASE("a key alone has an empty value", "[conf][properties]") {
  CHECK(ParsePairs("key\n") == Pairs{{"key", ""}});
  CHECK(ParsePairs("key=\n") == Pairs{{"key", ""}});
  CHECK(ParsePairs("key   \n") == Pairs{{"key", ""}});
  CHECK(ParsePairs("key :  \n") == Pairs{{"key", ""}});
}

TEST_CASE("a line starting with a separator has an empty key", "[conf][properties]") {
  CHECK(ParsePairs("=value\n") == Pairs{{"", "value"}});
  CHECK(ParsePairs(": value\n") == Pairs{{"", "value"}});
}

TEST_CASE("leading whitespace before a key is dropped", "[conf][properties]") {
  CHECK(ParsePairs("   \t\fkey=value\n") == Pairs{{"key", "value"}});
}

TEST_CASE("lines starting with a hash or an exclamation mark are comments", "[conf][properties]") {
  CHECK(ParsePairs("# a comment\n! another\na=1\n#b=2\n!c=3\n") == Pairs{{"a", "1"}});
}

TEST_CASE("a comment may be indented", "[conf][properties]") {
  CHECK(ParsePairs("   # indented comment\n\t! also\na=1\n") == Pairs{{"a", "1"}});
}

TEST_CASE("a hash after the start of a line is part of the value", "[conf][properties]") {
  CHECK(ValueOf("key=a # not a comment\n") == "a # not a comment");
  CHECK(KeyOf("k#ey=v\n") == "k#ey");
}

TEST_CASE("a comment ending in a backslash does not continue", "[conf][properties]") {
  CHECK(ParsePairs("# comment \\\nkey=value\n") == Pairs{{"key", "value"}});
}

TEST_CASE("blank and whitespace-only lines are skipped", "[conf][properties]") {
  CHECK(ParsePairs("\n\n   \n\t\f\na=1\n\n   \nb=2") == Pairs{{"a", "1"}, {"b", "2"}});
}

TEST_CASE("empty or comment-only text has no entries", "[conf][properties]") {
  CHECK(Parse("").empty());
  CHECK(Parse("# only\n! comments").empty());
  CHECK(Parse("\n\r\n  \r").empty());
}

TEST_CASE("a line ending in a backslash continues on the next line", "[conf][properties]") {
  CHECK(ParsePairs("key=first\\\nsecond\nother=x\n") ==
        Pairs{{"key", "firstsecond"}, {"other", "x"}});
  CHECK(ValueOf("key=a\\\nb\\\nc\n") == "abc");
}

TEST_CASE("leading whitespace of a continuation line is dropped", "[conf][properties]") {
  CHECK(ValueOf("key=a,\\\n    b,\\\n\t\fc\n") == "a,b,c");
  // Whitespace before the backslash stays.
  CHECK(ValueOf("key=a \\\n   b\n") == "a b");
}

TEST_CASE("a continuation may split the key", "[conf][properties]") {
  CHECK(ParsePairs("alluxio.master.\\\n    hostname=m\n") ==
        Pairs{{"alluxio.master.hostname", "m"}});
}

TEST_CASE("an even number of trailing backslashes does not continue the line",
          "[conf][properties]") {
  CHECK(ParsePairs("key=a\\\\\nnext=b\n") == Pairs{{"key", "a\\"}, {"next", "b"}});
  CHECK(ParsePairs("key=a\\\\\\\\\nnext=b\n") == Pairs{{"key", "a\\\\"}, {"next", "b"}});
}

TEST_CASE("an odd number of trailing backslashes continues and keeps the escaped ones",
          "[conf][properties]") {
  CHECK(ValueOf("key=a\\\\\\\n  b\n") == "a\\b");
}

TEST_CASE("a continuation onto a blank line ends the entry", "[conf][properties]") {
  CHECK(ParsePairs("key=a\\\n\nnext=b\n") == Pairs{{"key", "a"}, {"next", "b"}});
  CHECK(ParsePairs("key=a\\\n   \nnext=b\n") == Pairs{{"key", "a"}, {"next", "b"}});
}

TEST_CASE("a backslash at the very end of the text is dropped", "[conf][properties]") {
  CHECK(ValueOf("key=a\\") == "a");
  CHECK(ValueOf("key=a\\\n") == "a");
}

TEST_CASE("the control escapes decode to their characters", "[conf][properties]") {
  CHECK(ValueOf("key=a\\tb\\nc\\rd\\fe\n") == "a\tb\nc\rd\fe");
}

TEST_CASE("escaped separators, comment marks, spaces and backslashes stand for themselves",
          "[conf][properties]") {
  CHECK(ValueOf("key=\\=\\:\\#\\!\\ \\\\\n") == "=:#! \\");
}

TEST_CASE("any other escaped character stands for itself", "[conf][properties]") {
  CHECK(ValueOf("key=\\q\\\"\\z\\.\n") == "q\"z.");
}

TEST_CASE("escapes are decoded in keys and let keys hold separators", "[conf][properties]") {
  CHECK(ParsePairs("my\\ key=1\n") == Pairs{{"my key", "1"}});
  CHECK(ParsePairs("a\\=b=c\n") == Pairs{{"a=b", "c"}});
  CHECK(ParsePairs("a\\:b:c\n") == Pairs{{"a:b", "c"}});
  CHECK(ParsePairs("\\#not\\!comment=1\n") == Pairs{{"#not!comment", "1"}});
  CHECK(ParsePairs("tab\\tkey=1\n") == Pairs{{"tab\tkey", "1"}});
}

TEST_CASE("a unicode escape decodes to UTF-8", "[conf][properties]") {
  CHECK(ValueOf("key=\\u0041\\u0062\n") == "Ab");
  CHECK(ValueOf("key=caf\\u00e9\n") == "caf\xC3\xA9");
  CHECK(ValueOf("key=\\u20AC\\u20ac\n") == "\xE2\x82\xAC\xE2\x82\xAC");
  CHECK(KeyOf("k\\u00C9y=v\n") == "k\xC3\x89y");
}

TEST_CASE("a unicode surrogate pair decodes to one code point", "[conf][properties]") {
  CHECK(ValueOf("key=\\uD83D\\uDE00\n") == "\xF0\x9F\x98\x80");
}

TEST_CASE("a lone unicode surrogate decodes to the replacement character", "[conf][properties]") {
  CHECK(ValueOf("key=\\uD83Dx\n") == "\xEF\xBF\xBDx");
  CHECK(ValueOf("key=\\uDE00\n") == "\xEF\xBF\xBD");
}

TEST_CASE("raw UTF-8 bytes pass through unchanged", "[conf][properties]") {
  CHECK(ValueOf("key=h\xC3\xA9llo\n") == "h\xC3\xA9llo");
}

TEST_CASE("a malformed unicode escape is INVALID_ARGUMENT naming the line", "[conf][properties]") {
  for (const char* text : {"a=1\n\nkey=\\u12\n", "a=1\n\nkey=\\u12G4\n", "a=1\n\nkey=\\u\n",
                           "a=1\n\nk\\u00=v\n", "a=1\n\nkey=\\uXYZW tail\n"}) {
    INFO(text);
    Result<std::vector<PropertyEntry>> result = ParseProperties(text);
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == StatusCode::kInvalidArgument);
    CHECK_THAT(std::string(result.status().message()),
               Catch::Contains("line 3") && Catch::Contains("\\u"));
  }
}

TEST_CASE("an escaped backslash before u is not a unicode escape", "[conf][properties]") {
  CHECK(ValueOf("key=C:\\\\users\n") == "C:\\users");
}

TEST_CASE("CRLF, CR and LF all end lines", "[conf][properties]") {
  CHECK(ParsePairs("a=1\r\nb=2\r\n") == Pairs{{"a", "1"}, {"b", "2"}});
  CHECK(ParsePairs("a=1\rb=2\r") == Pairs{{"a", "1"}, {"b", "2"}});
  CHECK(ParsePairs("a=1\nb=2\r\nc=3\rd=4") ==
        Pairs{{"a", "1"}, {"b", "2"}, {"c", "3"}, {"d", "4"}});
  CHECK(ParsePairs("# comment\r\na=1\r# another\rb=2") == Pairs{{"a", "1"}, {"b", "2"}});
}

TEST_CASE("a continuation works across CRLF and CR line ends", "[conf][properties]") {
  CHECK(ParsePairs("a=x\\\r\n   y\r\nb=2\r\n") == Pairs{{"a", "xy"}, {"b", "2"}});
  CHECK(ParsePairs("a=x\\\r   y\rb=2\r") == Pairs{{"a", "xy"}, {"b", "2"}});
}

TEST_CASE("entries record the line they start on", "[conf][properties]") {
  std::vector<PropertyEntry> entries =
      Parse("# header\n\na=1\r\nb=x\\\n  y\\\r\n  z\rc=3\n\n  d=4\n");
  REQUIRE(entries.size() == 4);
  CHECK(entries[0].key == "a");
  CHECK(entries[0].line == 3);
  CHECK(entries[1].key == "b");
  CHECK(entries[1].value == "xyz");
  CHECK(entries[1].line == 4);
  CHECK(entries[2].key == "c");
  CHECK(entries[2].line == 7);
  CHECK(entries[3].key == "d");
  CHECK(entries[3].line == 9);
}

TEST_CASE("a later duplicate key overrides the earlier one", "[conf][properties]") {
  std::vector<PropertyEntry> entries = Parse("a=1\nb=2\na=3\n");
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].key == "b");
  CHECK(entries[0].value == "2");
  CHECK(entries[1].key == "a");
  CHECK(entries[1].value == "3");
  CHECK(entries[1].line == 3);
}

TEST_CASE("keys that differ only by escapes are the same key", "[conf][properties]") {
  CHECK(ParsePairs("a\\u0062=1\nab=2\n") == Pairs{{"ab", "2"}});
}

TEST_CASE("a typical alluxio-site.properties parses", "[conf][properties]") {
  const char* text =
      "# Common properties\n"
      "alluxio.master.hostname=localhost\n"
      "alluxio.master.mount.table.root.ufs=s3://bucket/data\n"
      "\n"
      "# Worker properties\n"
      "alluxio.worker.ramdisk.size = 1GB\n"
      "alluxio.worker.tieredstore.levels: 1\n"
      "alluxio.worker.tieredstore.level0.dirs.path /mnt/ramdisk,\\\n"
      "                                            /mnt/ssd\n";
  CHECK(ParsePairs(text) ==
        Pairs{{"alluxio.master.hostname", "localhost"},
              {"alluxio.master.mount.table.root.ufs", "s3://bucket/data"},
              {"alluxio.worker.ramdisk.size", "1GB"},
              {"alluxio.worker.tieredstore.levels", "1"},
              {"alluxio.worker.tieredstore.level0.dirs.path", "/mnt/ramdisk,/mnt/ssd"}});
}

}  // namespace
}  // namespace alluxio::conf
