// Zendesk live mode end to end: ZendeskLiveSource -> HttplibClient (real TLS) -> a loopback
// HTTPS server playing the Zendesk Support API over the bundled scenario's ticket export:
// ticket show with sideloaded users, comments and audits with cursor pagination (page[size],
// meta.has_more, links.next), 429 Retry-After, 5xx and invalid JSON.
#include "adapters/zendesk_tickets/zendesk_live_source.h"

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <set>
#include <tuple>

#include "adapters/common/text.h"
#include "adapters/zendesk_tickets/config.h"
#include "plugin/core/hash.h"
#include "plugin/net/httplib_client.h"
#include "tests/adapters/adapter_test_util.h"
#include "tests/adapters/live_source_test.h"
#include "tests/fakes/https_test_server.h"

namespace ec::adapters::zendesk_tickets {
namespace {

using ec::adapters::testing::LiveSourceTest;
using ec::adapters::testing::context_for;
using ec::adapters::testing::contractor;
using ec::adapters::testing::diagnostics_text;
using ec::adapters::testing::load_json;
using ec::adapters::testing::scenario_sources;
using ec::testing::HttpsTestServer;
using ec::testing::scenario_dir;
using std::chrono::milliseconds;

constexpr char kToken[] = "zd-SECRET-api-token-6wiIBWbGkBMo1m";
constexpr char kEmail[] = "tomas.reyes@brightwell.example";

class ZendeskLive : public LiveSourceTest {
 protected:
  ZendeskLive() : LiveSourceTest("ZENDESK_API_TOKEN", kToken) {}

  bool authorized(const httplib::Request& req, httplib::Response& res) const {
    const std::string basic =
        "Basic " + ec::base64_encode(std::string(kEmail) + "/token:" + kToken);
    if (req.get_header_value("Authorization") == basic) return true;
    res.status = 401;
    res.set_content(R"({"error":"Couldn't authenticate you"})", "application/json");
    return false;
  }

  // One cursor page of export_[key]: after_cursor is the index, links.next the next page.
  void cursor_page(const httplib::Request& req, httplib::Response& res, const char* key,
                   bool with_users) {
    const auto& items = export_[key];
    const std::size_t size = std::stoul(req.get_param_value("page[size]"));
    const std::size_t after =
        req.has_param("page[after]") ? std::stoul(req.get_param_value("page[after]")) : 0;
    nlohmann::json body = {{key, nlohmann::json::array()}};
    for (std::size_t i = after; i < after + size && i < items.size(); ++i) {
      body[key].push_back(items[i]);
    }
    const bool more = after + size < items.size();
    body["meta"] = {{"has_more", more},
                    {"after_cursor", more ? std::to_string(after + size) : ""},
                    {"before_cursor", std::to_string(after)}};
    body["links"] = {{"prev", nullptr}, {"next", nullptr}};
    if (more) {
      body["links"]["next"] = https_.base_url() + req.path + "?page%5Bafter%5D=" +
                              std::to_string(after + size) + "&page%5Bsize%5D=" +
                              std::to_string(size) + (with_users ? "&include=users" : "");
    }
    if (with_users && req.get_param_value("include") == "users") body["users"] = export_["users"];
    res.set_content(body.dump(), "application/json");
  }

  void serve(std::size_t comment_page = 2) {
    https_.server().Get("/api/v2/tickets/48213.json", [this](const httplib::Request& req,
                                                             httplib::Response& res) {
      if (!authorized(req, res)) return;
      res.set_content(nlohmann::json{{"ticket", export_["ticket"]}}.dump(), "application/json");
    });
    https_.server().Get("/api/v2/tickets/48213/comments.json",
                        [this, comment_page](const httplib::Request& req, httplib::Response& res) {
                          if (!authorized(req, res)) return;
                          httplib::Request copy = req;
                          copy.params.erase("page[size]");
                          copy.params.emplace("page[size]", std::to_string(comment_page));
                          cursor_page(copy, res, "comments", true);
                        });
    https_.server().Get("/api/v2/tickets/48213/audits.json",
                        [this](const httplib::Request& req, httplib::Response& res) {
                          if (!authorized(req, res)) return;
                          httplib::Request copy = req;
                          copy.params.erase("page[size]");
                          copy.params.emplace("page[size]", "2");
                          cursor_page(copy, res, "audits", false);
                        });
  }

  nlohmann::json live_config() const {
    return {{"kind", "zendesk"}, {"base_url", https_.base_url()},
            {"token_env", "ZENDESK_API_TOKEN"}, {"email", kEmail}};
  }

  Result<BuiltSource> build(const nlohmann::json& config) {
    SourceContext context = live_context(scenario_dir(), "sources.tickets");
    ZendeskLiveOptions options;
    options.sleep = recording_sleep();
    return create_zendesk_source(config, context, options);
  }

  BuiltSource build_live() {
    auto built = build(live_config());
    EXPECT_TRUE(built.has_value()) << built.error().to_string();
    return std::move(*built);
  }

  std::size_t requests_to(const std::string& path) const {
    std::size_t n = 0;
    for (auto& r : https_.requests()) n += r.path == path ? 1 : 0;
    return n;
  }

  const nlohmann::json export_ = load_json(scenario_dir() / "ticket.json");
};

using EntryKey = std::tuple<Timestamp, int, std::string, std::string>;
std::vector<EntryKey> entry_keys(const TicketHistory& h) {
  std::vector<EntryKey> out;
  for (const auto& e : h.entries) {
    out.emplace_back(e.time, static_cast<int>(e.kind), e.author_id, e.body + e.field);
  }
  return out;
}

TEST_F(ZendeskLive, ReadsTicketCommentsAndAuditsAcrossCursorPagesLikeTheExport) {
  serve();
  start();
  BuiltSource built = build_live();
  ASSERT_NE(built.tickets, nullptr);
  auto history = built.tickets->load_ticket("#48213");
  ASSERT_TRUE(history.has_value()) << history.error().to_string();
  EXPECT_EQ(requests_to("/api/v2/tickets/48213/comments.json"), 3u);  // 5 comments, 2 per page
  EXPECT_EQ(requests_to("/api/v2/tickets/48213/audits.json"), 3u);
  const auto first = https_.requests().at(0);
  EXPECT_EQ(first.target, "/api/v2/tickets/48213.json?include=users");
  EXPECT_EQ(first.header("Authorization"),
            "Basic " + ec::base64_encode(std::string(kEmail) + "/token:" + kToken));

  auto files = create_zendesk_source(scenario_sources()["tickets"],
                                     context_for(scenario_dir(), "sources.tickets"));
  ASSERT_TRUE(files.has_value());
  auto expected = files->tickets->load_ticket("48213");
  ASSERT_TRUE(expected.has_value());
  EXPECT_EQ(history->subject, expected->subject);
  EXPECT_EQ(history->people.size(), expected->people.size());  // users sideloaded
  EXPECT_EQ(entry_keys(*history), entry_keys(*expected));

  auto report = built.evidence->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(report.has_value()) << report.error().to_string();
  EXPECT_TRUE(report->complete) << diagnostics_text(*report);
  auto expected_report = files->evidence->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(expected_report.has_value());
  ASSERT_EQ(report->evidence.size(), expected_report->evidence.size());
  ASSERT_FALSE(report->evidence.empty());
  for (std::size_t i = 0; i < report->evidence.size(); ++i) {
    EXPECT_EQ(report->evidence[i].content_hash, expected_report->evidence[i].content_hash);
    EXPECT_EQ(report->evidence[i].time, expected_report->evidence[i].time);
  }
  EXPECT_TRUE(report->evidence[0].origin.starts_with(https_.base_url() +
                                                     "/api/v2/tickets/48213#audits["));
}

TEST_F(ZendeskLive, RetryAfterBeyondTheCapGivesUpAndMarksTheCommentsIncomplete) {
  std::atomic<int> calls{0};
  https_.server().Get("/api/v2/tickets/48213/comments.json",
                      [&](const httplib::Request& req, httplib::Response& res) {
                        if (calls++ == 0) {
                          res.status = 429;
                          res.set_header("Retry-After", "93");
                          return;
                        }
                        cursor_page(req, res, "comments", true);
                      });
  serve();
  start();
  BuiltSource built = build_live();
  auto history = built.tickets->load_ticket("48213");
  ASSERT_TRUE(history.has_value()) << history.error().to_string();
  // 93 s is above the 65 s per-retry cap: given up, the comments are incomplete.
  auto report = built.evidence->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(report.has_value());
  EXPECT_FALSE(report->complete);
  EXPECT_NE(diagnostics_text(*report).find("comments.json?page%5Bsize%5D=100&include=users -> 429"),
            std::string::npos)
      << diagnostics_text(*report);
  EXPECT_TRUE(sleeps_.empty());
}

TEST_F(ZendeskLive, ShortRetryAfterIsWaitedAndTheReadCompletes) {
  std::atomic<int> calls{0};
  https_.server().Get("/api/v2/tickets/48213/audits.json",
                      [&](const httplib::Request& req, httplib::Response& res) {
                        if (calls++ == 0) {
                          res.status = 429;
                          res.set_header("Retry-After", "12");
                          return;
                        }
                        cursor_page(req, res, "audits", false);
                      });
  serve();
  start();
  BuiltSource built = build_live();
  ASSERT_TRUE(built.tickets->load_ticket("48213").has_value());
  auto report = built.evidence->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->complete) << diagnostics_text(*report);
  EXPECT_EQ(sleeps_, (std::vector<milliseconds>{milliseconds{12'000}}));
  EXPECT_EQ(report->records_read, 5);
}

TEST_F(ZendeskLive, RateLimitStormOnAuditsIsBoundedAndNeverReadsAsNoActivity) {
  https_.server().Get("/api/v2/tickets/48213/audits.json",
                      [](const httplib::Request&, httplib::Response& res) {
                        res.status = 429;
                        res.set_header("Retry-After", "30");
                      });
  serve();
  start();
  BuiltSource built = build_live();
  ASSERT_TRUE(built.tickets->load_ticket("48213").has_value());
  EXPECT_EQ(requests_to("/api/v2/tickets/48213/audits.json"), 4u);  // max_attempts
  EXPECT_EQ(sleeps_.size(), 3u);
  auto report = built.evidence->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(report.has_value());
  EXPECT_FALSE(report->complete);
  EXPECT_TRUE(report->evidence.empty());
  ASSERT_EQ(report->diagnostics.size(), 1u);
  EXPECT_TRUE(report->diagnostics[0].location.ends_with("/audits.json?page%5Bsize%5D=100 -> 429"))
      << report->diagnostics[0].location;
  EXPECT_EQ(report->diagnostics[0].message,
            "rate limited; gave up after 4 attempts (waited 90 s)");
}

TEST_F(ZendeskLive, ServerErrorAndInvalidJsonNameUrlAndStatus) {
  std::atomic<int> calls{0};
  https_.server().Get("/api/v2/tickets/(\\d+).json", [&](const httplib::Request& req,
                                                         httplib::Response& res) {
    if (req.matches[1] == "1") {
      res.status = 503;
      res.set_content(R"({"error":"ServiceUnavailable","description":"Try again"})",
                      "application/json");
      return;
    }
    if (req.matches[1] == "2") {
      res.set_content(R"({"ticket": {"id": 2,)", "application/json");
      return;
    }
    ++calls;
    res.status = 404;
    res.set_content(R"({"error":"RecordNotFound","description":"Not found"})", "application/json");
  });
  start();
  BuiltSource built = build_live();
  auto unavailable = built.tickets->load_ticket("1");
  ASSERT_FALSE(unavailable.has_value());
  EXPECT_EQ(unavailable.error().code, ErrorCode::Unavailable);
  EXPECT_EQ(unavailable.error().message,
            "GET " + https_.base_url() +
                "/api/v2/tickets/1.json?include=users -> 503: server error; gave up after 4 "
                "attempts: ServiceUnavailable: Try again");
  auto invalid = built.tickets->load_ticket("2");
  ASSERT_FALSE(invalid.has_value());
  EXPECT_EQ(invalid.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(invalid.error().message, "GET " + https_.base_url() +
                                         "/api/v2/tickets/2.json?include=users -> 200: the "
                                         "response is not valid JSON");
  auto missing = built.tickets->load_ticket("3");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
  auto bad_ref = built.tickets->load_ticket("48213/../../users");
  ASSERT_FALSE(bad_ref.has_value());
  EXPECT_EQ(bad_ref.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(calls.load(), 1);
}

TEST_F(ZendeskLive, WrongTokenIsUnauthenticatedAndTheTokenIsNeverShown) {
  serve();
  start();
  env_["ZENDESK_API_TOKEN"] = "not-the-token";
  BuiltSource built = build_live();
  auto history = built.tickets->load_ticket("48213");
  ASSERT_FALSE(history.has_value());
  EXPECT_EQ(history.error().code, ErrorCode::Unauthenticated);
  EXPECT_NE(history.error().message.find("ZENDESK_API_TOKEN"), std::string::npos);
  EXPECT_EQ(history.error().message.find("not-the-token"), std::string::npos);
}

TEST_F(ZendeskLive, WithoutEmailTheTokenIsAnOAuthBearerToken) {
  https_.server().Get("/api/v2/tickets/48213.json", [](const httplib::Request&,
                                                       httplib::Response& res) {
    res.status = 404;
  });
  start();
  nlohmann::json config = live_config();
  config.erase("email");
  auto built = build(config);
  ASSERT_TRUE(built.has_value());
  EXPECT_FALSE(built->tickets->load_ticket("48213").has_value());
  EXPECT_EQ(https_.requests().at(0).header("Authorization"), std::string("Bearer ") + kToken);
}

TEST_F(ZendeskLive, ConfigErrorsNameTheKey) {
  start();
  auto both = build({{"kind", "zendesk"}, {"base_url", https_.base_url()},
                     {"token_env", "ZENDESK_API_TOKEN"}, {"export", "ticket.json"}});
  ASSERT_FALSE(both.has_value());
  EXPECT_EQ(both.error().message,
            "sources.tickets: use either base_url + token_env (live API) or export (export "
            "files), not both");
  nlohmann::json bad_email = live_config();
  bad_email["email"] = "tomas";
  auto email = build(bad_email);
  ASSERT_FALSE(email.has_value());
  EXPECT_TRUE(email.error().message.starts_with("sources.tickets.email: "));
  env_.clear();
  auto unset = build(live_config());
  ASSERT_FALSE(unset.has_value());
  EXPECT_EQ(unset.error().message,
            "sources.tickets.token_env: environment variable ZENDESK_API_TOKEN is not set");
}

}  // namespace
}  // namespace ec::adapters::zendesk_tickets
