// JsonWriter: appends compact JSON text to a string without building a document first, for
// the hot answers (FileInfo) where an nlohmann::json tree and its dump cost as much as the
// rest of the request.
//
// The text is byte for byte what nlohmann::json::dump() (no indent, ensure_ascii off,
// error_handler_t::replace) prints for the same document, so clients see no difference:
// strings escape '"', '\\', \b \f \n \r \t and other control characters as \u00xx (lowercase
// hex), pass valid UTF-8 through unchanged, and replace each maximal invalid UTF-8 subpart
// (a byte that cannot start a sequence, or a sequence cut short) with U+FFFD. Integers are
// plain decimal. nlohmann sorts object keys; a caller of this writer must emit keys in
// bytewise order itself (tests/unit/wire/json_writer_test.cc compares the two).
//
// Not thread-safe; one writer per output string. The writer does not check nesting: callers
// pair Begin/End themselves.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace alluxio::wire {

// Appends `s` as a quoted JSON string (escaping and UTF-8 replacement as above).
void AppendJsonString(std::string_view s, std::string* out);

class JsonWriter {
 public:
  // Appends to `*out`, which must outlive the writer.
  explicit JsonWriter(std::string* out) : out_(out) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  // The next value is this key's.
  void Key(std::string_view key);

  void String(std::string_view s);
  void Int(int64_t v);
  void Bool(bool v);
  void Null();
  // Appends already serialized JSON as one value.
  void Raw(std::string_view json);

 private:
  void BeforeValue() {
    if (need_comma_) out_->push_back(',');
    need_comma_ = true;
  }
  void Open(char c) {
    BeforeValue();
    out_->push_back(c);
    need_comma_ = false;
  }
  void Close(char c) {
    out_->push_back(c);
    need_comma_ = true;
  }

  std::string* const out_;
  bool need_comma_ = false;  // a value was written at this level: the next one needs a comma
};

}  // namespace alluxio::wire
