#include "adapters/okta/system_log_event.h"

#include <gtest/gtest.h>

namespace ec::adapters::okta {
namespace {

TEST(SystemLogEvent, EventTypeToEvidenceKind) {
  EXPECT_EQ(evidence_kind_for("user.lifecycle.deactivate"), evidence_kind::kDeprovision);
  EXPECT_EQ(evidence_kind_for("user.lifecycle.suspend"), evidence_kind::kDeprovision);
  EXPECT_EQ(evidence_kind_for("user.lifecycle.delete.initiated"), evidence_kind::kDeprovision);
  EXPECT_EQ(evidence_kind_for("user.lifecycle.unsuspend"), evidence_kind::kIdentityOther);
  EXPECT_EQ(evidence_kind_for("user.session.start"), evidence_kind::kSessionStart);
  EXPECT_EQ(evidence_kind_for("user.authentication.sso"), evidence_kind::kSso);
  EXPECT_EQ(evidence_kind_for("policy.evaluate_sign_on"), evidence_kind::kSignOnPolicy);
  EXPECT_EQ(evidence_kind_for("app.oauth2.token.grant.refresh_token"), evidence_kind::kTokenGrant);
  EXPECT_EQ(evidence_kind_for("app.oauth2.as.token.grant.access_token"),
            evidence_kind::kTokenGrant);
  EXPECT_EQ(evidence_kind_for("app.oauth2.token.revoke.implicit.user"),
            evidence_kind::kTokenRevoke);
  EXPECT_EQ(evidence_kind_for("app.oauth2.as.token.revoke"), evidence_kind::kTokenRevoke);
  EXPECT_EQ(evidence_kind_for("user.session.clear"), evidence_kind::kSessionClear);
  EXPECT_EQ(evidence_kind_for("application.provision.user.deactivate"),
            evidence_kind::kProvisioning);
  EXPECT_EQ(evidence_kind_for("user.authentication.auth_via_mfa"), evidence_kind::kIdentityOther);
}

TEST(SystemLogEvent, OutcomeMapping) {
  EXPECT_EQ(outcome_for("SUCCESS"), Outcome::Success);
  EXPECT_EQ(outcome_for("ALLOW"), Outcome::Success);
  EXPECT_EQ(outcome_for("FAILURE"), Outcome::Failure);
  EXPECT_EQ(outcome_for("DENY"), Outcome::Failure);
  EXPECT_EQ(outcome_for("CHALLENGE"), Outcome::Unknown);
}

TEST(SystemLogEvent, MissingPublishedIsInvalidArgument) {
  const nlohmann::json event = {{"eventType", "user.session.start"}};
  auto e = log_event_to_evidence(event, "x:1", "h");
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error().code, ErrorCode::InvalidArgument);
}

TEST(SystemLogEvent, NullFieldsAreToleratedAndTargetsNameTheSubject) {
  const nlohmann::json event = nlohmann::json::parse(R"json({
    "uuid":"u1","published":"2025-03-11T16:45:20.774Z",
    "eventType":"application.provision.user.deactivate",
    "actor":{"id":"system@okta.com","type":"SystemPrincipal"},
    "client":{"ipAddress":null,"userAgent":null},
    "outcome":{"result":"FAILURE","reason":"Read timed out (will retry)"},
    "target":[{"id":"0uaNakS84H4UHod8HALH","type":"AppUser",
               "alternateId":"dario.mq@contractors.brightwell.example"}],
    "authenticationContext":{"externalSessionId":null},"transaction":null})json");
  auto e = log_event_to_evidence(event, "x:12", "h");
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->kind, evidence_kind::kProvisioning);
  EXPECT_EQ(e->outcome, Outcome::Failure);
  EXPECT_TRUE(e->ip.empty());
  EXPECT_TRUE(e->session_id.empty());
  Subject s;
  s.id = "00uvN5sfRJXkWbFmgpsX";
  s.email = "dario.mq@contractors.brightwell.example";
  EXPECT_TRUE(event_names_subject(event, s));
  s.email = "someone.else@brightwell.example";
  EXPECT_FALSE(event_names_subject(event, s));
}

}  // namespace
}  // namespace ec::adapters::okta
