#include "plugin/core/draft.h"

#include <gtest/gtest.h>

namespace ec {
namespace {

DraftVersion agent_draft() {
  DraftVersion v;
  v.case_id = "CASE-1";
  v.draft_id = "D1";
  v.statements = {
      {Section::Confirmed, "The account was deprovisioned at <TIME_1>.", Authorship::Agent, {"E1"}, {"F1"}},
      {Section::BeingVerified, "We are checking whether copies were made.", Authorship::Agent, {}, {}},
      {Section::NextSteps, "Security team: review egress logs by Friday.", Authorship::Agent, {}, {}},
  };
  seal(v);
  return v;
}

TEST(Draft, RenderedTextHasTheThreeLabelledParts) {
  const std::string text = render_draft_text(agent_draft());
  EXPECT_NE(text.find("## What we have confirmed"), std::string::npos);
  EXPECT_NE(text.find("## What we are still verifying"), std::string::npos);
  EXPECT_NE(text.find("## Who owns each next step"), std::string::npos);
}

TEST(Draft, EditKeepsAgentMarksOnUnchangedStatementsAndMarksEdits) {
  const DraftVersion v1 = agent_draft();
  std::string edited = render_draft_text(v1);
  const std::string from = "We are checking whether copies were made.";
  edited.replace(edited.find(from), from.size(), "We are still checking whether copies exist.");
  edited += "- Support: call the customer today.\n";
  const DraftVersion v2 = make_edited_version(v1, edited, "U0LEAD", Timestamp{});
  ASSERT_EQ(v2.statements.size(), 4u);
  EXPECT_EQ(v2.statements[0].author, Authorship::Agent);
  EXPECT_EQ(v2.statements[0].evidence, std::vector<std::string>{"E1"});
  EXPECT_EQ(v2.statements[1].author, Authorship::HumanEdited);
  EXPECT_EQ(v2.statements[2].author, Authorship::Agent);
  EXPECT_EQ(v2.statements[3].author, Authorship::Human);
  EXPECT_EQ(v2.statements[3].section, Section::NextSteps);
  EXPECT_EQ(v2.created_by, "U0LEAD");
}

TEST(Draft, UnchangedTextKeepsTheSameHash) {
  const DraftVersion v1 = agent_draft();
  const DraftVersion v2 = make_edited_version(v1, render_draft_text(v1), "U0LEAD", Timestamp{});
  EXPECT_EQ(v2.content_hash, v1.content_hash);
  EXPECT_EQ(v2.version, 2);
}

}  // namespace
}  // namespace ec
