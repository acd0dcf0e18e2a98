#include "plugin/core/correlation.h"

#include <algorithm>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ec {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

constexpr char kInvoice[] = "support-attachments/tickets/48213/att_9f3c/invoice_backup_2024Q4.xlsx";
constexpr char kRouter[] =
    "support-attachments/tickets/48213/att_a71e/router_config_export_2025-02-27.json";
constexpr char kOtherTicket[] = "support-attachments/tickets/48177/att_5d20/network_diagram.pdf";
constexpr char kSigner[] = "arn:aws:iam::111122223333:user/svc-attachment-presigner";
constexpr char kBackend[] =
    "arn:aws:sts::111122223333:assumed-role/support-portal-backend/i-0a7c3e91d2b4f6a80";
constexpr char kKeyId[] = "AKIAEXAMPLEPRSGN7Q2Z";

Timestamp mar(unsigned day, int hour, int minute, int second, int millis = 0) {
  return make_utc(2025, 3, day, hour, minute, second, millis);
}

const Timestamp kDeprovisioned = mar(11, 16, 45, 12);

Subject contractor() {
  Subject subject;
  subject.id = "00uvN5sfRJXkWbFmgpsX";
  subject.login = "dario.mq@contractors.brightwell.example";
  subject.email = subject.login;
  subject.status = "DEPROVISIONED";
  subject.deprovisioned_at = kDeprovisioned;
  return subject;
}

CorrelationOptions options() {
  CorrelationOptions o;
  o.service_principals = {"arn:aws:sts::111122223333:assumed-role/support-portal-backend"};
  return o;
}

Evidence presign(std::string id, Timestamp time, std::string object, Timestamp issued,
                 bool names = true) {
  Evidence e;
  e.id = std::move(id);
  e.source = "product_access_log";
  e.kind = evidence_kind::kAppPresign;
  e.time = time;
  e.outcome = Outcome::Success;
  e.names_subject = names;
  e.object = std::move(object);
  e.action = "presign";
  e.session_id = "cs_8sK2pQvL";
  e.session_created = mar(10, 14, 3, 5);
  e.credential_id = kKeyId;
  e.credential_issued_at = issued;
  e.credential_ttl_seconds = 604800;
  return e;
}

// A storage read; presigned when `issued` is set.
Evidence s3_get(std::string id, Timestamp time, std::string object, std::string principal,
                std::optional<Timestamp> issued, int status = 200, std::string error = "-") {
  Evidence e;
  e.id = std::move(id);
  e.source = "s3_access_log";
  e.kind = evidence_kind::kObjectAccess;
  e.time = time;
  e.object = std::move(object);
  e.action = "download";
  e.principal = std::move(principal);
  e.outcome = status / 100 == 2 ? Outcome::Success : Outcome::Failure;
  e.bytes = status / 100 == 2 ? 482113 : 0;
  e.auth = issued ? AuthMethod::PresignedUrl : AuthMethod::Header;
  if (issued) {
    e.credential_id = kKeyId;
    e.credential_issued_at = issued;
    e.credential_ttl_seconds = 604800;
  }
  e.attributes = {{"http_status", status}, {"error_code", error}};
  e.request_id = "REQ-" + e.id;
  return e;
}

Evidence event(std::string id, std::string source, std::string kind, Timestamp time,
               Outcome outcome, bool names = true, std::string session = "") {
  Evidence e;
  e.id = std::move(id);
  e.source = std::move(source);
  e.kind = std::move(kind);
  e.time = time;
  e.outcome = outcome;
  e.names_subject = names;
  e.session_id = std::move(session);
  return e;
}

SourceReport full_s3_report(Timestamp begin, Timestamp end) {
  SourceReport report;
  report.source = "s3_access_log";
  report.label = "sources.attachments[0]";
  report.coverage_begin = begin;
  report.coverage_end = end;
  return report;
}

Correlation run(const std::vector<Evidence>& evidence, std::vector<SourceReport> reports = {}) {
  return correlate(contractor(), evidence, reports, options());
}

std::vector<std::string> ids_of(const std::vector<AttributedAccess>& accesses) {
  std::vector<std::string> ids;
  for (const auto& a : accesses) ids.push_back(a.evidence_id);
  return ids;
}

// ---- Attribution paths ------------------------------------------------------------------------

TEST(Correlation, PresignedUrlJoinAttributesToSubjectWithHighConfidence) {
  const auto c = run({presign("E1", mar(10, 14, 21, 2, 870), kInvoice, mar(10, 14, 21, 2)),
                      s3_get("E2", mar(11, 17, 6, 10), kInvoice, kSigner, mar(10, 14, 21, 2))});
  ASSERT_EQ(c.post_deprovision_access.size(), 1u);
  const auto& access = c.post_deprovision_access[0];
  EXPECT_EQ(access.evidence_id, "E2");
  EXPECT_EQ(access.via, Via::PresignedUrl);
  EXPECT_EQ(access.confidence, Confidence::High);
  EXPECT_THAT(access.chain, ElementsAre("E1", "E2"));
  EXPECT_TRUE(access.succeeded);
  EXPECT_FALSE(access.near_boundary);
  EXPECT_EQ(access.object, kInvoice);
  EXPECT_EQ(access.action, "download");
  EXPECT_THAT(access.reasoning, StartsWith("Attributed to dario.mq@"));
  EXPECT_THAT(access.reasoning, HasSubstr("before deprovisioning"));
  EXPECT_THAT(access.reasoning, HasSubstr("E1"));
  EXPECT_EQ(access.reasoning.back(), '.');
  EXPECT_THAT(c.attempts, IsEmpty());
  EXPECT_THAT(c.cannot_rule_out, IsEmpty());
}

TEST(Correlation, PresignMintedAfterDeprovisioningSaysSo) {
  const auto c = run({presign("E1", mar(11, 17, 0, 0), kInvoice, mar(11, 17, 0, 0)),
                      s3_get("E2", mar(11, 17, 6, 10), kInvoice, kSigner, mar(11, 17, 0, 0))});
  ASSERT_EQ(c.post_deprovision_access.size(), 1u);
  EXPECT_THAT(c.post_deprovision_access[0].reasoning, HasSubstr("after deprovisioning"));
  // Minting a URL after deprovisioning is itself activity through the old session.
  EXPECT_THAT(ids_of(c.activity_after), ElementsAre("E1"));
}

TEST(Correlation, PresignJoinNeedsTheSameSigningSecond) {
  const auto c = run({presign("E1", mar(10, 14, 21, 2), kInvoice, mar(10, 14, 21, 2)),
                      s3_get("E2", mar(11, 17, 6, 10), kInvoice, kSigner, mar(10, 14, 21, 3))});
  EXPECT_THAT(c.post_deprovision_access, IsEmpty());
  ASSERT_EQ(c.cannot_rule_out.size(), 1u);
  EXPECT_EQ(c.cannot_rule_out[0].via, Via::Unknown);
  EXPECT_EQ(c.cannot_rule_out[0].confidence, Confidence::None);
}

TEST(Correlation, PresignJoinIgnoresMillisecondsOfTheSigningTime) {
  const auto c = run({presign("E1", mar(10, 14, 21, 2), kInvoice, mar(10, 14, 21, 2, 0)),
                      s3_get("E2", mar(11, 17, 6, 10), kInvoice, kSigner, mar(10, 14, 21, 2, 400))});
  EXPECT_THAT(ids_of(c.post_deprovision_access), ElementsAre("E2"));
}

TEST(Correlation, PresignedUrlWithoutPresignRecordCannotBeRuledOut) {
  const auto c = run({s3_get("E1", mar(11, 17, 6, 10), kInvoice, kSigner, mar(10, 14, 21, 2))});
  EXPECT_THAT(c.post_deprovision_access, IsEmpty());
  ASSERT_EQ(c.cannot_rule_out.size(), 1u);
  const auto& access = c.cannot_rule_out[0];
  EXPECT_EQ(access.via, Via::Unknown);
  EXPECT_EQ(access.confidence, Confidence::None);
  EXPECT_THAT(access.reasoning, StartsWith("cannot rule out: "));
  EXPECT_THAT(access.reasoning, HasSubstr(kSigner));
}

TEST(Correlation, AnotherUsersPresignedUrlIsNotTheSubjects) {
  const auto c = run({presign("E1", mar(10, 15, 2, 1), kOtherTicket, mar(10, 15, 2, 1), false),
                      s3_get("E2", mar(11, 17, 6, 10), kOtherTicket, kSigner, mar(10, 15, 2, 1))});
  EXPECT_THAT(c.post_deprovision_access, IsEmpty());
  EXPECT_THAT(c.cannot_rule_out, IsEmpty());
  EXPECT_THAT(c.attempts, IsEmpty());
}

TEST(Correlation, BackendServicePrincipalIsNoise) {
  const auto c = run({s3_get("E1", mar(11, 17, 20, 3), kInvoice, kBackend, std::nullopt),
                      s3_get("E2", mar(12, 11, 2, 48), kInvoice, kBackend, std::nullopt)});
  EXPECT_THAT(c.post_deprovision_access, IsEmpty());
  EXPECT_THAT(c.cannot_rule_out, IsEmpty());
  EXPECT_THAT(c.attempts, IsEmpty());
}

TEST(Correlation, AnonymousAndCdnReadsCannotBeRuledOut) {
  Evidence anonymous = s3_get("E1", mar(11, 17, 6, 0), kInvoice, "-", std::nullopt);
  anonymous.auth = AuthMethod::Anonymous;
  Evidence cloudtrail = s3_get("E2", mar(11, 17, 6, 12), kInvoice, "AWSService:cloudfront.amazonaws.com",
                               std::nullopt);
  cloudtrail.source = "cloudtrail";
  Evidence edge = s3_get("E3", mar(11, 17, 20, 40), "cdn.brightwell.example/previews/p1.webp",
                         "-", std::nullopt);
  edge.source = "cloudfront";
  edge.action = "preview";
  const auto c = run({anonymous, cloudtrail, edge});
  EXPECT_THAT(ids_of(c.cannot_rule_out), ElementsAre("E1", "E2", "E3"));
  for (const auto& access : c.cannot_rule_out) {
    EXPECT_EQ(access.via, Via::Unknown);
    EXPECT_EQ(access.confidence, Confidence::None);
    EXPECT_THAT(access.reasoning, StartsWith("cannot rule out: "));
  }
  EXPECT_THAT(c.post_deprovision_access, IsEmpty());
}

TEST(Correlation, FailedUnattributableReadIsNeitherAttemptNorCannotRuleOut) {
  const auto c = run({s3_get("E1", mar(11, 17, 6, 0), kInvoice, "-", std::nullopt, 403,
                             "AccessDenied")});
  EXPECT_THAT(c.attempts, IsEmpty());
  EXPECT_THAT(c.cannot_rule_out, IsEmpty());
}

TEST(Correlation, StorageLogNamingTheSubjectIsDirect) {
  const auto c = run({s3_get("E1", mar(11, 17, 6, 0), kInvoice,
                             "dario.mq@contractors.brightwell.example", std::nullopt)});
  ASSERT_EQ(c.post_deprovision_access.size(), 1u);
  EXPECT_EQ(c.post_deprovision_access[0].via, Via::Direct);
  EXPECT_EQ(c.post_deprovision_access[0].confidence, Confidence::High);
}

TEST(Correlation, OtherPrincipalsOwnCredentialsAreNotTheSubjects) {
  const auto c = run({s3_get("E1", mar(11, 17, 6, 0), kInvoice,
                             "arn:aws:iam::111122223333:user/someone-else", std::nullopt)});
  EXPECT_THAT(c.post_deprovision_access, IsEmpty());
  EXPECT_THAT(c.cannot_rule_out, IsEmpty());
}

// ---- Failures, actions, duplicates ------------------------------------------------------------

TEST(Correlation, FailuresOfAttributedReadsAreAttempts) {
  const auto c = run({
      presign("E1", mar(10, 14, 24, 28), kRouter, mar(10, 14, 24, 28)),
      presign("E2", mar(10, 14, 21, 2), kInvoice, mar(10, 14, 21, 2)),
      // Tampered URL: key and signing time of E1, another ticket's file.
      s3_get("E3", mar(11, 17, 7, 15), kOtherTicket, "-", mar(10, 14, 24, 28), 403,
             "SignatureDoesNotMatch"),
      s3_get("E4", mar(12, 10, 30, 0), kInvoice, "-", mar(10, 14, 21, 2), 403,
             "InvalidAccessKeyId"),
  });
  EXPECT_THAT(c.post_deprovision_access, IsEmpty());
  EXPECT_THAT(c.cannot_rule_out, IsEmpty());
  ASSERT_EQ(c.attempts.size(), 2u);
  EXPECT_EQ(c.attempts[0].evidence_id, "E3");
  EXPECT_EQ(c.attempts[0].confidence, Confidence::Medium);
  EXPECT_THAT(c.attempts[0].chain, ElementsAre("E1", "E3"));
  EXPECT_THAT(c.attempts[0].reasoning, HasSubstr("SignatureDoesNotMatch"));
  EXPECT_FALSE(c.attempts[0].succeeded);
  EXPECT_EQ(c.attempts[1].evidence_id, "E4");
  EXPECT_EQ(c.attempts[1].confidence, Confidence::High);
  EXPECT_THAT(c.attempts[1].reasoning, HasSubstr("InvalidAccessKeyId"));
}

TEST(Correlation, AlteredUrlThatSucceededCannotBeRuledOut) {
  const auto c = run({presign("E1", mar(10, 14, 24, 28), kRouter, mar(10, 14, 24, 28)),
                      s3_get("E2", mar(11, 17, 7, 15), kOtherTicket, kSigner, mar(10, 14, 24, 28))});
  EXPECT_THAT(c.post_deprovision_access, IsEmpty());
  ASSERT_EQ(c.cannot_rule_out.size(), 1u);
  EXPECT_EQ(c.cannot_rule_out[0].via, Via::PresignedUrl);
  EXPECT_THAT(c.cannot_rule_out[0].reasoning, StartsWith("cannot rule out: "));
}

TEST(Correlation, OnlyDataActionsCountAsAccess) {
  Evidence head = s3_get("E2", mar(11, 17, 6, 10), kInvoice, kSigner, mar(10, 14, 21, 2));
  head.action = "head";
  Evidence upload = s3_get("E3", mar(11, 17, 6, 11), kInvoice, kSigner, mar(10, 14, 21, 2));
  upload.action = "upload";
  Evidence preview = s3_get("E4", mar(11, 17, 6, 12), kInvoice, kSigner, mar(10, 14, 21, 2));
  preview.action = "preview";
  const auto c = run(
      {presign("E1", mar(10, 14, 21, 2), kInvoice, mar(10, 14, 21, 2)), head, upload, preview});
  EXPECT_THAT(ids_of(c.post_deprovision_access), ElementsAre("E4"));
  EXPECT_THAT(c.attempts, IsEmpty());
}

TEST(Correlation, SameRequestInAccessLogAndCloudTrailIsOneAccess) {
  Evidence trail = s3_get("E2", mar(11, 17, 6, 10), kInvoice, kSigner, mar(10, 14, 21, 2));
  trail.source = "cloudtrail";
  Evidence log = s3_get("E3", mar(11, 17, 6, 10), kInvoice, kSigner, mar(10, 14, 21, 2));
  log.request_id = trail.request_id;
  const auto c = run({presign("E1", mar(10, 14, 21, 2), kInvoice, mar(10, 14, 21, 2)), trail, log});
  ASSERT_EQ(c.post_deprovision_access.size(), 1u);
  EXPECT_EQ(c.post_deprovision_access[0].evidence_id, "E3");
  EXPECT_THAT(c.post_deprovision_access[0].chain, ElementsAre("E1", "E3"));
  EXPECT_THAT(c.post_deprovision_access[0].reasoning, HasSubstr("E2 in cloudtrail"));
}

// ---- Clock skew -------------------------------------------------------------------------------

TEST(Correlation, ReadsWithinClockSkewAreBoundaryNotAfter) {
  const Timestamp issued = mar(10, 14, 21, 2);
  const auto c = run({presign("E1", issued, kInvoice, issued),
                      s3_get("E2", kDeprovisioned - std::chrono::seconds(60), kInvoice, kSigner, issued),
                      s3_get("E3", kDeprovisioned + std::chrono::seconds(120), kInvoice, kSigner, issued),
                      s3_get("E4", kDeprovisioned + std::chrono::seconds(121), kInvoice, kSigner, issued),
                      s3_get("E5", kDeprovisioned - std::chrono::seconds(121), kInvoice, kSigner, issued)});
  EXPECT_THAT(c.boundary_events, ElementsAre("E2", "E3"));
  EXPECT_THAT(ids_of(c.cannot_rule_out), ElementsAre("E2", "E3"));
  for (const auto& access : c.cannot_rule_out) {
    EXPECT_TRUE(access.near_boundary);
    EXPECT_EQ(access.via, Via::PresignedUrl);
    EXPECT_THAT(access.reasoning, HasSubstr("clock-skew"));
  }
  EXPECT_THAT(ids_of(c.post_deprovision_access), ElementsAre("E4"));
}

TEST(Correlation, ClockSkewComesFromOptions) {
  CorrelationOptions o = options();
  o.clock_skew = std::chrono::seconds(0);
  const Timestamp issued = mar(10, 14, 21, 2);
  const auto c = correlate(contractor(),
                           {presign("E1", issued, kInvoice, issued),
                            s3_get("E2", kDeprovisioned + std::chrono::seconds(1), kInvoice,
                                   kSigner, issued)},
                           {}, o);
  EXPECT_THAT(c.boundary_events, IsEmpty());
  EXPECT_THAT(ids_of(c.post_deprovision_access), ElementsAre("E2"));
}

TEST(Correlation, IdentityEventsWithinSkewAreBoundaryEvents) {
  const auto c = run({event("E1", "okta", evidence_kind::kTokenGrant,
                            kDeprovisioned + std::chrono::seconds(30), Outcome::Success)});
  EXPECT_THAT(c.boundary_events, ElementsAre("E1"));
  EXPECT_THAT(c.credential_use_after, IsEmpty());
}

// ---- Sessions, tokens, activity ---------------------------------------------------------------

TEST(Correlation, TokenGrantAfterDeprovisioningIsCredentialUse) {
  const auto c = run({
      event("E1", "okta", evidence_kind::kTokenGrant, mar(11, 17, 5, 33), Outcome::Success),
      event("E2", "okta", evidence_kind::kTokenGrant, mar(12, 9, 20, 2), Outcome::Failure),
      event("E3", "okta", evidence_kind::kTokenGrant, mar(11, 17, 5, 34), Outcome::Success, false),
  });
  EXPECT_THAT(c.credential_use_after, ElementsAre("E1"));
  ASSERT_EQ(c.attempts.size(), 1u);
  EXPECT_EQ(c.attempts[0].evidence_id, "E2");
  EXPECT_EQ(c.attempts[0].via, Via::ApiToken);
}

TEST(Correlation, OldIdpSessionSeenAfterDeprovisioningIsCredentialUseEvenWhenRefused) {
  const auto c = run({
      event("E1", "okta", evidence_kind::kSessionStart, mar(10, 14, 2, 4), Outcome::Success, true,
            "102mPzDCzuaYcSvqkds54pZgJ"),
      event("E2", "okta", evidence_kind::kSso, mar(11, 16, 58, 40), Outcome::Failure, true,
            "102mPzDCzuaYcSvqkds54pZgJ"),
      event("E3", "okta", evidence_kind::kSessionStart, mar(11, 17, 40, 9), Outcome::Failure, true,
            "102NEWSESSION"),
  });
  EXPECT_THAT(c.credential_use_after, ElementsAre("E2"));
  EXPECT_THAT(ids_of(c.attempts), ElementsAre("E3"));
}

TEST(Correlation, ConsoleTokenRefreshAcceptedIsCredentialUseRejectedIsAttempt) {
  const auto c = run({
      event("E1", "product_access_log", evidence_kind::kAppTokenRefresh, mar(11, 17, 5, 34),
            Outcome::Success, true, "cs_8sK2pQvL"),
      event("E2", "product_access_log", evidence_kind::kAppTokenRefresh, mar(12, 9, 20, 3),
            Outcome::Failure, true, "cs_8sK2pQvL"),
  });
  EXPECT_THAT(c.credential_use_after, ElementsAre("E1"));
  EXPECT_THAT(ids_of(c.attempts), ElementsAre("E2"));
}

TEST(Correlation, ActivityThroughAnOldSessionIsViaSession) {
  Evidence login = event("E1", "product_access_log", evidence_kind::kAppLogin, mar(10, 14, 3, 5),
                         Outcome::Success, true, "cs_8sK2pQvL");
  Evidence view = event("E2", "product_access_log", evidence_kind::kAppView, mar(11, 17, 9, 31),
                        Outcome::Success, true, "cs_8sK2pQvL");
  view.session_created = mar(10, 14, 3, 5);
  view.object = "48213";
  view.action = "view_ticket";
  Evidence comment = event("E3", "zendesk", evidence_kind::kTicketComment, mar(11, 17, 9, 44),
                           Outcome::Success);
  const auto c = run({login, view, comment});
  ASSERT_EQ(c.activity_after.size(), 2u);
  EXPECT_EQ(c.activity_after[0].via, Via::Session);
  EXPECT_THAT(c.activity_after[0].chain, ElementsAre("E1", "E2"));
  EXPECT_EQ(c.activity_after[0].action, "view_ticket");
  EXPECT_EQ(c.activity_after[1].via, Via::Direct);
  EXPECT_THAT(c.activity_after[1].chain, ElementsAre("E3"));
  EXPECT_THAT(c.credential_use_after, ElementsAre("E2", "E3"));
  // Views are activity, not data access.
  EXPECT_THAT(c.post_deprovision_access, IsEmpty());
}

TEST(Correlation, AdminActionsNamingTheSubjectAreNotCredentialUse) {
  const auto c = run({
      event("E1", "okta", evidence_kind::kSessionClear, mar(12, 9, 14, 27), Outcome::Success),
      event("E2", "okta", evidence_kind::kTokenRevoke, mar(12, 9, 14, 27), Outcome::Success),
      event("E3", "okta", evidence_kind::kProvisioning, mar(11, 17, 31, 48), Outcome::Success),
  });
  EXPECT_THAT(c.credential_use_after, IsEmpty());
  EXPECT_THAT(c.attempts, IsEmpty());
  EXPECT_THAT(c.activity_after, IsEmpty());
}

TEST(Correlation, EventsBeforeDeprovisioningAreNotClassified) {
  const auto c = run({event("E1", "okta", evidence_kind::kTokenGrant, mar(10, 22, 15, 40),
                            Outcome::Success),
                      event("E2", "product_access_log", evidence_kind::kAppView, mar(10, 14, 20, 50),
                            Outcome::Success)});
  EXPECT_THAT(c.credential_use_after, IsEmpty());
  EXPECT_THAT(c.activity_after, IsEmpty());
  EXPECT_THAT(c.boundary_events, IsEmpty());
}

// ---- Timeline and missing deprovisioning time -------------------------------------------------

TEST(Correlation, TimelineListsEveryEvidenceIdByTime) {
  const auto c = run({event("E2", "okta", evidence_kind::kIdentityOther, mar(11, 9, 0, 0),
                            Outcome::Success),
                      event("E1", "okta", evidence_kind::kIdentityOther, mar(10, 9, 0, 0),
                            Outcome::Success),
                      event("E3", "okta", evidence_kind::kIdentityOther, mar(12, 9, 0, 0),
                            Outcome::Success)});
  EXPECT_THAT(c.timeline, ElementsAre("E1", "E2", "E3"));
}

TEST(Correlation, WithoutDeprovisioningTimeNothingIsAfterAndAGapSaysSo) {
  Subject subject = contractor();
  subject.deprovisioned_at.reset();
  const auto c = correlate(
      subject,
      {presign("E1", mar(10, 14, 21, 2), kInvoice, mar(10, 14, 21, 2)),
       s3_get("E2", mar(11, 17, 6, 10), kInvoice, kSigner, mar(10, 14, 21, 2))},
      {}, options());
  EXPECT_THAT(c.post_deprovision_access, IsEmpty());
  EXPECT_THAT(c.cannot_rule_out, IsEmpty());
  EXPECT_THAT(c.credential_use_after, IsEmpty());
  EXPECT_THAT(c.timeline, ElementsAre("E1", "E2"));
  ASSERT_EQ(c.gaps.size(), 1u);
  EXPECT_THAT(c.gaps[0], HasSubstr("no deprovisioning time"));
  EXPECT_EQ(c.subject.id, subject.id);
}

// ---- Gaps -------------------------------------------------------------------------------------

TEST(Correlation, NoStorageSourceIsAGap) {
  const auto c = run({event("E1", "okta", evidence_kind::kIdentityOther, mar(12, 9, 0, 0),
                            Outcome::Success)});
  ASSERT_EQ(c.gaps.size(), 1u);
  EXPECT_THAT(c.gaps[0], HasSubstr("no storage access log"));
}

TEST(Correlation, FullCoverageHasNoGaps) {
  std::vector<Evidence> evidence;
  SourceReport report = full_s3_report(mar(10, 0, 0, 0), mar(12, 12, 0, 0));
  for (int hour = 0; hour < 48; hour += 4) {
    const auto t = mar(11, 0, 0, 0) + std::chrono::hours(hour);
    report.evidence.push_back(s3_get("S", t, kInvoice, kBackend, std::nullopt));
  }
  evidence.push_back(event("E1", "okta", evidence_kind::kIdentityOther, mar(12, 11, 0, 0),
                           Outcome::Success));
  const auto c = run(evidence, {report});
  EXPECT_THAT(c.gaps, IsEmpty());
}

TEST(Correlation, IncompleteSourceIsAGap) {
  SourceReport report = full_s3_report(mar(10, 0, 0, 0), mar(12, 12, 0, 0));
  report.complete = false;
  const auto c = run({}, {report});
  EXPECT_THAT(c.gaps, ElementsAre("source s3_access_log could not be read completely"));
}

TEST(Correlation, CoverageEndingBeforeLatestEvidenceIsAGap) {
  SourceReport trail;
  trail.source = "cloudtrail";
  trail.coverage_begin = mar(10, 0, 0, 0);
  trail.coverage_end = mar(11, 17, 6, 41);
  trail.evidence.push_back(s3_get("S", mar(11, 17, 6, 41), kInvoice, kSigner, std::nullopt));
  const auto c = run({event("E1", "zendesk", evidence_kind::kTicketChange, mar(12, 9, 41, 10),
                            Outcome::Success, false)},
                     {trail});
  EXPECT_THAT(c.gaps, ElementsAre("no cloudtrail records between 2025-03-11T17:06:41Z and "
                                  "2025-03-12T09:41:10Z"));
}

TEST(Correlation, CoverageStartingAfterDeprovisioningIsAGap) {
  SourceReport report = full_s3_report(mar(11, 18, 0, 0), mar(11, 18, 0, 0));
  const auto c = run({}, {report});
  EXPECT_THAT(c.gaps, ElementsAre("no s3_access_log records between 2025-03-11T16:45:12Z and "
                                  "2025-03-11T18:00:00Z"));
}

TEST(Correlation, LongSilenceAfterDeprovisioningIsAGap) {
  SourceReport report = full_s3_report(mar(10, 14, 20, 55), mar(12, 11, 3, 30));
  for (const Timestamp t : {mar(10, 14, 20, 55), mar(11, 17, 6, 10), mar(11, 17, 20, 3),
                            mar(12, 8, 55, 2), mar(12, 11, 3, 30)}) {
    report.evidence.push_back(s3_get("S", t, kInvoice, kBackend, std::nullopt));
  }
  const auto c = run({}, {report});
  EXPECT_THAT(c.gaps, ElementsAre("no s3_access_log records between 2025-03-11T17:20:03Z and "
                                  "2025-03-12T08:55:02Z"));
}

TEST(Correlation, StorageSourceWithNoRecordsIsAGapOverTheWholeWindow) {
  SourceReport report;
  report.source = "s3_access_log";
  const auto c = run({event("E1", "okta", evidence_kind::kIdentityOther, mar(12, 9, 0, 0),
                            Outcome::Success)},
                     {report});
  EXPECT_THAT(c.gaps, ElementsAre("no s3_access_log records between 2025-03-11T16:45:12Z and "
                                  "2025-03-12T09:00:00Z"));
}

TEST(Correlation, NonStorageSourcesDoNotMakeCoverageGaps) {
  SourceReport okta;
  okta.source = "okta";
  okta.complete = false;
  SourceReport s3 = full_s3_report(mar(10, 0, 0, 0), mar(12, 12, 0, 0));
  s3.evidence.push_back(s3_get("S", mar(11, 20, 0, 0), kInvoice, kBackend, std::nullopt));
  s3.evidence.push_back(s3_get("S", mar(12, 1, 0, 0), kInvoice, kBackend, std::nullopt));
  s3.evidence.push_back(s3_get("S", mar(12, 6, 0, 0), kInvoice, kBackend, std::nullopt));
  const auto c = run({}, {okta, s3});
  EXPECT_THAT(c.gaps, IsEmpty());
}

// ---- The bundled scenarios, hand-built from evidence-sources.md 7.7 and 7.8 ---------------------

struct Scenario {
  std::vector<Evidence> evidence;
  std::vector<SourceReport> reports;
  std::string id_of(std::string_view tag) const {
    for (const auto& e : evidence) {
      if (e.summary == tag) return e.id;
    }
    return "missing:" + std::string(tag);
  }
};

Evidence tagged(Evidence e, std::string tag) {
  e.summary = std::move(tag);
  e.content_hash = e.summary;
  if (!e.request_id.empty()) e.request_id = "REQ-" + e.summary;
  return e;
}

std::vector<Evidence> main_okta() {
  const std::string old = "102mPzDCzuaYcSvqkds54pZgJ";
  std::vector<Evidence> out = {
      tagged(event("", "okta", evidence_kind::kSessionStart, mar(10, 14, 2, 4, 11), Outcome::Success,
                   true, old), "okta session start"),
      tagged(event("", "okta", evidence_kind::kTokenGrant, mar(10, 22, 15, 40, 660),
                   Outcome::Success), "okta rotation before"),
      tagged(event("", "okta", evidence_kind::kDeprovision, mar(11, 16, 45, 12, 302),
                   Outcome::Success), "okta deactivate"),
      tagged(event("", "okta", evidence_kind::kProvisioning, mar(11, 16, 45, 20, 774),
                   Outcome::Failure), "okta push failed"),
      tagged(event("", "okta", evidence_kind::kSso, mar(11, 16, 58, 40, 318), Outcome::Failure,
                   true, old), "okta sso old session"),
      tagged(event("", "okta", evidence_kind::kTokenGrant, mar(11, 17, 5, 33, 218),
                   Outcome::Success), "okta refresh grant"),
      tagged(event("", "okta", evidence_kind::kSessionStart, mar(11, 17, 40, 9, 140),
                   Outcome::Failure), "okta denied login"),
      tagged(event("", "okta", evidence_kind::kSessionClear, mar(12, 9, 14, 27, 551),
                   Outcome::Success), "okta session clear"),
      tagged(event("", "okta", evidence_kind::kTokenGrant, mar(12, 9, 20, 2, 940), Outcome::Failure,
                   false), "okta refresh invalid_grant"),
  };
  return out;
}

std::vector<Evidence> main_console() {
  Evidence refresh = event("", "product_access_log", evidence_kind::kAppTokenRefresh,
                           mar(11, 17, 5, 34, 20), Outcome::Success, true, "cs_8sK2pQvL");
  refresh.session_created = mar(10, 14, 3, 5);
  Evidence list = event("", "product_access_log", evidence_kind::kAppView, mar(11, 17, 5, 52, 640),
                        Outcome::Success, true, "cs_8sK2pQvL");
  list.session_created = mar(10, 14, 3, 5);
  return {
      tagged(presign("", mar(10, 14, 21, 2, 870), kInvoice, mar(10, 14, 21, 2)), "presign invoice"),
      tagged(presign("", mar(10, 14, 24, 28, 455), kRouter, mar(10, 14, 24, 28)), "presign router"),
      tagged(refresh, "console refresh accepted"),
      tagged(list, "console list attachments"),
  };
}

std::vector<Evidence> main_s3() {
  const Timestamp inv = mar(10, 14, 21, 2);
  const Timestamp rtr = mar(10, 14, 24, 28);
  Evidence head = s3_get("", mar(12, 11, 3, 30), kRouter, kBackend, std::nullopt);
  head.action = "head";
  return {
      tagged(s3_get("", mar(10, 14, 20, 55), kInvoice, kBackend, std::nullopt), "s3 backend before"),
      tagged(s3_get("", mar(10, 14, 21, 3), kInvoice, kSigner, inv), "s3 invoice before"),
      tagged(s3_get("", mar(11, 17, 6, 10), kInvoice, kSigner, inv), "s3 invoice 17:06:10"),
      tagged(s3_get("", mar(11, 17, 6, 41), kRouter, kSigner, rtr), "s3 router 17:06:41"),
      tagged(s3_get("", mar(11, 17, 7, 15), kOtherTicket, "-", rtr, 403, "SignatureDoesNotMatch"),
             "s3 tampered 17:07:15"),
      tagged(s3_get("", mar(11, 17, 20, 3), kInvoice, kBackend, std::nullopt), "s3 backend 17:20"),
      tagged(s3_get("", mar(12, 8, 55, 2), kInvoice, kSigner, inv), "s3 invoice 08:55:02"),
      tagged(s3_get("", mar(12, 10, 30, 0), kInvoice, "-", inv, 403, "InvalidAccessKeyId"),
             "s3 invoice 10:30"),
      tagged(s3_get("", mar(12, 10, 31, 12), kRouter, "-", rtr, 403, "InvalidAccessKeyId"),
             "s3 router 10:31"),
      tagged(head, "s3 backend head"),
  };
}

Scenario main_scenario() {
  Scenario s;
  for (auto part : {main_okta(), main_console(), main_s3()}) {
    s.evidence.insert(s.evidence.end(), part.begin(), part.end());
  }
  assign_evidence_ids(s.evidence);
  SourceReport s3 = full_s3_report(mar(10, 14, 20, 55), mar(12, 11, 3, 30));
  for (const auto& e : s.evidence) {
    if (e.source == "s3_access_log") s3.evidence.push_back(e);
  }
  s.reports = {s3};
  return s;
}

TEST(CorrelationScenario, ContractorAfterDeprovisionMatchesExpectedFindings) {
  const Scenario s = main_scenario();
  const auto c = correlate(contractor(), s.evidence, s.reports, options());
  EXPECT_THAT(ids_of(c.post_deprovision_access),
              ElementsAre(s.id_of("s3 invoice 17:06:10"), s.id_of("s3 router 17:06:41"),
                          s.id_of("s3 invoice 08:55:02")));
  for (const auto& access : c.post_deprovision_access) {
    EXPECT_EQ(access.via, Via::PresignedUrl);
    EXPECT_EQ(access.confidence, Confidence::High);
  }
  ASSERT_FALSE(c.post_deprovision_access.empty());
  EXPECT_THAT(c.post_deprovision_access[0].chain,
              ElementsAre(s.id_of("presign invoice"), s.id_of("s3 invoice 17:06:10")));
  EXPECT_THAT(ids_of(c.attempts),
              ::testing::IsSupersetOf({s.id_of("s3 tampered 17:07:15"), s.id_of("s3 invoice 10:30"),
                                       s.id_of("s3 router 10:31")}));
  EXPECT_THAT(c.credential_use_after,
              ::testing::IsSupersetOf({s.id_of("okta sso old session"),
                                       s.id_of("okta refresh grant"),
                                       s.id_of("console refresh accepted")}));
  EXPECT_THAT(c.cannot_rule_out, IsEmpty());
  EXPECT_EQ(c.timeline.size(), s.evidence.size());
}

TEST(CorrelationScenario, BenignVariantHasNoAccessAndShowsTheBlockedAttempt) {
  const Timestamp inv = mar(10, 14, 21, 2);
  std::vector<Evidence> evidence = {
      tagged(event("", "okta", evidence_kind::kSessionClear, mar(11, 16, 45, 12, 910),
                   Outcome::Success), "okta clear"),
      tagged(event("", "okta", evidence_kind::kTokenGrant, mar(11, 17, 5, 33, 218),
                   Outcome::Failure, false), "okta refresh failed"),
      tagged(presign("", mar(10, 14, 21, 2, 870), kInvoice, inv), "presign invoice"),
      tagged(event("", "product_access_log", evidence_kind::kAppTokenRefresh,
                   mar(11, 17, 5, 34, 20), Outcome::Failure, true, "cs_8sK2pQvL"),
             "console refresh rejected"),
      tagged(s3_get("", mar(10, 14, 21, 3), kInvoice, kSigner, inv), "s3 before"),
      tagged(s3_get("", mar(11, 17, 6, 10), kInvoice, "-", inv, 403, "AccessDenied"), "s3 blocked"),
      tagged(s3_get("", mar(11, 17, 20, 3), kInvoice, kBackend, std::nullopt), "s3 backend"),
  };
  assign_evidence_ids(evidence);
  Scenario s{evidence, {}};
  const auto c = correlate(contractor(), evidence, {}, options());
  EXPECT_THAT(c.post_deprovision_access, IsEmpty());
  EXPECT_THAT(c.cannot_rule_out, IsEmpty());
  EXPECT_THAT(c.credential_use_after, IsEmpty());
  EXPECT_THAT(ids_of(c.attempts), ::testing::Contains(s.id_of("s3 blocked")));
}

TEST(Correlation, NamesAreStable) {
  EXPECT_EQ(via_name(Via::PresignedUrl), "presigned_url");
  EXPECT_EQ(via_name(Via::ApiToken), "api_token");
  EXPECT_EQ(via_name(Via::Session), "session");
  EXPECT_EQ(via_name(Via::Unknown), "unknown");
  EXPECT_EQ(confidence_name(Confidence::High), "high");
  EXPECT_EQ(confidence_name(Confidence::None), "none");
}

}  // namespace
}  // namespace ec
