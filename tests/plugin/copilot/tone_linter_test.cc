#include "plugin/copilot/tone_linter.h"

#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ec::copilot {
namespace {

std::set<std::string> rules_fired(const std::string& text, const LintContext& ctx = {}) {
  std::set<std::string> ids;
  for (const LintFinding& f : lint(text, ctx)) ids.insert(f.rule_id);
  return ids;
}

struct RuleCase {
  const char* rule;
  const char* bad;
  const char* careful;
};

class ToneLinterRule : public ::testing::TestWithParam<RuleCase> {};

TEST_P(ToneLinterRule, FiresOnTheBadSentenceAndNotOnTheCarefulOne) {
  const RuleCase& c = GetParam();
  EXPECT_TRUE(rules_fired(c.bad).contains(c.rule)) << c.bad;
  EXPECT_TRUE(lint(c.careful).empty()) << c.careful;
}

INSTANTIATE_TEST_SUITE_P(
    Rules, ToneLinterRule,
    ::testing::Values(
        RuleCase{"overclaim-no-access", "We can tell you that No Data Was Accessed.",
                 "We have not yet determined whether anyone else opened your files."},
        RuleCase{"overclaim-no-access", "Rest easy: your data is safe with us.",
                 "Our security team is reviewing every access to your files."},
        RuleCase{"certainty-overclaim", "The links were definitely used by the contractor.",
                 "The logs show three downloads through links created for this account."},
        RuleCase{"confirmation-while-unresolved", "We have confirmed that the files were opened.",
                 "Our logs show that the files were downloaded at 17:06 UTC."},
        RuleCase{"root-cause-claim", "The root cause is a seven-day link lifetime.",
                 "Our engineering team is checking how long the links stayed valid."},
        RuleCase{"legal-term", "This was a data breach.",
                 "Our security team is assessing what this means for your data."},
        RuleCase{"legal-term", "Your invoice data leaked.",
                 "Our security team is assessing what this means for your data."},
        RuleCase{"blame", "This was the contractor's fault.",
                 "The account was deactivated before the downloads took place."},
        RuleCase{"blame", "It came down to human error by our admin.",
                 "The account was deactivated before the downloads took place."},
        RuleCase{"unbounded-promise", "This will never happen again.",
                 "Our engineering team is shortening how long download links stay valid."},
        RuleCase{"unowned-date", "You will hear from us by Friday.",
                 "Our support team will send you an update by Friday."},
        RuleCase{"unowned-date", "A fix is expected within 24 hours.",
                 "Our engineering team expects to ship a fix within 24 hours."},
        RuleCase{"next-step-without-owner", "We will follow up with more details.",
                 "Our security team will follow up with more details."},
        RuleCase{"raw-sensitive-value",
                 "The file invoice_backup_2024Q4.xlsx was fetched from 198.51.100.77.",
                 "The file <ATTACHMENT_1> was fetched from <IP_1>."},
        RuleCase{"raw-sensitive-value",
                 "Contact dario.mq@contractors.brightwell.example for details.",
                 "Contact <EMAIL_1> for details, says <PERSON_1>."}));

TEST(ToneLinter, ConditionsFollowTheContext) {
  LintContext resolved;
  resolved.access_unresolved = false;
  resolved.security_decided = true;
  resolved.root_cause_confirmed = true;
  EXPECT_FALSE(rules_fired("No data was accessed.", resolved).contains("overclaim-no-access"));
  EXPECT_FALSE(rules_fired("It was not a breach.", resolved).contains("legal-term"));
  EXPECT_FALSE(rules_fired("The root cause was a long link lifetime.", resolved)
                   .contains("root-cause-claim"));
  EXPECT_FALSE(rules_fired("We have confirmed that the link expired.", resolved)
                   .contains("confirmation-while-unresolved"));
  // Rules that always apply still do.
  EXPECT_TRUE(rules_fired("This will never happen again.", resolved).contains("unbounded-promise"));
}

TEST(ToneLinter, SpansPointAtTheMatchedBytes) {
  const std::string text = "Thanks. Honestly, NO UNAUTHORIZED ACCESS happened; we guarantee it.";
  const auto findings = lint(text);
  ASSERT_FALSE(findings.empty());
  for (const LintFinding& f : findings) {
    EXPECT_EQ(text.substr(f.begin, f.end - f.begin), f.excerpt);
    EXPECT_FALSE(f.reason.empty());
    EXPECT_EQ(f.reason.find("{match}"), std::string::npos);
  }
  EXPECT_EQ(findings.front().rule_id, "overclaim-no-access");
  EXPECT_EQ(findings.front().excerpt, "NO UNAUTHORIZED ACCESS");
  for (std::size_t i = 1; i < findings.size(); ++i) {
    EXPECT_LE(findings[i - 1].begin, findings[i].begin);
  }
}

TEST(ToneLinter, OwnerInTheSentenceCoversDatesAndNextSteps) {
  EXPECT_TRUE(lint("I will send the report by 2025-03-14.").empty());
  EXPECT_TRUE(lint("<PERSON_2> will send the report by Monday.").empty());
  // The owner must be in the same sentence.
  EXPECT_TRUE(rules_fired("Our security team is reviewing. We will reply by Monday.")
                  .contains("next-step-without-owner"));
}

TEST(ToneLinter, PhrasesMatchWholeWordsOnly) {
  EXPECT_FALSE(
      rules_fired("Our engineering team reviewed the leakage tests.").contains("legal-term"));
  EXPECT_FALSE(rules_fired("The blameless review is scheduled.").contains("blame"));
  EXPECT_FALSE(rules_fired("We were uncertainly told.").contains("certainty-overclaim"));
}

TEST(ToneLinter, LongInputWithoutFullStopsStaysLinear) {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "we will reply by Friday ";
  EXPECT_EQ(lint(text).size(), 4000u);  // one next-step and one deadline hit per repetition
  EXPECT_TRUE(lint(std::string(100000, 'x')).size() <= 1);
}

TEST(ToneLinter, RuleTableIsVersionedAndWellFormed) {
  EXPECT_FALSE(lint_rule_set_version().empty());
  std::set<std::string_view> ids;
  for (const LintRule& rule : lint_rules()) {
    EXPECT_TRUE(ids.insert(rule.id).second) << rule.id;
    EXPECT_FALSE(rule.description.empty());
    EXPECT_NE(rule.reason.find("{match}"), std::string_view::npos) << rule.id;
    const bool needs_patterns =
        rule.kind == PatternKind::Phrases || rule.kind == PatternKind::Regex;
    EXPECT_EQ(rule.patterns.empty(), !needs_patterns) << rule.id;
  }
  EXPECT_GE(ids.size(), 9u);
}

}  // namespace
}  // namespace ec::copilot
