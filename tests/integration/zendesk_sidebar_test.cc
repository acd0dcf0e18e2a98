// The Zendesk ticket sidebar end to end: the real HTTP service on a loopback port, real SQLite,
// the bundled scenario. Tests post Zendesk's signed-URL load (form field `token`, an RS256 JWT
// signed with a key generated here) and call the page's API with and without session and CSRF.
#include <gtest/gtest.h>
#include <httplib.h>

#include <thread>

#include "plugin/app/case_service.h"
#include "plugin/app/http_service.h"
#include "plugin/app/zendesk_sidebar_routes.h"
#include "plugin/app/zendesk_sidebar_settings.h"
#include "plugin/store/sqlite_store.h"
#include "tests/fakes/temp_dir.h"
#include "tests/integration/scenario_service.h"
#include "tests/fakes/test_jwt.h"

namespace ec::app {
namespace {

using ec::testing::LoopbackHttp;
using ec::testing::ScenarioCases;
using ec::testing::TestRsaKey;
using nlohmann::json;

constexpr char kLead[] = "U0LEAD";
constexpr char kSecurity[] = "U0SEC";
constexpr char kLeadSub[] = "acme.zendesk.com/users/1001";
constexpr char kAgentSub[] = "acme.zendesk.com/users/2002";
constexpr char kIssuer[] = "acme.zendesk.com";
constexpr char kAudience[] = "https://acme.zendesk.com/api/v2/apps/installations/42.json";

class ZendeskSidebarTest : public ::testing::Test {
 protected:
  void SetUp() override {
    settings_.enabled = true;
    settings_.public_key = *platforms::zendesk::RsaPublicKey::from_pem(key_.public_pem());
    settings_.expect.issuer = kIssuer;
    settings_.expect.audience = kAudience;
    settings_.leads[kLeadSub] = kLead;
    settings_.session_ttl = std::chrono::seconds(600);
    deps_ = std::make_unique<ZendeskSidebarDeps>(
        ZendeskSidebarDeps{settings_, *scenario_.cases, *scenario_.store, scenario_.clock});
    http_.start(*scenario_.store, [this](HttpService& service) {
      service.add_routes(
          [this](httplib::Server& s) { register_zendesk_sidebar_routes(s, *deps_); });
    });
  }
  void TearDown() override { http_.stop(); }

  // Opens and gathers the scenario's case (ticket 48213; the scenario escalates to security).
  std::string open_case() {
    const CaseConfig& scenario = *scenario_.config.case_config;
    auto c = scenario_.cases->open_case(
        {scenario.ticket, scenario.subject, kLead, scenario.customer, kLead});
    EXPECT_TRUE(c.has_value()) << c.error().message;
    auto gathered = scenario_.cases->gather(c->id, kLead);
    EXPECT_TRUE(gathered.has_value()) << gathered.error().message;
    return c->id;
  }

  json claims(const std::string& sub) const {
    const auto t = to_unix_seconds(scenario_.clock.now());
    return {{"iss", kIssuer}, {"aud", kAudience}, {"sub", sub}, {"iat", t}, {"nbf", t},
            {"exp", t + 300}, {"context", {{"product", "support"}, {"location", "ticket_sidebar"}}}};
  }

  httplib::Result load(const std::string& token, const std::string& ticket = "48213") {
    httplib::Client client("127.0.0.1", http_.port());
    return client.Post(("/zendesk/sidebar?ticket_id=" + ticket).c_str(), "token=" + token,
                       "application/x-www-form-urlencoded");
  }

  struct Session {
    std::string cookie;  // "name=value"
    std::string csrf;
    std::string page;
  };
  Session session_for(const std::string& sub) {
    auto res = load(ec::testing::rs256_jwt(key_, claims(sub)));
    EXPECT_TRUE(res);
    EXPECT_EQ(res->status, 200) << res->body;
    Session s;
    s.page = res->body;
    const std::string set_cookie = res->get_header_value("Set-Cookie");
    s.cookie = set_cookie.substr(0, set_cookie.find(';'));
    const std::string marker = "name=\"csrf-token\" content=\"";
    const auto at = s.page.find(marker);
    EXPECT_NE(at, std::string::npos);
    s.csrf = s.page.substr(at + marker.size(), 64);
    return s;
  }

  httplib::Result api(const std::string& path, const json& body, const std::string& cookie,
                      const std::string& csrf) {
    httplib::Client client("127.0.0.1", http_.port());
    httplib::Headers headers;
    if (!cookie.empty()) headers.emplace("Cookie", cookie);
    if (!csrf.empty()) headers.emplace("X-CSRF-Token", csrf);
    return client.Post(path.c_str(), headers, body.dump(), "application/json");
  }

  DraftVersion latest(const std::string& case_id, DraftKind kind) {
    auto versions = scenario_.cases->drafts(case_id);
    EXPECT_TRUE(versions.has_value());
    DraftVersion out;
    for (const DraftVersion& v : *versions) {
      if (v.kind == kind && v.version >= out.version) out = v;
    }
    return out;
  }

  static json action(const DraftVersion& v) {
    return {{"draft_id", v.draft_id}, {"version", v.version}, {"content_hash", v.content_hash}};
  }

  ScenarioCases scenario_{kSecurity, make_utc(2026, 3, 14, 10, 0, 0)};
  TestRsaKey key_;
  ZendeskSidebarSettings settings_;
  std::unique_ptr<ZendeskSidebarDeps> deps_;
  LoopbackHttp http_;
};

TEST_F(ZendeskSidebarTest, RefusesBadTokensWithoutASession) {
  open_case();
  TestRsaKey other;
  json expired = claims(kLeadSub);
  expired["exp"] = to_unix_seconds(scenario_.clock.now()) - 3600;
  json wrong_aud = claims(kLeadSub);
  wrong_aud["aud"] = "https://acme.zendesk.com/api/v2/apps/installations/43.json";
  json wrong_iss = claims(kLeadSub);
  wrong_iss["iss"] = "evil.zendesk.com";
  for (const std::string& token :
       {ec::testing::unsigned_jwt(claims(kLeadSub)), ec::testing::rs256_jwt(other, claims(kLeadSub)),
        ec::testing::hs256_jwt(key_.public_pem(), claims(kLeadSub)),
        ec::testing::rs256_jwt(key_, expired), ec::testing::rs256_jwt(key_, wrong_aud),
        ec::testing::rs256_jwt(key_, wrong_iss), std::string("garbage")}) {
    auto res = load(token);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401) << token;
    EXPECT_FALSE(res->has_header("Set-Cookie"));
    EXPECT_EQ(res->body.find("UNAPPROVED"), std::string::npos);
  }
}

TEST_F(ZendeskSidebarTest, LoadSetsACrossSiteSessionCookieAndRendersTheCase) {
  const std::string case_id = open_case();
  auto res = load(ec::testing::rs256_jwt(key_, claims(kLeadSub)));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const std::string cookie = res->get_header_value("Set-Cookie");
  EXPECT_EQ(cookie.rfind(std::string(kSidebarCookie) + "=", 0), 0u) << cookie;
  for (const char* attr : {"HttpOnly", "Secure", "SameSite=None", "Path=/", "Max-Age=600"}) {
    EXPECT_NE(cookie.find(attr), std::string::npos) << attr << " in " << cookie;
  }
  EXPECT_NE(res->get_header_value("Content-Security-Policy").find("frame-ancestors"),
            std::string::npos);
  EXPECT_NE(res->body.find(case_id), std::string::npos);
  EXPECT_NE(res->body.find("UNAPPROVED"), std::string::npos);
  EXPECT_NE(res->body.find("security_escalated"), std::string::npos);
  EXPECT_NE(res->body.find(">Approve</button>"), std::string::npos);  // the lead
  // The session is in the store (hashed), not only in this process: a GET with the cookie works.
  httplib::Client client("127.0.0.1", http_.port());
  auto again = client.Get("/zendesk/sidebar", {{"Cookie", cookie.substr(0, cookie.find(';'))}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
  EXPECT_NE(again->body.find(case_id), std::string::npos);
}

TEST_F(ZendeskSidebarTest, ATicketWithoutACaseSaysSo) {
  auto res = load(ec::testing::rs256_jwt(key_, claims(kLeadSub)), "99999");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("No escalation case is open for ticket 99999"), std::string::npos);
  auto bad = load(ec::testing::rs256_jwt(key_, claims(kLeadSub)), "1%3Cscript%3E");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
}

TEST_F(ZendeskSidebarTest, ApiCallsNeedASessionAndTheCsrfToken) {
  const std::string case_id = open_case();
  const json body = action(latest(case_id, DraftKind::Handoff));
  const Session lead = session_for(kLeadSub);
  auto no_session = api("/zendesk/sidebar/api/approve", body, "", lead.csrf);
  ASSERT_TRUE(no_session);
  EXPECT_EQ(no_session->status, 401);
  auto forged = api("/zendesk/sidebar/api/approve", body,
                    std::string(kSidebarCookie) + "=" + std::string(64, 'a'), lead.csrf);
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 401);
  auto no_csrf = api("/zendesk/sidebar/api/approve", body, lead.cookie, "");
  ASSERT_TRUE(no_csrf);
  EXPECT_EQ(no_csrf->status, 403);
  auto wrong_csrf = api("/zendesk/sidebar/api/approve", body, lead.cookie, std::string(64, '0'));
  ASSERT_TRUE(wrong_csrf);
  EXPECT_EQ(wrong_csrf->status, 403);
  EXPECT_TRUE(latest(case_id, DraftKind::Handoff).content_hash == body["content_hash"]);
  auto approvals = [&] {
    auto tx = scenario_.store->begin();
    return (*tx)->list_approvals(case_id)->size();
  };
  EXPECT_EQ(approvals(), 0u);
  // A session past its TTL is refused too.
  scenario_.clock.set(scenario_.clock.now() + std::chrono::seconds(601));
  auto expired = api("/zendesk/sidebar/api/approve", body, lead.cookie, lead.csrf);
  ASSERT_TRUE(expired);
  EXPECT_EQ(expired->status, 401);
}

TEST_F(ZendeskSidebarTest, OnlyTheLeadApprovesThroughTheCoreRule) {
  const std::string case_id = open_case();
  const DraftVersion handoff = latest(case_id, DraftKind::Handoff);
  const Session agent = session_for(kAgentSub);
  EXPECT_EQ(agent.page.find(">Approve</button>"), std::string::npos);
  EXPECT_NE(agent.page.find("read-only"), std::string::npos);
  auto refused = api("/zendesk/sidebar/api/approve", action(handoff), agent.cookie, agent.csrf);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403) << refused->body;
  auto changes = api("/zendesk/sidebar/api/request-changes", action(handoff), agent.cookie,
                     agent.csrf);
  ASSERT_TRUE(changes);
  EXPECT_EQ(changes->status, 403);

  const Session lead = session_for(kLeadSub);
  // The customer update is held while security has not acknowledged: core's rule, not ours.
  const DraftVersion update = latest(case_id, DraftKind::CustomerUpdate);
  auto held = api("/zendesk/sidebar/api/approve", action(update), lead.cookie, lead.csrf);
  ASSERT_TRUE(held);
  EXPECT_EQ(held->status, 409) << held->body;
  // A stale hash is refused.
  json stale = action(handoff);
  stale["content_hash"] = std::string(64, '0');
  auto stale_res = api("/zendesk/sidebar/api/approve", stale, lead.cookie, lead.csrf);
  ASSERT_TRUE(stale_res);
  EXPECT_EQ(stale_res->status, 409) << stale_res->body;
  auto ok = api("/zendesk/sidebar/api/approve", action(handoff), lead.cookie, lead.csrf);
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->status, 200) << ok->body;
  const json answer = json::parse(ok->body);
  EXPECT_EQ(answer["state_label"], "APPROVED");
  EXPECT_EQ(answer["approver"], kLead);
  EXPECT_EQ(answer["content_hash"], handoff.content_hash);
  auto tx = scenario_.store->begin();
  auto approvals = (*tx)->list_approvals(case_id);
  ASSERT_EQ(approvals->size(), 1u);
  EXPECT_EQ(approvals->front().approver, kLead);
  // The refusals were recorded as turns, like chat's.
  auto turns = (*tx)->list_turns(case_id);
  int refusals = 0;
  for (const Turn& t : *turns) refusals += t.action == "refuse";
  EXPECT_GE(refusals, 3);
}

TEST_F(ZendeskSidebarTest, RequestChangesIsRecordedForTheLead) {
  const std::string case_id = open_case();
  const DraftVersion update = latest(case_id, DraftKind::CustomerUpdate);
  const Session lead = session_for(kLeadSub);
  json body = action(update);
  body["note"] = "Say who owns the next step.";
  auto res = api("/zendesk/sidebar/api/request-changes", body, lead.cookie, lead.csrf);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  auto tx = scenario_.store->begin();
  auto turns = (*tx)->list_turns(case_id);
  ASSERT_FALSE(turns->empty());
  EXPECT_EQ(turns->back().action, "request_changes");
  EXPECT_EQ(turns->back().actor, kLead);
}

TEST_F(ZendeskSidebarTest, MalformedApiBodiesAre400) {
  open_case();
  const Session lead = session_for(kLeadSub);
  httplib::Client client("127.0.0.1", http_.port());
  for (const std::string body : {"not json", "[]", R"({"draft_id":"D1"})",
                                 R"({"draft_id":"D1","version":"1","content_hash":"x"})",
                                 R"({"draft_id":"D1","version":0,"content_hash":"x"})"}) {
    auto res = client.Post("/zendesk/sidebar/api/approve",
                           {{"Cookie", lead.cookie}, {"X-CSRF-Token", lead.csrf}}, body,
                           "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << body;
  }
}

}  // namespace
}  // namespace ec::app
