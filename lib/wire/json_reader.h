// Reading JSON objects through a table of fields: the machinery behind lib/wire's codecs
// (fs_json.cc, fs_options_json.cc).
//
// A JSON object is described once, as a list of Field{key, reader}. ReadObject walks the
// object, rejects unknown keys (or skips them, for responses from a newer server), treats null
// as absent (protobuf's JSON mapping) and checks required keys. Every error is
// INVALID_ARGUMENT naming the key path and the document, e.g.
//   Unknown option "foo" for CreateFile; known options: recursive, blockSizeBytes, ...
//   Invalid option "commonOptions.ttl" for CreateFile: expected an integer, got string "x"
//   Missing key "path" for FileInfo
//
// Internal to lib/wire: this header includes <nlohmann/json.hpp>, so include it from .cc files
// only (public headers use <nlohmann/json_fwd.hpp>). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lib/common/result.h"
#include "lib/wire/fs_types.h"

namespace alluxio::wire::json_reader {

using nlohmann::json;

// The nouns documents use in messages: options bodies say "option", response objects "key".
inline constexpr std::string_view kOption = "option";
inline constexpr std::string_view kKey = "key";

// --- Messages --------------------------------------------------------------------------------

// `text` as a JSON string literal cut to 100 bytes; never throws (invalid UTF-8 is replaced).
std::string Quote(std::string_view text);
// "string \"abc\"", "number 1.5", "boolean true", "array", ...
std::string Describe(const json& v);
// INVALID_ARGUMENT "expected <what>, got <Describe(v)>".
Status Expected(std::string_view what, const json& v);

// --- Values ----------------------------------------------------------------------------------
// Each Convert returns the value or INVALID_ARGUMENT with a bare reason ("expected a boolean,
// got string \"x\""); FieldCtx::Invalid adds which key of which document.

template <typename T>
struct Tag {};

Result<bool> Convert(const json& v, Tag<bool>);
// Integral JSON numbers (1.0 counts, as in protobuf's JSON mapping) and decimal strings
// (protobuf writes 64-bit integers as strings).
Result<int64_t> Convert(const json& v, Tag<int64_t>);
// As int64_t, within int32's range.
Result<int> Convert(const json& v, Tag<int>);
Result<std::string> Convert(const json& v, Tag<std::string>);
Result<std::vector<std::string>> Convert(const json& v, Tag<std::vector<std::string>>);
Result<std::vector<int64_t>> Convert(const json& v, Tag<std::vector<int64_t>>);
Result<std::map<std::string, std::string>> Convert(const json& v,
                                                   Tag<std::map<std::string, std::string>>);
// Enums: Alluxio's name in any case, or the proto number.
Result<WriteType> Convert(const json& v, Tag<WriteType>);
Result<ReadType> Convert(const json& v, Tag<ReadType>);
Result<LoadMetadataType> Convert(const json& v, Tag<LoadMetadataType>);
Result<TtlAction> Convert(const json& v, Tag<TtlAction>);

// The largest mode PMode can express.
inline constexpr int kMaxMode = 0777;
// PMode's Bits name for 3 permission bits (0 -> NONE ... 7 -> ALL).
std::string_view ModeBitsName(int bits);
// A PMode object (ownerBits, groupBits, otherBits: all required, nothing else; names in any
// case or proto numbers 1..8) or an integer 0..0777.
Result<int> ConvertMode(const json& v);

// --- Objects ---------------------------------------------------------------------------------

// Where in which document a reader is: the noun, the document's name ("CreateFile") and the
// path of enclosing keys ("commonOptions.", "fileBlockInfos[1].blockInfo.").
struct Scope {
  std::string_view noun;
  std::string_view owner;
  std::string path;
};

// One key being read.
class FieldCtx {
 public:
  FieldCtx(const Scope& scope, std::string_view key) : scope_(scope), key_(key) {}

  // INVALID_ARGUMENT "Invalid <noun> \"<path><key>\" for <owner>: <reason>".
  Status Invalid(std::string_view reason) const;
  // The scope of an object stored under this key.
  Scope Nested() const;
  // The scope of element `i` of an array of objects stored under this key.
  Scope Element(size_t i) const;

 private:
  const Scope& scope_;
  std::string_view key_;
};

struct Field {
  std::string_view key;
  // Called for a present, non-null value; stores it or returns why it cannot.
  std::function<Status(const FieldCtx&, const json&)> read;
  // Absent or null is an error.
  bool required = false;
};

template <typename T>
Status ReadInto(const FieldCtx& f, const json& v, T* out) {
  auto r = Convert(v, Tag<T>{});
  if (!r.ok()) return f.Invalid(r.status().message());
  *out = std::move(r).value();
  return Status::OK();
}

template <typename T>
Status ReadInto(const FieldCtx& f, const json& v, std::optional<T>* out) {
  T value{};
  RETURN_IF_ERROR(ReadInto(f, v, &value));
  *out = std::move(value);
  return Status::OK();
}

// A field stored in `*out` (which outlives the read) by its type's Convert.
template <typename T>
Field Bind(std::string_view key, T* out) {
  return {key, [out](const FieldCtx& f, const json& v) { return ReadInto(f, v, out); }};
}

// `field`, made required.
Field Require(Field field);

template <typename T>
Field Required(std::string_view key, T* out) {
  return Require(Bind(key, out));
}

// A mode (ConvertMode) stored in `*out`.
Field ModeField(std::string_view key, std::optional<int>* out);

// What an accepted-but-dropped key must hold.
enum class Kind { kBool, kString, kObject, kEnum, kAny };

// A key Alluxio or its python client sends that we do not model: type-checked, then dropped.
Field Ignored(std::string_view key, Kind kind);

// Reads the object `j` through `fields`. Unknown keys are an error unless `allow_unknown`.
Status ReadObject(const json& j, const Scope& scope, const std::vector<Field>& fields,
                  bool allow_unknown = false);

// A top-level document named `owner`: must be an object, except that null means "all
// defaults" for options (noun kOption).
Status ReadDocument(const json& j, std::string_view noun, std::string_view owner,
                    const std::vector<Field>& fields, bool allow_unknown = false);

// A field holding a nested object read through `fields_of(out)`.
template <typename T, typename MakeFields>
Field ObjectField(std::string_view key, T* out, MakeFields fields_of, bool allow_unknown) {
  return {key, [out, fields_of, allow_unknown](const FieldCtx& f, const json& v) -> Status {
            if (!v.is_object()) return f.Invalid(Expected("an object", v).message());
            return ReadObject(v, f.Nested(), fields_of(out), allow_unknown);
          }};
}

// A field holding an array of objects, each read through `fields_of(&element)`.
template <typename T, typename MakeFields>
Field ObjectArrayField(std::string_view key, std::vector<T>* out, MakeFields fields_of,
                       bool allow_unknown) {
  return {key, [out, fields_of, allow_unknown](const FieldCtx& f, const json& v) -> Status {
            if (!v.is_array()) return f.Invalid(Expected("an array of objects", v).message());
            std::vector<T> items;
            for (size_t i = 0; i < v.size(); ++i) {
              if (!v[i].is_object()) {
                return f.Invalid(Expected("an array of objects, element", v[i]).message());
              }
              T item;
              RETURN_IF_ERROR(ReadObject(v[i], f.Element(i), fields_of(&item), allow_unknown));
              items.push_back(std::move(item));
            }
            *out = std::move(items);
            return Status::OK();
          }};
}

}  // namespace alluxio::wire::json_reader
