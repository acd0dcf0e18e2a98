// The Slack app end to end: the real HTTP service on a loopback port, real SQLite, the bundled
// scenario's sources, and a loopback HTTPS fake of Slack's Web API and response_url hooks. The
// tests speak Slack's wire format: form bodies, payload= JSON, v0 signatures.
#include <gtest/gtest.h>
#include <httplib.h>
#include <sqlite3.h>

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <ranges>
#include <thread>
#include <tuple>

#include "plugin/app/case_service.h"
#include "plugin/app/http_service.h"
#include "plugin/app/slack_settings.h"
#include "plugin/app/slack_surface.h"
#include "plugin/app/zendesk_reply_settings.h"
#include "plugin/delivery/file_sink_channel.h"
#include "plugin/delivery/outbox_worker.h"
#include "plugin/delivery/slack_channel.h"
#include "plugin/net/httplib_client.h"
#include "plugin/platforms/slack/block_kit.h"
#include "plugin/platforms/slack/block_kit_limits.h"
#include "plugin/platforms/slack/slack_signature.h"
#include "plugin/store/sqlite_intake_store.h"
#include "plugin/store/sqlite_store.h"
#include "tests/fakes/fake_slack.h"
#include "tests/fakes/temp_dir.h"
#include "tests/integration/scenario_service.h"

namespace ec::app {
namespace {

using ec::testing::FakeClock;
using ec::testing::FakeSlack;
using ec::testing::LoopbackHttp;
using ec::testing::ScenarioCases;
using ec::testing::TempDir;
using nlohmann::json;
namespace sk = platforms::slack;

constexpr char kSecret[] = "test-signing-secret";
constexpr char kLead[] = "U0LEAD";
constexpr char kOther[] = "U0OTHER";
constexpr char kSecurity[] = "U0SEC";
constexpr char kChannel[] = "C0ESC";
constexpr char kSecurityChannel[] = "C0SECURITY";

std::string url_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

class SlackServiceTest : public ::testing::Test {
 protected:
  void SetUp() override { start_service(2); }
  void TearDown() override { stop_service(); }

  // The Slack surface and the HTTP service, as one process of the service would run them;
  // `workers` 0 simulates a process that acks but dies before any turn runs.
  void start_service(int workers) {
    SlackSettings settings;
    settings.security_channel = kSecurityChannel;
    settings.enabled = true;
    settings.signing_secret = kSecret;
    settings.bot_token = "xoxb-test-token";
    settings.api_base_url = slack_.api_base_url();
    settings.ca_file = slack_.ca_file().string();
    settings.response_url_prefix = slack_.hooks_prefix();
    settings.workers = workers;
    settings.intake_poll_ms = 20;
    // As `serve` opens it: moves jobs an older version left in the case database.
    intake_ = scenario_.open_intake();
    ASSERT_NE(intake_, nullptr);
    auto surface =
        SlackSurface::create(settings, *scenario_.cases, *scenario_.store, *intake_,
                             scenario_.clock, scenario_.config, [](std::chrono::seconds) {});
    ASSERT_TRUE(surface.has_value()) << surface.error().message;
    surface_ = std::move(*surface);
    // As `serve` wires it: escalations are announced in the security channel via the outbox.
    scenario_.cases->clear_security_announcements();
    ASSERT_TRUE(surface_->announcement_target().has_value());
    scenario_.cases->add_security_announcement(*surface_->announcement_target());
    http_.start(*scenario_.store,
                [this](HttpService& service) { surface_->register_routes(service); });
  }
  void stop_service() {
    http_.stop();
    surface_.reset();
    intake_.reset();
  }
  // A handle of its own on the intake file, as an operator or another replica would open it.
  IntakeStorePtr intake_handle() {
    auto intake = store::SqliteIntakeStore::open(intake_database_path(scenario_.config));
    EXPECT_TRUE(intake.has_value()) << intake.error().message;
    return intake ? std::move(*intake) : nullptr;
  }
  std::vector<IntakeJob> intake_jobs(IntakeState state) {
    auto intake = intake_handle();
    auto tx = intake->begin_intake();
    return (*tx)->list_intake(state, 100).value_or(std::vector<IntakeJob>{});
  }

  std::string timestamp(std::int64_t offset = 0) const {
    return std::to_string(to_unix_seconds(scenario_.clock.now()) + offset);
  }

  httplib::Result post(const std::string& path, const std::string& body,
                       httplib::Headers headers, const char* type =
                           "application/x-www-form-urlencoded") {
    return http_.post(path, body, headers, type);
  }
  httplib::Result signed_post(const std::string& path, const std::string& body,
                              const char* type = "application/x-www-form-urlencoded") {
    const std::string ts = timestamp();
    return post(path, body,
                {{"X-Slack-Request-Timestamp", ts},
                 {"X-Slack-Signature", sk::slack_signature(kSecret, ts, body)}},
                type);
  }

  std::string command_body(const std::string& text, const std::string& user,
                           const std::string& channel = kChannel) {
    ++requests_;
    return "token=legacy&team_id=T1&team_domain=acme&channel_id=" + channel +
           "&channel_name=esc&user_id=" + user + "&user_name=u&command=%2Fescalation&text=" +
           url_encode(text) + "&api_app_id=A1&is_enterprise_install=false&response_url=" +
           url_encode(slack_.response_url("commands/T1/" + std::to_string(requests_) + "/s")) +
           "&trigger_id=" + std::to_string(requests_) + ".1.t";
  }
  // Sends a signed slash command and waits for its turn to finish.
  httplib::Result command(const std::string& text, const std::string& user = kLead) {
    auto res = signed_post("/slack/commands", command_body(text, user));
    surface_->intake().wait_idle();
    return res;
  }

  std::string click_body(const std::string& action_id, const std::string& value,
                         const std::string& user, const std::string& message_ts,
                         const std::string& action_ts) {
    const json payload = {
        {"type", "block_actions"},
        {"team", {{"id", "T1"}}},
        {"user", {{"id", user}, {"name", "u"}}},
        {"channel", {{"id", kChannel}}},
        {"container", {{"type", "message"}, {"message_ts", message_ts}, {"channel_id", kChannel}}},
        {"trigger_id", "trigger-" + action_ts},
        {"response_url", slack_.response_url("actions/T1/" + action_ts + "/s")},
        {"actions", json::array({{{"type", "button"}, {"action_id", action_id},
                                  {"block_id", "b"}, {"value", value}, {"action_ts", action_ts}}})}};
    return "payload=" + url_encode(payload.dump());
  }
  httplib::Result click(const std::string& action_id, const std::string& value,
                        const std::string& user, const std::string& message_ts,
                        const std::string& action_ts) {
    auto res = signed_post("/slack/interactivity",
                           click_body(action_id, value, user, message_ts, action_ts));
    surface_->intake().wait_idle();
    return res;
  }

  // The newest card message in the channel and its button values by action_id.
  json card() const {
    for (const json& m : slack_.posted(kChannel) | std::views::reverse) {
      if (m.dump().find("ec_approve") != std::string::npos ||
          m.dump().find("Approved") != std::string::npos) {
        return m;
      }
    }
    return json();
  }
  static std::string button_value(const json& message, std::string_view action_id) {
    for (const json& block : message.value("blocks", json::array())) {
      if (block.value("type", "") != "actions") continue;
      for (const json& e : block["elements"]) {
        if (e.value("action_id", "") == action_id) return e.value("value", "");
      }
    }
    return {};
  }
  std::vector<std::string> hook_texts() const {
    std::vector<std::string> out;
    for (const auto& call : slack_.calls("hook")) out.push_back(call.body.dump());
    return out;
  }
  bool hooks_mention(const std::string& needle) const {
    for (const std::string& t : hook_texts()) {
      if (t.find(needle) != std::string::npos) return true;
    }
    return false;
  }
  std::vector<OutboxMessage> outbox(const std::string& case_id) {
    auto tx = scenario_.store->begin();
    return (*tx)->list_outbox(case_id).value_or(std::vector<OutboxMessage>{});
  }
  std::vector<Approval> approvals(const std::string& case_id) {
    auto tx = scenario_.store->begin();
    return (*tx)->list_approvals(case_id).value_or(std::vector<Approval>{});
  }

  // open + draft update: returns the posted card.
  json open_and_draft() {
    auto opened = command("open 48213 <@U0LEAD|dana>");
    EXPECT_EQ(opened->status, 200);
    EXPECT_TRUE(hooks_mention("Opened CASE-48213")) << ::testing::PrintToString(hook_texts());
    auto drafted = command("draft update");
    EXPECT_EQ(drafted->status, 200);
    const json c = card();
    EXPECT_FALSE(c.is_null()) << "no card was posted";
    return c;
  }

  ScenarioCases scenario_{kSecurity};
  FakeSlack slack_;
  IntakeStorePtr intake_;  // opened by start_service, like serve
  std::unique_ptr<SlackSurface> surface_;
  LoopbackHttp http_;
  int requests_ = 0;
};

TEST_F(SlackServiceTest, UnsignedStaleOrMalformedRequestsAre401WithNoSideEffect) {
  const std::string body = command_body("open 48213", kLead);
  const std::string ts = timestamp();
  const std::string good = sk::slack_signature(kSecret, ts, body);
  std::string upper = good;
  for (std::size_t i = 3; i < upper.size(); ++i) {
    upper[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(upper[i])));
  }
  const std::string stale_ts = timestamp(-301);
  const std::string future_ts = timestamp(301);
  const std::vector<httplib::Headers> bad = {
      {},
      {{"X-Slack-Request-Timestamp", ts}},
      {{"X-Slack-Signature", good}},
      {{"X-Slack-Request-Timestamp", ts}, {"X-Slack-Signature", upper}},
      {{"X-Slack-Request-Timestamp", ts}, {"X-Slack-Signature", "v1=" + good.substr(3)}},
      {{"X-Slack-Request-Timestamp", "soon"}, {"X-Slack-Signature", good}},
      {{"X-Slack-Request-Timestamp", stale_ts},
       {"X-Slack-Signature", sk::slack_signature(kSecret, stale_ts, body)}},
      {{"X-Slack-Request-Timestamp", future_ts},
       {"X-Slack-Signature", sk::slack_signature(kSecret, future_ts, body)}},
      {{"X-Slack-Request-Timestamp", ts},
       {"X-Slack-Signature", sk::slack_signature("wrong", ts, body)}},
      {{"X-Slack-Request-Timestamp", ts}, {"X-Slack-Signature", good}, {"X-Slack-Signature", good}},
  };
  for (const char* path : {"/slack/commands", "/slack/interactivity", "/slack/events"}) {
    for (const auto& headers : bad) {
      auto res = post(path, body, headers);
      ASSERT_TRUE(res);
      EXPECT_EQ(res->status, 401) << path;
    }
  }
  surface_->intake().wait_idle();
  EXPECT_TRUE(slack_.calls().empty());
  {
    auto tx = scenario_.store->begin();
    EXPECT_TRUE((*tx)->list_cases()->empty());
    EXPECT_TRUE(intake_jobs(IntakeState::Pending).empty());
    EXPECT_TRUE(intake_jobs(IntakeState::Done).empty());
  }
  // The genuine request goes through: stored, acked, run.
  auto ok = post("/slack/commands", body,
                 {{"X-Slack-Request-Timestamp", ts}, {"X-Slack-Signature", good}});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  EXPECT_NE(ok->body.find("Working on"), std::string::npos) << ok->body;
  surface_->intake().wait_idle();
  EXPECT_EQ(intake_jobs(IntakeState::Done).size(), 1u);
}

TEST_F(SlackServiceTest, SslCheckOversizedBodiesAndBadPayloads) {
  auto probe = post("/slack/commands", "ssl_check=1&token=legacy", {});
  ASSERT_TRUE(probe);
  EXPECT_EQ(probe->status, 200);
  EXPECT_TRUE(probe->body.empty());
  auto big = signed_post("/slack/commands", command_body(std::string(70000, 'x'), kLead));
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  auto not_json = signed_post("/slack/interactivity", "payload=%7Bnot-json");
  ASSERT_TRUE(not_json);
  EXPECT_EQ(not_json->status, 400);
  auto no_payload = signed_post("/slack/interactivity", "type=block_actions");
  ASSERT_TRUE(no_payload);
  EXPECT_EQ(no_payload->status, 400);
  auto bad_event = signed_post("/slack/events", "{\"type\":", "application/json");
  ASSERT_TRUE(bad_event);
  EXPECT_EQ(bad_event->status, 400);
  // Bad JSON with a bad signature is 401, not 400: verification comes first.
  auto unsigned_bad = post("/slack/interactivity", "payload=%7Bnot-json",
                           {{"X-Slack-Request-Timestamp", timestamp()},
                            {"X-Slack-Signature", "v0=" + std::string(64, 'a')}});
  ASSERT_TRUE(unsigned_bad);
  EXPECT_EQ(unsigned_bad->status, 401);
}

TEST_F(SlackServiceTest, UrlVerificationAndEventRetriesRunOnce) {
  auto challenge = signed_post(
      "/slack/events", R"({"token":"t","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmd","type":"url_verification"})",
      "application/json");
  ASSERT_TRUE(challenge);
  EXPECT_EQ(challenge->status, 200);
  EXPECT_EQ(json::parse(challenge->body)["challenge"], "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmd");

  const std::string event = R"({"type":"event_callback","team_id":"T1","event_id":"Ev01","event_time":1,
    "event":{"type":"app_mention","channel":"C0ESC","user":"U0LEAD","text":"<@UBOT> help","ts":"1.2"}})";
  for (int delivery = 0; delivery < 4; ++delivery) {  // the first delivery and three retries
    const std::string ts = timestamp();
    httplib::Headers headers = {{"X-Slack-Request-Timestamp", ts},
                                {"X-Slack-Signature", sk::slack_signature(kSecret, ts, event)}};
    if (delivery > 0) {
      headers.emplace("X-Slack-Retry-Num", std::to_string(delivery));
      headers.emplace("X-Slack-Retry-Reason", "http_timeout");
    }
    auto res = post("/slack/events", event, headers, "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
  }
  surface_->intake().wait_idle();
  EXPECT_EQ(slack_.calls("chat.postMessage").size(), 1u);
}

std::string mention_event(const std::string& event_id) {
  return R"({"type":"event_callback","team_id":"T1","event_id":")" + event_id +
         R"(","event_time":1,"event":{"type":"app_mention","channel":"C0ESC","user":"U0LEAD",)"
         R"("text":"<@UBOT> help","ts":"1.2"}})";
}

TEST_F(SlackServiceTest, RequestsAckedBeforeTheProcessDiedRunExactlyOnceAfterRestart) {
  stop_service();
  start_service(0);  // acks (the jobs are stored) but dies before any turn runs
  auto opened = signed_post("/slack/commands", command_body("open 48213", kLead));
  ASSERT_TRUE(opened);
  EXPECT_EQ(opened->status, 200);
  auto event = signed_post("/slack/events", mention_event("Ev77"), "application/json");
  ASSERT_TRUE(event);
  EXPECT_EQ(event->status, 200);
  EXPECT_EQ(intake_jobs(IntakeState::Pending).size(), 2u);  // in the intake file
  EXPECT_TRUE(std::filesystem::exists(scenario_.dir / "copilot-intake.db"));
  stop_service();  // the kill
  EXPECT_TRUE(slack_.calls().empty());

  start_service(2);  // the restart recovers both jobs
  surface_->intake().wait_idle();
  const auto opened_replies = std::ranges::count_if(
      hook_texts(), [](const std::string& t) { return t.find("Opened CASE-48213") != std::string::npos; });
  EXPECT_EQ(opened_replies, 1);
  EXPECT_EQ(slack_.calls("chat.postMessage").size(), 1u);  // the mention's answer
  EXPECT_TRUE(intake_jobs(IntakeState::Pending).empty());
  EXPECT_EQ(intake_jobs(IntakeState::Done).size(), 2u);

  // Slack retries the event (it never saw our ack): stored once, run once.
  auto retry = signed_post("/slack/events", mention_event("Ev77"), "application/json");
  ASSERT_TRUE(retry);
  EXPECT_EQ(retry->status, 200);
  surface_->intake().wait_idle();
  // Another restart runs nothing again.
  stop_service();
  start_service(2);
  surface_->intake().wait_idle();
  EXPECT_EQ(slack_.calls("chat.postMessage").size(), 1u);
  EXPECT_EQ(intake_jobs(IntakeState::Done).size(), 2u);
}

TEST_F(SlackServiceTest, JobsAnOlderVersionLeftInTheCaseDatabaseRunOnceAfterTheUpgrade) {
  stop_service();
  // Before the intake had a file of its own, jobs were rows of the case database's intake_jobs
  // (migration 0004): one acked but never run, and one done a minute ago (it still de-duplicates
  // a retry; the purge deletes only jobs finished 24 hours ago).
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(scenario_.config.database.c_str(), &db), SQLITE_OK);
    const std::string pending = mention_event("Ev90");
    const std::string done = mention_event("Ev91");
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db,
                                 "INSERT INTO intake_jobs (platform, kind, dedup_key, payload, "
                                 "state, received_at, finished_at) VALUES ('slack', 'event', ?1, "
                                 "?2, ?3, 1, ?4)",
                                 -1, &stmt, nullptr),
              SQLITE_OK);
    for (const auto& [key, body, state] :
         {std::tuple{"event:Ev90", pending, "pending"}, std::tuple{"event:Ev91", done, "done"}}) {
      sqlite3_bind_text(stmt, 1, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(stmt, 2, body.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(stmt, 3, state, -1, SQLITE_TRANSIENT);
      if (std::string_view(state) == "done") {
        const auto finished = scenario_.clock.now() - std::chrono::minutes(1);
        sqlite3_bind_int64(stmt, 4,
                           std::chrono::duration_cast<std::chrono::milliseconds>(
                               finished.time_since_epoch())
                               .count());
      } else {
        sqlite3_bind_null(stmt, 4);
      }
      EXPECT_EQ(sqlite3_step(stmt), SQLITE_DONE) << sqlite3_errmsg(db);
      sqlite3_reset(stmt);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
  }
  start_service(2);  // the new version moves both into the intake file and runs the pending one
  surface_->intake().wait_idle();
  EXPECT_EQ(slack_.calls("chat.postMessage").size(), 1u);
  EXPECT_EQ(intake_jobs(IntakeState::Done).size(), 2u);
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(scenario_.config.database.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* count = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT count(*) FROM intake_jobs", -1, &count, nullptr),
              SQLITE_OK);
    ASSERT_EQ(sqlite3_step(count), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int64(count, 0), 0);  // moved, not copied
    sqlite3_finalize(count);
    sqlite3_close(db);
  }
  // Slack retries the done one: stored nothing, ran nothing. Another restart runs nothing again.
  auto retry = signed_post("/slack/events", mention_event("Ev91"), "application/json");
  ASSERT_TRUE(retry);
  EXPECT_EQ(retry->status, 200);
  surface_->intake().wait_idle();
  stop_service();
  start_service(2);
  surface_->intake().wait_idle();
  EXPECT_EQ(slack_.calls("chat.postMessage").size(), 1u);
  EXPECT_EQ(intake_jobs(IntakeState::Done).size(), 2u);
}

TEST_F(SlackServiceTest, AJobWhoseWorkerDiedMidTurnRunsAgainWhenItsLeaseEnds) {
  stop_service();
  start_service(0);
  auto event = signed_post("/slack/events", mention_event("Ev88"), "application/json");
  ASSERT_TRUE(event);
  stop_service();
  {
    // Another replica claimed the job and died while running it.
    auto intake = intake_handle();
    auto tx = intake->begin_intake();
    ASSERT_TRUE(tx.has_value());
    auto claimed = (*tx)->claim_intake("dead-replica", "slack", scenario_.clock.now(),
                                       scenario_.clock.now() + std::chrono::minutes(5), 3);
    ASSERT_TRUE(claimed.has_value() && claimed->has_value());
    ASSERT_TRUE((*tx)->commit().has_value());
  }
  start_service(2);
  surface_->intake().wait_idle();
  EXPECT_TRUE(slack_.calls("chat.postMessage").empty());  // still leased to its dead owner
  scenario_.clock.advance(std::chrono::minutes(6));
  surface_->intake().notify();
  surface_->intake().wait_idle();
  EXPECT_EQ(slack_.calls("chat.postMessage").size(), 1u);
  const auto done = intake_jobs(IntakeState::Done);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].attempts, 2);
  EXPECT_EQ(done[0].owner, surface_->intake().owner());
}

TEST_F(SlackServiceTest, HelpAndUsageErrorsAreAnsweredAtOnce) {
  auto help = signed_post("/slack/commands", command_body("", kLead));
  ASSERT_TRUE(help);
  EXPECT_EQ(help->status, 200);
  const json h = json::parse(help->body);
  EXPECT_EQ(h["response_type"], "ephemeral");
  EXPECT_NE(h["text"].get<std::string>().find("/escalation open &lt;ticket&gt; [@lead]"),
            std::string::npos);
  auto bad = signed_post("/slack/commands", command_body("draft final", kLead));
  ASSERT_TRUE(bad);
  const json b = json::parse(bad->body);
  EXPECT_NE(b["text"].get<std::string>().find("Usage: draft update|handoff"), std::string::npos);
  auto unknown = signed_post("/slack/commands", command_body("frobnicate", kLead));
  EXPECT_NE(json::parse(unknown->body)["text"].get<std::string>().find("unknown subcommand"),
            std::string::npos);
  surface_->intake().wait_idle();
  EXPECT_TRUE(slack_.calls().empty());
}

TEST_F(SlackServiceTest, AckArrivesAtOnceWhileTheTurnWaitsForSlowWork) {
  // Both workers are stuck in slow calls (Slack, or an adapter, taking seconds); the ack of a
  // third request must not wait for them.
  slack_.hold();
  for (int i = 0; i < 2; ++i) {
    auto busy = signed_post("/slack/commands", command_body("status", kLead));
    ASSERT_TRUE(busy);
    EXPECT_EQ(busy->status, 200);
  }
  slack_.wait_until_waiting(2);
  const auto start = std::chrono::steady_clock::now();
  auto res = signed_post("/slack/commands", command_body("open 48213", kLead));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_LT(elapsed, std::chrono::milliseconds(1000));
  EXPECT_NE(res->body.find("Working on"), std::string::npos);
  slack_.release();
  surface_->intake().wait_idle();
  EXPECT_TRUE(hooks_mention("Opened CASE-48213"));
}

TEST_F(SlackServiceTest, EverySubcommandIsDispatched) {
  open_and_draft();
  // The channel is bound: later commands need no case id.
  command("summary");
  EXPECT_TRUE(hooks_mention("48213"));
  command("evidence");
  EXPECT_TRUE(hooks_mention("evidence item(s)"));
  command("evidence nosuchsource");
  EXPECT_TRUE(hooks_mention("No evidence from source nosuchsource"));
  command("compare");
  EXPECT_TRUE(hooks_mention("Contradictions"));
  command("questions");
  EXPECT_TRUE(hooks_mention("Open questions"));
  command("questions add security Was the link shared?");
  EXPECT_TRUE(hooks_mention("Added:"));
  const std::size_t cards_before = slack_.posted(kChannel).size();
  command("draft handoff");
  EXPECT_GT(slack_.posted(kChannel).size(), cards_before);
  EXPECT_NE(slack_.posted(kChannel).back().dump().find("handoff D2"), std::string::npos)
      << slack_.posted(kChannel).back().dump();
  command("rewrite D1 plain");
  EXPECT_TRUE(hooks_mention("tone: expected careful, executive-brief or plain-language"));
  EXPECT_FALSE(hooks_mention("not available on this server yet"));
  command("CASE-48213 status");
  EXPECT_TRUE(hooks_mention("state security_escalated"));
  command("timeline");
  EXPECT_TRUE(hooks_mention("intake"));
  command("reveal <EMAIL_1> the customer asked which account");
  EXPECT_TRUE(hooks_mention("Revealed"));
  command("reveal <EMAIL_1> trying", kOther);
  EXPECT_TRUE(hooks_mention(":no_entry:"));
  // A channel without a case gets a pointer to open or name one.
  auto res = signed_post("/slack/commands", command_body("status", kLead, "C0OTHER"));
  surface_->intake().wait_idle();
  EXPECT_TRUE(hooks_mention("No case is bound to this channel"));
  // Every message and card the app posted respects Block Kit limits.
  for (const auto& call : slack_.calls()) {
    if (call.body.is_object() && call.body.contains("blocks")) {
      auto within = sk::check_block_kit_limits(call.body, sk::BlockSurface::Message);
      EXPECT_TRUE(within.has_value()) << call.method << ": " << within.error().message;
    }
  }
}

TEST_F(SlackServiceTest, SummaryRendersTheTicketTimeline) {
  open_and_draft();
  command("summary");
  const json reply = slack_.calls("hook").back().body;
  EXPECT_EQ(reply["response_type"], "in_channel");
  const std::string text = reply.dump();
  EXPECT_NE(text.find("Ticket 48213"), std::string::npos) << text;
  EXPECT_NE(text.find("2025-03-03T08:12:40Z"), std::string::npos) << text;
  EXPECT_NE(text.find("customer (end-user)"), std::string::npos) << text;
  EXPECT_NE(text.find("Escalations:"), std::string::npos) << text;
  EXPECT_NE(text.find("Escalating to security"), std::string::npos) << text;
  EXPECT_EQ(text.find("Halvorsen"), std::string::npos) << "a name leaked: " << text;
  auto within = sk::check_block_kit_limits(reply, sk::BlockSurface::Message);
  EXPECT_TRUE(within.has_value()) << within.error().message;
  auto tx = scenario_.store->begin();
  const auto turns = (*tx)->list_turns("CASE-48213").value();
  ASSERT_FALSE(turns.empty());
  EXPECT_EQ(turns.back().action, "summarize");
}

TEST_F(SlackServiceTest, CompareStatesContradictionsWithEvidenceIdsToleranceAndGaps) {
  open_and_draft();
  command("compare");
  const json reply = slack_.calls("hook").back().body;
  const std::string text = reply.dump();
  EXPECT_NE(text.find("Identity: "), std::string::npos) << text;
  EXPECT_NE(text.find("deprovisioned at 2025-03-1"), std::string::npos) << text;
  EXPECT_NE(text.find("attributed to the subject after"), std::string::npos) << text;
  EXPECT_NE(text.find("through a presigned URL issued before"), std::string::npos) << text;
  EXPECT_NE(text.find("[E"), std::string::npos) << "no evidence ids: " << text;
  EXPECT_NE(text.find("Clock-skew tolerance: 120 s"), std::string::npos) << text;
  EXPECT_NE(text.find("Data gaps ("), std::string::npos) << text;
  auto within = sk::check_block_kit_limits(reply, sk::BlockSurface::Message);
  EXPECT_TRUE(within.has_value()) << within.error().message;
}

TEST_F(SlackServiceTest, QuestionsAddAnswerThenList) {
  open_and_draft();
  command("questions add support Did the customer forward the link?");
  EXPECT_TRUE(hooks_mention("Added:"));
  EXPECT_TRUE(hooks_mention("QL1 [open, owner support] Did the customer forward the link?"))
      << ::testing::PrintToString(hook_texts());
  // Evidence the case does not have: refused, naming it.
  command("questions answer QL1 No forward is recorded. [E999]");
  EXPECT_TRUE(hooks_mention("E999"));
  command("questions answer ql1 The ticket shows no forward. [E1]");
  EXPECT_TRUE(hooks_mention("Answered:"));
  command("questions assign QL1 security");
  EXPECT_TRUE(hooks_mention("Reassigned:"));
  command("questions");
  const std::string list = slack_.calls("hook").back().body.dump();
  EXPECT_NE(list.find("Open questions"), std::string::npos) << list;
  EXPECT_NE(list.find("QL1 [answered, owner security]"), std::string::npos) << list;
  EXPECT_NE(list.find("answer: The ticket shows no forward. [E1]"), std::string::npos) << list;
  // The gathered questions are listed too.
  EXPECT_NE(list.find("Q1 ["), std::string::npos) << list;
  auto tx = scenario_.store->begin();
  const auto questions = (*tx)->list_questions("CASE-48213").value();
  const auto ql1 = std::find_if(questions.begin(), questions.end(),
                                [](const OpenQuestion& q) { return q.id == "QL1"; });
  ASSERT_NE(ql1, questions.end());
  EXPECT_EQ(ql1->answer_evidence, std::vector<std::string>{"E1"});
  EXPECT_EQ(ql1->owner, Owner::Security);
}

TEST_F(SlackServiceTest, RewriteToExecutiveBriefPostsANewVersionCard) {
  const json first = open_and_draft();
  auto ref = parse_action_ref(button_value(first, "ec_approve"));
  ASSERT_TRUE(ref.has_value());
  const std::size_t posted_before = slack_.posted(kChannel).size();
  command("rewrite " + ref->draft_id + " executive-brief");
  ASSERT_EQ(slack_.posted(kChannel).size(), posted_before + 1)
      << ::testing::PrintToString(hook_texts());
  const json next = card();
  const std::string text = next.dump();
  EXPECT_NE(text.find("UNAPPROVED"), std::string::npos);
  EXPECT_NE(text.find(ref->draft_id + " v" + std::to_string(ref->version + 1)), std::string::npos)
      << text;
  auto next_ref = parse_action_ref(button_value(next, "ec_approve"));
  ASSERT_TRUE(next_ref.has_value());
  EXPECT_EQ(next_ref->version, ref->version + 1);
  EXPECT_NE(next_ref->content_hash, ref->content_hash);
  // The card says whether approval would be refused; the scenario is held for security.
  EXPECT_NE(text.find("Held"), std::string::npos);
  auto within = sk::check_block_kit_limits(next, sk::BlockSurface::Message);
  EXPECT_TRUE(within.has_value()) << within.error().message;
  auto tx = scenario_.store->begin();
  const auto turns = (*tx)->list_turns("CASE-48213").value();
  ASSERT_FALSE(turns.empty());
  EXPECT_EQ(turns.back().action, "rewrite");
  EXPECT_NE(turns.back().request.find("executive-brief"), std::string::npos);
}

TEST_F(SlackServiceTest, RewriteOfAnUnknownDraftIsRefusedNamingTheDrafts) {
  const json first = open_and_draft();
  auto ref = parse_action_ref(button_value(first, "ec_approve"));
  ASSERT_TRUE(ref.has_value());
  const std::size_t posted_before = slack_.posted(kChannel).size();
  command("rewrite D404 careful");
  EXPECT_EQ(slack_.posted(kChannel).size(), posted_before);  // no card
  const std::string reply = slack_.calls("hook").back().body.dump();
  EXPECT_NE(reply.find("Cannot rewrite D404"), std::string::npos) << reply;
  EXPECT_NE(reply.find(ref->draft_id + " (customer_update, newest v" +
                       std::to_string(ref->version) + ")"),
            std::string::npos)
      << reply;
  EXPECT_NE(reply.find("careful|executive-brief|plain-language"), std::string::npos) << reply;
  EXPECT_EQ(slack_.calls("hook").back().body["response_type"], "ephemeral");
}

TEST_F(SlackServiceTest, CardShowsWhatBlocksApproval) {
  const json first = open_and_draft();
  const std::string approve_v1 = button_value(first, "ec_approve");
  auto ref = parse_action_ref(approve_v1);
  ASSERT_TRUE(ref.has_value());
  EXPECT_EQ(first.dump().find("Blocking approval"), std::string::npos) << first.dump();
  // An edit that asserts what no evidence supports; the stale v1 button refreshes the card,
  // which now names the blocking problem, and Approve of the new version is refused.
  const std::string ungrounded = "We have confirmed that no data was accessed by anyone.";
  auto next = scenario_.cases->edit_draft(ref->case_id, ref->draft_id, ungrounded, kLead);
  ASSERT_TRUE(next.has_value()) << next.error().message;
  click("ec_approve", approve_v1, kLead, first["ts"], "300.1");
  const json refreshed = card();
  ASSERT_EQ(refreshed["ts"], first["ts"]);
  const std::string text = refreshed.dump();
  EXPECT_NE(text.find(ref->draft_id + " v" + std::to_string(next->version)), std::string::npos)
      << text;
  EXPECT_NE(text.find("Blocking approval"), std::string::npos) << text;
  EXPECT_NE(text.find("no data was accessed"), std::string::npos) << text;
  auto within = sk::check_block_kit_limits(refreshed, sk::BlockSurface::Message);
  EXPECT_TRUE(within.has_value()) << within.error().message;
  click("ec_approve", button_value(refreshed, "ec_approve"), kLead, first["ts"], "300.2");
  EXPECT_TRUE(approvals(ref->case_id).empty());
}

TEST_F(SlackServiceTest, OpenDerivesTheSubjectFromTheTicketNotFromTheConfig) {
  // The "case" block is analyze's; pointing it at someone else must not change what open does.
  scenario_.config.case_config->subject = "someone.else@example.com";
  command("open 48213");
  auto c = scenario_.cases->get_case("CASE-48213");
  ASSERT_TRUE(c.has_value()) << ::testing::PrintToString(hook_texts());
  // The ticket names one staff member the identity provider reports deprovisioned.
  EXPECT_EQ(c->subject_query, "dario.mq@contractors.brightwell.example");
  ASSERT_EQ(slack_.calls("conversations.create").size(), 0u);
  // A ticket the helpdesk does not have: refused with the reason; no case, no channel.
  command("open 99999");
  EXPECT_TRUE(hooks_mention("99999"));
  EXPECT_FALSE(scenario_.cases->get_case("CASE-99999").has_value());
  EXPECT_EQ(slack_.calls("conversations.create").size(), 0u);
  // Opening 48213 again from elsewhere names the existing case.
  auto res = signed_post("/slack/commands", command_body("open 48213", kLead, "C0ELSE"));
  surface_->intake().wait_idle();
  EXPECT_TRUE(hooks_mention("already has case CASE-48213"));
}

TEST_F(SlackServiceTest, OpenTakesAnExplicitSubject) {
  command("open 48213 <@U0LEAD|dana> subject <mailto:dmq@brightwell.example|dmq@brightwell.example>");
  auto c = scenario_.cases->get_case("CASE-48213");
  ASSERT_TRUE(c.has_value()) << ::testing::PrintToString(hook_texts());
  EXPECT_EQ(c->subject_query, "dmq@brightwell.example");
  EXPECT_EQ(c->lead, kLead);
}

TEST_F(SlackServiceTest, FirstDraftUpdateOnANeverGatheredCaseMakesOneVersion) {
  open_and_draft();
  auto drafts = scenario_.cases->drafts("CASE-48213");
  ASSERT_TRUE(drafts.has_value());
  ASSERT_EQ(drafts->size(), 1u) << "gathering before the draft must not store drafts of its own";
  EXPECT_EQ((*drafts)[0].kind, DraftKind::CustomerUpdate);
  EXPECT_EQ((*drafts)[0].version, 1);
}

TEST_F(SlackServiceTest, OpeningFromAChannelBoundToAnotherCaseCreatesAPrivateChannel) {
  {
    auto tx = scenario_.store->begin();
    Case other;
    other.id = "CASE-77";
    other.ticket_ref = "77";
    other.lead = kLead;
    ASSERT_TRUE((*tx)->insert_case(other).has_value());
    ASSERT_TRUE(
        (*tx)->bind_channel("slack", kChannel, other.id, scenario_.clock.now()).has_value());
    ASSERT_TRUE((*tx)->commit().has_value());
  }
  command("open 48213 <@U0LEAD|dana>", kOther);
  const auto created = slack_.calls("conversations.create");
  ASSERT_EQ(created.size(), 1u);
  EXPECT_EQ(created[0].body["name"], "esc-48213");
  EXPECT_EQ(created[0].body["is_private"], true);
  const auto invited = slack_.calls("conversations.invite");
  ASSERT_EQ(invited.size(), 1u);
  EXPECT_EQ(invited[0].body["users"], std::string(kLead) + "," + kOther);
  auto tx = scenario_.store->begin();
  const std::string new_channel = invited[0].body["channel"];
  EXPECT_EQ((*tx)->case_for_channel("slack", new_channel).value(), "CASE-48213");
  EXPECT_EQ((*tx)->case_for_channel("slack", kChannel).value(), "CASE-77");
  EXPECT_TRUE(hooks_mention("<#" + new_channel + ">"));
}

TEST_F(SlackServiceTest, ApprovalCardRulesAtClickTime) {
  const json first_card = open_and_draft();
  const std::string message_ts = first_card["ts"];
  const std::string text = first_card.dump();
  EXPECT_NE(text.find("UNAPPROVED"), std::string::npos);
  EXPECT_NE(text.find("What we have confirmed"), std::string::npos);
  EXPECT_NE(text.find("agent-drafted"), std::string::npos);
  EXPECT_NE(text.find("Held"), std::string::npos);  // the scenario escalates to security
  const std::string approve_v1 = button_value(first_card, "ec_approve");
  ASSERT_FALSE(approve_v1.empty());
  auto ref = parse_action_ref(approve_v1);
  ASSERT_TRUE(ref.has_value());
  // The security escalation was queued, not posted by the turn; the outbox delivers it to the
  // security channel once, with an Acknowledge button.
  for (const json& m : slack_.posted(kChannel)) {
    EXPECT_TRUE(button_value(m, "ec_ack_security").empty()) << m.dump();
  }
  {
    delivery::OutboxWorker slack_worker(*scenario_.store, scenario_.clock);
    ASSERT_TRUE(slack_worker.add_channel(std::make_unique<delivery::SlackChannel>(surface_->api()))
                    .has_value());
    auto delivered = slack_worker.run_until_idle();
    ASSERT_TRUE(delivered.has_value()) << delivered.error().message;
    EXPECT_EQ(delivered->delivered, 1);
  }
  {
    // A restart re-running the worker posts nothing more.
    delivery::OutboxWorker slack_worker(*scenario_.store, scenario_.clock);
    ASSERT_TRUE(slack_worker.add_channel(std::make_unique<delivery::SlackChannel>(surface_->api()))
                    .has_value());
    EXPECT_EQ(slack_worker.run_until_idle()->total(), 0);
  }
  std::string ack_value;
  int announcements = 0;
  for (const json& m : slack_.posted(kSecurityChannel)) {
    if (!button_value(m, "ec_ack_security").empty()) {
      ack_value = button_value(m, "ec_ack_security");
      ++announcements;
      EXPECT_NE(m.dump().find("post-deprovision-access"), std::string::npos) << m.dump();
    }
  }
  EXPECT_EQ(announcements, 1);
  ASSERT_FALSE(ack_value.empty());
  const std::size_t updates_before = slack_.calls("chat.update").size();

  // Not the lead: an ephemeral refusal, the card does not change.
  click("ec_approve", approve_v1, kOther, message_ts, "100.1");
  EXPECT_TRUE(hooks_mention("lead"));
  const auto refusal = slack_.calls("hook").back().body;
  EXPECT_EQ(refusal["response_type"], "ephemeral");
  EXPECT_EQ(refusal["replace_original"], false);
  EXPECT_EQ(slack_.calls("chat.update").size(), updates_before);
  EXPECT_TRUE(approvals(ref->case_id).empty());

  // The lead, while security has not acknowledged: refused with the reason.
  click("ec_approve", approve_v1, kLead, message_ts, "100.2");
  EXPECT_TRUE(hooks_mention("security"));
  EXPECT_TRUE(approvals(ref->case_id).empty());
  EXPECT_EQ(slack_.calls("chat.update").size(), updates_before);

  // Acknowledge: only the security group.
  click("ec_ack_security", ack_value, kOther, "1.1", "100.3");
  EXPECT_TRUE(hooks_mention("not in the configured security group"));
  click("ec_ack_security", ack_value, kSecurity, "1.1", "100.4");
  EXPECT_TRUE(hooks_mention("acknowledged the security escalation"));

  // Edit: the modal opens prefilled; the submission makes a new version and re-renders the card.
  click("ec_edit", button_value(first_card, "ec_edit"), kLead, message_ts, "100.5");
  const auto opens = slack_.calls("views.open");
  ASSERT_EQ(opens.size(), 1u);
  const json view = opens[0].body["view"];
  EXPECT_EQ(view["callback_id"], "ec_edit_draft");
  auto within = sk::check_block_kit_limits(view, sk::BlockSurface::Modal);
  EXPECT_TRUE(within.has_value()) << within.error().message;
  std::string original;
  for (const json& b : view["blocks"]) {
    if (b["type"] == "input") original += b["element"]["initial_value"].get<std::string>();
  }
  ASSERT_FALSE(original.empty());
  const std::string edited = original + "\nSupport will post the next update on this ticket.";
  const json submission = {
      {"type", "view_submission"},
      {"team", {{"id", "T1"}}},
      {"user", {{"id", kLead}}},
      {"view", {{"id", "V1"}, {"hash", "h1"}, {"callback_id", "ec_edit_draft"},
                {"private_metadata", view["private_metadata"]},
                {"state", {{"values", {{"draft_text_0", {{"text", {{"type", "plain_text_input"},
                                                                   {"value", edited}}}}}}}}}}}};
  auto submitted = signed_post("/slack/interactivity", "payload=" + url_encode(submission.dump()));
  ASSERT_TRUE(submitted);
  EXPECT_EQ(submitted->status, 200);
  surface_->intake().wait_idle();
  const json second_card = card();
  ASSERT_EQ(second_card["ts"], message_ts);  // updated in place
  EXPECT_NE(second_card.dump().find("human-written"), std::string::npos);
  const std::string approve_v2 = button_value(second_card, "ec_approve");
  ASSERT_NE(approve_v2, approve_v1);

  // The stale v1 button: refused, and the card is refreshed.
  const std::size_t updates_mid = slack_.calls("chat.update").size();
  click("ec_approve", approve_v1, kLead, message_ts, "100.6");
  EXPECT_TRUE(hooks_mention("stale") || hooks_mention("newest") || hooks_mention("latest"))
      << ::testing::PrintToString(hook_texts());
  EXPECT_GT(slack_.calls("chat.update").size(), updates_mid);
  EXPECT_TRUE(approvals(ref->case_id).empty());

  // Approve v2, double click and a redelivered payload: one approval, one outbox message.
  click("ec_approve", approve_v2, kLead, message_ts, "100.7");
  click("ec_approve", approve_v2, kLead, message_ts, "100.8");
  click("ec_approve", approve_v2, kLead, message_ts, "100.7");
  ASSERT_EQ(approvals(ref->case_id).size(), 1u);
  EXPECT_EQ(approvals(ref->case_id)[0].version, ref->version + 1);
  std::vector<OutboxMessage> queued;
  for (const OutboxMessage& m : outbox(ref->case_id)) {
    if (m.channel != "slack") queued.push_back(m);  // the announcement, delivered above
  }
  ASSERT_EQ(queued.size(), 1u);
  EXPECT_EQ(queued[0].channel, "file");
  const json approved_card = card();
  EXPECT_NE(approved_card.dump().find("Approved"), std::string::npos);
  EXPECT_NE(approved_card.dump().find(approvals(ref->case_id)[0].content_hash), std::string::npos);
  EXPECT_TRUE(button_value(approved_card, "ec_approve").empty());

  // Delivery through the outbox, once.
  delivery::OutboxWorker worker(*scenario_.store, scenario_.clock);
  ASSERT_TRUE(
      worker.add_channel(std::make_unique<delivery::FileSinkChannel>(scenario_.config.outbox_dir))
          .has_value());
  auto round = worker.run_until_idle();
  ASSERT_TRUE(round.has_value());
  EXPECT_EQ(round->delivered, 1);
  auto again = worker.run_until_idle();
  EXPECT_EQ(again->delivered, 0);
}

TEST_F(SlackServiceTest, RevealModalAsksForAReason) {
  const json c = open_and_draft();
  click("ec_reveal", button_value(c, "ec_reveal"), kLead, c["ts"], "200.1");
  const auto opens = slack_.calls("views.open");
  ASSERT_EQ(opens.size(), 1u);
  const json view = opens[0].body["view"];
  EXPECT_EQ(view["callback_id"], "ec_reveal");
  const auto submit = [&](const std::string& reason) {
    const json payload = {
        {"type", "view_submission"}, {"user", {{"id", kLead}}},
        {"view", {{"id", "V2"}, {"hash", "h-" + reason}, {"callback_id", "ec_reveal"},
                  {"private_metadata", view["private_metadata"]},
                  {"state", {{"values", {{"placeholder", {{"text", {{"value", "EMAIL_1"}}}}},
                                         {"reason", {{"text", {{"value", reason}}}}}}}}}}}};
    auto res = signed_post("/slack/interactivity", "payload=" + url_encode(payload.dump()));
    surface_->intake().wait_idle();
    return res;
  };
  auto empty = submit("   ");
  ASSERT_TRUE(empty);
  EXPECT_EQ(json::parse(empty->body)["response_action"], "errors");
  auto ok = submit("customer asked which account");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  EXPECT_TRUE(ok->body.empty());
  EXPECT_FALSE(slack_.calls("chat.postEphemeral").empty());
  auto closed = signed_post("/slack/interactivity",
                            "payload=" + url_encode(R"({"type":"view_closed","user":{"id":"U0LEAD"},"view":{"callback_id":"ec_reveal"}})"));
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->status, 200);
}

TEST_F(SlackServiceTest, RequestChangesIsRecordedOnTheVersionUntilANewVersion) {
  const json c = open_and_draft();
  const std::string ts = c["ts"];
  click("ec_request_changes", button_value(c, "ec_request_changes"), kOther, ts, "300.1");
  const auto opens = slack_.calls("views.open");
  ASSERT_EQ(opens.size(), 1u);
  const json view = opens[0].body["view"];
  EXPECT_EQ(view["callback_id"], "ec_request_changes");
  const auto submit = [&](const std::string& callback, const std::string& metadata,
                          const json& values, const std::string& hash) {
    const json payload = {
        {"type", "view_submission"}, {"user", {{"id", kOther}}},
        {"view", {{"id", "V3"}, {"hash", hash}, {"callback_id", callback},
                  {"private_metadata", metadata}, {"state", {{"values", values}}}}}};
    auto res = signed_post("/slack/interactivity", "payload=" + url_encode(payload.dump()));
    surface_->intake().wait_idle();
    return res;
  };
  auto empty = submit("ec_request_changes", view["private_metadata"],
                      {{"reason", {{"text", {{"value", " "}}}}}}, "h1");
  ASSERT_TRUE(empty);
  EXPECT_EQ(json::parse(empty->body)["response_action"], "errors");
  auto ok = submit("ec_request_changes", view["private_metadata"],
                   {{"reason", {{"text", {{"value", "say who owns the token review"}}}}}}, "h2");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  // The card, updated in place: the state, who asked and why, and no Approve button.
  json changed;
  for (const json& m : slack_.posted(kChannel)) {
    if (m.value("ts", "") == ts) changed = m;
  }
  ASSERT_FALSE(changed.is_null());
  const std::string shown = changed.dump();
  EXPECT_NE(shown.find("CHANGES REQUESTED"), std::string::npos) << shown;
  EXPECT_NE(shown.find("Changes requested by <@U0OTHER>"), std::string::npos);
  EXPECT_NE(shown.find("say who owns the token review"), std::string::npos);
  EXPECT_TRUE(button_value(changed, "ec_approve").empty());
  EXPECT_FALSE(button_value(changed, "ec_edit").empty());
  // The old Approve button (a stale client, a redelivery) is refused by core at click time.
  click("ec_approve", button_value(c, "ec_approve"), kLead, ts, "300.2");
  EXPECT_TRUE(approvals("CASE-48213").empty());
  EXPECT_TRUE(hooks_mention("changes were requested by U0OTHER"));
  // An edit makes v2, which starts without the request and can be approved.
  click("ec_edit", button_value(changed, "ec_edit"), kLead, ts, "300.3");
  const auto edit_opens = slack_.calls("views.open");
  ASSERT_EQ(edit_opens.size(), 2u);
  const json edit_view = edit_opens[1].body["view"];
  const std::string text = edit_view["blocks"][1]["element"]["initial_value"];
  auto edited = submit("ec_edit_draft", edit_view["private_metadata"],
                       {{"draft_text_0", {{"text", {{"value", text}}}}}}, "h3");
  ASSERT_TRUE(edited);
  const json v2 = card();
  EXPECT_NE(v2.dump().find(" v2 "), std::string::npos) << v2.dump();
  EXPECT_EQ(v2.dump().find("CHANGES REQUESTED"), std::string::npos);
  EXPECT_FALSE(button_value(v2, "ec_approve").empty());
}

TEST(SlackSettings, MissingSecretsDisableTheSurfaceWithAReason) {
  Config config;
  auto none = load_slack_settings(config, [](std::string_view) { return std::nullopt; });
  ASSERT_TRUE(none.has_value());
  EXPECT_FALSE(none->enabled);
  EXPECT_NE(none->disabled_reason.find("SLACK_SIGNING_SECRET"), std::string::npos);
  config.raw = {{"slack", {{"signing_secret_env", "MY_SECRET"}, {"bot_token_env", "MY_TOKEN"}}}};
  auto only_secret = load_slack_settings(config, [](std::string_view name) -> std::optional<std::string> {
    if (name == "MY_SECRET") return std::string("s");
    return std::nullopt;
  });
  ASSERT_TRUE(only_secret.has_value());
  EXPECT_FALSE(only_secret->enabled);
  EXPECT_NE(only_secret->disabled_reason.find("MY_TOKEN"), std::string::npos);
  config.raw = {{"slack", {{"workers", 0}}}};
  auto bad = load_slack_settings(config, [](std::string_view) { return std::string("x"); });
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("slack.workers"), std::string::npos);
  config.raw = {{"slack", {{"api_base_url", "http://slack.com/api"}}}};
  EXPECT_FALSE(load_slack_settings(config, [](std::string_view) { return std::string("x"); }).has_value());
}

TEST(ZendeskReplySettings, ConfiguredOnlyWithABaseUrlAndATokenFromTheEnvironment) {
  Config config;
  auto none = load_zendesk_reply_settings(config, [](std::string_view) { return std::string("t"); });
  ASSERT_TRUE(none.has_value());
  EXPECT_FALSE(none->enabled);
  config.raw = {{"zendesk", {{"base_url", "https://acme.zendesk.com/"}, {"email", "a@acme.com"}}}};
  auto no_token = load_zendesk_reply_settings(config, [](std::string_view) { return std::nullopt; });
  ASSERT_TRUE(no_token.has_value());
  EXPECT_FALSE(no_token->enabled);
  EXPECT_NE(no_token->disabled_reason.find("ZENDESK_API_TOKEN"), std::string::npos);
  auto on = load_zendesk_reply_settings(config, [](std::string_view name) -> std::optional<std::string> {
    if (name == "ZENDESK_API_TOKEN") return std::string("tok");
    return std::nullopt;
  });
  ASSERT_TRUE(on.has_value());
  EXPECT_TRUE(on->enabled);
  EXPECT_EQ(on->options.base_url, "https://acme.zendesk.com");
  config.raw = {{"zendesk", {{"base_url", "http://acme.zendesk.com"}}}};
  auto plain = load_zendesk_reply_settings(config, [](std::string_view) { return std::string("t"); });
  ASSERT_FALSE(plain.has_value());
  EXPECT_NE(plain.error().message.find("zendesk.base_url"), std::string::npos);
}

TEST(SlackResponder, ResponseUrlIsUsedAtMostFiveTimesInThirtyMinutesAndOnlyForSlack) {
  FakeClock clock(make_utc(2025, 3, 12, 9, 0, 0));
  FakeSlack slack;
  TempDir dir;
  auto store = store::SqliteStore::open(dir / "copilot.db");
  ASSERT_TRUE(store.has_value());
  auto http = net::HttplibClient::create({slack.ca_file().string()});
  ASSERT_TRUE(http.has_value());
  delivery::SlackWebApiOptions options;
  options.base_url = slack.api_base_url();
  options.bot_token = "xoxb-t";
  delivery::SlackWebApi api(**http, options);
  SlackResponder responder(api, **store, clock, slack.hooks_prefix());
  const std::string url = slack.response_url("commands/T1/1/s");
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(responder.take_use(url)) << i;
  {
    // Another replica (another process, its own store handle on the same database) shares the
    // count: it has two uses left, not five.
    auto other_store = store::SqliteStore::open(dir / "copilot.db");
    ASSERT_TRUE(other_store.has_value());
    SlackResponder other(api, **other_store, clock, slack.hooks_prefix());
    EXPECT_TRUE(other.take_use(url));
    EXPECT_TRUE(other.take_use(url));
    EXPECT_FALSE(other.take_use(url));
  }
  EXPECT_FALSE(responder.take_use(url));
  EXPECT_FALSE(responder.take_use("https://attacker.example/hook"));
  clock.advance(std::chrono::minutes(31));
  EXPECT_TRUE(responder.take_use(url));  // a new URL lifetime (Slack would have expired it)
  // Out of uses: the reply falls back to chat.postEphemeral.
  for (int i = 0; i < 4; ++i) (void)responder.take_use(url);
  ASSERT_TRUE(responder.reply({url, "C1", "U1"}, {{"text", "hi"}}).has_value());
  EXPECT_EQ(slack.calls("chat.postEphemeral").size(), 1u);
  EXPECT_TRUE(slack.calls("hook").empty());
}

}  // namespace
}  // namespace ec::app
