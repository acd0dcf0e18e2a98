#include "plugin/delivery/retry_policy.h"

#include <algorithm>

namespace ec::delivery {

bool is_retryable(ErrorCode code) {
  return code == ErrorCode::Unavailable || code == ErrorCode::DeadlineExceeded;
}

std::chrono::milliseconds backoff_after(int failed_attempts, const RetryPolicy& policy) {
  const auto cap = std::max(policy.max_backoff, std::chrono::milliseconds(0));
  auto wait = std::max(policy.initial_backoff, std::chrono::milliseconds(0));
  // Doubling stops at the cap, so this never overflows however large failed_attempts is.
  for (int n = 1; n < failed_attempts && wait < cap; ++n) {
    wait *= 2;
  }
  return std::min(wait, cap);
}

std::optional<Timestamp> next_attempt_time(int attempt, ErrorCode code, Timestamp now,
                                           const RetryPolicy& policy) {
  if (!is_retryable(code) || attempt >= policy.max_attempts) {
    return std::nullopt;
  }
  return now + backoff_after(attempt, policy);
}

std::optional<Timestamp> next_attempt_time(int attempt, const Error& error, Timestamp now,
                                           const RetryPolicy& policy) {
  auto next = next_attempt_time(attempt, error.code, now, policy);
  if (next && error.retry_after > std::chrono::milliseconds(0)) {
    next = std::max(*next, now + error.retry_after);
  }
  return next;
}

}  // namespace ec::delivery
