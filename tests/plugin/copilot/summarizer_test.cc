#include "plugin/copilot/summarizer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/plugin/copilot/scenario_fixture.h"

namespace ec::copilot {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

TicketSummary summarize(Redactor& r) { return summarize_ticket(testing::scenario_ticket(), r); }

bool contains_line(const TicketSummary& s, const std::string& needle) {
  return std::any_of(s.lines.begin(), s.lines.end(), [&](const SummaryLine& l) {
    return l.text.find(needle) != std::string::npos;
  });
}

TEST(Summarizer, LinesAreTimeOrderedAndStartWithTheTime) {
  Redactor r("CASE-48213");
  const TicketSummary s = summarize(r);
  ASSERT_EQ(s.lines.size(), 10u);
  for (std::size_t i = 1; i < s.lines.size(); ++i) EXPECT_LE(s.lines[i - 1].time, s.lines[i].time);
  EXPECT_THAT(s.lines[1].text,
              StartsWith("2025-03-03T08:12:40Z customer (end-user) reported (via email): "
                         "Attached our Q4 invoice backup"));
  EXPECT_EQ(s.lines[1].kind, SummaryLineKind::CustomerComment);
  EXPECT_THAT(s.lines[1].text, HasSubstr("[attached: <ATTACHMENT_1> and <ATTACHMENT_2>]"));
  EXPECT_THAT(s.headline, StartsWith("Ticket 48213 (open, priority high): Q4 invoice backup"));
}

TEST(Summarizer, DistinguishesPublicRepliesFromInternalNotes) {
  Redactor r("CASE-48213");
  const TicketSummary s = summarize(r);
  EXPECT_TRUE(contains_line(s, "agent <PERSON_2> (agent) replied publicly (via web from <IP_1>)"));
  EXPECT_TRUE(
      contains_line(s, "agent <PERSON_2> (agent) added an internal note (via web from <IP_2>)"));
  EXPECT_TRUE(contains_line(s, "2025-03-12T08:31:05Z customer (end-user) wrote (via email): "));
}

TEST(Summarizer, ReportsFieldChanges) {
  Redactor r("CASE-48213");
  const TicketSummary s = summarize(r);
  EXPECT_TRUE(contains_line(s, "status changed from open to pending"));
  EXPECT_TRUE(contains_line(s, "priority changed from normal to high"));
  EXPECT_TRUE(contains_line(s, "assignee changed from <PERSON_2> to <PERSON_3>"));
  EXPECT_TRUE(contains_line(s, "tags changed: added security_review"));
}

TEST(Summarizer, FindsPromisesAndUnansweredQuestions) {
  Redactor r("CASE-48213");
  const TicketSummary s = summarize(r);
  ASSERT_EQ(s.promises.size(), 1u);
  EXPECT_THAT(s.promises[0].text,
              HasSubstr("promised: We will send you the reconciliation by Friday."));
  ASSERT_EQ(s.unanswered_questions.size(), 1u);
  EXPECT_THAT(s.unanswered_questions[0].text, HasSubstr("Who accessed our files?"));
  EXPECT_THAT(s.unanswered_questions[0].text, StartsWith("2025-03-12T08:31:05Z"));
}

TEST(Summarizer, AQuestionWithALaterPublicAgentReplyIsAnswered) {
  TicketHistory t = testing::scenario_ticket();
  TicketEntry reply;
  reply.kind = TicketEntryKind::Comment;
  reply.time = testing::at("2025-03-12T10:00:00Z");
  reply.author_id = "9100001207";
  reply.body = "Our security team is reviewing the access records.";
  t.entries.push_back(reply);
  Redactor r("CASE-48213");
  EXPECT_TRUE(summarize_ticket(t, r).unanswered_questions.empty());
}

TEST(Summarizer, InternalNotesAreNotPromisesToTheCustomer) {
  TicketHistory t = testing::scenario_ticket();
  t.entries[4].body = "We will rotate the key by Friday.";  // internal note
  Redactor r("CASE-48213");
  EXPECT_EQ(summarize_ticket(t, r).promises.size(), 1u);
}

TEST(Summarizer, NoRawSensitiveValueSurvives) {
  Redactor r("CASE-48213");
  const std::string text = render_summary(summarize(r));
  for (const std::string& raw : testing::raw_sensitive_values()) {
    EXPECT_THAT(text, Not(HasSubstr(raw))) << raw;
  }
  EXPECT_THAT(text, Not(HasSubstr("Ingrid")));
  EXPECT_THAT(text, Not(HasSubstr("Dario")));
}

TEST(Summarizer, LongBodiesAreShortenedWithoutCuttingPlaceholders) {
  TicketHistory t = testing::scenario_ticket();
  std::string body;
  for (int i = 0; i < 30; ++i) body += "word ingrid.halvorsen@halvorsen-marine.example ";
  t.entries[1].body = body;
  Redactor r("CASE-48213");
  const std::string line = summarize_ticket(t, r).lines[1].text;
  EXPECT_LT(line.size(), 320u);
  EXPECT_THAT(line, Not(HasSubstr("<EMAIL_1\xE2")));
  EXPECT_THAT(line, Not(HasSubstr("halvorsen")));
}

}  // namespace
}  // namespace ec::copilot
