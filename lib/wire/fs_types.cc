#include "lib/wire/fs_types.h"

#include <array>
#include <utility>

#include "lib/common/strings.h"

namespace alluxio::wire {
namespace {

// Each enum has one table of (value, Alluxio's name) rows that drives both directions.
template <typename E, size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "UNKNOWN";
}

template <typename E, size_t N>
std::optional<E> ParseName(const std::array<std::pair<E, std::string_view>, N>& table,
                           std::string_view name) {
  for (const auto& [v, n] : table) {
    if (EqualsIgnoreCase(n, name)) return v;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<WriteType, std::string_view>, 6> kWriteTypes = {{
    {WriteType::kMustCache, "MUST_CACHE"},
    {WriteType::kTryCache, "TRY_CACHE"},
    {WriteType::kCacheThrough, "CACHE_THROUGH"},
    {WriteType::kThrough, "THROUGH"},
    {WriteType::kAsyncThrough, "ASYNC_THROUGH"},
    {WriteType::kNone, "NONE"},
}};

constexpr std::array<std::pair<ReadType, std::string_view>, 3> kReadTypes = {{
    {ReadType::kNoCache, "NO_CACHE"},
    {ReadType::kCache, "CACHE"},
    {ReadType::kCachePromote, "CACHE_PROMOTE"},
}};

constexpr std::array<std::pair<LoadMetadataType, std::string_view>, 3> kLoadMetadataTypes = {{
    {LoadMetadataType::kNever, "NEVER"},
    {LoadMetadataType::kOnce, "ONCE"},
    {LoadMetadataType::kAlways, "ALWAYS"},
}};

constexpr std::array<std::pair<TtlAction, std::string_view>, 3> kTtlActions = {{
    {TtlAction::kDelete, "DELETE"},
    {TtlAction::kFree, "FREE"},
    {TtlAction::kDeleteAlluxio, "DELETE_ALLUXIO"},
}};

}  // namespace

std::string_view WriteTypeName(WriteType t) { return NameOf(kWriteTypes, t); }
std::optional<WriteType> ParseWriteType(std::string_view name) {
  return ParseName(kWriteTypes, name);
}

std::string_view ReadTypeName(ReadType t) { return NameOf(kReadTypes, t); }
std::optional<ReadType> ParseReadType(std::string_view name) { return ParseName(kReadTypes, name); }

std::string_view LoadMetadataTypeName(LoadMetadataType t) { return NameOf(kLoadMetadataTypes, t); }
std::optional<LoadMetadataType> ParseLoadMetadataType(std::string_view name) {
  return ParseName(kLoadMetadataTypes, name);
}

std::string_view TtlActionName(TtlAction a) { return NameOf(kTtlActions, a); }
std::optional<TtlAction> ParseTtlAction(std::string_view name) {
  return ParseName(kTtlActions, name);
}

}  // namespace alluxio::wire
