#include "plugin/core/analysis.h"

#include <set>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ec {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;

std::set<std::string> keys_of(const json& object) {
  std::set<std::string> keys;
  for (const auto& [key, value] : object.items()) keys.insert(key);
  return keys;
}

DraftVersion draft(DraftKind kind, std::string text) {
  DraftVersion v;
  v.case_id = "CASE-48213";
  v.draft_id = kind == DraftKind::Handoff ? "D2" : "D1";
  v.kind = kind;
  v.version = 2;
  v.statements.push_back({Section::Confirmed, std::move(text), Authorship::Agent, {"E12"}, {"F1"}});
  v.created_by = "copilot";
  seal(v);
  return v;
}

Analysis sample() {
  Analysis a;
  a.subject.id = "00uvN5sfRJXkWbFmgpsX";
  a.subject.login = "dario.mq@contractors.brightwell.example";
  a.subject.status = "DEPROVISIONED";
  a.subject.deprovisioned_at = make_utc(2025, 3, 11, 16, 45, 12);

  Evidence e;
  e.id = "E12";
  e.source = "s3_access_log";
  e.kind = evidence_kind::kObjectAccess;
  e.time = make_utc(2025, 3, 11, 17, 6, 10);
  e.summary = "GET tickets/48213/att_9f3c/invoice_backup_2024Q4.xlsx -> 200";
  a.evidence.push_back(e);

  SourceReport report;
  report.source = "s3_access_log";
  report.label = "sources.attachments[0]";
  report.records_read = 14;
  report.records_skipped = 1;
  report.coverage_begin = make_utc(2025, 3, 10, 14, 20, 55);
  report.coverage_end = make_utc(2025, 3, 12, 11, 3, 30);
  report.diagnostics.push_back({"s3/2025-03-11.log:9", "expected 27 fields"});
  a.sources.push_back(report);

  AttributedAccess access;
  access.evidence_id = "E12";
  access.time = e.time;
  access.object = "support-attachments/tickets/48213/att_9f3c/invoice_backup_2024Q4.xlsx";
  access.action = "download";
  access.via = Via::PresignedUrl;
  access.confidence = Confidence::High;
  access.chain = {"E3", "E12"};
  access.reasoning = "attributed to the subject.";
  access.succeeded = true;
  a.correlation.subject = a.subject;
  a.correlation.post_deprovision_access.push_back(access);
  AttributedAccess attempt = access;
  attempt.evidence_id = "E14";
  attempt.succeeded = false;
  attempt.near_boundary = true;
  a.correlation.attempts.push_back(attempt);
  a.correlation.gaps.push_back("no s3_access_log records between A and B");
  a.correlation.credential_use_after = {"E9"};

  a.findings.push_back({"F1", "The invoice backup was downloaded after deprovisioning.",
                        FindingStatus::Confirmed, {"E3", "E12"}, Owner::Security});
  OpenQuestion q;
  q.id = "Q1";
  q.question = "Who else held the presigned URL?";
  q.owner = Owner::Security;
  q.blocking = true;
  a.questions.push_back(q);
  a.decision = evaluate_security_policy(a.correlation);
  a.customer_update = draft(DraftKind::CustomerUpdate, "We confirmed a download.");
  a.handoff = draft(DraftKind::Handoff, "E12 downloaded via presigned URL.");
  return a;
}

TEST(AnalysisJson, HasTheDesignKeysPlusSourcesAttemptsCannotRuleOutAndGaps) {
  const json j = analysis_to_json(sample());
  for (const char* key : {"subject", "evidence", "post_deprovision_access", "findings",
                          "open_questions", "decision", "drafts", "attempts", "cannot_rule_out",
                          "gaps", "sources"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
}

TEST(AnalysisJson, SubjectAndEvidenceShape) {
  const json j = analysis_to_json(sample());
  EXPECT_EQ(keys_of(j["subject"]),
            (std::set<std::string>{"id", "login", "status", "deprovisioned_at"}));
  EXPECT_EQ(j["subject"]["deprovisioned_at"], "2025-03-11T16:45:12Z");
  EXPECT_EQ(j["subject"]["status"], "DEPROVISIONED");
  ASSERT_EQ(j["evidence"].size(), 1u);
  EXPECT_EQ(keys_of(j["evidence"][0]),
            (std::set<std::string>{"id", "source", "time", "summary", "kind"}));
  EXPECT_EQ(j["evidence"][0]["time"], "2025-03-11T17:06:10Z");
  EXPECT_EQ(j["evidence"][0]["kind"], "storage.object_access");
}

TEST(AnalysisJson, MissingDeprovisioningTimeIsNull) {
  Analysis a = sample();
  a.subject.deprovisioned_at.reset();
  EXPECT_TRUE(analysis_to_json(a)["subject"]["deprovisioned_at"].is_null());
}

TEST(AnalysisJson, AccessShape) {
  const json j = analysis_to_json(sample());
  ASSERT_EQ(j["post_deprovision_access"].size(), 1u);
  const json& access = j["post_deprovision_access"][0];
  EXPECT_EQ(keys_of(access), (std::set<std::string>{"evidence", "time", "object", "action", "via",
                                                    "confidence", "chain", "reasoning"}));
  EXPECT_EQ(access["evidence"], "E12");
  EXPECT_EQ(access["time"], "2025-03-11T17:06:10Z");
  EXPECT_EQ(access["via"], "presigned_url");
  EXPECT_EQ(access["confidence"], "high");
  EXPECT_EQ(access["chain"], json::array({"E3", "E12"}));
  ASSERT_EQ(j["attempts"].size(), 1u);
  EXPECT_EQ(j["attempts"][0]["evidence"], "E14");
  EXPECT_EQ(j["attempts"][0]["near_boundary"], true);
  EXPECT_TRUE(j["cannot_rule_out"].is_array());
  EXPECT_EQ(j["gaps"], json::array({"no s3_access_log records between A and B"}));
}

TEST(AnalysisJson, FindingsAndQuestionsShape) {
  const json j = analysis_to_json(sample());
  ASSERT_EQ(j["findings"].size(), 1u);
  EXPECT_EQ(keys_of(j["findings"][0]),
            (std::set<std::string>{"id", "statement", "status", "evidence", "owner"}));
  EXPECT_EQ(j["findings"][0]["status"], "confirmed");
  EXPECT_EQ(j["findings"][0]["owner"], "security");
  EXPECT_EQ(j["findings"][0]["evidence"], json::array({"E3", "E12"}));
  ASSERT_EQ(j["open_questions"].size(), 1u);
  EXPECT_EQ(keys_of(j["open_questions"][0]),
            (std::set<std::string>{"id", "question", "owner", "state", "blocking"}));
  EXPECT_EQ(j["open_questions"][0]["state"], "open");
  EXPECT_EQ(j["open_questions"][0]["blocking"], true);
}

TEST(AnalysisJson, DecisionShape) {
  const json j = analysis_to_json(sample());
  const json& d = j["decision"];
  EXPECT_EQ(keys_of(d), (std::set<std::string>{"escalate_security", "reasons", "rules",
                                               "rule_set_version"}));
  EXPECT_EQ(d["escalate_security"], true);
  EXPECT_EQ(d["rule_set_version"], "default-2");
  ASSERT_EQ(d["rules"].size(), 2u);
  EXPECT_EQ(keys_of(d["rules"][0]), (std::set<std::string>{"id", "severity", "evidence"}));
  EXPECT_EQ(d["rules"][0]["id"], "post-deprovision-access");
  EXPECT_EQ(d["rules"][0]["severity"], severity_name(Severity::Critical));
  EXPECT_EQ(d["rules"][1]["id"], "credential-outlived-deprovision");
  EXPECT_EQ(d["reasons"].size(), 2u);
}

TEST(AnalysisJson, DraftsAreUnapprovedWithHashAndRenderedText) {
  const Analysis a = sample();
  const json j = analysis_to_json(a);
  const json& update = j["drafts"]["customer_update"];
  EXPECT_EQ(keys_of(update), (std::set<std::string>{"state", "version", "content_hash", "text"}));
  EXPECT_EQ(update["state"], "unapproved");
  EXPECT_EQ(update["version"], 2);
  EXPECT_EQ(update["content_hash"], a.customer_update->content_hash);
  EXPECT_EQ(update["text"], render_draft_text(*a.customer_update));
  EXPECT_EQ(j["drafts"]["handoff"]["text"], render_draft_text(*a.handoff));
}

TEST(AnalysisJson, AbsentDraftsAreNull) {
  Analysis a = sample();
  a.customer_update.reset();
  a.handoff.reset();
  const json j = analysis_to_json(a);
  EXPECT_TRUE(j["drafts"]["customer_update"].is_null());
  EXPECT_TRUE(j["drafts"]["handoff"].is_null());
}

TEST(AnalysisJson, SourcesShape) {
  const json j = analysis_to_json(sample());
  ASSERT_EQ(j["sources"].size(), 1u);
  const json& s = j["sources"][0];
  EXPECT_EQ(keys_of(s), (std::set<std::string>{"source", "label", "records_read", "records_skipped",
                                               "complete", "coverage", "diagnostics"}));
  EXPECT_EQ(s["records_read"], 14);
  EXPECT_EQ(s["records_skipped"], 1);
  EXPECT_EQ(s["complete"], true);
  EXPECT_EQ(s["coverage"]["begin"], "2025-03-10T14:20:55Z");
  EXPECT_EQ(s["coverage"]["end"], "2025-03-12T11:03:30Z");
  ASSERT_EQ(s["diagnostics"].size(), 1u);
  EXPECT_EQ(s["diagnostics"][0]["location"], "s3/2025-03-11.log:9");
  EXPECT_EQ(s["diagnostics"][0]["message"], "expected 27 fields");
}

TEST(AnalysisJson, EmptyAnalysisStillHasEveryList) {
  const json j = analysis_to_json(Analysis{});
  for (const char* key : {"evidence", "post_deprovision_access", "findings", "open_questions",
                          "attempts", "cannot_rule_out", "gaps", "sources"}) {
    EXPECT_TRUE(j[key].is_array()) << key;
  }
  EXPECT_EQ(j["decision"]["escalate_security"], false);
}

}  // namespace
}  // namespace ec
