// Mattermost's wire formats: the command token check, command/action/dialog parsing, the
// signed button context and dialog state, and the rendered card and dialogs.
#include <gtest/gtest.h>

#include "plugin/core/hash.h"
#include "plugin/platforms/mattermost/action_context.h"
#include "plugin/platforms/mattermost/attachments.h"
#include "plugin/platforms/mattermost/mattermost_inbound.h"

namespace ec::platforms::mattermost {
namespace {

using nlohmann::json;

constexpr char kToken[] = "xr3j5x3p4pfgpe8xnh8pba4ira";
constexpr char kSecret[] = "0123456789abcdef0123456789abcdef";

FormFields form(std::string_view body) { return parse_form(body).value(); }

TEST(MattermostCommandToken, AcceptsTheFieldTheHeaderOrBoth) {
  const std::string good = std::string("token=") + kToken + "&user_id=u";
  EXPECT_TRUE(verify_command_token(kToken, form(good), std::nullopt));
  EXPECT_TRUE(verify_command_token(kToken, form("user_id=u"), "Token " + std::string(kToken)));
  EXPECT_TRUE(verify_command_token(kToken, form(good), "Token " + std::string(kToken)));
}

TEST(MattermostCommandToken, RefusesMissingWrongOrMixedTokens) {
  auto missing = verify_command_token(kToken, form("user_id=u"), std::nullopt);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::Unauthenticated);
  EXPECT_FALSE(verify_command_token(kToken, form("token=wrong"), std::nullopt));
  EXPECT_FALSE(verify_command_token(kToken, form("user_id=u"), "Bearer " + std::string(kToken)));
  EXPECT_FALSE(verify_command_token(kToken, form("user_id=u"), std::string("Token wrong")));
  // A right field does not excuse a wrong header (and the other way round).
  EXPECT_FALSE(verify_command_token(kToken, form(std::string("token=") + kToken),
                                    std::string("Token wrong")));
  auto wrong = verify_command_token(kToken, form("token=wrong"), std::nullopt);
  EXPECT_EQ(wrong.error().message.find("wrong"), std::string::npos);
  EXPECT_FALSE(verify_command_token("", form("token="), std::nullopt));
}

TEST(MattermostCommand, ParsesFieldsAndResolvesMentionsToIds) {
  auto c = parse_slash_command(form(
      "channel_id=ch1&channel_name=esc&command=%2Fescalation&response_url=https%3A%2F%2Fmm%2F"
      "hooks%2Fcommands%2Fh1&team_domain=acme&team_id=t1&text=open+ESC-1042+%40dana&"
      "token=x&trigger_id=tr1&user_id=u1&user_name=lee&user_mentions=dana&"
      "user_mentions_ids=u0dana"));
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->command, "/escalation");
  EXPECT_EQ(c->text, "open ESC-1042 @dana");
  EXPECT_EQ(c->response_url, "https://mm/hooks/commands/h1");
  EXPECT_EQ(text_with_user_ids(*c), "open ESC-1042 @u0dana");
}

TEST(MattermostCommand, RefusesMissingFieldsAndUnpairedMentions) {
  auto no_user = parse_slash_command(form("channel_id=c&command=%2Fescalation"));
  ASSERT_FALSE(no_user);
  EXPECT_NE(no_user.error().message.find("user_id"), std::string::npos);
  EXPECT_FALSE(parse_slash_command(form(
      "channel_id=c&command=%2Fe&user_id=u&user_mentions=a&user_mentions=b&user_mentions_ids=1")));
}

TEST(MattermostAction, ParsesTheIntegrationRequest) {
  auto a = parse_action_request(R"({"user_id":"u1","user_name":"dana","channel_id":"c1",
      "team_id":"t1","post_id":"p1","trigger_id":"tr","type":"button",
      "context":{"ec":"x","sig":"y"}})");
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->post_id, "p1");
  EXPECT_EQ(a->context["ec"], "x");
  EXPECT_FALSE(parse_action_request("not json"));
  EXPECT_FALSE(parse_action_request(R"({"post_id":"p"})"));
  EXPECT_FALSE(parse_action_request(R"({"user_id":"u","post_id":"p","context":[1]})"));
}

TEST(MattermostDialog, ParsesSubmissionsAndCancellations) {
  auto d = parse_dialog_submission(R"({"type":"dialog_submission","callback_id":"ec_reveal",
      "state":"s","user_id":"u1","channel_id":"c1","team_id":"t1",
      "submission":{"placeholder":"EMAIL_1","reason":"needed","flag":true},"cancelled":false})");
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(d->submission.at("placeholder"), "EMAIL_1");
  EXPECT_EQ(d->submission.at("flag"), "true");
  auto cancelled = parse_dialog_submission(
      R"({"callback_id":"ec_reveal","user_id":"u1","cancelled":true,"submission":null})");
  ASSERT_TRUE(cancelled);
  EXPECT_TRUE(cancelled->cancelled);
  EXPECT_FALSE(parse_dialog_submission(R"({"callback_id":"x","user_id":"u","submission":"s"})"));
}

CardActionRef approve_ref() {
  return {CardActionKind::Approve, "CASE-1", "D1", 2, std::string(64, 'a')};
}

TEST(MattermostActionContext, RoundTripsAndRefusesTampering) {
  const json ctx = sign_action_context(approve_ref(), kSecret);
  auto ref = verify_action_context(ctx, kSecret);
  ASSERT_TRUE(ref) << ref.error().message;
  EXPECT_EQ(ref->version, 2);
  EXPECT_EQ(ref->case_id, "CASE-1");

  json unsigned_ctx = ctx;
  unsigned_ctx.erase("sig");
  EXPECT_EQ(verify_action_context(unsigned_ctx, kSecret).error().code, ErrorCode::Unauthenticated);
  EXPECT_EQ(verify_action_context(ctx, "another-secret-of-32-characters!").error().code,
            ErrorCode::Unauthenticated);
  CardActionRef bumped = approve_ref();
  bumped.version = 3;
  json swapped = ctx;
  swapped["ec"] = encode_action_ref(bumped);  // same signature, other version
  EXPECT_EQ(verify_action_context(swapped, kSecret).error().code, ErrorCode::Unauthenticated);
  EXPECT_FALSE(verify_action_context(json::object(), kSecret));
  EXPECT_FALSE(verify_action_context(json("x"), kSecret));
}

TEST(MattermostActionContext, DialogStateBindsThePostAndIsNotAButtonSignature) {
  const DialogState state{approve_ref(), "post1", "chan1"};
  const std::string signed_state = sign_dialog_state(state, kSecret);
  auto back = verify_dialog_state(signed_state, kSecret);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->post_id, "post1");
  json moved = json::parse(signed_state);
  moved["post"] = "post2";
  EXPECT_FALSE(verify_dialog_state(moved.dump(), kSecret));
  // A button's signature does not pass as a dialog state's (domain separation).
  json button = sign_action_context(approve_ref(), kSecret);
  button["post"] = "";
  button["channel"] = "";
  EXPECT_FALSE(verify_dialog_state(button.dump(), kSecret));
  EXPECT_FALSE(verify_dialog_state("{", kSecret));
}

DraftCard sample_card() {
  DraftCard card;
  card.case_id = "CASE-1";
  card.ticket = "ESC-1";
  card.draft_id = "D1";
  card.version = 2;
  card.content_hash = std::string(64, 'b');
  card.state_label = "UNAPPROVED";
  card.title = "Customer update D1 v2 for ESC-1";
  card.recipient = "the customer";
  card.sections = {{"What we have confirmed", {{"Access ended at 10:00 @channel", Authorship::Agent, {"E7"}}}}};
  card.lint = {{"overclaim", "No data was accessed.", "certainty beyond the evidence", true}};
  card.actions = {{CardActionKind::Approve, "Approve & send", approve_ref(), std::nullopt, true},
                  {CardActionKind::Edit, "Edit",
                   {CardActionKind::Edit, "CASE-1", "D1", 2, std::string(64, 'b')}, std::nullopt, false}};
  return card;
}

TEST(MattermostAttachments, CardCarriesSignedButtonsToOurActionsUrl) {
  const json post = render_card_post(sample_card(), {"https://copilot.example/mattermost/actions", kSecret},
                                     "/escalation CASE-1 status");
  const json& a = post["props"]["attachments"][0];
  EXPECT_NE(a["title"].get<std::string>().find("UNAPPROVED"), std::string::npos);
  const std::string text = a["text"];
  EXPECT_NE(text.find("overclaim"), std::string::npos);
  EXPECT_NE(text.find("agent-drafted"), std::string::npos);
  EXPECT_EQ(text.find("@channel"), std::string::npos) << "user text must not ping";
  ASSERT_EQ(a["actions"].size(), 2u);
  const json& approve = a["actions"][0];
  EXPECT_EQ(approve["id"], "approve");
  EXPECT_EQ(approve["type"], "button");
  EXPECT_EQ(approve["integration"]["url"], "https://copilot.example/mattermost/actions");
  auto ref = verify_action_context(approve["integration"]["context"], kSecret);
  ASSERT_TRUE(ref);
  EXPECT_EQ(ref->kind, CardActionKind::Approve);
  EXPECT_EQ(post.dump().find(kSecret), std::string::npos);
}

TEST(MattermostAttachments, EditDialogSplitsLongTextAndRefusesWhatDoesNotFit) {
  const std::string text(7000, 'x');
  auto dialog = render_edit_dialog(sample_card(), text, "state");
  ASSERT_TRUE(dialog);
  EXPECT_EQ((*dialog)["elements"].size(), 3u);
  EXPECT_LE((*dialog)["title"].get<std::string>().size(), kDialogTitle);
  std::map<std::string, std::string> submission;
  for (const json& e : (*dialog)["elements"]) submission[e["name"]] = e["default"];
  EXPECT_EQ(edited_text_from(submission), text);
  EXPECT_FALSE(render_edit_dialog(sample_card(), std::string(16000, 'x'), "s"));
  EXPECT_EQ(render_reveal_dialog(sample_card(), "st")["state"], "st");
}

}  // namespace
}  // namespace ec::platforms::mattermost
