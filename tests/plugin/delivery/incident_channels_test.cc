// PagerDuty and Jira channels against a loopback HTTPS server that checks the request shape and
// answers like the real APIs (202/201, 400, 429 with Retry-After, 5xx), and through the outbox
// worker: one alert and one issue per case across retries and a restart.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <set>

#include "plugin/core/hash.h"
#include "plugin/core/incident.h"
#include "plugin/delivery/adf.h"
#include "plugin/delivery/http_delivery.h"
#include "plugin/delivery/jira_channel.h"
#include "plugin/delivery/outbox_worker.h"
#include "plugin/delivery/pagerduty_channel.h"
#include "plugin/net/httplib_client.h"
#include "tests/fakes/https_test_server.h"
#include "tests/plugin/delivery/outbox_fixture.h"

namespace ec::testing {
namespace {

using delivery::JiraChannel;
using delivery::JiraConfig;
using delivery::OutboxWorker;
using delivery::PagerDutyChannel;
using delivery::PagerDutyConfig;

constexpr char kRoutingKey[] = "R0UT1NGKEY0123456789abcdefABCDEF";
constexpr char kJiraToken[] = "jira-api-token-SECRET";

IncidentNotice notice_for(IncidentAction action = IncidentAction::Trigger) {
  IncidentNotice notice;
  notice.action = action;
  notice.case_id = kCaseId;
  notice.ticket_ref = "48213";
  notice.severity = Severity::Critical;
  notice.title = "Possible access to customer attachments after deprovisioning of <PERSON_1>";
  notice.text = "Facts\n\n- E7: download of <ATTACHMENT_1> after deprovisioning\n- E9: presign";
  notice.evidence_ids = {"E7", "E9"};
  notice.matched_rules = {"access-after-deprovision"};
  notice.reason = action == IncidentAction::Resolve ? "contained, customer informed" : "";
  notice.at = make_utc(2025, 3, 12, 9, 52, 0);
  return notice;
}

OutboxMessage incident_message(const std::string& channel, IncidentAction action, Timestamp now) {
  OutboxMessage message = make_message(
      std::string(channel) + "-" + std::string(incident_action_name(action)), channel, now);
  message.payload = incident_to_json(notice_for(action));
  return message;
}

std::unique_ptr<net::HttplibClient> client_for(const HttpsTestServer& server) {
  net::HttplibClientOptions options;
  options.ca_file = server.ca_file().string();
  auto client = net::HttplibClient::create(options);
  EXPECT_TRUE(client.has_value());
  return std::move(*client);
}

// ---- pure pieces -------------------------------------------------------------------------

TEST(PagerDutyEvent, TriggerHasTheFieldsTheEventsApiRequires) {
  PagerDutyConfig config;
  config.routing_key = kRoutingKey;
  config.component = "s3://support-attachments";
  config.case_url = "https://copilot.example/cases/{case}";
  const auto event = delivery::pagerduty_event(notice_for(), config);
  EXPECT_EQ(event["routing_key"], kRoutingKey);
  EXPECT_EQ(event["event_action"], "trigger");
  EXPECT_EQ(event["dedup_key"], "escalation-copilot/C1");
  EXPECT_EQ(event["payload"]["severity"], "critical");
  EXPECT_EQ(event["payload"]["source"], "escalation-copilot");
  EXPECT_EQ(event["payload"]["timestamp"], "2025-03-12T09:52:00Z");
  EXPECT_EQ(event["payload"]["component"], "s3://support-attachments");
  EXPECT_EQ(event["payload"]["custom_details"]["evidence"], nlohmann::json({"E7", "E9"}));
  EXPECT_EQ(event["client_url"], "https://copilot.example/cases/C1");
  EXPECT_EQ(event["links"][0]["href"], "https://copilot.example/cases/C1");
}

TEST(PagerDutyEvent, SummaryIsCutToTheApiLimitAndSeveritiesMap) {
  PagerDutyConfig config;
  IncidentNotice notice = notice_for();
  notice.title = std::string(3000, 'x');
  notice.severity = Severity::Medium;
  const auto event = delivery::pagerduty_event(notice, config);
  EXPECT_LE(event["payload"]["summary"].get<std::string>().size(), 1024U);
  EXPECT_EQ(event["payload"]["severity"], "warning");
  notice.severity = Severity::Low;
  EXPECT_EQ(delivery::pagerduty_event(notice, config)["payload"]["severity"], "info");
}

TEST(PagerDutyEvent, ResolveCarriesOnlyTheKey) {
  PagerDutyConfig config;
  config.routing_key = kRoutingKey;
  const auto event = delivery::pagerduty_event(notice_for(IncidentAction::Resolve), config);
  EXPECT_EQ(event["event_action"], "resolve");
  EXPECT_EQ(event["dedup_key"], "escalation-copilot/C1");
  EXPECT_FALSE(event.contains("payload"));
}

TEST(Adf, BuildsParagraphsListsAndHeadings) {
  const auto doc = delivery::adf_document("# Facts\n\nline one\nline two\n\n- a <EMAIL_1>\n- b\n");
  EXPECT_EQ(doc["type"], "doc");
  EXPECT_EQ(doc["version"], 1);
  ASSERT_EQ(doc["content"].size(), 3U);
  EXPECT_EQ(doc["content"][0]["type"], "heading");
  EXPECT_EQ(doc["content"][0]["attrs"]["level"], 1);
  EXPECT_EQ(doc["content"][1]["type"], "paragraph");
  EXPECT_EQ(doc["content"][1]["content"][1]["type"], "hardBreak");
  EXPECT_EQ(doc["content"][2]["type"], "bulletList");
  EXPECT_EQ(doc["content"][2]["content"][0]["content"][0]["content"][0]["text"], "a <EMAIL_1>");
  EXPECT_EQ(delivery::adf_document("")["content"].size(), 1U);  // Jira rejects empty docs
}

TEST(JiraIssueRequest, HasProjectTypeSummaryAdfLabelsAndPriority) {
  JiraConfig config;
  config.project_key = "SEC";
  config.issue_type = "Incident";
  const auto request = delivery::jira_issue_request(notice_for(), config);
  const auto& fields = request["fields"];
  EXPECT_EQ(fields["project"]["key"], "SEC");
  EXPECT_EQ(fields["issuetype"]["name"], "Incident");
  EXPECT_EQ(fields["priority"]["name"], "Highest");
  EXPECT_EQ(fields["description"]["type"], "doc");
  EXPECT_LE(fields["summary"].get<std::string>().size(), 255U);
  const auto labels = fields["labels"].get<std::vector<std::string>>();
  EXPECT_NE(std::find(labels.begin(), labels.end(), delivery::jira_case_label(kCaseId)),
            labels.end());
  for (const auto& label : labels) EXPECT_EQ(label.find(' '), std::string::npos);
}

TEST(DeliveryResponse, ClassifiesStatusesAndMasksSecrets) {
  const Timestamp now = make_utc(2025, 3, 12, 9, 0, 0);
  HttpRequest request;
  request.method = "POST";
  request.url = "https://events.example/v2/enqueue";
  const auto answer = [](int status, std::string body = "") {
    HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    return response;
  };
  HttpResponse busy = answer(429, "slow down");
  busy.headers = {{"Retry-After", "30"}};
  auto limited = delivery::check_delivery_response("pagerduty", request, busy, now);
  ASSERT_FALSE(limited.has_value());
  EXPECT_EQ(limited.error().code, ErrorCode::Unavailable);
  EXPECT_EQ(limited.error().retry_after, std::chrono::seconds(30));

  const HttpResponse bad = answer(400, std::string("{\"errors\":[\"bad key ") + kRoutingKey + "\"]}");
  auto invalid = delivery::check_delivery_response("pagerduty", request, bad, now, {kRoutingKey});
  ASSERT_FALSE(invalid.has_value());
  EXPECT_EQ(invalid.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(invalid.error().message.find(kRoutingKey), std::string::npos);
  EXPECT_NE(invalid.error().message.find("400"), std::string::npos);

  const HttpResponse denied = answer(401);
  EXPECT_EQ(delivery::check_delivery_response("jira", request, denied, now).error().code,
            ErrorCode::PermissionDenied);
  const HttpResponse down = answer(503);
  EXPECT_EQ(delivery::check_delivery_response("jira", request, down, now).error().code,
            ErrorCode::Unavailable);
}

// ---- PagerDuty over HTTPS ----------------------------------------------------------------

class PagerDutyOverHttps : public OutboxTest {
 protected:
  void SetUp() override {
    OutboxTest::SetUp();
    https_.server().Post("/v2/enqueue", [this](const httplib::Request& req, httplib::Response& res) {
      const auto body = nlohmann::json::parse(req.body, nullptr, false);
      std::lock_guard lock(mutex_);
      if (!script_.empty()) {
        const int status = script_.front();
        script_.erase(script_.begin());
        if (status == 429) res.set_header("Retry-After", "30");
        res.status = status;
        res.set_content(R"({"status":"throttled"})", "application/json");
        return;
      }
      if (!body.is_object() || body.value("routing_key", "") != kRoutingKey ||
          !body.contains("dedup_key") || req.get_header_value("Content-Type") != "application/json") {
        res.status = 400;
        res.set_content(R"({"status":"invalid event","message":"Event object is invalid"})",
                        "application/json");
        return;
      }
      const std::string key = body["dedup_key"];
      if (body["event_action"] == "trigger") {
        if (!body.contains("payload") || !body["payload"].contains("summary") ||
            !body["payload"].contains("source") || !body["payload"].contains("severity")) {
          res.status = 400;
          res.set_content(R"({"status":"invalid event"})", "application/json");
          return;
        }
        if (open_alerts_.insert(key).second) ++alerts_opened_;
      } else if (body["event_action"] == "resolve") {
        open_alerts_.erase(key);
      }
      ++accepted_;
      res.status = 202;
      res.set_content(nlohmann::json{{"status", "success"}, {"message", "Event processed"},
                                     {"dedup_key", key}}
                          .dump(),
                      "application/json");
    });
    https_.start();
    http_ = client_for(https_);
  }

  std::unique_ptr<OutboxWorker> worker(const std::string& routing_key = kRoutingKey) {
    auto w = std::make_unique<OutboxWorker>(*store_, clock_);
    PagerDutyConfig config;
    config.events_url = https_.base_url() + "/v2/enqueue";
    config.routing_key = routing_key;
    EXPECT_TRUE(w->add_channel(std::make_unique<PagerDutyChannel>(config, *http_, clock_)));
    return w;
  }

  HttpsTestServer https_;
  std::unique_ptr<net::HttplibClient> http_;
  std::mutex mutex_;
  std::vector<int> script_;  // statuses answered before normal processing
  std::set<std::string> open_alerts_;
  int alerts_opened_ = 0;
  int accepted_ = 0;
};

TEST_F(PagerDutyOverHttps, TriggerPagesOnceAcrossRetriesAndARestart) {
  script_ = {500, 429};
  enqueue(incident_message("pagerduty", IncidentAction::Trigger, clock_.now()));

  auto first = worker()->run_once(10);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->retried, 1);
  auto message = only_message();
  EXPECT_EQ(message.state, OutboxState::Pending);
  EXPECT_NE(message.last_error.find("500"), std::string::npos);

  clock_.advance(std::chrono::seconds(2));
  ASSERT_TRUE(worker()->run_once(10).has_value());  // answered 429, Retry-After: 30
  message = only_message();
  ASSERT_TRUE(message.next_attempt_at.has_value());
  EXPECT_GE(*message.next_attempt_at, clock_.now() + std::chrono::seconds(30));

  clock_.advance(std::chrono::seconds(10));  // not yet due: nothing is sent
  auto early = worker()->run_once(10);
  ASSERT_TRUE(early.has_value());
  EXPECT_EQ(early->total(), 0);

  clock_.advance(std::chrono::seconds(30));
  auto delivered = worker()->run_once(10);
  ASSERT_TRUE(delivered.has_value());
  EXPECT_EQ(delivered->delivered, 1);
  EXPECT_EQ(only_message().delivery_ref, "trigger:escalation-copilot/C1");

  reopen();  // a restarted process finds nothing left to send
  clock_.advance(std::chrono::minutes(10));
  auto after_restart = worker()->run_until_idle();
  ASSERT_TRUE(after_restart.has_value());
  EXPECT_EQ(after_restart->total(), 0);
  EXPECT_EQ(accepted_, 1);
  EXPECT_EQ(alerts_opened_, 1);
  EXPECT_EQ(https_.request_count(), 3U);
}

TEST_F(PagerDutyOverHttps, ResolveClosesTheSameAlert) {
  enqueue(incident_message("pagerduty", IncidentAction::Trigger, clock_.now()));
  ASSERT_TRUE(worker()->run_until_idle().has_value());
  EXPECT_EQ(open_alerts_.size(), 1U);
  enqueue(incident_message("pagerduty", IncidentAction::Resolve, clock_.now()));
  ASSERT_TRUE(worker()->run_until_idle().has_value());
  EXPECT_TRUE(open_alerts_.empty());
  EXPECT_EQ(alerts_opened_, 1);
}

TEST_F(PagerDutyOverHttps, ABadRequestFailsPermanentlyWithoutLeakingTheKey) {
  enqueue(incident_message("pagerduty", IncidentAction::Trigger, clock_.now()));
  auto round = worker("wrong-key-0000")->run_once(10);
  ASSERT_TRUE(round.has_value());
  EXPECT_EQ(round->failed, 1);
  const auto message = only_message();
  EXPECT_EQ(message.state, OutboxState::Failed);
  EXPECT_NE(message.last_error.find("400"), std::string::npos);
  EXPECT_EQ(message.last_error.find("wrong-key-0000"), std::string::npos);
  for (const auto& record : audit()) {
    EXPECT_EQ(record.entry.payload.dump().find("wrong-key-0000"), std::string::npos);
  }
}

// ---- Jira over HTTPS ---------------------------------------------------------------------

class JiraOverHttps : public OutboxTest {
 protected:
  void SetUp() override {
    OutboxTest::SetUp();
    auto& server = https_.server();
    server.Get("/rest/api/3/search/jql", [this](const httplib::Request& req, httplib::Response& res) {
      if (!authorized(req, res)) return;
      const std::string jql = req.get_param_value("jql");
      nlohmann::json issues = nlohmann::json::array();
      std::lock_guard lock(mutex_);
      for (const auto& [key, labels] : issues_) {
        for (const auto& label : labels) {
          if (jql.find("labels = \"" + label + "\"") != std::string::npos) {
            issues.push_back({{"id", "1000" + key.substr(4)}, {"key", key}});
          }
        }
      }
      res.set_content(nlohmann::json{{"issues", issues}, {"isLast", true}}.dump(),
                      "application/json");
    });
    server.Post("/rest/api/3/issue", [this](const httplib::Request& req, httplib::Response& res) {
      if (!authorized(req, res)) return;
      const auto body = nlohmann::json::parse(req.body, nullptr, false);
      if (!body.is_object() || !body.contains("fields") ||
          body["fields"]["project"]["key"] != "SEC" ||
          body["fields"]["description"]["type"] != "doc" ||
          !body["fields"]["summary"].is_string()) {
        res.status = 400;
        res.set_content(R"({"errorMessages":[],"errors":{"project":"project is required"}})",
                        "application/json");
        return;
      }
      std::lock_guard lock(mutex_);
      const std::string key = "SEC-" + std::to_string(issues_.size() + 1);
      issues_.emplace_back(key, body["fields"]["labels"].get<std::vector<std::string>>());
      if (lose_next_create_answer_) {  // created, but the answer never reaches the client
        lose_next_create_answer_ = false;
        res.status = 503;
        return;
      }
      res.status = 201;
      res.set_content(nlohmann::json{{"id", "1000" + key.substr(4)},
                                     {"key", key},
                                     {"self", "https://site.example/rest/api/3/issue/" + key}}
                          .dump(),
                      "application/json");
    });
    server.Get("/rest/api/3/issue/(SEC-[0-9]+)/comment",
               [this](const httplib::Request& req, httplib::Response& res) {
                 if (!authorized(req, res)) return;
                 std::lock_guard lock(mutex_);
                 nlohmann::json comments = nlohmann::json::array();
                 for (const auto& [key, body] : comments_) {
                   if (key == req.matches[1]) comments.push_back({{"body", body}});
                 }
                 res.set_content(nlohmann::json{{"comments", comments}}.dump(), "application/json");
               });
    server.Post("/rest/api/3/issue/(SEC-[0-9]+)/comment",
                [this](const httplib::Request& req, httplib::Response& res) {
                  if (!authorized(req, res)) return;
                  const auto body = nlohmann::json::parse(req.body, nullptr, false);
                  std::lock_guard lock(mutex_);
                  comments_.emplace_back(req.matches[1], body["body"]);
                  res.status = 201;
                  res.set_content(R"({"id":"10010"})", "application/json");
                });
    https_.start();
    http_ = client_for(https_);
  }

  bool authorized(const httplib::Request& req, httplib::Response& res) {
    const std::string expected = "Basic " + base64_encode(std::string("sec-bot@example.com:") + kJiraToken);
    if (req.get_header_value("Authorization") == expected) return true;
    res.status = 401;
    res.set_content(R"({"errorMessages":["You are not authenticated."]})", "application/json");
    return false;
  }

  std::unique_ptr<OutboxWorker> worker(const std::string& token = kJiraToken) {
    auto w = std::make_unique<OutboxWorker>(*store_, clock_);
    JiraConfig config;
    config.base_url = https_.base_url() + "/";
    config.email = "sec-bot@example.com";
    config.api_token = token;
    config.project_key = "SEC";
    config.issue_type = "Incident";
    EXPECT_TRUE(w->add_channel(std::make_unique<JiraChannel>(config, *http_, clock_)));
    return w;
  }

  std::size_t posts_to(const std::string& path) const {
    std::size_t count = 0;
    for (const auto& request : https_.requests()) {
      count += request.method == "POST" && request.path == path;
    }
    return count;
  }

  HttpsTestServer https_;
  std::unique_ptr<net::HttplibClient> http_;
  std::mutex mutex_;
  std::vector<std::pair<std::string, std::vector<std::string>>> issues_;
  std::vector<std::pair<std::string, nlohmann::json>> comments_;
  bool lose_next_create_answer_ = false;
};

TEST_F(JiraOverHttps, CreatesOneIssueWithTheCaseLabel) {
  enqueue(incident_message("jira", IncidentAction::Trigger, clock_.now()));
  auto round = worker()->run_until_idle();
  ASSERT_TRUE(round.has_value());
  EXPECT_EQ(round->delivered, 1);
  EXPECT_EQ(only_message().delivery_ref, "SEC-1");
  ASSERT_EQ(issues_.size(), 1U);
  const auto& labels = issues_[0].second;
  EXPECT_NE(std::find(labels.begin(), labels.end(), delivery::jira_case_label(kCaseId)),
            labels.end());
}

TEST_F(JiraOverHttps, ALostAnswerIsRetriedWithoutASecondIssueAndRestartSendsNothing) {
  lose_next_create_answer_ = true;
  enqueue(incident_message("jira", IncidentAction::Trigger, clock_.now()));
  auto first = worker()->run_once(10);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->retried, 1);
  clock_.advance(std::chrono::minutes(1));
  auto second = worker()->run_once(10);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->delivered, 1);
  EXPECT_EQ(only_message().delivery_ref, "SEC-1");

  reopen();
  clock_.advance(std::chrono::minutes(10));
  ASSERT_TRUE(worker()->run_until_idle().has_value());
  EXPECT_EQ(issues_.size(), 1U);
  EXPECT_EQ(posts_to("/rest/api/3/issue"), 1U);
}

TEST_F(JiraOverHttps, ResolveCommentsOnTheCaseIssueOnce) {
  enqueue(incident_message("jira", IncidentAction::Trigger, clock_.now()));
  ASSERT_TRUE(worker()->run_until_idle().has_value());
  enqueue(incident_message("jira", IncidentAction::Resolve, clock_.now()));
  ASSERT_TRUE(worker()->run_until_idle().has_value());
  ASSERT_EQ(comments_.size(), 1U);
  EXPECT_EQ(comments_[0].first, "SEC-1");
  EXPECT_NE(comments_[0].second.dump().find("contained, customer informed"), std::string::npos);
  // A redelivery of the same resolve (lost answer, restart) finds its marker and adds nothing.
  JiraConfig config;
  config.base_url = https_.base_url();
  config.email = "sec-bot@example.com";
  config.api_token = kJiraToken;
  config.project_key = "SEC";
  JiraChannel channel(config, *http_, clock_);
  auto again = channel.deliver(incident_message("jira", IncidentAction::Resolve, clock_.now()));
  ASSERT_TRUE(again.has_value()) << again.error().to_string();
  EXPECT_EQ(comments_.size(), 1U);
}

TEST_F(JiraOverHttps, AWrongTokenFailsPermanentlyAndIsNeverPrinted) {
  enqueue(incident_message("jira", IncidentAction::Trigger, clock_.now()));
  auto round = worker("not-the-token")->run_once(10);
  ASSERT_TRUE(round.has_value());
  EXPECT_EQ(round->failed, 1);
  const auto message = only_message();
  EXPECT_NE(message.last_error.find("401"), std::string::npos);
  EXPECT_EQ(message.last_error.find("not-the-token"), std::string::npos);
  EXPECT_TRUE(issues_.empty());
}

}  // namespace
}  // namespace ec::testing
