// Slack v0 request verification: the published algorithm, the two-sided 300 s window, and every
// malformed header refused.
#include "plugin/platforms/slack/slack_signature.h"

#include <gtest/gtest.h>

#include <tuple>

namespace ec::platforms::slack {
namespace {

constexpr std::string_view kSecret = "8f742231b10e8888abcd99yyyzzz85a5";
// The example request of Slack's "Verifying requests from Slack" guide.
constexpr std::string_view kBody =
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id="
    "G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-"
    "collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885"
    "554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447f"
    "ce8b6703c";
constexpr std::string_view kTs = "1531420618";
constexpr std::string_view kExpected =
    "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

Timestamp at(std::int64_t seconds) { return from_unix_seconds(seconds); }

TEST(SlackSignature, MatchesSlacksPublishedExample) {
  EXPECT_EQ(slack_signature(kSecret, kTs, kBody), kExpected);
  EXPECT_TRUE(verify_slack_signature(kSecret, kTs, kExpected, kBody, at(1531420618)).has_value());
}

TEST(SlackSignature, WindowIsTwoSidedThreeHundredSeconds) {
  const std::int64_t ts = 1531420618;
  EXPECT_TRUE(verify_slack_signature(kSecret, kTs, kExpected, kBody, at(ts + 300)).has_value());
  EXPECT_TRUE(verify_slack_signature(kSecret, kTs, kExpected, kBody, at(ts - 300)).has_value());
  for (const std::int64_t now : {ts + 301, ts - 301, ts + 86400}) {
    auto r = verify_slack_signature(kSecret, kTs, kExpected, kBody, at(now));
    ASSERT_FALSE(r.has_value()) << now;
    EXPECT_EQ(r.error().code, ErrorCode::Unauthenticated);
  }
}

TEST(SlackSignature, MalformedHeadersAreRefused) {
  const Timestamp now = at(1531420618);
  const std::string upper = "v0=" + [] {
    std::string hex(kExpected.substr(3));
    for (char& c : hex) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return hex;
  }();
  const std::string v1 = "v1=" + std::string(kExpected.substr(3));
  const std::string flipped = std::string(kExpected.substr(0, 66)) + "0";
  struct Case {
    std::optional<std::string_view> ts;
    std::optional<std::string_view> sig;
    std::string_view why;
  };
  const Case cases[] = {
      {std::nullopt, kExpected, "missing X-Slack-Request-Timestamp"},
      {kTs, std::nullopt, "missing X-Slack-Signature"},
      {"", kExpected, "missing X-Slack-Request-Timestamp"},
      {"15314206l8", kExpected, "non-numeric"},
      {"-1531420618", kExpected, "non-numeric"},
      {"1531420618.5", kExpected, "non-numeric"},
      {kTs, upper, "malformed"},
      {kTs, v1, "unknown signature version"},
      {kTs, "a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", "malformed"},
      {kTs, "v0=", "malformed"},
      {kTs, "v0=abc", "malformed"},
      {kTs, flipped, "mismatch"},
  };
  for (const Case& c : cases) {
    auto r = verify_slack_signature(kSecret, c.ts, c.sig, kBody, now);
    ASSERT_FALSE(r.has_value()) << c.why;
    EXPECT_EQ(r.error().code, ErrorCode::Unauthenticated);
    EXPECT_NE(r.error().message.find(c.why), std::string::npos) << r.error().message;
    EXPECT_EQ(r.error().message.find(kSecret), std::string::npos);
  }
}

TEST(SlackSignature, AnyChangeToBodyOrTimestampFails) {
  const Timestamp now = at(1531420618);
  std::string body(kBody);
  body.back() = 'd';
  EXPECT_FALSE(verify_slack_signature(kSecret, kTs, kExpected, body, now).has_value());
  EXPECT_FALSE(verify_slack_signature(kSecret, "1531420619", kExpected, kBody, now).has_value());
  EXPECT_FALSE(verify_slack_signature("other", kTs, kExpected, kBody, now).has_value());
  EXPECT_FALSE(verify_slack_signature("", kTs, kExpected, kBody, now).has_value());
}

TEST(SlackSignature, EachRefusalNamesItsKindForMetrics) {
  const Timestamp now = at(1531420618);
  const std::string flipped = std::string(kExpected.substr(0, 66)) + "0";
  using enum SignatureFailure;
  const std::tuple<std::string_view, std::optional<std::string_view>,
                   std::optional<std::string_view>, Timestamp, SignatureFailure>
      cases[] = {
          {"", kTs, kExpected, now, NoSecret},
          {kSecret, std::nullopt, kExpected, now, MissingHeader},
          {kSecret, kTs, std::nullopt, now, MissingHeader},
          {kSecret, "soon", kExpected, now, Malformed},
          {kSecret, kTs, "v1=abc", now, Malformed},
          {kSecret, kTs, kExpected, at(1531420618 + 301), Stale},
          {kSecret, kTs, flipped, now, Mismatch},
      };
  for (const auto& [secret, ts, sig, when, expected] : cases) {
    auto refused = check_slack_signature(secret, ts, sig, kBody, when);
    ASSERT_TRUE(refused.has_value());
    EXPECT_EQ(refused->failure, expected) << refused->reason;
    EXPECT_FALSE(refused->reason.empty());
  }
  EXPECT_FALSE(check_slack_signature(kSecret, kTs, kExpected, kBody, now).has_value());
}

}  // namespace
}  // namespace ec::platforms::slack
