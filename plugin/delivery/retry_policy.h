// The outbox retry schedule: which delivery errors are worth retrying, how long to wait before the
// next attempt (deterministic exponential backoff, no jitter: 1s, 2s, 4s, ... capped at 5 min),
// and when to give up. Plain values and pure functions; thread-safe.
#pragma once

#include <chrono>
#include <optional>

#include "plugin/core/result.h"
#include "plugin/core/time.h"

namespace ec::delivery {

struct RetryPolicy {
  std::chrono::milliseconds initial_backoff{std::chrono::seconds(1)};
  std::chrono::milliseconds max_backoff{std::chrono::minutes(5)};
  int max_attempts = 8;  // the attempt with this number fails permanently, whatever the code
};

// True for the codes a channel reports for transient trouble: Unavailable, DeadlineExceeded.
[[nodiscard]] bool is_retryable(ErrorCode code);

// The wait after the `failed_attempts`-th failed attempt (1-based): initial * 2^(n-1), capped at
// max_backoff. Values below 1 are treated as 1.
[[nodiscard]] std::chrono::milliseconds backoff_after(int failed_attempts,
                                                      const RetryPolicy& policy);

// When attempt number `attempt` (1-based) failed with `code` at `now`: the time of the next
// attempt, or nullopt when the message must be marked permanently failed (non-retryable code,
// or the attempt budget is spent).
[[nodiscard]] std::optional<Timestamp> next_attempt_time(int attempt, ErrorCode code, Timestamp now,
                                                         const RetryPolicy& policy);

// As above for a channel's error: also waits at least the error's retry_after (what the target
// asked for with Retry-After), even beyond max_backoff, because retrying earlier only earns
// another 429.
[[nodiscard]] std::optional<Timestamp> next_attempt_time(int attempt, const Error& error,
                                                         Timestamp now, const RetryPolicy& policy);

}  // namespace ec::delivery
