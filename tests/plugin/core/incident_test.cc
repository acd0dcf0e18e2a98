// IncidentNotice JSON round trip and validation, the dedup key, and the HTTP helpers core gives
// outbound channels (Retry-After parsing, base64 for Basic auth).
#include <gtest/gtest.h>

#include "plugin/core/hash.h"
#include "plugin/core/http_client.h"
#include "plugin/core/incident.h"

namespace ec {
namespace {

IncidentNotice sample_notice() {
  IncidentNotice notice;
  notice.case_id = "CASE-48213";
  notice.ticket_ref = "48213";
  notice.severity = Severity::Critical;
  notice.title = "Access after deprovisioning by <PERSON_1>";
  notice.text = "Facts:\n- E7 download of <ATTACHMENT_1>";
  notice.evidence_ids = {"E7", "E9"};
  notice.matched_rules = {"access-after-deprovision"};
  notice.at = make_utc(2025, 3, 12, 9, 52, 0);
  return notice;
}

TEST(IncidentNotice, RoundTripsThroughJson) {
  const IncidentNotice notice = sample_notice();
  auto back = incident_from_json(incident_to_json(notice));
  ASSERT_TRUE(back.has_value()) << back.error().to_string();
  EXPECT_EQ(back->case_id, notice.case_id);
  EXPECT_EQ(back->ticket_ref, notice.ticket_ref);
  EXPECT_EQ(back->severity, Severity::Critical);
  EXPECT_EQ(back->title, notice.title);
  EXPECT_EQ(back->text, notice.text);
  EXPECT_EQ(back->evidence_ids, notice.evidence_ids);
  EXPECT_EQ(back->matched_rules, notice.matched_rules);
  EXPECT_EQ(back->at, notice.at);
  EXPECT_EQ(back->action, IncidentAction::Trigger);
}

TEST(IncidentNotice, RejectsMissingOrMistypedFieldsNamingThem) {
  auto json = incident_to_json(sample_notice());
  json.erase("case_id");
  auto missing = incident_from_json(json);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::InvalidArgument);
  EXPECT_NE(missing.error().message.find("case_id"), std::string::npos);

  json = incident_to_json(sample_notice());
  json["action"] = "page";
  auto bad_action = incident_from_json(json);
  ASSERT_FALSE(bad_action.has_value());
  EXPECT_NE(bad_action.error().message.find("action"), std::string::npos);

  json = incident_to_json(sample_notice());
  json["evidence"] = "E7";
  EXPECT_FALSE(incident_from_json(json).has_value());
  json = incident_to_json(sample_notice());
  json["text"] = 7;
  EXPECT_FALSE(incident_from_json(json).has_value());
  EXPECT_FALSE(incident_from_json(nlohmann::json::array()).has_value());
}

TEST(IncidentNotice, DedupKeyIsOnePerCase) {
  EXPECT_EQ(incident_dedup_key("CASE-48213"), "escalation-copilot/CASE-48213");
  EXPECT_NE(incident_dedup_key("CASE-1"), incident_dedup_key("CASE-2"));
}

HttpResponse with_retry_after(std::string value) {
  HttpResponse response;
  response.status = 429;
  response.headers = {{"retry-after", std::move(value)}};
  return response;
}

TEST(RetryAfter, ParsesDeltaSecondsAndHttpDates) {
  const Timestamp now = make_utc(2026, 10, 21, 7, 27, 0);
  EXPECT_EQ(retry_after(with_retry_after("120"), now), std::chrono::seconds(120));
  EXPECT_EQ(retry_after(with_retry_after(" 0 "), now), std::chrono::seconds(0));
  EXPECT_EQ(retry_after(with_retry_after("Wed, 21 Oct 2026 07:28:00 GMT"), now),
            std::chrono::seconds(60));
  // A date in the past means "now".
  EXPECT_EQ(retry_after(with_retry_after("Wed, 21 Oct 2026 07:00:00 GMT"), now),
            std::chrono::seconds(0));
}

TEST(RetryAfter, IgnoresAbsentOrGarbledValues) {
  const Timestamp now = make_utc(2026, 10, 21, 7, 27, 0);
  EXPECT_EQ(retry_after(HttpResponse{}, now), std::nullopt);
  EXPECT_EQ(retry_after(with_retry_after("-5"), now), std::nullopt);
  EXPECT_EQ(retry_after(with_retry_after("soon"), now), std::nullopt);
  EXPECT_EQ(retry_after(with_retry_after("1.5"), now), std::nullopt);
  EXPECT_EQ(retry_after(with_retry_after("Wed, 21 Foo 2026 07:28:00 GMT"), now), std::nullopt);
}

TEST(Base64, EncodesWithPadding) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("lead@example.com:tok"), "bGVhZEBleGFtcGxlLmNvbTp0b2s=");
}

}  // namespace
}  // namespace ec
