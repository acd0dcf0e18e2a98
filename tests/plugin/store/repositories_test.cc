// SqliteTransaction: every repository's values survive a round trip through the file.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/plugin/store/store_test_util.h"

namespace ec::store {
namespace {

using testing::at_minute;
using ::testing::ElementsAre;
using testing::in_transaction;
using testing::open_or_fail;
using testing::RawDb;
using testing::sample_case;

class RepositoriesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = open_or_fail(path());
    ASSERT_NE(store_, nullptr);
    in_transaction(*store_, [](Transaction& tx) {
      ASSERT_TRUE(tx.insert_case(sample_case("CASE-1", "ESC-1042")).has_value());
    });
  }
  // Closes and reopens the store, so reads come from the file.
  void reopen() {
    store_.reset();
    store_ = open_or_fail(path());
    ASSERT_NE(store_, nullptr);
  }
  std::filesystem::path path() const { return dir_ / "x.db"; }

  ec::testing::TempDir dir_;
  StorePtr store_;
};

TEST_F(RepositoriesTest, CaseRoundTripAndUpdate) {
  Case c = sample_case("CASE-2", "ESC-2000");
  c.state = CaseState::SecurityEscalated;
  c.severity = Severity::Critical;
  c.security_acknowledged_by = "U0SEC";
  c.security_acknowledged_at = at_minute(5);
  c.created_at = at_minute(1);
  c.updated_at = make_utc(2025, 3, 11, 16, 6, 7, 302);
  in_transaction(*store_, [&](Transaction& tx) {
    ASSERT_TRUE(tx.insert_case(c).has_value());
    auto clash = tx.insert_case(c);
    ASSERT_FALSE(clash.has_value());
    EXPECT_EQ(clash.error().code, ErrorCode::AlreadyExists);
  });
  reopen();
  in_transaction(*store_, [&](Transaction& tx) {
    auto got = tx.get_case("CASE-2");
    ASSERT_TRUE(got.has_value()) << got.error().to_string();
    EXPECT_EQ(got->ticket_ref, "ESC-2000");
    EXPECT_EQ(got->customer, "Acme");
    EXPECT_EQ(got->subject_query, c.subject_query);
    EXPECT_EQ(got->lead, "U0LEAD");
    EXPECT_EQ(got->state, CaseState::SecurityEscalated);
    EXPECT_EQ(got->severity, Severity::Critical);
    EXPECT_EQ(got->security_acknowledged_by, "U0SEC");
    EXPECT_EQ(got->security_acknowledged_at, at_minute(5));
    EXPECT_EQ(got->created_at, at_minute(1));
    EXPECT_EQ(got->updated_at, c.updated_at);

    auto by_ticket = tx.find_case_by_ticket("ESC-2000");
    ASSERT_TRUE(by_ticket.has_value());
    ASSERT_TRUE(by_ticket->has_value());
    EXPECT_EQ((*by_ticket)->id, "CASE-2");
    auto none = tx.find_case_by_ticket("ESC-0");
    ASSERT_TRUE(none.has_value());
    EXPECT_FALSE(none->has_value());

    auto all = tx.list_cases();
    ASSERT_TRUE(all.has_value());
    ASSERT_EQ(all->size(), 2u);
    EXPECT_EQ((*all)[0].id, "CASE-1");
    EXPECT_EQ((*all)[1].id, "CASE-2");

    got->state = CaseState::Resolved;
    got->security_acknowledged_at.reset();
    ASSERT_TRUE(tx.update_case(*got).has_value());
    auto missing = tx.update_case(sample_case("CASE-404"));
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
    auto absent = tx.get_case("CASE-404");
    ASSERT_FALSE(absent.has_value());
    EXPECT_EQ(absent.error().code, ErrorCode::NotFound);
  });
  in_transaction(*store_, [&](Transaction& tx) {
    auto got = tx.get_case("CASE-2");
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->state, CaseState::Resolved);
    EXPECT_FALSE(got->security_acknowledged_at.has_value());
  });
}

TEST_F(RepositoriesTest, EvidenceRoundTripKeepsOrderAndReplaces) {
  Evidence first;
  first.id = "E1";
  first.source = "s3_access_log";
  first.kind = evidence_kind::kObjectAccess;
  first.time = at_minute(3);
  first.summary = "GET tickets/48213/invoice.pdf -> 200";
  first.object = "bucket/tickets/48213/invoice.pdf";
  first.action = "download";
  first.ip = "203.0.113.7";
  first.credential_ttl_seconds = 900;
  first.attributes = {{"status", 200}};
  Evidence second = first;
  second.id = "E2";
  second.time = at_minute(4);
  in_transaction(*store_, [&](Transaction& tx) {
    ASSERT_TRUE(tx.replace_evidence("CASE-1", {second, first}).has_value());
  });
  reopen();
  in_transaction(*store_, [&](Transaction& tx) {
    auto got = tx.list_evidence("CASE-1");
    ASSERT_TRUE(got.has_value()) << got.error().to_string();
    ASSERT_EQ(got->size(), 2u);
    EXPECT_EQ((*got)[0].id, "E2");
    EXPECT_EQ((*got)[1].id, "E1");
    EXPECT_EQ(evidence_to_json((*got)[1]), evidence_to_json(first));
    ASSERT_TRUE(tx.replace_evidence("CASE-1", {first}).has_value());
  });
  in_transaction(*store_, [&](Transaction& tx) {
    auto got = tx.list_evidence("CASE-1");
    ASSERT_TRUE(got.has_value());
    ASSERT_EQ(got->size(), 1u);
    EXPECT_EQ(got->front().id, "E1");
    auto other = tx.list_evidence("CASE-2");
    ASSERT_TRUE(other.has_value());
    EXPECT_TRUE(other->empty());
  });
}

TEST_F(RepositoriesTest, FindingsQuestionsAndAnalysisRoundTrip) {
  const Finding f1{.id = "F1",
                   .statement = "A presigned URL was used after deprovisioning",
                   .status = FindingStatus::Confirmed,
                   .evidence = {"E7", "E9"},
                   .owner = Owner::Security};
  const Finding f2{.id = "F2",
                   .statement = "Sessions were revoked",
                   .status = FindingStatus::Hypothesis,
                   .evidence = {},
                   .owner = Owner::Engineering};
  OpenQuestion q1;
  q1.id = "Q1";
  q1.question = "Was the token revoked?";
  q1.owner = Owner::Security;
  OpenQuestion q2;
  q2.id = "Q2";
  q2.question = "Which files?";
  q2.owner = Owner::Support;
  q2.blocking = true;
  const nlohmann::json analysis = {{"decision", {{"escalate_security", true}}}, {"gaps", {1, 2}}};
  in_transaction(*store_, [&](Transaction& tx) {
    ASSERT_TRUE(tx.replace_findings("CASE-1", {f1, f2}).has_value());
    ASSERT_TRUE(tx.upsert_question("CASE-1", q1).has_value());
    ASSERT_TRUE(tx.upsert_question("CASE-1", q2).has_value());
    auto none = tx.get_analysis("CASE-1");
    ASSERT_TRUE(none.has_value());
    EXPECT_FALSE(none->has_value());
    ASSERT_TRUE(tx.put_analysis("CASE-1", {{"old", true}}).has_value());
    ASSERT_TRUE(tx.put_analysis("CASE-1", analysis).has_value());
  });
  q1.state = QuestionState::Answered;
  q1.answer = "Yes, at 16:05";
  q1.answer_evidence = {"E12"};
  in_transaction(
      *store_, [&](Transaction& tx) { ASSERT_TRUE(tx.upsert_question("CASE-1", q1).has_value()); });
  reopen();
  in_transaction(*store_, [&](Transaction& tx) {
    auto findings = tx.list_findings("CASE-1");
    ASSERT_TRUE(findings.has_value()) << findings.error().to_string();
    ASSERT_EQ(findings->size(), 2u);
    EXPECT_EQ((*findings)[0].statement, f1.statement);
    EXPECT_EQ((*findings)[0].status, FindingStatus::Confirmed);
    EXPECT_THAT((*findings)[0].evidence, ElementsAre("E7", "E9"));
    EXPECT_EQ((*findings)[0].owner, Owner::Security);
    EXPECT_EQ((*findings)[1].status, FindingStatus::Hypothesis);
    EXPECT_EQ((*findings)[1].owner, Owner::Engineering);

    auto questions = tx.list_questions("CASE-1");
    ASSERT_TRUE(questions.has_value()) << questions.error().to_string();
    ASSERT_EQ(questions->size(), 2u);
    EXPECT_EQ((*questions)[0].id, "Q1");  // first inserted first, also after an update
    EXPECT_EQ((*questions)[0].state, QuestionState::Answered);
    EXPECT_EQ((*questions)[0].answer, "Yes, at 16:05");
    EXPECT_THAT((*questions)[0].answer_evidence, ElementsAre("E12"));
    EXPECT_EQ((*questions)[1].owner, Owner::Support);
    EXPECT_TRUE((*questions)[1].blocking);

    auto stored = tx.get_analysis("CASE-1");
    ASSERT_TRUE(stored.has_value());
    ASSERT_TRUE(stored->has_value());
    EXPECT_EQ(**stored, analysis);
  });
}

DraftVersion sample_draft(int version, const std::string& hash) {
  DraftVersion v;
  v.case_id = "CASE-1";
  v.draft_id = "D1";
  v.kind = DraftKind::CustomerUpdate;
  v.version = version;
  v.statements = {
      {Section::Confirmed,
       "We confirmed <ATTACHMENT_1> was downloaded.",
       Authorship::Agent,
       {"E7"},
       {"F1"}},
      {Section::NextSteps, "Security owns the token review.", Authorship::HumanEdited, {}, {}},
  };
  v.created_by = version == 1 ? "copilot" : "U0LEAD";
  v.created_at = at_minute(10 + version);
  v.content_hash = hash;
  return v;
}

TEST_F(RepositoriesTest, DraftVersionsAreImmutable) {
  in_transaction(*store_, [&](Transaction& tx) {
    ASSERT_TRUE(tx.insert_draft_version(sample_draft(1, "h1")).has_value());
    ASSERT_TRUE(tx.insert_draft_version(sample_draft(2, "h2")).has_value());
  });
  in_transaction(*store_, [&](Transaction& tx) {
    auto again = tx.insert_draft_version(sample_draft(1, "other"));
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().code, ErrorCode::AlreadyExists);
    auto unsealed = tx.insert_draft_version(sample_draft(3, ""));
    ASSERT_FALSE(unsealed.has_value());
    EXPECT_EQ(unsealed.error().code, ErrorCode::InvalidArgument);
    DraftVersion orphan = sample_draft(1, "h");
    orphan.case_id = "CASE-404";
    auto no_case = tx.insert_draft_version(orphan);
    ASSERT_FALSE(no_case.has_value());
    EXPECT_EQ(no_case.error().code, ErrorCode::NotFound);
  });
  {
    RawDb raw(path());
    EXPECT_EQ(raw.exec("UPDATE draft_versions SET content_hash = 'x'"), SQLITE_CONSTRAINT);
  }
  reopen();
  in_transaction(*store_, [&](Transaction& tx) {
    auto v1 = tx.get_draft_version("CASE-1", "D1", 1);
    ASSERT_TRUE(v1.has_value()) << v1.error().to_string();
    const DraftVersion expected = sample_draft(1, "h1");
    EXPECT_EQ(v1->kind, DraftKind::CustomerUpdate);
    EXPECT_EQ(v1->content_hash, "h1");
    EXPECT_EQ(v1->created_by, "copilot");
    EXPECT_EQ(v1->created_at, expected.created_at);
    ASSERT_EQ(v1->statements.size(), 2u);
    EXPECT_EQ(v1->statements[0].section, Section::Confirmed);
    EXPECT_EQ(v1->statements[0].text, expected.statements[0].text);
    EXPECT_EQ(v1->statements[0].author, Authorship::Agent);
    EXPECT_THAT(v1->statements[0].evidence, ElementsAre("E7"));
    EXPECT_THAT(v1->statements[0].findings, ElementsAre("F1"));
    EXPECT_EQ(v1->statements[1].author, Authorship::HumanEdited);

    auto missing = tx.get_draft_version("CASE-1", "D1", 9);
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);

    auto all = tx.list_draft_versions("CASE-1");
    ASSERT_TRUE(all.has_value());
    ASSERT_EQ(all->size(), 2u);
    EXPECT_EQ((*all)[0].version, 1);
    EXPECT_EQ((*all)[1].version, 2);
  });
}

TEST_F(RepositoriesTest, ApprovalsBindToAStoredVersion) {
  const Approval approval{.case_id = "CASE-1",
                          .draft_id = "D1",
                          .version = 1,
                          .content_hash = "h1",
                          .approver = "U0LEAD",
                          .approved_at = at_minute(20),
                          .lint_verdict = "0 findings"};
  in_transaction(*store_, [&](Transaction& tx) {
    ASSERT_TRUE(tx.insert_draft_version(sample_draft(1, "h1")).has_value());
    ASSERT_TRUE(tx.insert_approval(approval).has_value());
    auto twice = tx.insert_approval(approval);
    ASSERT_FALSE(twice.has_value());
    EXPECT_EQ(twice.error().code, ErrorCode::AlreadyExists);
    Approval unknown = approval;
    unknown.version = 7;
    auto no_version = tx.insert_approval(unknown);
    ASSERT_FALSE(no_version.has_value());
    EXPECT_EQ(no_version.error().code, ErrorCode::NotFound);
  });
  reopen();
  in_transaction(*store_, [&](Transaction& tx) {
    auto approvals = tx.list_approvals("CASE-1");
    ASSERT_TRUE(approvals.has_value());
    ASSERT_EQ(approvals->size(), 1u);
    const Approval& got = approvals->front();
    EXPECT_EQ(got.draft_id, "D1");
    EXPECT_EQ(got.version, 1);
    EXPECT_EQ(got.content_hash, "h1");
    EXPECT_EQ(got.approver, "U0LEAD");
    EXPECT_EQ(got.approved_at, at_minute(20));
    EXPECT_EQ(got.lint_verdict, "0 findings");
  });
}

TEST_F(RepositoriesTest, TurnsGetAscendingSeqPerCase) {
  in_transaction(*store_, [&](Transaction& tx) {
    ASSERT_TRUE(tx.insert_case(sample_case("CASE-2", "ESC-2")).has_value());
    Turn intake{.case_id = "CASE-1",
                .time = at_minute(1),
                .actor = "U0LEAD",
                .role = ActorRole::Lead,
                .action = "intake",
                .request = "/escalation open ESC-1042",
                .output = {{"case", "CASE-1"}}};
    EXPECT_EQ(tx.append_turn(intake), 1);
    Turn gather = intake;
    gather.actor = "copilot";
    gather.role = ActorRole::Copilot;
    gather.action = "gather";
    EXPECT_EQ(tx.append_turn(gather), 2);
    Turn other = intake;
    other.case_id = "CASE-2";
    EXPECT_EQ(tx.append_turn(other), 1);
    Turn orphan = intake;
    orphan.case_id = "CASE-404";
    auto refused = tx.append_turn(orphan);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, ErrorCode::NotFound);
  });
  reopen();
  in_transaction(*store_, [&](Transaction& tx) {
    auto turns = tx.list_turns("CASE-1");
    ASSERT_TRUE(turns.has_value()) << turns.error().to_string();
    ASSERT_EQ(turns->size(), 2u);
    EXPECT_EQ((*turns)[0].seq, 1);
    EXPECT_EQ((*turns)[0].role, ActorRole::Lead);
    EXPECT_EQ((*turns)[0].request, "/escalation open ESC-1042");
    EXPECT_EQ((*turns)[0].output, (nlohmann::json{{"case", "CASE-1"}}));
    EXPECT_EQ((*turns)[0].time, at_minute(1));
    EXPECT_EQ((*turns)[1].seq, 2);
    EXPECT_EQ((*turns)[1].action, "gather");
    EXPECT_EQ((*turns)[1].role, ActorRole::Copilot);
  });
}

TEST_F(RepositoriesTest, VaultUpsertsByPlaceholder) {
  VaultEntry email;
  email.case_id = "CASE-1";
  email.placeholder = "<EMAIL_1>";
  email.kind = "EMAIL";
  email.raw_value = "contractor@example.com";
  VaultEntry ip;
  ip.case_id = "CASE-1";
  ip.placeholder = "<IP_1>";
  ip.kind = "IP";
  ip.raw_value = "203.0.113.7";
  in_transaction(*store_, [&](Transaction& tx) {
    ASSERT_TRUE(tx.put_vault_entry(email).has_value());
    ASSERT_TRUE(tx.put_vault_entry(ip).has_value());
  });
  email.revealed = true;
  email.revealed_by = "U0LEAD";
  email.reveal_reason = "confirm identity with customer";
  email.revealed_at = at_minute(30);
  in_transaction(*store_,
                 [&](Transaction& tx) { ASSERT_TRUE(tx.put_vault_entry(email).has_value()); });
  reopen();
  in_transaction(*store_, [&](Transaction& tx) {
    auto entries = tx.list_vault("CASE-1");
    ASSERT_TRUE(entries.has_value());
    ASSERT_EQ(entries->size(), 2u);
    const VaultEntry& got = (*entries)[0];
    EXPECT_EQ(got.placeholder, "<EMAIL_1>");
    EXPECT_EQ(got.kind, "EMAIL");
    EXPECT_EQ(got.raw_value, "contractor@example.com");
    EXPECT_TRUE(got.revealed);
    EXPECT_EQ(got.revealed_by, "U0LEAD");
    EXPECT_EQ(got.reveal_reason, "confirm identity with customer");
    EXPECT_EQ(got.revealed_at, at_minute(30));
    EXPECT_EQ((*entries)[1].placeholder, "<IP_1>");
    EXPECT_FALSE((*entries)[1].revealed);
    EXPECT_FALSE((*entries)[1].revealed_at.has_value());
  });
}

TEST_F(RepositoriesTest, UndecodableRowIsDataLoss) {
  {
    RawDb raw(path());
    ASSERT_EQ(raw.exec("UPDATE cases SET state = 'bogus' WHERE id = 'CASE-1'"), SQLITE_OK);
  }
  in_transaction(*store_, [&](Transaction& tx) {
    auto got = tx.get_case("CASE-1");
    ASSERT_FALSE(got.has_value());
    EXPECT_EQ(got.error().code, ErrorCode::DataLoss);
  });
}

}  // namespace
}  // namespace ec::store
