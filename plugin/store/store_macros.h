// Early-return helpers for Result values inside the store, in abseil's portable if/else form.
// EC_STORE_ASSIGN_OR_RETURN(auto x, expr) declares x from a Result<T> or returns its error.
// TODO(store): move to plugin/core/result.h as EC_ASSIGN_OR_RETURN if other modules want it.
#pragma once

#include <expected>
#include <utility>

#include "plugin/core/result.h"

#define EC_STORE_CONCAT_INNER_(a, b) a##b
#define EC_STORE_CONCAT_(a, b) EC_STORE_CONCAT_INNER_(a, b)

#define EC_STORE_ASSIGN_OR_RETURN(lhs, expr) \
  EC_STORE_ASSIGN_OR_RETURN_IMPL_(EC_STORE_CONCAT_(ec_store_result_, __LINE__), lhs, expr)

#define EC_STORE_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr)          \
  auto tmp = (expr);                                             \
  if (!tmp.has_value()) {                                        \
    return std::unexpected<::ec::Error>(std::move(tmp).error()); \
  }                                                              \
  lhs = std::move(tmp).value()
