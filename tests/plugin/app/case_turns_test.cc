// The lead's turns through CaseService on the bundled scenario and its benign and ambiguous
// variants, with a real SQLite file: summarize, compare, the questions register (including a
// reopen on new contradicting evidence), draft update and handoff, rewrite in every tone, the
// grounding check at approval, and the measures of the timeline.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <set>
#include <thread>

#include "plugin/app/case_service.h"
#include "plugin/app/timeline.h"
#include "plugin/store/sqlite_store.h"
#include "tests/fakes/temp_dir.h"

namespace ec::app {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ec::testing::FakeClock;
using ec::testing::TempDir;

class CaseTurnsTest : public ::testing::Test {
 protected:
  void start_in(const std::filesystem::path& scenario) {
    auto config = load_config(scenario / "config.json");
    ASSERT_TRUE(config.has_value()) << config.error().message;
    config_ = *config;
    config_.security_group = "U0SEC1";
    auto store = store::SqliteStore::open(dir_ / "copilot.db");
    ASSERT_TRUE(store.has_value()) << store.error().message;
    store_ = std::move(*store);
    auto sources = SourceSet::build(config_, clock_);
    ASSERT_TRUE(sources.has_value()) << sources.error().message;
    sources_ = std::move(*sources);
    service_ = std::make_unique<CaseService>(*store_, *sources_, clock_, config_);
    auto opened = service_->open_case({"48213", config_.case_config->subject, "U0LEAD",
                                       "Halvorsen Marine Supply", "U0LEAD"});
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    case_id_ = opened->id;
  }
  void start(const std::string& name) { start_in(ec::testing::scenario_dir(name)); }

  std::vector<Turn> turns() {
    auto tx = store_->begin();
    return *(*tx)->list_turns(case_id_);
  }
  const Turn& last_turn() {
    trace_ = turns();
    return trace_.back();
  }

  TempDir dir_;
  FakeClock clock_{make_utc(2025, 3, 12, 9, 50, 0)};
  Config config_;
  StorePtr store_;
  std::unique_ptr<SourceSet> sources_;
  std::unique_ptr<CaseService> service_;
  std::string case_id_;
  std::vector<Turn> trace_;
};

TEST_F(CaseTurnsTest, SummarizeGivesTheTicketTimeline) {
  start("contractor_after_deprovision");
  auto summary = service_->summarize(case_id_, "U0LEAD");
  ASSERT_TRUE(summary.has_value()) << summary.error().message;
  EXPECT_THAT(summary->headline, HasSubstr("Ticket 48213"));
  ASSERT_GE(summary->lines.size(), 5u);
  EXPECT_THAT(summary->lines.front().text, HasSubstr("2025-03-03T08:12:40Z"));
  EXPECT_THAT(summary->lines.front().text, HasSubstr("customer (end-user)"));
  ASSERT_FALSE(summary->escalations.empty());
  EXPECT_THAT(summary->escalations.back().text, HasSubstr("Escalating to security"));
  // Names and emails of the people are placeholders.
  for (const auto& l : summary->lines) EXPECT_THAT(l.text, Not(HasSubstr("Halvorsen")));
  const Turn& t = last_turn();
  EXPECT_EQ(t.action, "summarize");
  EXPECT_EQ(t.output["headline"], summary->headline);
  EXPECT_EQ(t.output["escalations"].size(), summary->escalations.size());
}

TEST_F(CaseTurnsTest, CompareStatesContradictionsWithEvidenceIds) {
  start("contractor_after_deprovision");
  auto cmp = service_->compare(case_id_, "U0LEAD");
  ASSERT_TRUE(cmp.has_value()) << cmp.error().message;
  EXPECT_THAT(cmp->identity, HasSubstr("deprovisioned at 2025-03-1"));
  ASSERT_FALSE(cmp->contradictions.empty());
  EXPECT_THAT(cmp->contradictions[0].statement, HasSubstr("attributed to the subject after"));
  EXPECT_THAT(cmp->contradictions[0].statement, HasSubstr("through a presigned URL issued before"));
  for (const auto& item : cmp->contradictions) {
    ASSERT_FALSE(item.evidence.empty()) << item.statement;
    EXPECT_EQ(item.evidence[0][0], 'E');
  }
  EXPECT_EQ(cmp->skew_tolerance, std::chrono::seconds(120));
  EXPECT_EQ(last_turn().action, "compare");
  EXPECT_EQ(trace_.back().output["skew_tolerance_seconds"], 120);
}

TEST_F(CaseTurnsTest, CompareOnTheBenignVariantFindsOnlyAgreements) {
  start("benign_no_access");
  auto cmp = service_->compare(case_id_, "U0LEAD");
  ASSERT_TRUE(cmp.has_value()) << cmp.error().message;
  EXPECT_TRUE(cmp->contradictions.empty()) << copilot::render_comparison(*cmp);
  ASSERT_FALSE(cmp->agreements.empty());
  const bool refused = std::any_of(cmp->agreements.begin(), cmp->agreements.end(), [](auto& a) {
    return a.statement.find("refused, consistent with the deprovisioning") != std::string::npos;
  });
  EXPECT_TRUE(refused) << copilot::render_comparison(*cmp);
}

TEST_F(CaseTurnsTest, CompareOnTheAmbiguousVariantNamesWhatCannotBeAttributed) {
  start("ambiguous_cdn_preview");
  auto cmp = service_->compare(case_id_, "U0LEAD");
  ASSERT_TRUE(cmp.has_value()) << cmp.error().message;
  EXPECT_FALSE(cmp->unattributed.empty()) << copilot::render_comparison(*cmp);
  EXPECT_TRUE(cmp->contradictions.empty()) << copilot::render_comparison(*cmp);
}

TEST_F(CaseTurnsTest, QuestionsRegisterAddAnswerReassign) {
  start("contractor_after_deprovision");
  ASSERT_TRUE(service_->gather(case_id_, "U0LEAD").has_value());
  auto list = service_->questions(case_id_, "U0LEAD");
  ASSERT_TRUE(list.has_value());
  ASSERT_FALSE(list->empty());
  EXPECT_TRUE(std::any_of(list->begin(), list->end(), [](auto& q) { return q.blocking; }));

  auto added = service_->add_question(case_id_, "Did the customer forward the link?",
                                      Owner::Support, true, "U0LEAD");
  ASSERT_TRUE(added.has_value()) << added.error().message;
  EXPECT_EQ(added->id, "QL1");
  EXPECT_TRUE(added->blocking);

  auto bad = service_->answer_question(case_id_, "QL1", "No.", {"E999"}, "U0LEAD");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::InvalidArgument);
  EXPECT_THAT(bad.error().message, HasSubstr("E999"));
  auto none = service_->answer_question(case_id_, "QL1", "No.", {}, "U0LEAD");
  EXPECT_EQ(none.error().code, ErrorCode::InvalidArgument);

  auto answered = service_->answer_question(case_id_, "QL1", "The ticket shows no forward.",
                                            {"E1"}, "U0LEAD");
  ASSERT_TRUE(answered.has_value()) << answered.error().message;
  EXPECT_EQ(answered->state, QuestionState::Answered);
  EXPECT_EQ(answered->answer_evidence, std::vector<std::string>{"E1"});

  auto moved = service_->reassign_question(case_id_, "QL1", Owner::Security, "U0LEAD");
  ASSERT_TRUE(moved.has_value());
  EXPECT_EQ(moved->owner, Owner::Security);
  EXPECT_EQ(last_turn().action, "question_reassign");
  EXPECT_EQ(service_->reassign_question(case_id_, "Q404", Owner::Support, "U0LEAD").error().code,
            ErrorCode::NotFound);

  // The next gathering keeps the answer and the owner (same evidence: nothing contradicts it).
  ASSERT_TRUE(service_->gather(case_id_, "U0LEAD").has_value());
  auto after = service_->questions(case_id_, "U0LEAD");
  const auto ql1 = std::find_if(after->begin(), after->end(), [](auto& q) { return q.id == "QL1"; });
  ASSERT_NE(ql1, after->end());
  EXPECT_EQ(ql1->state, QuestionState::Answered);
  EXPECT_EQ(ql1->owner, Owner::Security);
}

TEST_F(CaseTurnsTest, NewContradictingEvidenceReopensAnAnswerOnTheNextGather) {
  TempDir copy;
  std::filesystem::copy(ec::testing::scenario_dir("contractor_after_deprovision"), copy.path(),
                        std::filesystem::copy_options::recursive);
  start_in(copy.path());
  ASSERT_TRUE(service_->gather(case_id_, "U0LEAD").has_value());
  auto answered = service_->answer_question(case_id_, "Q1", "Only the accesses already listed.",
                                            {"E1"}, "U0LEAD");
  ASSERT_TRUE(answered.has_value()) << answered.error().message;

  // One more download through the same presigned link, two minutes later.
  const auto log = copy.path() / "s3" / "support-attachments-2025-03-12.log";
  std::string first_line;
  {
    std::ifstream in(log);
    std::getline(in, first_line);
  }
  ASSERT_NE(first_line.find("[12/Mar/2025:08:55:02 +0000]"), std::string::npos);
  std::string extra = first_line;
  extra.replace(extra.find("08:55:02"), 8, "08:57:02");
  extra.replace(extra.find("523BD5D8BCD8A94F"), 16, "523BD5D8BCD8A950");
  {
    std::ofstream out(log, std::ios::app);
    out << extra << "\n";
  }
  auto regathered = service_->gather(case_id_, "U0LEAD");
  ASSERT_TRUE(regathered.has_value()) << regathered.error().message;
  auto list = service_->questions(case_id_, "U0LEAD");
  const auto q1 = std::find_if(list->begin(), list->end(), [](auto& q) { return q.id == "Q1"; });
  ASSERT_NE(q1, list->end());
  EXPECT_EQ(q1->state, QuestionState::Reopened);
  EXPECT_THAT(q1->note, HasSubstr("new evidence"));
  bool recorded = false;
  for (const Turn& t : turns()) {
    if (t.action == "gather" && t.output.contains("reopened_questions") &&
        !t.output["reopened_questions"].empty()) {
      recorded = t.output["reopened_questions"][0] == "Q1";
    }
  }
  EXPECT_TRUE(recorded);
}

class DraftTurnsTest : public CaseTurnsTest,
                       public ::testing::WithParamInterface<const char*> {};

TEST_P(DraftTurnsTest, DraftTurnsProduceGroundedUnapprovedDrafts) {
  start(GetParam());
  ASSERT_TRUE(service_->gather(case_id_, "U0LEAD").has_value());
  auto update = service_->draft_update(case_id_, "U0LEAD");
  ASSERT_TRUE(update.has_value()) << update.error().message;
  const std::string text = render_draft_text(update->version);
  EXPECT_THAT(text, HasSubstr("## What we have confirmed"));
  EXPECT_THAT(text, HasSubstr("## What we are still verifying"));
  EXPECT_THAT(text, HasSubstr("## Who owns each next step"));
  EXPECT_EQ(update->generator, "deterministic");
  for (const std::string& issue : update->blocking_issues) {
    EXPECT_THAT(issue, Not(HasSubstr("grounding"))) << issue;
  }
  EXPECT_EQ(last_turn().action, "draft_update");
  EXPECT_EQ(trace_.back().output["draft"]["content_hash"], update->version.content_hash);

  auto handoff = service_->draft_handoff(case_id_, "U0LEAD");
  ASSERT_TRUE(handoff.has_value()) << handoff.error().message;
  EXPECT_EQ(handoff->version.kind, DraftKind::Handoff);
  EXPECT_THAT(render_draft_text(handoff->version), HasSubstr("## Reproduced facts"));
  EXPECT_THAT(render_draft_text(handoff->version), HasSubstr("## Open questions and owners"));
  EXPECT_THAT(render_draft_text(handoff->version),
              HasSubstr("Already said to the customer: 2025-03-10T14:31:12Z"));
  EXPECT_THAT(render_draft_text(handoff->version), HasSubstr("Thanks - reviewing both files now."));
  EXPECT_EQ(last_turn().action, "draft_handoff");
}

INSTANTIATE_TEST_SUITE_P(Scenarios, DraftTurnsTest,
                         ::testing::Values("contractor_after_deprovision", "benign_no_access",
                                           "ambiguous_cdn_preview"));

// Turns run concurrently on httplib's pool and the intake workers. The deterministic composer used to
// be made on first use, unguarded: two first drafts at once both wrote the pointer (a data race
// for TSan, a use-after-free when one thread's object was replaced under the other).
TEST_F(CaseTurnsTest, ConcurrentDraftTurnsShareTheOneComposer) {
  start("contractor_after_deprovision");
  ASSERT_TRUE(service_->gather(case_id_, "U0LEAD").has_value());
  std::vector<std::optional<Result<DraftOutcome>>> outcomes(4);
  std::vector<std::thread> threads;
  for (auto& outcome : outcomes) {
    threads.emplace_back([&] { outcome = service_->draft_update(case_id_, "U0LEAD"); });
  }
  for (std::thread& t : threads) t.join();
  for (const auto& outcome : outcomes) {
    ASSERT_TRUE(outcome.has_value() && outcome->has_value())
        << (outcome && !outcome->has_value() ? outcome->error().message : "not run");
    EXPECT_EQ((*outcome)->generator, "deterministic");
  }
}

TEST_F(CaseTurnsTest, RewriteInEveryToneNeverAddsAClaim) {
  start("contractor_after_deprovision");
  auto gathered = service_->gather(case_id_, "U0LEAD");
  ASSERT_TRUE(gathered.has_value());
  const DraftVersion& update = *gathered->pipeline.analysis.customer_update;
  const auto claims_of = [](const DraftVersion& v) {
    std::set<std::string> ids;
    for (const Statement& s : v.statements) ids.insert(s.findings.begin(), s.findings.end());
    return ids;
  };
  int expected_version = update.version;
  for (auto tone : {copilot::llm::Tone::PlainLanguage, copilot::llm::Tone::ExecutiveBrief,
                    copilot::llm::Tone::Careful}) {
    auto rewritten = service_->rewrite(case_id_, update.draft_id, tone, "U0LEAD");
    ASSERT_TRUE(rewritten.has_value()) << rewritten.error().message;
    EXPECT_EQ(rewritten->version.version, ++expected_version);
    const auto before = claims_of(update);
    for (const std::string& id : claims_of(rewritten->version)) EXPECT_TRUE(before.count(id)) << id;
    EXPECT_EQ(last_turn().action, "rewrite");
    EXPECT_THAT(trace_.back().request, HasSubstr(copilot::llm::tone_name(tone)));
    if (tone == copilot::llm::Tone::PlainLanguage) {
      const std::string text = render_draft_text(rewritten->version);
      EXPECT_THAT(text, Not(HasSubstr("presigned URL")));
      EXPECT_THAT(text, HasSubstr("temporary download link"));
    }
  }
  EXPECT_EQ(service_->rewrite(case_id_, "D404", copilot::llm::Tone::Careful, "U0LEAD")
                .error()
                .code,
            ErrorCode::NotFound);
}

TEST_F(CaseTurnsTest, ApprovalRefusesAnUngroundedEditNamingTheSentence) {
  start("benign_no_access");
  auto gathered = service_->gather(case_id_, "U0LEAD");
  ASSERT_TRUE(gathered.has_value());
  const DraftVersion& update = *gathered->pipeline.analysis.customer_update;
  std::string text = render_draft_text(update);
  text.insert(text.find("## What we are still verifying"),
              "- The contractor never opened any of your files.\n");
  auto edited = service_->edit_draft(case_id_, update.draft_id, text, "U0LEAD");
  ASSERT_TRUE(edited.has_value());
  auto refused = service_->approve(case_id_, edited->draft_id, edited->version, "U0LEAD",
                                   edited->content_hash);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::FailedPrecondition);
  EXPECT_THAT(refused.error().message, HasSubstr("The contractor never opened any of your files."));
  EXPECT_THAT(refused.error().message, HasSubstr("cites no claim"));
  EXPECT_EQ(last_turn().action, "refuse");
}

TEST_F(CaseTurnsTest, TimelineMeasuresTheApprovedEditsAndTheSend) {
  start("benign_no_access");
  auto gathered = service_->gather(case_id_, "U0LEAD");
  ASSERT_TRUE(gathered.has_value());
  const DraftVersion& update = *gathered->pipeline.analysis.customer_update;
  // The lead changes who owns a next step, then approves and sends.
  std::string text = render_draft_text(update);
  const auto owner = text.find("Our support team remains your point of contact");
  ASSERT_NE(owner, std::string::npos) << text;
  text.replace(owner, 16, "Our support lead");
  auto edited = service_->edit_draft(case_id_, update.draft_id, text, "U0LEAD");
  ASSERT_TRUE(edited.has_value());
  clock_.advance(std::chrono::minutes(30));
  auto approved = service_->approve(case_id_, edited->draft_id, edited->version, "U0LEAD",
                                    edited->content_hash);
  ASSERT_TRUE(approved.has_value()) << approved.error().message;
  ASSERT_TRUE(service_->send(case_id_, edited->draft_id, edited->version, "U0LEAD", "file",
                             "ticket").has_value());
  ASSERT_TRUE(service_->draft_handoff(case_id_, "U0LEAD").has_value());

  auto tx = store_->begin();
  auto timeline = load_timeline(**tx, case_id_, make_error(ErrorCode::Internal, "not verified"));
  ASSERT_TRUE(timeline.has_value()) << timeline.error().message;
  const auto& m = (*timeline)["measures"];
  EXPECT_EQ(m["seconds_to_first_approved_update"], 30 * 60);
  ASSERT_EQ(m["approved_edits"].size(), 1u);
  EXPECT_EQ(m["approved_edits"][0]["agent_version"], update.version);
  EXPECT_EQ(m["approved_edits"][0]["edit_distance_words"], 1);  // "team" -> "lead"
  EXPECT_EQ(m["approved_edits"][0]["touched_ownership"], true);
  EXPECT_EQ(m["approved_edits"][0]["touched_certainty"], false);
  EXPECT_EQ(m["all_sent_claims_approved_first"], true);
  ASSERT_EQ(m["sent"].size(), 1u);
  EXPECT_EQ(m["handoff_completeness"]["actions_present"], true);
  EXPECT_GT(m["handoff_completeness"]["score"].get<double>(), 0.6);
  const std::string md = render_timeline_markdown(*timeline);
  EXPECT_THAT(md, HasSubstr("## Measures"));
  EXPECT_THAT(md, HasSubstr("Time from intake to the first approved customer update: 1800 s"));
  EXPECT_THAT(md, HasSubstr("touched ownership: yes"));
}

}  // namespace
}  // namespace ec::app
