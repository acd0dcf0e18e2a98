// Entra ID live mode end to end: EntraLiveSource -> HttplibClient (real TLS) -> a loopback HTTPS
// server playing Microsoft Graph (users, directoryAudits, v1.0 and beta signIns) over the bundled
// Entra scenario's records, with @odata.nextLink paging, 429 Retry-After, 500s and bad JSON.
#include "adapters/entra_id/entra_live_source.h"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <map>
#include <set>
#include <tuple>

#include "adapters/common/json_fields.h"
#include "adapters/common/text.h"
#include "adapters/entra_id/config.h"
#include "plugin/net/httplib_client.h"
#include "tests/adapters/adapter_test_util.h"
#include "tests/adapters/live_source_test.h"
#include "tests/fakes/https_test_server.h"

namespace ec::adapters::entra_id {
namespace {

using ec::adapters::testing::LiveSourceTest;
using ec::adapters::testing::context_for;
using ec::adapters::testing::diagnostics_text;
using ec::adapters::testing::load_json;
using ec::adapters::testing::scenario_sources;
using ec::testing::HttpsTestServer;
using ec::testing::scenario_dir;
using std::chrono::milliseconds;

constexpr char kScenario[] = "contractor_after_deprovision_entra";
constexpr char kToken[] = "eyJ0eXAiOiJKV1Qi.graph-SECRET-token.4711";
constexpr char kDario[] = "5f0c2b7e-8d1a-4c9e-9b3f-2a6d7e1c4b90";
constexpr char kUpn[] = "dario.mq@contractors.brightwell.example";

std::vector<nlohmann::json> page_values(const std::filesystem::path& file) {
  const auto page = load_json(file);
  return {page["value"].begin(), page["value"].end()};
}

std::vector<nlohmann::json> json_lines(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<nlohmann::json> out;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  }
  return out;
}

class EntraLive : public LiveSourceTest {
 protected:
  EntraLive() : LiveSourceTest("GRAPH_TOKEN", kToken) {}

  bool authorized(const httplib::Request& req, httplib::Response& res) const {
    if (req.get_header_value("Authorization") == std::string("Bearer ") + kToken) return true;
    res.status = 401;
    res.set_content(
        R"({"error":{"code":"InvalidAuthenticationToken","message":"Access token validation failure."}})",
        "application/json");
    return false;
  }

  // A Graph collection page of `items` from `skip`, with @odata.nextLink carrying $skiptoken.
  void page(const httplib::Request& req, httplib::Response& res,
            const std::vector<nlohmann::json>& items, std::size_t page_size) {
    const std::size_t skip =
        req.has_param("$skiptoken") ? std::stoul(req.get_param_value("$skiptoken")) : 0;
    nlohmann::json body = {{"@odata.context", "https://graph.microsoft.com/v1.0/$metadata#x"}};
    body["value"] = nlohmann::json::array();
    for (std::size_t i = skip; i < skip + page_size && i < items.size(); ++i) {
      body["value"].push_back(items[i]);
    }
    if (skip + page_size < items.size()) {
      // Graph's own encoding of the original query, plus the token: followed verbatim.
      body["@odata.nextLink"] = https_.base_url() + req.path + "?%24filter=" +
                                url_encode_component(req.get_param_value("$filter")) +
                                "&%24top=" + req.get_param_value("$top") +
                                "&%24skiptoken=" + std::to_string(skip + page_size);
    }
    res.set_content(body.dump(), "application/json");
  }

  void serve_users() {
    https_.server().Get("/v1.0/users/(.+)", [this](const httplib::Request& req,
                                                   httplib::Response& res) {
      if (!authorized(req, res)) return;
      for (const auto& user : users_) {
        if (user.value("id", "") == req.matches[1].str() ||
            common::iequals(user.value("userPrincipalName", ""), req.matches[1].str())) {
          res.set_content(user.dump(), "application/json");
          return;
        }
      }
      res.status = 404;
      res.set_content(
          R"({"error":{"code":"Request_ResourceNotFound","message":"Resource does not exist."}})",
          "application/json");
    });
    https_.server().Get("/v1.0/users", [this](const httplib::Request& req,
                                              httplib::Response& res) {
      if (!authorized(req, res)) return;
      nlohmann::json body = {{"value", nlohmann::json::array()}};
      for (const auto& user : users_) {
        if (req.get_param_value("$filter") == "mail eq '" + user.value("mail", "") + "'") {
          body["value"].push_back(user);
        }
      }
      res.set_content(body.dump(), "application/json");
    });
  }

  void serve_logs(std::size_t page_size) {
    https_.server().Get("/v1.0/auditLogs/directoryAudits", [this, page_size](
                                                                const httplib::Request& req,
                                                                httplib::Response& res) {
      if (!authorized(req, res)) return;
      std::vector<nlohmann::json> hits;
      for (const auto& a : audits_) {
        const std::string id = a["targetResources"][0].value("id", "");
        if (req.get_param_value("$filter").find("t/id eq '" + id + "'") != std::string::npos) {
          hits.push_back(a);
        }
      }
      page(req, res, hits, page_size);
    });
    const auto sign_ins = [this, page_size](const std::vector<nlohmann::json>& items) {
      return [this, page_size, items](const httplib::Request& req, httplib::Response& res) {
        if (!authorized(req, res)) return;
        std::vector<nlohmann::json> hits;
        for (const auto& s : items) {
          if (req.get_param_value("$filter").starts_with("userId eq '" +
                                                         s.value("userId", "") + "'")) {
            hits.push_back(s);
          }
        }
        page(req, res, hits, page_size);
      };
    };
    https_.server().Get("/v1.0/auditLogs/signIns", sign_ins(interactive_));
    https_.server().Get("/beta/auditLogs/signIns", sign_ins(non_interactive_));
  }

  nlohmann::json live_config() const {
    return {{"kind", "entra_id"}, {"base_url", https_.base_url()}, {"token_env", "GRAPH_TOKEN"}};
  }

  Result<BuiltSource> build(const nlohmann::json& config) {
    SourceContext context = live_context(scenario_dir(kScenario), "sources.identity");
    EntraLiveOptions options;
    options.sleep = recording_sleep();
    return create_entra_source(config, context, options);
  }

  BuiltSource build_live() {
    auto built = build(live_config());
    EXPECT_TRUE(built.has_value()) << built.error().to_string();
    return std::move(*built);
  }

  std::vector<ec::testing::RecordedRequest> requests_to(const std::string& path) const {
    std::vector<ec::testing::RecordedRequest> out;
    for (auto& r : https_.requests()) {
      if (r.path == path) out.push_back(r);
    }
    return out;
  }

  Subject dario() {
    Subject s;
    s.id = kDario;
    s.login = kUpn;
    s.email = kUpn;
    s.status = "DISABLED";
    s.deprovisioned_at = parse_rfc3339("2025-03-11T16:45:12.302Z").value();
    return s;
  }

  static std::string visible_text(const SourceReport& report) {
    std::string text = diagnostics_text(report);
    for (const auto& e : report.evidence) text += e.origin + "\n" + e.summary + "\n";
    return text;
  }

  const std::filesystem::path dir_ = scenario_dir(kScenario) / "entra";
  const std::vector<nlohmann::json> users_ = page_values(dir_ / "users.json");
  const std::vector<nlohmann::json> audits_ = page_values(dir_ / "directory_audits.json");
  const std::vector<nlohmann::json> interactive_ = json_lines(dir_ / "sign_ins/interactive.jsonl");
  const std::vector<nlohmann::json> non_interactive_ =
      page_values(dir_ / "sign_ins/non_interactive.json");
};

TEST_F(EntraLive, ResolvesSubjectAndItsDeprovisioningTimeThroughGraph) {
  serve_users();
  serve_logs(2);
  start();
  BuiltSource built = build_live();
  ASSERT_NE(built.identity, nullptr);
  auto subject = built.identity->resolve_subject(kUpn);
  ASSERT_TRUE(subject.has_value()) << subject.error().to_string();
  EXPECT_EQ(subject->id, kDario);
  EXPECT_EQ(subject->status, "DISABLED");
  ASSERT_TRUE(subject->deprovisioned_at.has_value());
  EXPECT_EQ(format_rfc3339(*subject->deprovisioned_at), "2025-03-11T16:45:12.302Z");
  const auto user = requests_to("/v1.0/users/dario.mq@contractors.brightwell.example").at(0);
  EXPECT_TRUE(user.target.starts_with(
      "/v1.0/users/dario.mq%40contractors.brightwell.example?$select=id%2CdisplayName"))
      << user.target;
  EXPECT_EQ(user.header("Authorization"), std::string("Bearer ") + kToken);
  const auto audits = requests_to("/v1.0/auditLogs/directoryAudits");
  ASSERT_EQ(audits.size(), 2u);  // 4 audits name the contractor, 2 per page
  EXPECT_EQ(audits[0].param("$filter"),
            "activityDateTime ge 2025-02-18T00:00:00Z and activityDateTime le "
            "2025-03-20T00:00:00Z and targetResources/any(t:t/id eq '" +
                std::string(kDario) + "')");
  EXPECT_EQ(audits[1].param("$skiptoken"), "2");
}

TEST_F(EntraLive, AnAddressThatIsNoUpnIsLookedUpByMailThenNotFound) {
  serve_users();
  serve_logs(10);
  start();
  BuiltSource built = build_live();
  auto subject = built.identity->resolve_subject("tomas.reyes@brightwell.example");
  ASSERT_TRUE(subject.has_value()) << subject.error().to_string();  // the UPN: one request
  auto missing = built.identity->resolve_subject("nobody@brightwell.example");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
  EXPECT_EQ(requests_to("/v1.0/users").size(), 1u);  // the $filter=mail eq '...' fallback
}

TEST_F(EntraLive, ADeletedUserIsFoundInDeletedItemsByObjectId) {
  https_.server().Get("/v1.0/directory/deletedItems/(.+)", [this](const httplib::Request& req,
                                                                  httplib::Response& res) {
    if (!authorized(req, res)) return;
    nlohmann::json user = users_[0];
    user["userPrincipalName"] = std::string(kDario).substr(0, 8) + kUpn;  // Graph's rewrite
    user["deletedDateTime"] = "2025-03-11T16:50:00Z";
    if (req.matches[1] == kDario) {
      res.set_content(user.dump(), "application/json");
    } else {
      res.status = 404;
    }
  });
  https_.server().Get("/v1.0/users/(.+)", [](const httplib::Request&, httplib::Response& res) {
    res.status = 404;
  });
  serve_logs(10);
  start();
  BuiltSource built = build_live();
  auto subject = built.identity->resolve_subject(kDario);
  ASSERT_TRUE(subject.has_value()) << subject.error().to_string();
  EXPECT_EQ(subject->status, "DELETED");
  ASSERT_TRUE(subject->deprovisioned_at.has_value());  // the audits still date it
  EXPECT_EQ(format_rfc3339(*subject->deprovisioned_at), "2025-03-11T16:45:12.302Z");
  auto missing = built.identity->resolve_subject("00000000-0000-0000-0000-000000000000");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
}

TEST_F(EntraLive, CollectsEveryPageAndTheSameEvidenceAsTheExport) {
  serve_users();
  serve_logs(2);
  start();
  BuiltSource built = build_live();
  auto report = built.evidence->collect(dario(), TimeWindow{});
  ASSERT_TRUE(report.has_value()) << report.error().to_string();
  EXPECT_TRUE(report->complete) << diagnostics_text(*report);
  ASSERT_EQ(report->evidence.size(), 12u);
  const auto interactive = requests_to("/v1.0/auditLogs/signIns");
  ASSERT_EQ(interactive.size(), 2u);
  EXPECT_EQ(interactive[0].param("$filter"),
            "userId eq '" + std::string(kDario) +
                "' and createdDateTime ge 2025-02-09T16:45:12.302Z and createdDateTime le "
                "2025-03-20T00:00:00Z");
  EXPECT_EQ(interactive[0].param("$top"), "1000");
  EXPECT_NE(interactive[1].target.find("%24skiptoken=2"), std::string::npos)
      << interactive[1].target;  // the next link, verbatim
  const auto beta = requests_to("/beta/auditLogs/signIns");
  ASSERT_EQ(beta.size(), 2u);
  EXPECT_TRUE(beta[0].param("$filter")->ends_with(
      " and signInEventTypes/any(t: t eq 'nonInteractiveUser')"));

  auto files = create_entra_source(scenario_sources(kScenario)["identity"],
                                   context_for(scenario_dir(kScenario), "sources.identity"));
  ASSERT_TRUE(files.has_value());
  auto expected = files->evidence->collect(dario(), TimeWindow{});
  ASSERT_TRUE(expected.has_value());
  using Key = std::tuple<std::string, Timestamp, std::string, int, std::string>;
  const auto keys = [](const SourceReport& r) {
    std::multiset<Key> out;
    for (const auto& e : r.evidence) {
      out.insert({e.kind, e.time, e.request_id, static_cast<int>(e.outcome), e.summary});
    }
    return out;
  };
  EXPECT_EQ(keys(*report), keys(*expected));
  EXPECT_EQ(visible_text(*report).find(kToken), std::string::npos);
}

TEST_F(EntraLive, WaitsForRetryAfterThenContinues) {
  serve_users();
  std::atomic<int> calls{0};
  https_.server().Get("/v1.0/auditLogs/directoryAudits", [&](const httplib::Request&,
                                                             httplib::Response& res) {
    if (calls++ == 0) {
      res.status = 429;
      res.set_header("Retry-After", "7");
      res.set_content(R"({"error":{"code":"TooManyRequests","message":"Too many requests"}})",
                      "application/json");
      return;
    }
    res.set_content(nlohmann::json{{"value", audits_}}.dump(), "application/json");
  });
  https_.server().Get("/v1.0/auditLogs/signIns", [&](const httplib::Request&,
                                                     httplib::Response& res) {
    res.set_content(nlohmann::json{{"value", interactive_}}.dump(), "application/json");
  });
  https_.server().Get("/beta/auditLogs/signIns", [&](const httplib::Request&,
                                                     httplib::Response& res) {
    res.set_content(nlohmann::json{{"value", non_interactive_}}.dump(), "application/json");
  });
  start();
  BuiltSource built = build_live();
  auto report = built.evidence->collect(dario(), TimeWindow{});
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->complete) << diagnostics_text(*report);
  EXPECT_EQ(sleeps_, (std::vector<milliseconds>{milliseconds{7'000}}));
  EXPECT_EQ(report->evidence.size(), 12u);
}

TEST_F(EntraLive, RateLimitStormIsBoundedAndLeavesTheReportIncomplete) {
  serve_users();
  https_.server().Get("/v1.0/auditLogs/directoryAudits", [](const httplib::Request&,
                                                            httplib::Response& res) {
    res.set_content(R"({"value":[]})", "application/json");
  });
  const auto storm = [](const httplib::Request&, httplib::Response& res) {
    res.status = 429;
    res.set_header("Retry-After", "50");
  };
  https_.server().Get("/v1.0/auditLogs/signIns", storm);
  https_.server().Get("/beta/auditLogs/signIns", storm);
  start();
  BuiltSource built = build_live();
  auto report = built.evidence->collect(dario(), TimeWindow{});
  ASSERT_TRUE(report.has_value());
  EXPECT_FALSE(report->complete);
  // 180 s budget per collect(): 3 waits of 50 s, then nothing more is waited for.
  EXPECT_EQ(sleeps_.size(), 3u);
  EXPECT_LE(https_.request_count(), 10u);
  ASSERT_EQ(report->diagnostics.size(), 2u) << diagnostics_text(*report);
  EXPECT_TRUE(report->diagnostics[0].location.starts_with(
      "GET " + https_.base_url() + "/v1.0/auditLogs/signIns?$filter="));
  EXPECT_TRUE(report->diagnostics[0].location.ends_with(" -> 429"));
  EXPECT_NE(report->diagnostics[0].message.find("rate limited"), std::string::npos);
  EXPECT_TRUE(report->diagnostics[1].location.ends_with(" -> 429"));
}

TEST_F(EntraLive, ServerErrorsAndInvalidJsonNameUrlAndStatus) {
  serve_users();
  https_.server().Get("/v1.0/auditLogs/directoryAudits", [](const httplib::Request&,
                                                            httplib::Response& res) {
    res.status = 500;
    res.set_content(R"({"error":{"code":"UnknownError","message":"Backend failure"}})",
                    "application/json");
  });
  https_.server().Get("/v1.0/auditLogs/signIns", [](const httplib::Request&,
                                                    httplib::Response& res) {
    res.set_content(R"({"value":[{"id":"trunc)", "application/json");
  });
  https_.server().Get("/beta/auditLogs/signIns", [](const httplib::Request&,
                                                    httplib::Response& res) {
    res.set_content(R"({"error":"not a page"})", "application/json");
  });
  start();
  BuiltSource built = build_live();
  auto report = built.evidence->collect(dario(), TimeWindow{});
  ASSERT_TRUE(report.has_value());
  EXPECT_FALSE(report->complete);
  const std::string text = diagnostics_text(*report);
  EXPECT_NE(text.find("/v1.0/auditLogs/directoryAudits?"), std::string::npos) << text;
  EXPECT_NE(text.find(" -> 500: server error; gave up after 4 attempts: Backend failure"),
            std::string::npos) << text;
  EXPECT_NE(text.find(" -> 200: the response is not valid JSON"), std::string::npos) << text;
  EXPECT_NE(text.find("expected a Graph collection page"), std::string::npos) << text;
  EXPECT_EQ(report->evidence.size(), 1u);  // the user object
}

TEST_F(EntraLive, RejectedTokenIsUnauthenticatedAndNeverShown) {
  serve_users();
  start();
  env_["GRAPH_TOKEN"] = "wrong-token";
  BuiltSource built = build_live();
  auto subject = built.identity->resolve_subject(kUpn);
  ASSERT_FALSE(subject.has_value());
  EXPECT_EQ(subject.error().code, ErrorCode::Unauthenticated);
  EXPECT_NE(subject.error().message.find("GRAPH_TOKEN"), std::string::npos);
  EXPECT_EQ(subject.error().message.find("wrong-token"), std::string::npos);
  auto report = built.evidence->collect(dario(), TimeWindow{});
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::Unauthenticated);
}

TEST_F(EntraLive, ConfigErrorsNameTheKey) {
  start();
  env_.clear();
  auto missing = build(live_config());
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().message,
            "sources.identity.token_env: environment variable GRAPH_TOKEN is not set");
  env_["GRAPH_TOKEN"] = kToken;
  auto plain = build({{"kind", "entra_id"}, {"base_url", "http://graph.microsoft.com"},
                      {"token_env", "GRAPH_TOKEN"}});
  ASSERT_FALSE(plain.has_value());
  EXPECT_TRUE(plain.error().message.starts_with("sources.identity.base_url: expected Microsoft "
                                                "Graph's https:// origin"));
  auto both = build({{"kind", "entra_id"}, {"base_url", https_.base_url()},
                     {"token_env", "GRAPH_TOKEN"}, {"users", "entra/users.json"}});
  ASSERT_FALSE(both.has_value());
  EXPECT_NE(both.error().message.find("not both"), std::string::npos);
}

}  // namespace
}  // namespace ec::adapters::entra_id
