#include "lib/wire/json_reader.h"

#include <array>
#include <cmath>
#include <limits>

#include "lib/common/strings.h"

namespace alluxio::wire::json_reader {
namespace {

template <typename E>
struct EnumSpec {
  std::string_view (*name)(E);
  std::optional<E> (*parse)(std::string_view);
  int min;  // proto numbers are contiguous
  int max;
};

template <typename E>
Result<E> ConvertEnum(const json& v, const EnumSpec<E>& spec) {
  if (v.is_string()) {
    if (auto e = spec.parse(v.get_ref<const std::string&>())) return *e;
  } else if (v.is_number()) {
    auto n = Convert(v, Tag<int>{});
    if (n.ok() && *n >= spec.min && *n <= spec.max) return static_cast<E>(*n);
  }
  std::string names;
  for (int i = spec.min; i <= spec.max; ++i) {
    if (!names.empty()) names += ", ";
    names += spec.name(static_cast<E>(i));
  }
  return Expected("one of " + names + " (or " + std::to_string(spec.min) + ".." +
                      std::to_string(spec.max) + ")",
                  v);
}

constexpr EnumSpec<WriteType> kWriteTypeSpec{WriteTypeName, ParseWriteType, 1, 6};
constexpr EnumSpec<ReadType> kReadTypeSpec{ReadTypeName, ParseReadType, 1, 3};
constexpr EnumSpec<LoadMetadataType> kLoadMetadataTypeSpec{LoadMetadataTypeName,
                                                           ParseLoadMetadataType, 0, 2};
constexpr EnumSpec<TtlAction> kTtlActionSpec{TtlActionName, ParseTtlAction, 0, 2};

// PMode's Bits, indexed by the 3-bit rwx value; the proto number is index + 1.
constexpr std::array<std::string_view, 8> kModeBits = {
    "NONE", "EXECUTE", "WRITE", "WRITE_EXECUTE", "READ", "READ_EXECUTE", "READ_WRITE", "ALL"};

Result<int> ConvertModeBits(const json& v) {
  if (v.is_string()) {
    for (size_t i = 0; i < kModeBits.size(); ++i) {
      if (EqualsIgnoreCase(kModeBits[i], v.get_ref<const std::string&>())) {
        return static_cast<int>(i);
      }
    }
  } else if (v.is_number()) {
    auto n = Convert(v, Tag<int>{});
    if (n.ok() && *n >= 1 && *n <= 8) return *n - 1;
  }
  return Expected(
      "one of NONE, EXECUTE, WRITE, WRITE_EXECUTE, READ, READ_EXECUTE, READ_WRITE, ALL (or 1..8)",
      v);
}

}  // namespace

// --- Messages --------------------------------------------------------------------------------

std::string Quote(std::string_view text) {
  constexpr size_t kMax = 100;
  std::string s(text.substr(0, kMax));
  if (text.size() > kMax) s += "...";
  return json(std::move(s)).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string Describe(const json& v) {
  std::string out = v.type_name();
  if (v.is_string()) {
    out += " " + Quote(v.get_ref<const std::string&>());
  } else if (v.is_number() || v.is_boolean()) {
    out += " " + v.dump();
  }
  return out;
}

Status Expected(std::string_view what, const json& v) {
  return Status::InvalidArgument("expected " + std::string(what) + ", got " + Describe(v));
}

// --- Values ----------------------------------------------------------------------------------

Result<bool> Convert(const json& v, Tag<bool>) {
  if (!v.is_boolean()) return Expected("a boolean", v);
  return v.get<bool>();
}

Result<int64_t> Convert(const json& v, Tag<int64_t>) {
  if (v.is_number_integer() && !v.is_number_unsigned()) return v.get<int64_t>();
  if (v.is_number_unsigned()) {
    uint64_t u = v.get<uint64_t>();
    if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      return Expected("a 64-bit integer", v);
    }
    return static_cast<int64_t>(u);
  }
  if (v.is_number_float()) {
    double d = v.get<double>();
    // 2^63 is exactly representable; every double below it in magnitude converts safely.
    constexpr double kLimit = 9223372036854775808.0;
    if (std::isfinite(d) && d == std::trunc(d) && d >= -kLimit && d < kLimit) {
      return static_cast<int64_t>(d);
    }
    return Expected("an integer", v);
  }
  if (v.is_string()) {
    int64_t out = 0;
    if (ParseInt64(v.get_ref<const std::string&>(), &out)) return out;
  }
  return Expected("an integer", v);
}

Result<int> Convert(const json& v, Tag<int>) {
  auto r = Convert(v, Tag<int64_t>{});
  if (!r.ok()) return r.status();
  if (*r < std::numeric_limits<int32_t>::min() || *r > std::numeric_limits<int32_t>::max()) {
    return Expected("a 32-bit integer", v);
  }
  return static_cast<int>(*r);
}

Result<std::string> Convert(const json& v, Tag<std::string>) {
  if (!v.is_string()) return Expected("a string", v);
  return v.get<std::string>();
}

Result<std::vector<std::string>> Convert(const json& v, Tag<std::vector<std::string>>) {
  if (!v.is_array()) return Expected("an array of strings", v);
  std::vector<std::string> out;
  for (const json& e : v) {
    if (!e.is_string()) return Expected("an array of strings, element", e);
    out.push_back(e.get<std::string>());
  }
  return out;
}

Result<std::vector<int64_t>> Convert(const json& v, Tag<std::vector<int64_t>>) {
  if (!v.is_array()) return Expected("an array of integers", v);
  std::vector<int64_t> out;
  for (const json& e : v) {
    auto r = Convert(e, Tag<int64_t>{});
    if (!r.ok()) return Expected("an array of integers, element", e);
    out.push_back(*r);
  }
  return out;
}

Result<std::map<std::string, std::string>> Convert(const json& v,
                                                   Tag<std::map<std::string, std::string>>) {
  if (!v.is_object()) return Expected("an object of strings", v);
  std::map<std::string, std::string> out;
  for (const auto& [k, e] : v.items()) {
    if (!e.is_string()) return Expected("an object of strings, value of " + Quote(k), e);
    out.emplace(k, e.get<std::string>());
  }
  return out;
}

Result<WriteType> Convert(const json& v, Tag<WriteType>) { return ConvertEnum(v, kWriteTypeSpec); }
Result<ReadType> Convert(const json& v, Tag<ReadType>) { return ConvertEnum(v, kReadTypeSpec); }
Result<LoadMetadataType> Convert(const json& v, Tag<LoadMetadataType>) {
  return ConvertEnum(v, kLoadMetadataTypeSpec);
}
Result<TtlAction> Convert(const json& v, Tag<TtlAction>) { return ConvertEnum(v, kTtlActionSpec); }

std::string_view ModeBitsName(int bits) { return kModeBits[bits & 7]; }

Result<int> ConvertMode(const json& v) {
  if (v.is_object()) {
    static constexpr std::array<std::pair<std::string_view, int>, 3> kParts = {
        {{"ownerBits", 6}, {"groupBits", 3}, {"otherBits", 0}}};
    for (const auto& [k, e] : v.items()) {
      if (k != "ownerBits" && k != "groupBits" && k != "otherBits") {
        return Status::InvalidArgument("unknown key " + Quote(k) +
                                       " in mode; expected ownerBits, groupBits, otherBits");
      }
    }
    int mode = 0;
    for (const auto& [name, shift] : kParts) {
      auto it = v.find(std::string(name));
      if (it == v.end() || it->is_null()) {
        return Status::InvalidArgument("mode is missing \"" + std::string(name) +
                                       "\"; ownerBits, groupBits and otherBits are all required");
      }
      auto bits = ConvertModeBits(*it);
      if (!bits.ok()) {
        return Status::InvalidArgument(std::string(name) + ": " +
                                       std::string(bits.status().message()));
      }
      mode |= *bits << shift;
    }
    return mode;
  }
  if (v.is_number() || v.is_string()) {
    auto n = Convert(v, Tag<int>{});
    if (n.ok() && *n >= 0 && *n <= kMaxMode) return *n;
  }
  return Expected("a mode object {ownerBits, groupBits, otherBits} or an integer 0..511", v);
}

// --- Objects ---------------------------------------------------------------------------------

Status FieldCtx::Invalid(std::string_view reason) const {
  return Status::InvalidArgument("Invalid " + std::string(scope_.noun) + " \"" + scope_.path +
                                 std::string(key_) + "\" for " + std::string(scope_.owner) + ": " +
                                 std::string(reason));
}

Scope FieldCtx::Nested() const {
  return {scope_.noun, scope_.owner, scope_.path + std::string(key_) + "."};
}

Scope FieldCtx::Element(size_t i) const {
  return {scope_.noun, scope_.owner,
          scope_.path + std::string(key_) + "[" + std::to_string(i) + "]."};
}

Field Require(Field field) {
  field.required = true;
  return field;
}

Field ModeField(std::string_view key, std::optional<int>* out) {
  return {key, [out](const FieldCtx& f, const json& v) -> Status {
            auto r = ConvertMode(v);
            if (!r.ok()) return f.Invalid(r.status().message());
            *out = *r;
            return Status::OK();
          }};
}

Field Ignored(std::string_view key, Kind kind) {
  return {key, [kind](const FieldCtx& f, const json& v) -> Status {
            switch (kind) {
              case Kind::kBool:
                if (!v.is_boolean()) return f.Invalid(Expected("a boolean", v).message());
                break;
              case Kind::kString:
                if (!v.is_string()) return f.Invalid(Expected("a string", v).message());
                break;
              case Kind::kObject:
                if (!v.is_object()) return f.Invalid(Expected("an object", v).message());
                break;
              case Kind::kEnum:
                if (!v.is_string() && !v.is_number()) {
                  return f.Invalid(Expected("an enum name or number", v).message());
                }
                break;
              case Kind::kAny:
                break;
            }
            return Status::OK();
          }};
}

Status ReadObject(const json& j, const Scope& scope, const std::vector<Field>& fields,
                  bool allow_unknown) {
  for (const auto& [key, value] : j.items()) {
    const Field* field = nullptr;
    for (const Field& f : fields) {
      if (f.key == key) {
        field = &f;
        break;
      }
    }
    if (field == nullptr) {
      if (allow_unknown) continue;
      std::string known;
      for (const Field& f : fields) {
        if (!known.empty()) known += ", ";
        known += f.key;
      }
      return Status::InvalidArgument("Unknown " + std::string(scope.noun) + " " +
                                     Quote(scope.path + key) + " for " + std::string(scope.owner) +
                                     "; known " + std::string(scope.noun) + "s: " + known);
    }
    if (value.is_null()) continue;
    RETURN_IF_ERROR(field->read(FieldCtx(scope, field->key), value));
  }
  for (const Field& f : fields) {
    if (!f.required) continue;
    auto it = j.find(std::string(f.key));
    if (it == j.end() || it->is_null()) {
      return Status::InvalidArgument("Missing " + std::string(scope.noun) + " \"" + scope.path +
                                     std::string(f.key) + "\" for " + std::string(scope.owner));
    }
  }
  return Status::OK();
}

Status ReadDocument(const json& j, std::string_view noun, std::string_view owner,
                    const std::vector<Field>& fields, bool allow_unknown) {
  if (j.is_null() && noun == kOption) return Status::OK();
  if (!j.is_object()) {
    return Status::InvalidArgument(std::string(owner) +
                                   (noun == kOption ? " options" : std::string()) +
                                   " must be a JSON object, got " + Describe(j));
  }
  return ReadObject(j, Scope{noun, owner, ""}, fields, allow_unknown);
}

}  // namespace alluxio::wire::json_reader
