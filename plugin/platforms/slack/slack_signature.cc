#include "plugin/platforms/slack/slack_signature.h"

#include <charconv>
#include <string>

#include "plugin/core/hash.h"

namespace ec::platforms::slack {
namespace {

std::optional<SignatureRefusal> refuse(SignatureFailure failure, std::string reason) {
  return SignatureRefusal{failure, std::move(reason)};
}

bool is_lower_hex(std::string_view s) {
  for (const char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

std::string slack_signature(std::string_view signing_secret, std::string_view timestamp,
                            std::string_view raw_body) {
  std::string base;
  base.reserve(4 + timestamp.size() + raw_body.size());
  base.append("v0:").append(timestamp).append(":").append(raw_body);
  return "v0=" + hmac_sha256_hex(signing_secret, base);
}

std::optional<SignatureRefusal> check_slack_signature(std::string_view signing_secret,
                                                     std::optional<std::string_view> timestamp,
                                                     std::optional<std::string_view> signature,
                                                     std::string_view raw_body, Timestamp now) {
  using enum SignatureFailure;
  if (signing_secret.empty()) return refuse(NoSecret, "no signing secret configured");
  if (!timestamp || timestamp->empty()) {
    return refuse(MissingHeader, "missing X-Slack-Request-Timestamp");
  }
  if (!signature || signature->empty()) return refuse(MissingHeader, "missing X-Slack-Signature");
  std::int64_t ts = 0;
  const auto [end, ec] = std::from_chars(timestamp->data(), timestamp->data() + timestamp->size(), ts);
  if (ec != std::errc() || end != timestamp->data() + timestamp->size() || timestamp->size() > 12 ||
      (*timestamp)[0] == '-' || (*timestamp)[0] == '+') {
    return refuse(Malformed, "non-numeric X-Slack-Request-Timestamp");
  }
  const std::int64_t skew = to_unix_seconds(now) - ts;
  if (skew > kReplayWindow.count() || skew < -kReplayWindow.count()) {
    return refuse(Stale, "X-Slack-Request-Timestamp outside the 300 s window");
  }
  const std::size_t eq = signature->find('=');
  if (eq == std::string_view::npos) return refuse(Malformed, "malformed X-Slack-Signature");
  if (signature->substr(0, eq) != "v0") return refuse(Malformed, "unknown signature version");
  const std::string_view hex = signature->substr(eq + 1);
  if (hex.size() != 64 || !is_lower_hex(hex)) {
    return refuse(Malformed, "malformed X-Slack-Signature");
  }
  const std::string expected = slack_signature(signing_secret, *timestamp, raw_body);
  if (!constant_time_equals(expected, *signature)) return refuse(Mismatch, "signature mismatch");
  return std::nullopt;
}

Status verify_slack_signature(std::string_view signing_secret,
                              std::optional<std::string_view> timestamp,
                              std::optional<std::string_view> signature, std::string_view raw_body,
                              Timestamp now) {
  auto refused = check_slack_signature(signing_secret, timestamp, signature, raw_body, now);
  if (refused) return make_error(ErrorCode::Unauthenticated, std::move(refused->reason));
  return ok_status();
}

}  // namespace ec::platforms::slack
