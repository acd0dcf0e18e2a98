// Block Kit rendering: every card and modal stays inside Slack's limits, for ordinary content
// and for pathological content (300 statements, 2,000-character names, 100 KB of text).
#include "plugin/platforms/slack/block_kit.h"

#include <gtest/gtest.h>

#include "plugin/platforms/slack/block_kit_limits.h"

namespace ec::platforms::slack {
namespace {

using nlohmann::json;

DraftCard ordinary_card() {
  DraftCard card;
  card.case_id = "CASE-48213";
  card.ticket = "48213";
  card.draft_id = "D1";
  card.version = 2;
  card.content_hash = std::string(64, 'a');
  card.state_label = "UNAPPROVED";
  card.title = "Customer update D1 v2 for 48213";
  card.recipient = "the customer on ticket 48213";
  card.sections = {{"What we have confirmed", {{"Access by <EMAIL_1> ended.", Authorship::Agent, {"E1"}}}},
                   {"What we are still verifying", {{"Whether a link was used.", Authorship::HumanEdited, {}}}},
                   {"Who owns each next step", {{"Security owns review.", Authorship::Human, {}}}}};
  card.lint = {{"certainty", "No data was accessed.", "certainty beyond the evidence", true}};
  card.blocking_issues = {"grounding: \"Access by <EMAIL_1> ended.\" cites no evidence for claim C9"};
  DraftCardInput unused;
  (void)unused;
  for (CardActionKind k : {CardActionKind::Approve, CardActionKind::RequestChanges,
                           CardActionKind::Edit, CardActionKind::Reveal}) {
    CardAction a{k, std::string(card_action_name(k)), {k, card.case_id, "D1", 2, card.content_hash},
                 std::nullopt, k == CardActionKind::Approve};
    if (k == CardActionKind::Approve) a.confirm = CardConfirm{"Approve?", "Send to x", "Yes", "No"};
    card.actions.push_back(a);
  }
  return card;
}

DraftCard pathological_card() {
  DraftCard card = ordinary_card();
  const std::string long_name(2000, 'N');
  card.case_id = "CASE-" + std::string(90, '9');
  card.title = "Customer update for " + long_name;
  card.recipient = long_name + "é";
  card.sections.clear();
  for (int s = 0; s < 3; ++s) {
    CardSection section{"Section " + std::to_string(s) + " " + long_name, {}};
    for (int i = 0; i < 100; ++i) {
      std::vector<std::string> evidence;
      for (int e = 0; e < 30; ++e) evidence.push_back("E" + std::to_string(i * 30 + e));
      section.statements.push_back({"Statement " + std::to_string(i) + " about " + long_name +
                                        " <&> ünïcödé",
                                    Authorship::Agent, evidence});
    }
    card.sections.push_back(section);
  }
  card.lint.clear();
  for (int i = 0; i < 300; ++i) {
    card.lint.push_back({"rule-" + std::to_string(i), long_name, long_name, i % 2 == 0});
    card.blocking_issues.push_back("issue " + std::to_string(i) + ": " + long_name);
  }
  for (CardAction& a : card.actions) {
    if (a.confirm) a.confirm->text = "Approve and send to " + long_name;
    a.label = long_name;
  }
  return card;
}

void expect_within_limits(const json& rendered, BlockSurface surface) {
  auto checked = check_block_kit_limits(rendered, surface);
  EXPECT_TRUE(checked.has_value()) << checked.error().message;
}

TEST(BlockKit, OrdinaryCardShowsEverythingTheLeadNeeds) {
  const json message = render_card_message(ordinary_card(), "/escalation CASE-48213 status");
  expect_within_limits(message, BlockSurface::Message);
  const std::string dumped = message.dump();
  EXPECT_NE(dumped.find("UNAPPROVED"), std::string::npos);
  EXPECT_NE(dumped.find("What we have confirmed"), std::string::npos);
  EXPECT_NE(dumped.find("What we are still verifying"), std::string::npos);
  EXPECT_NE(dumped.find("Who owns each next step"), std::string::npos);
  EXPECT_NE(dumped.find("agent-drafted"), std::string::npos);
  EXPECT_NE(dumped.find("human-edited"), std::string::npos);
  EXPECT_NE(dumped.find("human-written"), std::string::npos);
  EXPECT_NE(dumped.find("No data was accessed."), std::string::npos);
  EXPECT_NE(dumped.find("&lt;EMAIL_1&gt;"), std::string::npos);  // escaped for mrkdwn
  EXPECT_NE(dumped.find("Blocking approval (1)"), std::string::npos);
  EXPECT_NE(dumped.find("cites no evidence for claim C9"), std::string::npos);
  const json& actions = message["blocks"].back();
  ASSERT_EQ(actions["type"], "actions");
  ASSERT_EQ(actions["elements"].size(), 4u);
  EXPECT_EQ(actions["elements"][0]["action_id"], kApproveAction);
  EXPECT_EQ(actions["elements"][0]["style"], "primary");
  EXPECT_TRUE(actions["elements"][0].contains("confirm"));
  auto ref = parse_action_ref(actions["elements"][0]["value"].get<std::string>());
  ASSERT_TRUE(ref.has_value());
  EXPECT_EQ(ref->version, 2);
}

TEST(BlockKit, ApprovedCardNamesApproverVersionTimeAndHash) {
  DraftCard card = ordinary_card();
  card.actions.clear();
  card.state_label = "SENT";
  card.approval = Approval{"CASE-48213", "D1", 2, card.content_hash, "U0LEAD",
                           make_utc(2025, 3, 12, 10, 0, 0), ""};
  card.delivered_to = "file 48213";
  const std::string dumped = render_card_message(card, "hint").dump();
  EXPECT_NE(dumped.find("<@U0LEAD>"), std::string::npos);
  EXPECT_NE(dumped.find("D1 v2"), std::string::npos);
  EXPECT_NE(dumped.find("2025-03-12T10:00:00Z"), std::string::npos);
  EXPECT_NE(dumped.find(card.content_hash), std::string::npos);
  EXPECT_NE(dumped.find("Delivered to file 48213"), std::string::npos);
  EXPECT_EQ(dumped.find("ec_approve"), std::string::npos);
}

TEST(BlockKit, PathologicalCardStaysWithinEveryLimitAndPointsToTheFullText) {
  const json message = render_card_message(pathological_card(), "/escalation CASE-9 status");
  expect_within_limits(message, BlockSurface::Message);
  EXPECT_EQ(message["blocks"].size(), BlockKitLimits::kMessageBlocks);
  EXPECT_NE(message.dump().find("Full text: /escalation CASE-9 status"), std::string::npos);
  EXPECT_EQ(message["blocks"].back()["type"], "actions");  // the buttons always survive
}

TEST(BlockKit, EditModalSplitsLongTextAndRoundTrips) {
  std::string text;
  for (int i = 0; i < 4000; ++i) text += "Line " + std::to_string(i) + " ünï\n";
  const auto rendered = render_edit_modal(pathological_card(), text, std::string(5000, 'm'));
  ASSERT_TRUE(rendered.has_value()) << rendered.error().message;
  const json& view = *rendered;
  expect_within_limits(view, BlockSurface::Modal);
  std::map<std::string, std::string> values;
  for (const json& block : view["blocks"]) {
    if (block["type"] == "input") {
      values[block["block_id"].get<std::string>() + ".text"] =
          block["element"]["initial_value"].get<std::string>();
    }
  }
  EXPECT_GT(values.size(), 10u);
  EXPECT_EQ(edited_text_from(values), text);
}

TEST(BlockKit, EditModalRefusesADraftItCannotHoldWhole) {
  // 99 inputs of 3000 characters fit; one character more would be cut and lost on save.
  const std::string fits(99 * 3000, 'x');
  const auto full = render_edit_modal(pathological_card(), fits, "m");
  ASSERT_TRUE(full.has_value()) << full.error().message;
  EXPECT_EQ((*full)["blocks"].size(), BlockKitLimits::kModalBlocks);
  const auto refused = render_edit_modal(pathological_card(), fits + "y", "m");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::InvalidArgument);
  EXPECT_NE(refused.error().message.find("longer than an edit modal holds"), std::string::npos);
}

TEST(BlockKit, RevealModalSecurityMessageAndTextReplies) {
  expect_within_limits(render_reveal_modal(pathological_card(), "{}"), BlockSurface::Modal);
  SecurityAnnouncement announcement;
  announcement.case_id = "CASE-1";
  announcement.ticket_ref = std::string(2000, 't');
  announcement.rule_set_version = "default-2";
  for (int i = 0; i < 300; ++i) {
    announcement.rules.push_back({"rule-" + std::to_string(i), std::string(500, 'd'),
                                  Severity::Critical, std::string(2000, 'r'), {"E1", "E2"}});
  }
  announcement.evidence_ids = {"E1", "E2"};
  const json security = render_security_message(announcement);
  expect_within_limits(security, BlockSurface::Message);
  EXPECT_EQ(security["blocks"].back()["elements"][0]["action_id"], kAckSecurityAction);
  SecurityAnnouncement small = announcement;
  small.ticket_ref = "48213";
  small.rules.resize(1);
  small.rules[0].description = "Attachment access after deprovisioning";
  const std::string shown = render_security_message(small).dump();
  EXPECT_NE(shown.find("rule-0"), std::string::npos);
  EXPECT_NE(shown.find("critical"), std::string::npos);
  EXPECT_NE(shown.find("Attachment access after deprovisioning"), std::string::npos);
  EXPECT_NE(shown.find("E1, E2"), std::string::npos);
  EXPECT_NE(shown.find("default-2"), std::string::npos);
  std::string huge;
  for (int i = 0; i < 20000; ++i) huge += "line " + std::to_string(i) + " <x>\n";
  const json mention = render_text_message("Lead <@U0LEAD> in <#C0ESC>; <EMAIL_1> & <@x>", "in_channel");
  EXPECT_EQ(mention["text"], "Lead <@U0LEAD> in <#C0ESC>; &lt;EMAIL_1&gt; &amp; &lt;@x&gt;");
  const json reply = render_text_message(huge, "ephemeral");
  expect_within_limits(reply, BlockSurface::Message);
  EXPECT_EQ(reply["response_type"], "ephemeral");
}

TEST(BlockKit, LimitCheckerCatchesEachKindOfOverflow) {
  const auto fails = [](const json& message, BlockSurface surface = BlockSurface::Message) {
    return !check_block_kit_limits(message, surface).has_value();
  };
  json blocks = json::array();
  for (int i = 0; i < 51; ++i) blocks.push_back({{"type", "divider"}});
  EXPECT_TRUE(fails(blocks));
  EXPECT_TRUE(fails(json::array({{{"type", "header"}, {"text", {{"type", "plain_text"}, {"text", std::string(151, 'h')}}}}})));
  EXPECT_TRUE(fails(json::array({{{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", std::string(3001, 's')}}}}})));
  EXPECT_TRUE(fails(json::array({{{"type", "section"}, {"block_id", std::string(256, 'b')}}})));
  EXPECT_TRUE(fails(json::array({{{"type", "actions"}, {"elements", json::array({{{"type", "button"}, {"text", {{"type", "plain_text"}, {"text", std::string(76, 'x')}}}}})}}})));
  EXPECT_TRUE(fails(json::array({{{"type", "actions"}, {"elements", json::array({{{"type", "button"}, {"value", std::string(2001, 'v')}}})}}})));
  EXPECT_TRUE(fails(json::array({{{"type", "actions"}, {"elements", json::array({{{"type", "button"}, {"confirm", {{"text", {{"type", "plain_text"}, {"text", std::string(301, 'c')}}}}}}})}}})));
  EXPECT_TRUE(fails(json::array({{{"type", "context"}, {"elements", json::array({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})}}})));
  EXPECT_TRUE(fails({{"type", "modal"}, {"title", {{"type", "plain_text"}, {"text", std::string(25, 't')}}}}, BlockSurface::Modal));
  // Characters, not bytes: 3000 two-byte characters fit.
  std::string accents;
  for (int i = 0; i < 3000; ++i) accents += "é";
  EXPECT_FALSE(fails(json::array({{{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", accents}}}}})));
  EXPECT_EQ(fit_text(accents, 10).size(), 9 * 2 + std::string("…").size());
}

}  // namespace
}  // namespace ec::platforms::slack
