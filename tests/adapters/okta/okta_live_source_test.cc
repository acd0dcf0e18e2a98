// Okta live mode end to end: OktaLiveSource -> HttplibClient (real TLS) -> a loopback HTTPS
// server that plays the Okta Users and System Log APIs over the bundled scenario's records
// (users.json, system_log.jsonl), evaluating the SCIM "eq ... or ..." filters it is sent.
#include "adapters/okta/okta_live_source.h"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "adapters/common/json_fields.h"
#include "adapters/common/text.h"
#include "adapters/okta/config.h"
#include "plugin/net/httplib_client.h"
#include "tests/adapters/adapter_test_util.h"
#include "tests/adapters/live_source_test.h"
#include "tests/fakes/https_test_server.h"

namespace ec::adapters::okta {
namespace {

using ec::adapters::testing::LiveSourceTest;
using ec::adapters::testing::context_for;
using ec::adapters::testing::contractor;
using ec::adapters::testing::diagnostics_text;
using ec::adapters::testing::scenario_sources;
using ec::testing::HttpsTestServer;
using ec::testing::scenario_dir;
using std::chrono::milliseconds;

constexpr char kToken[] = "00T-test-SECRET-token-4711";
constexpr char kContractorId[] = "00uvN5sfRJXkWbFmgpsX";
constexpr char kContractorLogin[] = "dario.mq@contractors.brightwell.example";

std::vector<nlohmann::json> scenario_users() {
  auto users = adapters::testing::load_json(scenario_dir() / "okta" / "users.json");
  return {users.begin(), users.end()};
}

std::vector<nlohmann::json> scenario_events() {
  std::ifstream in(scenario_dir() / "okta" / "system_log.jsonl");
  std::vector<nlohmann::json> events;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) events.push_back(nlohmann::json::parse(line));
  }
  return events;
}

// Values at a dotted path; "target.id" fans out over the target array.
std::vector<std::string> values_at(const nlohmann::json& event, const std::string& path) {
  if (path.starts_with("target.")) {
    std::vector<std::string> out;
    const auto* targets = common::find_path(event, {"target"});
    if (targets == nullptr || !targets->is_array()) return out;
    for (const auto& t : *targets) out.push_back(common::get_string(t, {path.substr(7)}));
    return out;
  }
  const auto dot = path.find('.');
  return {common::get_string(event, {path.substr(0, dot), path.substr(dot + 1)})};
}

// Evaluates `a.b eq "v" or c.d eq "w" ...` (all this test's client sends).
bool matches_filter(const nlohmann::json& event, const std::string& filter) {
  std::size_t start = 0;
  while (start < filter.size()) {
    std::size_t end = filter.find(" or ", start);
    if (end == std::string::npos) end = filter.size();
    const std::string clause = filter.substr(start, end - start);
    const auto eq = clause.find(" eq ");
    const std::string path = clause.substr(0, eq);
    const std::string value = nlohmann::json::parse(clause.substr(eq + 4)).get<std::string>();
    for (const auto& v : values_at(event, path)) {
      if (v == value) return true;
    }
    start = end + 4;
  }
  return false;
}

// Okta-style query encoding for next links: spaces as '+', so following them verbatim matters.
std::string okta_encode(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == ' ') {
      out += '+';
    } else if (c == '"' || c == ':' || c == '@' || c == '+') {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

std::string page_body(const std::vector<nlohmann::json>& events, std::size_t begin,
                      std::size_t end) {
  nlohmann::json page = nlohmann::json::array();
  for (std::size_t i = begin; i < end && i < events.size(); ++i) page.push_back(events[i]);
  return page.dump();
}

class OktaLive : public LiveSourceTest {
 protected:
  OktaLive() : LiveSourceTest("OKTA_TOKEN", kToken) {}

  // The Users API: by id or login, 401 without the right token, Okta's 404 body otherwise.
  void serve_users() {
    https_.server().Get("/api/v1/users/(.+)", [this](const httplib::Request& req,
                                                     httplib::Response& res) {
      if (req.get_header_value("Authorization") != std::string("SSWS ") + kToken) {
        res.status = 401;
        return;
      }
      for (const auto& user : users_) {
        if (user.value("id", "") == req.matches[1].str() ||
            common::iequals(user["profile"].value("login", ""), req.matches[1].str())) {
          res.set_content(user.dump(), "application/json");
          return;
        }
      }
      res.status = 404;
      const nlohmann::json error = {
          {"errorCode", "E0000007"},
          {"errorSummary", "Not found: Resource not found: " + req.matches[1].str() + " (User)"}};
      res.set_content(error.dump(), "application/json");
    });
  }

  // The System Log API over the scenario's events: filter, `page_size` per page, Link paging.
  void serve_logs(std::size_t page_size) {
    https_.server().Get("/api/v1/logs", [this, page_size](const httplib::Request& req,
                                                          httplib::Response& res) {
      std::vector<nlohmann::json> hits;
      for (const auto& e : events_) {
        if (matches_filter(e, req.get_param_value("filter"))) hits.push_back(e);
      }
      const std::size_t after =
          req.has_param("after") ? std::stoul(req.get_param_value("after")) : 0;
      const std::string query = "since=" + okta_encode(req.get_param_value("since")) +
                                "&until=" + okta_encode(req.get_param_value("until")) +
                                "&limit=" + req.get_param_value("limit") +
                                "&filter=" + okta_encode(req.get_param_value("filter"));
      res.set_header("Link", "<" + https_.base_url() + "/api/v1/logs?" + query + ">; rel=\"self\"");
      if (after + page_size < hits.size()) {
        res.set_header("Link", "<" + https_.base_url() + "/api/v1/logs?" + query +
                                   "&after=" + std::to_string(after + page_size) +
                                   ">; rel=\"next\"");
      }
      res.set_content(page_body(hits, after, after + page_size), "application/json");
    });
  }

  nlohmann::json live_config() const {
    return {{"kind", "okta"}, {"base_url", https_.base_url() + "/"}, {"token_env", "OKTA_TOKEN"}};
  }

  Result<BuiltSource> build(const nlohmann::json& config) {
    SourceContext context = live_context(scenario_dir(), "sources.identity");
    OktaLiveOptions options;
    options.sleep = recording_sleep();
    return create_okta_source(config, context, options);
  }

  BuiltSource build_live() {
    auto built = build(live_config());
    EXPECT_TRUE(built.has_value()) << built.error().to_string();
    return std::move(*built);
  }

  std::vector<ec::testing::RecordedRequest> log_requests() const {
    std::vector<ec::testing::RecordedRequest> out;
    for (auto& r : https_.requests()) {
      if (r.path == "/api/v1/logs") out.push_back(r);
    }
    return out;
  }

  // Every text a caller could see: diagnostics, locations, origins, summaries.
  static std::string visible_text(const SourceReport& report) {
    std::string text = diagnostics_text(report);
    for (const auto& e : report.evidence) text += e.origin + "\n" + e.summary + "\n";
    return text;
  }

  const std::vector<nlohmann::json> users_ = scenario_users();
  const std::vector<nlohmann::json> events_ = scenario_events();
};

TEST_F(OktaLive, ResolvesSubjectThroughTheUsersApi) {
  serve_users();
  start();
  BuiltSource built = build_live();
  ASSERT_NE(built.identity, nullptr);
  auto subject = built.identity->resolve_subject(kContractorLogin);
  ASSERT_TRUE(subject.has_value()) << subject.error().to_string();
  EXPECT_EQ(subject->id, kContractorId);
  EXPECT_EQ(subject->display_name, "Dario Menendez-Quill");
  EXPECT_EQ(subject->status, "DEPROVISIONED");
  EXPECT_EQ(subject->deprovisioned_at, make_utc(2025, 3, 11, 16, 45, 12));
  const auto request = https_.requests().at(0);
  EXPECT_EQ(request.target, "/api/v1/users/dario.mq%40contractors.brightwell.example");
  EXPECT_EQ(request.header("Authorization"), std::string("SSWS ") + kToken);
  EXPECT_EQ(request.header("Accept"), "application/json");
}

TEST_F(OktaLive, UnknownUserIsNotFound) {
  serve_users();
  start();
  BuiltSource built = build_live();
  auto subject = built.identity->resolve_subject("nobody@brightwell.example");
  ASSERT_FALSE(subject.has_value());
  EXPECT_EQ(subject.error().code, ErrorCode::NotFound);
  EXPECT_NE(subject.error().message.find("nobody@brightwell.example"), std::string::npos);
}

TEST_F(OktaLive, CollectsEveryPageAndTheSameEvidenceAsTheExport) {
  serve_users();
  serve_logs(5);
  start();
  BuiltSource built = build_live();
  auto report = built.evidence->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(report.has_value()) << report.error().to_string();
  EXPECT_TRUE(report->complete) << diagnostics_text(*report);
  EXPECT_EQ(report->records_read, 21);
  ASSERT_EQ(report->evidence.size(), 22u);  // user object + 21 events, as from the export files

  // Pass 1: three pages of the subject's events, the later ones fetched by their next links.
  std::vector<ec::testing::RecordedRequest> requests;  // pass 1: the subject's own events
  std::vector<ec::testing::RecordedRequest> linked;    // pass 2: events sharing its keys
  for (auto& r : log_requests()) {
    (r.param("filter")->starts_with("target.id eq") ? requests : linked).push_back(r);
  }
  ASSERT_EQ(requests.size(), 3u);
  const auto& first = requests[0];
  EXPECT_EQ(first.param("since"), "2025-02-09T16:45:12Z");  // statusChanged - 30 days
  EXPECT_EQ(first.param("until"), "2025-03-20T00:00:00Z");  // the clock's now
  EXPECT_EQ(first.param("limit"), "1000");
  EXPECT_EQ(first.param("filter"),
            "target.id eq \"00uvN5sfRJXkWbFmgpsX\" or actor.id eq \"00uvN5sfRJXkWbFmgpsX\" or "
            "target.alternateId eq \"dario.mq@contractors.brightwell.example\" or "
            "actor.alternateId eq \"dario.mq@contractors.brightwell.example\"");
  EXPECT_EQ(first.header("Authorization"), std::string("SSWS ") + kToken);
  // Followed verbatim: Okta's '+' for spaces and its escapes (see HttplibClient on Link).
  EXPECT_EQ(requests[1].param("since"), "2025-02-09T16:45:12Z");
  EXPECT_NE(requests[1].target.find("filter=target.id+eq+%2200uvN5sfRJXkWbFmgpsX%22+or+"),
            std::string::npos) << requests[1].target;
  EXPECT_EQ(requests[1].param("after"), "5");
  EXPECT_EQ(requests[2].param("after"), "10");
  ASSERT_FALSE(linked.empty());
  bool asked_for_client_app = false;
  for (auto& r : linked) {
    asked_for_client_app |= r.param("filter")->find("actor.id eq \"0oa5nZzSq4HQ9ju9rVEV\"") !=
                            std::string::npos;
  }
  EXPECT_TRUE(asked_for_client_app);  // the OAuth app the subject authorized (line 5)

  // Same records, kinds, subject naming and links as the export-file adapter.
  auto files = create_okta_source(scenario_sources()["identity"],
                                  context_for(scenario_dir(), "sources.identity"));
  ASSERT_TRUE(files.has_value());
  auto expected = files->evidence->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(expected.has_value());
  using Key = std::tuple<std::string, Timestamp, std::string, bool, std::string>;
  const auto keys = [](const SourceReport& r) {
    std::multiset<Key> out;
    for (const auto& e : r.evidence) {
      out.insert({e.kind, e.time, e.request_id, e.names_subject,
                  e.attributes.value("linked_by", "")});
    }
    return out;
  };
  EXPECT_EQ(keys(*report), keys(*expected));
  EXPECT_EQ(visible_text(*report).find(kToken), std::string::npos);
}

TEST_F(OktaLive, WaitsForTheRateLimitResetThenContinues) {
  serve_users();
  std::atomic<int> calls{0};
  const std::int64_t reset = to_unix_seconds(clock_.now()) + 30;
  const std::string all_events = page_body(events_, 0, events_.size());
  https_.server().Get("/api/v1/logs", [&](const httplib::Request&, httplib::Response& res) {
    if (calls++ == 0) {
      res.status = 429;
      res.set_header("X-Rate-Limit-Limit", "120");
      res.set_header("X-Rate-Limit-Remaining", "0");
      res.set_header("X-Rate-Limit-Reset", std::to_string(reset));
      res.set_content(R"({"errorCode":"E0000047","errorSummary":"API call exceeded rate limit"})",
                      "application/json");
      return;
    }
    res.set_content(all_events, "application/json");
  });
  start();
  BuiltSource built = build_live();
  auto report = built.evidence->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->complete) << diagnostics_text(*report);
  ASSERT_EQ(sleeps_.size(), 1u);
  EXPECT_EQ(sleeps_[0], milliseconds{31'000});  // until X-Rate-Limit-Reset, plus 1 s margin
  EXPECT_EQ(report->evidence.size(), 22u);
}

TEST_F(OktaLive, PersistentRateLimitGivesAnIncompleteReport) {
  serve_users();
  https_.server().Get("/api/v1/logs", [&](const httplib::Request&, httplib::Response& res) {
    res.status = 429;
    res.set_header("X-Rate-Limit-Reset", std::to_string(to_unix_seconds(clock_.now()) + 60));
  });
  start();
  BuiltSource built = build_live();
  auto report = built.evidence->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(report.has_value());
  EXPECT_FALSE(report->complete);
  ASSERT_EQ(report->diagnostics.size(), 1u);
  const auto& d = report->diagnostics[0];
  EXPECT_TRUE(d.location.starts_with("GET " + https_.base_url() + "/api/v1/logs?since="));
  EXPECT_TRUE(d.location.ends_with(" -> 429")) << d.location;
  EXPECT_NE(d.message.find("rate limited"), std::string::npos);
  EXPECT_EQ(log_requests().size(), 3u);  // the third wait would pass the 180 s budget
  EXPECT_EQ(report->evidence.size(), 1u);  // the user object is still there
}

TEST_F(OktaLive, ServerErrorStormGivesIncompleteReportNamingUrlAndStatus) {
  serve_users();
  https_.server().Get("/api/v1/logs", [](const httplib::Request&, httplib::Response& res) {
    res.status = 500;
    res.set_content(R"({"errorCode":"E0000009","errorSummary":"Internal Server Error"})",
                    "application/json");
  });
  start();
  BuiltSource built = build_live();
  auto report = built.evidence->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(report.has_value());
  EXPECT_FALSE(report->complete);
  EXPECT_EQ(log_requests().size(), 4u);  // RetryPolicy::max_attempts
  EXPECT_EQ(sleeps_, (std::vector<milliseconds>{milliseconds{1000}, milliseconds{2000},
                                                  milliseconds{4000}}));
  ASSERT_EQ(report->diagnostics.size(), 1u);
  const auto& d = report->diagnostics[0];
  EXPECT_TRUE(d.location.starts_with("GET " + https_.base_url() + "/api/v1/logs?"));
  EXPECT_TRUE(d.location.ends_with(" -> 500"));
  EXPECT_EQ(d.message, "server error; gave up after 4 attempts: Internal Server Error");
}

TEST_F(OktaLive, InvalidJsonPageKeepsEarlierPages) {
  serve_users();
  const std::string first = page_body(events_, 0, 4);
  https_.server().Get("/api/v1/logs", [&, first](const httplib::Request& req,
                                                 httplib::Response& res) {
    if (!req.has_param("after")) {
      res.set_header("Link", "<" + https_.base_url() + "/api/v1/logs?after=4>; rel=\"next\"");
      res.set_content(first, "application/json");
      return;
    }
    res.set_content(R"([{"uuid": "truncated)", "application/json");
  });
  start();
  BuiltSource built = build_live();
  auto report = built.evidence->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(report.has_value());
  EXPECT_FALSE(report->complete);
  EXPECT_EQ(report->records_read, 4);
  EXPECT_EQ(report->evidence.size(), 5u);  // the user object + the first page's 4 events
  const std::string text = diagnostics_text(*report);
  EXPECT_NE(text.find("/api/v1/logs?after=4 -> 200"), std::string::npos) << text;
  EXPECT_NE(text.find("not valid JSON"), std::string::npos) << text;
}

TEST_F(OktaLive, NextLinkToAnotherHostIsNotFollowed) {
  serve_users();
  https_.server().Get("/api/v1/logs", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Link", "<https://collector.attacker.example/api/v1/logs?after=1>; rel=\"next\"");
    res.set_content("[]", "application/json");
  });
  start();
  BuiltSource built = build_live();
  auto report = built.evidence->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(report.has_value());
  EXPECT_FALSE(report->complete);
  EXPECT_NE(diagnostics_text(*report).find("not followed"), std::string::npos);
  EXPECT_EQ(log_requests().size(), 1u);
}

TEST_F(OktaLive, MissingTokenVariableIsInvalidArgumentNamingTokenEnv) {
  start();
  env_.clear();
  auto built = build(live_config());
  ASSERT_FALSE(built.has_value());
  EXPECT_EQ(built.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(built.error().message,
            "sources.identity.token_env: environment variable OKTA_TOKEN is not set");
}

TEST_F(OktaLive, BadLiveConfigIsRefused) {
  start();
  auto mixed = live_config();
  mixed["users"] = "okta/users.json";
  EXPECT_EQ(build(mixed).error().code, ErrorCode::InvalidArgument);
  auto plain = live_config();
  plain["base_url"] = "http://okta.example";
  EXPECT_NE(build(plain).error().message.find("sources.identity.base_url"), std::string::npos);
  auto with_path = live_config();
  with_path["base_url"] = https_.base_url() + "/api/v1";
  EXPECT_EQ(build(with_path).error().code, ErrorCode::InvalidArgument);
  auto no_env = live_config();
  no_env.erase("token_env");
  EXPECT_NE(build(no_env).error().message.find("sources.identity.token_env"), std::string::npos);
  SourceContext no_http = context_for(scenario_dir(), "sources.identity");
  no_http.secret = [](std::string_view) { return std::optional<std::string>(kToken); };
  EXPECT_EQ(create_okta_source(live_config(), no_http).error().code,
            ErrorCode::FailedPrecondition);
}

TEST_F(OktaLive, TokenNeverAppearsInErrorsOrDiagnostics) {
  // A hostile or buggy server echoes the Authorization header back in its error summaries.
  const auto echo = [](const httplib::Request& req, httplib::Response& res, int status) {
    res.status = status;
    res.set_content(nlohmann::json{{"errorSummary", "bad credentials: " +
                                                        req.get_header_value("Authorization")}}
                        .dump(),
                    "application/json");
  };
  https_.server().Get("/api/v1/users/(.+)", [&](const httplib::Request& req,
                                                httplib::Response& res) {
    echo(req, res, req.matches[1].str() == kContractorId ? 503 : 401);
  });
  https_.server().Get("/api/v1/logs", [&](const httplib::Request& req, httplib::Response& res) {
    echo(req, res, 502);
  });
  start();
  BuiltSource built = build_live();
  auto unauthenticated = built.identity->resolve_subject("someone");
  ASSERT_FALSE(unauthenticated.has_value());
  EXPECT_EQ(unauthenticated.error().code, ErrorCode::Unauthenticated);
  EXPECT_NE(unauthenticated.error().message.find("OKTA_TOKEN"), std::string::npos);
  EXPECT_EQ(unauthenticated.error().message.find(kToken), std::string::npos);
  auto unavailable = built.identity->resolve_subject(kContractorId);
  ASSERT_FALSE(unavailable.has_value());
  EXPECT_EQ(unavailable.error().code, ErrorCode::Unavailable);
  EXPECT_NE(unavailable.error().message.find("[redacted]"), std::string::npos);
  EXPECT_EQ(unavailable.error().message.find(kToken), std::string::npos);
  auto report = built.evidence->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(report.has_value());
  EXPECT_FALSE(report->complete);
  EXPECT_EQ(report->diagnostics.size(), 2u);  // the user lookup and the first log page
  const std::string text = visible_text(*report);
  EXPECT_NE(text.find("-> 502"), std::string::npos) << text;
  EXPECT_NE(text.find("[redacted]"), std::string::npos) << text;
  EXPECT_EQ(text.find(kToken), std::string::npos) << text;
}

TEST_F(OktaLive, UnreachableOrgIsUnavailable) {
  start();
  auto config = live_config();
  int port = 0;
  {
    HttpsTestServer gone;
    port = gone.port();
  }
  config["base_url"] = "https://127.0.0.1:" + std::to_string(port);
  auto built = build(config);
  ASSERT_TRUE(built.has_value());
  auto report = built->evidence->collect(contractor(), TimeWindow{});
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::Unavailable);
  EXPECT_EQ(report.error().message.find(kToken), std::string::npos);
}

}  // namespace
}  // namespace ec::adapters::okta
