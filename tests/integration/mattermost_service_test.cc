// The Mattermost integration end to end: the real HTTP service on a loopback port, real SQLite,
// the bundled scenario's sources, and a loopback HTTPS fake of a Mattermost server's REST API
// and command hooks. The tests speak Mattermost's wire format: form-encoded slash commands with
// the command token, JSON button callbacks carrying our signed context, JSON dialog submissions.
#include <gtest/gtest.h>
#include <httplib.h>

#include <ranges>
#include <thread>

#include "plugin/app/case_service.h"
#include "plugin/app/http_service.h"
#include "plugin/app/mattermost_settings.h"
#include "plugin/app/mattermost_surface.h"
#include "plugin/core/hash.h"
#include "plugin/delivery/mattermost_channel.h"
#include "plugin/delivery/outbox_worker.h"
#include "plugin/net/httplib_client.h"
#include "plugin/platforms/mattermost/action_context.h"
#include "plugin/store/sqlite_intake_store.h"
#include "plugin/store/sqlite_store.h"
#include "tests/fakes/fake_mattermost.h"
#include "tests/fakes/temp_dir.h"
#include "tests/integration/scenario_service.h"

namespace ec::app {
namespace {

using ec::testing::FakeMattermost;
using ec::testing::LoopbackHttp;
using ec::testing::ScenarioCases;
using nlohmann::json;
namespace mm = platforms::mattermost;

constexpr char kCommandToken[] = "xr3j5x3p4pfgpe8xnh8pba4ira";
constexpr char kBotToken[] = "bot-token-4b2c8f1e9d";
constexpr char kActionSecret[] = "action-secret-0123456789abcdef0123";
constexpr char kLead[] = "u0leadaaaaaaaaaaaaaaaaaaaa";
constexpr char kOther[] = "u0otheraaaaaaaaaaaaaaaaaaa";
constexpr char kSecurity[] = "u0secaaaaaaaaaaaaaaaaaaaaa";
constexpr char kChannel[] = "ch0escaaaaaaaaaaaaaaaaaaaa";
constexpr char kSecurityChannel[] = "ch0secchannelaaaaaaaaaaaaa";

std::string url_encode(std::string_view s) { return url_encode_component(s); }

class MattermostServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    mattermost_.add_user(kLead, "dana");
    mattermost_.add_user(kSecurity, "sam");
    start_service(2);
  }
  void TearDown() override { stop_service(); }

  // The surface and the HTTP service as one process of the service runs them; `workers` 0
  // simulates a process that acks but dies before any turn runs.
  void start_service(int workers) {
    MattermostSettings settings;
    settings.enabled = true;
    settings.command_token = kCommandToken;
    settings.bot_token = kBotToken;
    settings.action_secret = kActionSecret;
    settings.api_base_url = mattermost_.base_url();
    settings.public_base_url = "https://copilot.example";
    settings.ca_file = mattermost_.ca_file().string();
    settings.workers = workers;
    settings.security_channel = kSecurityChannel;
    intake_ = scenario_.open_intake();
    ASSERT_NE(intake_, nullptr);
    auto surface = MattermostSurface::create(settings, *scenario_.cases, *scenario_.store, *intake_,
                                             scenario_.clock, scenario_.config);
    ASSERT_TRUE(surface.has_value()) << surface.error().message;
    surface_ = std::move(*surface);
    // As `serve` wires it: escalations are announced in the security channel via the outbox.
    ASSERT_TRUE(surface_->announcement_target().has_value());
    scenario_.cases->clear_security_announcements();
    scenario_.cases->add_security_announcement(*surface_->announcement_target());
    http_.start(*scenario_.store,
                [this](HttpService& service) { surface_->register_routes(service); });
  }
  void stop_service() {
    http_.stop();
    surface_.reset();
    intake_.reset();
  }

  httplib::Result post(const std::string& path, const std::string& body,
                       httplib::Headers headers = {},
                       const char* type = "application/x-www-form-urlencoded") {
    return http_.post(path, body, headers, type);
  }

  // What Mattermost's server sends for "/escalation <text>" (command.go's form fields).
  std::string command_body(const std::string& text, const std::string& user,
                           const std::string& token = kCommandToken,
                           const std::string& mentions = "") {
    ++requests_;
    return "channel_id=" + std::string(kChannel) + "&channel_name=esc-48213&command=%2Fescalation" +
           "&response_url=" + url_encode(mattermost_.response_url("h" + std::to_string(requests_))) +
           "&team_domain=acme&team_id=team1&text=" + url_encode(text) + "&token=" + token +
           "&trigger_id=tr" + std::to_string(requests_) + "&user_id=" + user +
           "&user_name=someone" + mentions;
  }
  httplib::Result command(const std::string& text, const std::string& user = kLead,
                          const std::string& mentions = "") {
    auto res = post("/mattermost/commands", command_body(text, user, kCommandToken, mentions),
                    {{"Authorization", std::string("Token ") + kCommandToken},
                     {"Accept", "application/json"}});
    surface_->intake().wait_idle();
    return res;
  }

  // What Mattermost's server POSTs to integration.url when a button is clicked.
  httplib::Result click(const json& button, const std::string& user, const std::string& post_id) {
    json body = {{"user_id", user}, {"user_name", "someone"}, {"channel_id", kChannel},
                       {"channel_name", "esc-48213"}, {"team_id", "team1"},
                       {"team_domain", "acme"}, {"post_id", post_id},
                       {"trigger_id", "trig-" + std::to_string(++requests_)}, {"type", "button"},
                       {"data_source", ""}};
    if (button["integration"].contains("context")) {  // omitempty in Mattermost's model
      body["context"] = button["integration"]["context"];
    }
    auto res = post("/mattermost/actions", body.dump(), {}, "application/json");
    surface_->intake().wait_idle();
    return res;
  }
  httplib::Result submit_dialog(const json& dialog, const std::string& user,
                                const json& submission) {
    const json body = {{"type", "dialog_submission"}, {"callback_id", dialog["callback_id"]},
                       {"state", dialog["state"]}, {"user_id", user}, {"channel_id", kChannel},
                       {"team_id", "team1"}, {"submission", submission}, {"cancelled", false}};
    auto res = post("/mattermost/dialogs", body.dump(), {}, "application/json");
    surface_->intake().wait_idle();
    return res;
  }

  // The newest card post in the channel.
  json card() const {
    for (const json& p : mattermost_.posts(kChannel) | std::views::reverse) {
      const std::string title = p.value("/props/attachments/0/title"_json_pointer, std::string());
      if (title.find("update") != std::string::npos || title.find("handoff") != std::string::npos) {
        return p;
      }
    }
    return json();
  }
  static json button(const json& post, const std::string& id) {
    for (const json& a : post.value("/props/attachments/0/actions"_json_pointer, json::array())) {
      if (a.value("id", "") == id) return a;
    }
    return json();
  }
  bool hooks_mention(const std::string& needle) const {
    for (const auto& c : mattermost_.calls()) {
      if ((c.what == "hook" || c.what == "ephemeral" || c.what == "posts") &&
          c.body.dump().find(needle) != std::string::npos) {
        return true;
      }
    }
    return false;
  }
  std::vector<Approval> approvals(const std::string& case_id) {
    auto tx = scenario_.store->begin();
    return (*tx)->list_approvals(case_id).value_or(std::vector<Approval>{});
  }
  std::vector<OutboxMessage> outbox(const std::string& case_id) {
    auto tx = scenario_.store->begin();
    return (*tx)->list_outbox(case_id).value_or(std::vector<OutboxMessage>{});
  }
  // The outbox messages that carry a draft (not the security announcement).
  std::vector<OutboxMessage> sent_drafts(const std::string& case_id) {
    std::vector<OutboxMessage> drafts;
    for (OutboxMessage& m : outbox(case_id)) {
      if (m.payload.value("kind", "") != "security_announcement") drafts.push_back(std::move(m));
    }
    return drafts;
  }
  // One pass of the outbox as `serve`'s outbox loop runs it, through the Mattermost channel.
  int deliver_outbox() {
    delivery::OutboxWorker worker(*scenario_.store, scenario_.clock);
    EXPECT_TRUE(worker.add_channel(std::make_unique<delivery::MattermostChannel>(surface_->api())));
    auto round = worker.run_until_idle();
    EXPECT_TRUE(round) << round.error().message;
    return round ? round->delivered : 0;
  }
  json security_ack_button() const {
    for (const json& p : mattermost_.posts(kSecurityChannel)) {
      if (!button(p, "acksecurity").is_null()) return button(p, "acksecurity");
    }
    return json();
  }

  json open_and_draft() {
    auto opened = command("open 48213 @dana", kLead,
                          std::string("&user_mentions=dana&user_mentions_ids=") + kLead);
    EXPECT_EQ(opened->status, 200);
    EXPECT_TRUE(hooks_mention("Opened CASE-48213"));
    EXPECT_TRUE(hooks_mention("Lead: @dana"));
    auto drafted = command("draft update");
    EXPECT_EQ(drafted->status, 200);
    deliver_outbox();  // the scenario escalates: the announcement goes out
    const json c = card();
    EXPECT_FALSE(c.is_null()) << "no card was posted";
    return c;
  }

  ScenarioCases scenario_{kSecurity};
  FakeMattermost mattermost_{kBotToken};
  IntakeStorePtr intake_;
  std::unique_ptr<MattermostSurface> surface_;
  LoopbackHttp http_;
  int requests_ = 0;
};

TEST_F(MattermostServiceTest, CommandTokenIsCheckedInFieldAndHeader) {
  const std::string good_body = command_body("open 48213", kLead);
  const std::string bad_body = command_body("open 48213", kLead, "wrong-token");
  struct Case {
    std::string body;
    httplib::Headers headers;
    int status;
  };
  const std::string strip_token = "channel_id=c&command=%2Fescalation&text=status&user_id=u";
  const std::vector<Case> cases = {
      {bad_body, {}, 401},
      {bad_body, {{"Authorization", std::string("Token ") + kCommandToken}}, 401},
      {good_body, {{"Authorization", "Token wrong-token"}}, 401},
      {good_body, {{"Authorization", std::string("Bearer ") + kCommandToken}}, 401},
      {strip_token, {}, 401},
      {strip_token, {{"Authorization", std::string("Token ") + kCommandToken}}, 200},
      {"token=%zz", {}, 400},
  };
  for (const Case& c : cases) {
    auto res = post("/mattermost/commands", c.body, c.headers);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, c.status) << c.body;
  }
  surface_->intake().wait_idle();
  {
    auto tx = scenario_.store->begin();
    EXPECT_TRUE((*tx)->list_cases()->empty());
  }
  auto big = post("/mattermost/commands", command_body(std::string(70000, 'x'), kLead));
  EXPECT_EQ(big->status, 413);
  // The genuine request (token in the field only) is acknowledged at once, ephemerally.
  auto ok = post("/mattermost/commands", good_body);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  EXPECT_EQ(ok->get_header_value("Content-Type"), "application/json");
  const json ack = json::parse(ok->body);
  EXPECT_EQ(ack["response_type"], "ephemeral");
  EXPECT_NE(ack["text"].get<std::string>().find("Working on"), std::string::npos);
  surface_->intake().wait_idle();
  EXPECT_TRUE(hooks_mention("Opened CASE-48213"));
  // Tokens never reach the Mattermost server's hooks or API, except the bot token as Bearer.
  for (const auto& call : mattermost_.calls()) {
    EXPECT_EQ(call.body.dump().find(kCommandToken), std::string::npos) << call.path;
    EXPECT_EQ(call.body.dump().find(kActionSecret), std::string::npos) << call.path;
    if (call.what != "hook") {
      EXPECT_EQ(call.authorization, std::string("Bearer ") + kBotToken);
    }
  }
}

TEST_F(MattermostServiceTest, AcknowledgedCommandsAreDurableAcrossARestart) {
  stop_service();
  start_service(0);  // acks (the job is stored) but dies before any turn runs
  auto res = post("/mattermost/commands", command_body("open 48213", kLead),
                  {{"Authorization", std::string("Token ") + kCommandToken}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(json::parse(res->body)["text"].get<std::string>().find("Working on"),
            std::string::npos);
  EXPECT_FALSE(hooks_mention("Opened CASE-48213"));
  stop_service();
  start_service(2);  // the restart runs the stored command once
  surface_->intake().wait_idle();
  EXPECT_TRUE(hooks_mention("Opened CASE-48213"));
  auto jobs = [&] {
    auto tx = intake_->begin_intake();
    return (*tx)->list_intake(IntakeState::Done, 10).value_or(std::vector<IntakeJob>{});
  }();
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs[0].platform, "mattermost");
  EXPECT_EQ(jobs[0].dedup_key, "command:tr" + std::to_string(requests_));
}

TEST_F(MattermostServiceTest, HelpAndUsageErrorsAreAnsweredInTheResponse) {
  auto help = command("");
  const json h = json::parse(help->body);
  EXPECT_EQ(h["response_type"], "ephemeral");
  EXPECT_NE(h["text"].get<std::string>().find("/escalation open <ticket> [@lead]"),
            std::string::npos);
  auto bad = command("draft final");
  EXPECT_NE(json::parse(bad->body)["text"].get<std::string>().find("Usage: draft update|handoff"),
            std::string::npos);
  EXPECT_TRUE(mattermost_.calls().empty());
}

TEST_F(MattermostServiceTest, SubcommandsRunOnTheSharedTurns) {
  open_and_draft();
  command("summary");
  EXPECT_TRUE(hooks_mention("48213"));
  command("evidence");
  EXPECT_TRUE(hooks_mention("evidence item(s)"));
  command("CASE-48213 status");
  EXPECT_TRUE(hooks_mention("state security_escalated"));
  EXPECT_TRUE(hooks_mention("lead @dana"));
  command("questions add security Was the link shared?");
  EXPECT_TRUE(hooks_mention("Added:"));
  // The security escalation was announced once, in the security channel, through the outbox:
  // the rules that fired, the evidence ids and a signed Acknowledge button.
  ASSERT_EQ(mattermost_.posts(kSecurityChannel).size(), 1u);
  const json announcement = mattermost_.posts(kSecurityChannel)[0];
  const std::string shown = announcement.dump();
  EXPECT_NE(shown.find("post-deprovision-access"), std::string::npos);
  EXPECT_NE(shown.find("Rules that fired"), std::string::npos);
  EXPECT_NE(shown.find("**Evidence:**"), std::string::npos);
  EXPECT_FALSE(security_ack_button().is_null());
  EXPECT_EQ(deliver_outbox(), 0);
  command("evidence");  // a second gathering does not announce again
  EXPECT_EQ(deliver_outbox(), 0);
  EXPECT_EQ(mattermost_.posts(kSecurityChannel).size(), 1u);
  // The response_url takes at most 5 posts; later replies go through the REST API.
  for (const auto& call : mattermost_.calls("hook")) {
    EXPECT_TRUE(call.body.contains("response_type"));
  }
}

TEST_F(MattermostServiceTest, ForgedOrMissingButtonSignaturesChangeNothing) {
  const json c = open_and_draft();
  const json approve = button(c, "approve");
  ASSERT_FALSE(approve.is_null());
  EXPECT_EQ(approve["integration"]["url"], "https://copilot.example/mattermost/actions");
  auto ref = mm::verify_action_context(approve["integration"]["context"], kActionSecret);
  ASSERT_TRUE(ref);
  ASSERT_TRUE(scenario_.cases->acknowledge_security(ref->case_id, kSecurity));
  const std::size_t calls_before = mattermost_.calls().size();

  json unsigned_button = approve;
  unsigned_button["integration"]["context"].erase("sig");
  json wrong_key = approve;
  wrong_key["integration"]["context"] = mm::sign_action_context(*ref, "not-our-secret-at-all-1234");
  json tampered = approve;  // our signature over v1, claiming another hash
  CardActionRef other = *ref;
  other.content_hash = std::string(64, 'f');
  tampered["integration"]["context"]["ec"] = encode_action_ref(other);
  json no_context = approve;
  no_context["integration"].erase("context");
  for (const json& forged : {unsigned_button, wrong_key, tampered, no_context}) {
    auto res = click(forged, kLead, c["id"]);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401) << forged.dump();
    EXPECT_NE(res->body.find("ephemeral_text"), std::string::npos);
  }
  EXPECT_TRUE(approvals(ref->case_id).empty());
  EXPECT_TRUE(sent_drafts(ref->case_id).empty());
  EXPECT_EQ(mattermost_.calls().size(), calls_before);
  // The genuine button works.
  auto res = click(approve, kLead, c["id"]);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(approvals(ref->case_id).size(), 1u);
  auto bad_json = post("/mattermost/actions", "{", {}, "application/json");
  EXPECT_EQ(bad_json->status, 400);
}

TEST_F(MattermostServiceTest, ApprovalRulesAtClickTime) {
  const json first = open_and_draft();
  const std::string post_id = first["id"];
  const std::string text = first.dump();
  EXPECT_NE(text.find("UNAPPROVED"), std::string::npos);
  EXPECT_NE(text.find("agent-drafted"), std::string::npos);
  EXPECT_NE(text.find("Held"), std::string::npos);  // the scenario escalates to security
  const json approve_v1 = button(first, "approve");
  auto ref = mm::verify_action_context(approve_v1["integration"]["context"], kActionSecret);
  ASSERT_TRUE(ref);
  const json ack = security_ack_button();
  ASSERT_FALSE(ack.is_null());
  const std::size_t patches_before = mattermost_.calls("patch").size();

  // Not the lead: refused, the card stays.
  EXPECT_FALSE(hooks_mention("can approve"));
  click(approve_v1, kOther, post_id);
  EXPECT_TRUE(hooks_mention("only the case's assigned lead"));
  EXPECT_TRUE(approvals(ref->case_id).empty());
  EXPECT_EQ(mattermost_.calls("patch").size(), patches_before);
  // The lead, while security has not acknowledged: refused (security hold).
  EXPECT_FALSE(hooks_mention("customer updates are held"));
  click(approve_v1, kLead, post_id);
  EXPECT_TRUE(hooks_mention("customer updates are held"));
  EXPECT_TRUE(approvals(ref->case_id).empty());
  EXPECT_EQ(mattermost_.calls("patch").size(), patches_before);
  // Acknowledge: only the security group.
  click(ack, kOther, "postack");
  EXPECT_TRUE(hooks_mention("not in the configured security group"));
  click(ack, kSecurity, "postack");
  EXPECT_TRUE(hooks_mention("acknowledged the security escalation"));

  // Edit: a dialog opens with the draft; the submission makes v2 and patches the card.
  click(button(first, "edit"), kLead, post_id);
  const auto dialogs = mattermost_.calls("dialog");
  ASSERT_EQ(dialogs.size(), 1u);
  EXPECT_EQ(dialogs[0].body["url"], "https://copilot.example/mattermost/dialogs");
  EXPECT_FALSE(dialogs[0].body["trigger_id"].get<std::string>().empty());
  const json dialog = dialogs[0].body["dialog"];
  EXPECT_EQ(dialog["callback_id"], "ec_edit_draft");
  std::string original;
  for (const json& e : dialog["elements"]) original += e["default"].get<std::string>();
  ASSERT_FALSE(original.empty());
  auto empty = submit_dialog(dialog, kLead, {{"draft_text_0", "  "}});
  EXPECT_EQ(empty->status, 200);
  EXPECT_TRUE(json::parse(empty->body)["errors"].contains("draft_text_0"));
  json forged_dialog = dialog;
  forged_dialog["state"] = "{\"ec\":\"x\"}";
  auto forged = submit_dialog(forged_dialog, kLead, {{"draft_text_0", "anything"}});
  EXPECT_EQ(forged->status, 401);
  auto saved = submit_dialog(
      dialog, kLead, {{"draft_text_0", original + "\nSupport will post the next update here."}});
  EXPECT_EQ(saved->status, 200);
  EXPECT_TRUE(saved->body.empty());
  const json second = mattermost_.post(post_id);
  EXPECT_NE(second.dump().find("human-written"), std::string::npos);
  const json approve_v2 = button(second, "approve");
  ASSERT_FALSE(approve_v2.is_null());
  ASSERT_NE(approve_v2.dump(), approve_v1.dump());

  // The stale v1 button: refused, the card is refreshed, nothing approved.
  const std::size_t patches_mid = mattermost_.calls("patch").size();
  click(approve_v1, kLead, post_id);
  EXPECT_TRUE(hooks_mention("is stale: the latest version is v"));
  EXPECT_GT(mattermost_.calls("patch").size(), patches_mid);
  EXPECT_TRUE(approvals(ref->case_id).empty());

  // Approve v2 and click twice more: one approval, one outbox message.
  for (int i = 0; i < 3; ++i) click(approve_v2, kLead, post_id);
  ASSERT_EQ(approvals(ref->case_id).size(), 1u);
  EXPECT_EQ(approvals(ref->case_id)[0].version, ref->version + 1);
  ASSERT_EQ(sent_drafts(ref->case_id).size(), 1u);
  const json approved = mattermost_.post(post_id);
  EXPECT_NE(approved.dump().find("Approved"), std::string::npos);
  EXPECT_TRUE(button(approved, "approve").is_null());
}

TEST_F(MattermostServiceTest, RevealDialogNeedsAReasonAndIsLeadOnly) {
  const json c = open_and_draft();
  click(button(c, "reveal"), kLead, c["id"]);
  const auto dialogs = mattermost_.calls("dialog");
  ASSERT_EQ(dialogs.size(), 1u);
  const json dialog = dialogs[0].body["dialog"];
  EXPECT_EQ(dialog["callback_id"], "ec_reveal");
  auto no_reason = submit_dialog(dialog, kLead, {{"placeholder", "EMAIL_1"}, {"reason", " "}});
  EXPECT_TRUE(json::parse(no_reason->body)["errors"].contains("reason"));
  submit_dialog(dialog, kOther, {{"placeholder", "EMAIL_1"}, {"reason", "curious"}});
  EXPECT_TRUE(hooks_mention(":no_entry:"));
  EXPECT_FALSE(hooks_mention("Revealed"));
  submit_dialog(dialog, kLead, {{"placeholder", "EMAIL_1"}, {"reason", "customer asked"}});
  EXPECT_TRUE(hooks_mention("Revealed <EMAIL_1>"));
}

TEST_F(MattermostServiceTest, RequestChangesIsRecordedOnTheExactVersion) {
  const json c = open_and_draft();
  const std::string post_id = c["id"];
  const json approve_v1 = button(c, "approve");
  auto ref = mm::verify_action_context(approve_v1["integration"]["context"], kActionSecret);
  ASSERT_TRUE(ref);
  ASSERT_TRUE(scenario_.cases->acknowledge_security(ref->case_id, kSecurity));
  click(button(c, "requestchanges"), kLead, post_id);
  const auto dialogs = mattermost_.calls("dialog");
  ASSERT_EQ(dialogs.size(), 1u);
  const json dialog = dialogs[0].body["dialog"];
  EXPECT_EQ(dialog["callback_id"], "ec_request_changes");
  // No reason: answered in the dialog, nothing recorded.
  auto empty = submit_dialog(dialog, kLead, {{"reason", "  "}});
  EXPECT_TRUE(json::parse(empty->body)["errors"].contains("reason"));
  // With a reason: recorded on v1, the card shows it and offers no Approve; the channel hears.
  auto done = submit_dialog(dialog, kLead, {{"reason", "Say when the next update comes."}});
  EXPECT_EQ(done->status, 200);
  const json patched = mattermost_.post(post_id);
  EXPECT_NE(patched.dump().find("CHANGES REQUESTED"), std::string::npos) << patched.dump();
  EXPECT_TRUE(button(patched, "approve").is_null());
  EXPECT_FALSE(button(patched, "edit").is_null());
  EXPECT_TRUE(hooks_mention("requested changes to"));
  // The v1 button from before is refused at click time: changes were requested on it.
  click(approve_v1, kLead, post_id);
  EXPECT_TRUE(approvals(ref->case_id).empty());
  EXPECT_TRUE(sent_drafts(ref->case_id).empty());
}

TEST_F(MattermostServiceTest, OutboxPostsThroughTheRestApiExactlyOnce) {
  open_and_draft();
  OutboxMessage m;
  m.idempotency_key = sha256_hex("handoff-1");
  m.case_id = "CASE-48213";
  m.channel = "mattermost";
  m.recipient = kChannel;
  m.payload = {{"text", "Handoff packet for ESC-48213"}};
  m.created_at = scenario_.clock.now();
  {
    auto tx = scenario_.store->begin();
    ASSERT_TRUE((*tx)->enqueue(m));
    ASSERT_TRUE((*tx)->commit());
  }
  const std::size_t posts_before = mattermost_.calls("posts").size();
  delivery::OutboxWorker worker(*scenario_.store, scenario_.clock);
  ASSERT_TRUE(
      worker.add_channel(std::make_unique<delivery::MattermostChannel>(surface_->api())));
  auto round = worker.run_until_idle();
  ASSERT_TRUE(round) << round.error().message;
  EXPECT_EQ(round->delivered, 1);
  EXPECT_EQ(worker.run_until_idle()->delivered, 0);
  const auto created = mattermost_.calls("posts");
  ASSERT_EQ(created.size(), posts_before + 1);
  EXPECT_EQ(created.back().authorization, std::string("Bearer ") + kBotToken);
  EXPECT_EQ(created.back().body["message"], "Handoff packet for ESC-48213");
  EXPECT_EQ(created.back().body["props"]["ec_outbox_key"], m.idempotency_key);
  const auto delivered = sent_drafts("CASE-48213");
  ASSERT_EQ(delivered.size(), 1u);
  EXPECT_EQ(delivered[0].state, OutboxState::Delivered);
  EXPECT_EQ(delivered[0].delivery_ref.rfind(std::string(kChannel) + "/post", 0), 0u);

  // A redelivery after a crash (the store never recorded it): found in the channel, not posted.
  delivery::MattermostChannel channel(surface_->api());
  auto again = channel.deliver(m);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->reference, delivered[0].delivery_ref);
  EXPECT_EQ(mattermost_.calls("posts").size(), posts_before + 1);

  // A wrong bot token is a permanent PermissionDenied naming the call, never the token.
  net::HttplibClientOptions options;
  options.ca_file = mattermost_.ca_file().string();
  auto http = net::HttplibClient::create(options);
  ASSERT_TRUE(http);
  delivery::MattermostApi wrong(**http, scenario_.clock, {mattermost_.base_url(), "not-the-token"});
  delivery::MattermostChannel refused(wrong);
  m.idempotency_key = sha256_hex("handoff-2");
  auto denied = refused.deliver(m);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::PermissionDenied);
  EXPECT_EQ(denied.error().message.find("not-the-token"), std::string::npos);
}

}  // namespace
}  // namespace ec::app
