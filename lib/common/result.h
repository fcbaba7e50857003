// Result<T>: either a value of T or a non-OK Status. Use instead of out-parameters.
#pragma once

#include <cstdlib>
#include <type_traits>
#include <utility>
#include <variant>

#include "lib/common/status.h"

namespace alluxio {

template <typename T>
class [[nodiscard]] Result {
  static_assert(!std::is_same_v<std::decay_t<T>, Status>, "Result<Status> is meaningless");

 public:
  // A value.
  Result(T value) : v_(std::in_place_index<1>, std::move(value)) {}  // NOLINT: implicit
  // An error; `status` must not be OK (aborts otherwise: a broken invariant).
  Result(Status status) : v_(std::in_place_index<0>, std::move(status)) {  // NOLINT: implicit
    if (std::get<0>(v_).ok()) std::abort();
  }
  template <typename U>
  requires(std::is_constructible_v<T, U&&> && !std::is_same_v<std::decay_t<U>, T> &&
           !std::is_same_v<std::decay_t<U>, Status> && !std::is_same_v<std::decay_t<U>, Result<T>>)
      Result(U&& value)  // NOLINT: implicit
      : v_(std::in_place_index<1>, T(std::forward<U>(value))) {}

  bool ok() const { return v_.index() == 1; }

  // OK when a value is held.
  Status status() const& { return ok() ? Status() : std::get<0>(v_); }
  Status status() && { return ok() ? Status() : std::move(std::get<0>(v_)); }

  // Precondition: ok(). Aborts otherwise.
  T& value() & { return Get(); }
  const T& value() const& { return const_cast<Result*>(this)->Get(); }
  T&& value() && { return std::move(Get()); }

  T* operator->() { return &Get(); }
  const T* operator->() const { return &const_cast<Result*>(this)->Get(); }
  T& operator*() & { return Get(); }
  const T& operator*() const& { return const_cast<Result*>(this)->Get(); }
  T&& operator*() && { return std::move(Get()); }

  // The value, or `fallback` on error.
  T value_or(T fallback) const& { return ok() ? std::get<1>(v_) : std::move(fallback); }

 private:
  T& Get() {
    if (!ok()) std::abort();  // value() of an error Result is a programming error
    return std::get<1>(v_);
  }
  std::variant<Status, T> v_;
};

#define ALLUXIO_CONCAT_INNER(a, b) a##b
#define ALLUXIO_CONCAT(a, b) ALLUXIO_CONCAT_INNER(a, b)

// `ASSIGN_OR_RETURN(auto x, F());` declares x from F()'s value, or returns F()'s error.
#define ASSIGN_OR_RETURN(lhs, expr) \
  ALLUXIO_ASSIGN_OR_RETURN_IMPL(ALLUXIO_CONCAT(_alluxio_result_, __LINE__), lhs, expr)
#define ALLUXIO_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) return std::move(tmp).status();      \
  lhs = std::move(tmp).value()

}  // namespace alluxio
