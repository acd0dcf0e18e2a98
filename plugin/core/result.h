// Result and Error: how every module of escalation-copilot reports failure across a boundary.
// Error codes are a subset of abseil's canonical codes; the HTTP layer and the CLI map them to
// statuses and exit codes in one place each. Values only: no exceptions cross a module boundary.
// Thread-safe as plain values.
#pragma once

#include <chrono>
#include <expected>
#include <string>
#include <string_view>
#include <utility>

namespace ec {

enum class ErrorCode {
  InvalidArgument,     // malformed input: config, export file, request body
  NotFound,            // no such case, draft, subject, file
  AlreadyExists,       // idempotency key or id already used
  PermissionDenied,    // authenticated, but not allowed (not the assigned lead)
  Unauthenticated,     // bad signature, stale timestamp, missing token
  FailedPrecondition,  // state forbids it (stale version, security hold, not approved)
  Unavailable,         // a source or target is unreachable; retryable
  DeadlineExceeded,    // a call timed out; retryable
  DataLoss,            // broken audit chain, corrupted store
  Internal,            // a bug; details go to the log, not to the caller
};

std::string_view error_code_name(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string message;
  // For retryable codes: how long the remote side asked us to wait (HTTP Retry-After), or 0
  // when it did not say. Retry schedules wait at least this long.
  std::chrono::milliseconds retry_after{0};

  // Returns a copy whose message is "context: message", for adding where an error happened.
  [[nodiscard]] Error with_context(std::string_view context) const;
  [[nodiscard]] std::string to_string() const;
};

template <class T>
using Result = std::expected<T, Error>;
using Status = Result<void>;

inline std::unexpected<Error> make_error(ErrorCode code, std::string message) {
  return std::unexpected<Error>(Error{code, std::move(message)});
}

inline Status ok_status() { return {}; }

}  // namespace ec

// Propagates an error from an expression yielding Result<void>. Portable if/else form.
#define EC_RETURN_IF_ERROR(expr)                                   \
  if (auto ec_status_ = (expr); !ec_status_.has_value()) {         \
    return std::unexpected<::ec::Error>(std::move(ec_status_).error()); \
  } else                                                           \
    (void)0
