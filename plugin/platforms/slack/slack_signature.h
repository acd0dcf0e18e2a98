// Slack request verification (signing secret, version v0): HMAC-SHA256 with the app's signing
// secret over "v0:" + X-Slack-Request-Timestamp + ":" + the raw body bytes, hex, prefixed "v0=".
// The comparison is constant-time over the exact header string (upper-case hex fails, as in
// Slack's SDKs) and the timestamp must lie within 300 seconds of now on either side.
// Pure functions; thread-safe. The secret is never put in an error message.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "plugin/core/result.h"
#include "plugin/core/time.h"

namespace ec::platforms::slack {

inline constexpr std::string_view kTimestampHeader = "X-Slack-Request-Timestamp";
inline constexpr std::string_view kSignatureHeader = "X-Slack-Signature";
inline constexpr std::chrono::seconds kReplayWindow{300};

// Why a request failed verification, for metrics (a small closed set) next to the free-text
// reason for the log.
enum class SignatureFailure { NoSecret, MissingHeader, Malformed, Stale, Mismatch };
struct SignatureRefusal {
  SignatureFailure failure = SignatureFailure::Mismatch;
  std::string reason;  // safe to log, as below
};
// Empty when the request is Slack's; otherwise what failed first.
[[nodiscard]] std::optional<SignatureRefusal> check_slack_signature(
    std::string_view signing_secret, std::optional<std::string_view> timestamp,
    std::optional<std::string_view> signature, std::string_view raw_body, Timestamp now);

// check_slack_signature() as a Status: Unauthenticated, with a reason safe to log ("missing X-Slack-Signature", "stale timestamp",
// "signature mismatch", ...), when the request is not Slack's.
[[nodiscard]] Status verify_slack_signature(std::string_view signing_secret,
                                            std::optional<std::string_view> timestamp,
                                            std::optional<std::string_view> signature,
                                            std::string_view raw_body, Timestamp now);

// "v0=<hex>" for a body sent at `timestamp`: what Slack sends, for tests and the benchmark.
std::string slack_signature(std::string_view signing_secret, std::string_view timestamp,
                            std::string_view raw_body);

}  // namespace ec::platforms::slack
