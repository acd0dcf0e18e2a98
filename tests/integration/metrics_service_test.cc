// GET /metrics end to end: the real HTTP service with the Slack surface on a loopback port, real
// SQLite, the bundled scenario. The test sends requests (good and badly signed Slack commands, an
// unknown path), takes the scenario's case through escalation, acknowledgement, a human edit,
// approval and a delivery that fails once, scrapes /metrics, checks that every line of the
// exposition is well-formed, and asserts the values.
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <cmath>
#include <map>
#include <regex>
#include <set>
#include <thread>

#include "plugin/app/case_service.h"
#include "plugin/app/http_service.h"
#include "plugin/app/slack_settings.h"
#include "plugin/app/slack_surface.h"
#include "plugin/app/store_metrics.h"
#include "plugin/core/measures.h"
#include "plugin/delivery/file_sink_channel.h"
#include "plugin/delivery/outbox_worker.h"
#include "plugin/platforms/slack/slack_signature.h"
#include "plugin/store/sqlite_intake_store.h"
#include "plugin/store/sqlite_store.h"
#include "tests/fakes/fake_slack.h"
#include "tests/fakes/temp_dir.h"
#include "tests/integration/scenario_service.h"

namespace ec::app {
namespace {

using ec::testing::FakeSlack;
using ec::testing::LoopbackHttp;
using ec::testing::ScenarioCases;
namespace sk = platforms::slack;

constexpr char kSecret[] = "test-signing-secret";
constexpr char kLead[] = "U0LEAD";
constexpr char kSecurity[] = "U0SEC";
constexpr char kCase[] = "CASE-48213";

// A parsed exposition: sample values by series ("name{a=\"x\",b=\"y\"}", labels as written) and
// each family's TYPE. parse() fails the test on any malformed line, a sample before its TYPE, a
// repeated series or family, or a histogram whose buckets are not cumulative up to _count.
struct Exposition {
  std::map<std::string, double> samples;
  std::map<std::string, std::string> types;

  double at(const std::string& series) const {
    auto it = samples.find(series);
    EXPECT_NE(it, samples.end()) << "no series " << series;
    return it == samples.end() ? std::nan("") : it->second;
  }
  bool has(const std::string& series) const { return samples.count(series) > 0; }
};

double parse_value(const std::string& text) {
  if (text == "+Inf") return HUGE_VAL;
  if (text == "-Inf") return -HUGE_VAL;
  if (text == "NaN") return std::nan("");
  std::size_t used = 0;
  const double v = std::stod(text, &used);
  EXPECT_EQ(used, text.size()) << "bad number " << text;
  return v;
}

// The family a sample belongs to: histograms own their _bucket/_sum/_count series.
std::string family_of(const std::string& name, const std::map<std::string, std::string>& types) {
  for (const char* suffix : {"_bucket", "_sum", "_count"}) {
    const std::string s(suffix);
    if (name.size() > s.size() && name.ends_with(s)) {
      const std::string base = name.substr(0, name.size() - s.size());
      auto it = types.find(base);
      if (it != types.end() && it->second == "histogram") return base;
    }
  }
  return name;
}

Exposition parse_exposition(const std::string& text) {
  static const std::regex kName("[a-zA-Z_:][a-zA-Z0-9_:]*");
  static const std::regex kHelp("# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) ((?:[^\\\\\n]|\\\\[\\\\n])*)");
  static const std::regex kType("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");
  // name, optional {label="value",...}, value. Label values: no raw quote, backslash or newline.
  static const std::regex kSample(
      "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\n]|\\\\[\\\\\"n])*\""
      "(?:,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\n]|\\\\[\\\\\"n])*\")*)?\\})? "
      "([-+]?(?:[0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|Inf)|NaN)");
  Exposition out;
  std::set<std::string> helped;
  EXPECT_TRUE(text.empty() || text.back() == '\n') << "exposition must end with a newline";
  std::size_t start = 0;
  int line_no = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::string line = text.substr(start, end - start);
    start = end == std::string::npos ? text.size() : end + 1;
    ++line_no;
    std::smatch m;
    if (std::regex_match(line, m, kHelp)) {
      EXPECT_TRUE(helped.insert(m[1]).second) << "second HELP for " << m[1] << " line " << line_no;
    } else if (std::regex_match(line, m, kType)) {
      EXPECT_TRUE(out.types.emplace(m[1], m[2]).second)
          << "second TYPE for " << m[1] << " line " << line_no;
      EXPECT_TRUE(helped.count(m[1])) << "TYPE before HELP for " << m[1];
    } else if (std::regex_match(line, m, kSample)) {
      const std::string family = family_of(m[1], out.types);
      EXPECT_TRUE(out.types.count(family)) << "sample before its TYPE: " << line;
      const std::string series = std::string(m[1]) + std::string(m[2]);
      EXPECT_TRUE(out.samples.emplace(series, parse_value(m[3])).second)
          << "repeated series " << series;
    } else {
      ADD_FAILURE() << "malformed line " << line_no << ": '" << line << "'";
    }
  }
  // Histograms: buckets non-decreasing in le order as written, +Inf bucket == _count.
  for (const auto& [family, type] : out.types) {
    if (type != "histogram") continue;
    std::map<std::string, double> last_bucket;  // labels without le -> last cumulative value
    for (const auto& [series, value] : out.samples) {
      (void)value;
      if (!series.starts_with(family + "_count")) continue;
      const std::string labels = series.substr(family.size() + 6);
      const std::string prefix = labels.empty() ? "{" : labels.substr(0, labels.size() - 1) + ",";
      const double inf = out.at(family + "_bucket" + prefix + "le=\"+Inf\"}");
      EXPECT_EQ(inf, out.samples.at(series)) << family << labels;
      EXPECT_TRUE(out.has(family + "_sum" + labels)) << family << labels;
    }
  }
  return out;
}

class FailingFileChannel final : public OutboundChannel {
 public:
  std::string_view name() const override { return delivery::kFileChannelName; }
  Result<DeliveryReceipt> deliver(const OutboxMessage&) override {
    return make_error(ErrorCode::Unavailable, "disk busy");
  }
};

class MetricsServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SlackSettings settings;
    settings.enabled = true;
    settings.signing_secret = kSecret;
    settings.bot_token = "xoxb-test-token";
    settings.api_base_url = slack_.api_base_url();
    settings.ca_file = slack_.ca_file().string();
    settings.response_url_prefix = slack_.hooks_prefix();
    settings.workers = 2;
    settings.intake_poll_ms = 20;
    intake_ = scenario_.open_intake();
    ASSERT_NE(intake_, nullptr);
    auto surface =
        SlackSurface::create(settings, *scenario_.cases, *scenario_.store, *intake_,
                             scenario_.clock, scenario_.config, [](std::chrono::seconds) {});
    ASSERT_TRUE(surface.has_value()) << surface.error().message;
    surface_ = std::move(*surface);
    http_.start(*scenario_.store,
                [this](HttpService& service) { surface_->register_routes(service); });
  }
  void TearDown() override {
    http_.stop();
    surface_.reset();
  }

  httplib::Client client() const { return http_.client(); }
  std::string command_body(const std::string& text) {
    ++requests_;
    return "team_id=T1&channel_id=C0ESC&user_id=" + std::string(kLead) +
           "&command=%2Fescalation&text=" + text + "&response_url=" +
           slack_.response_url("commands/T1/" + std::to_string(requests_) + "/s") +
           "&trigger_id=" + std::to_string(requests_) + ".1.t";
  }
  // A slash command signed with `secret`; waits for the turn it queues.
  int command(const std::string& form_text, const std::string& secret = kSecret) {
    const std::string body = command_body(form_text);
    const std::string ts = std::to_string(to_unix_seconds(scenario_.clock.now()));
    auto res = client().Post("/slack/commands",
                             {{"X-Slack-Request-Timestamp", ts},
                              {"X-Slack-Signature", sk::slack_signature(secret, ts, body)}},
                             body, "application/x-www-form-urlencoded");
    surface_->intake().wait_idle();
    return res ? res->status : -1;
  }
  Exposition scrape() {
    auto res = client().Get("/metrics");
    EXPECT_TRUE(res);
    if (!res) return {};
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->get_header_value("Content-Type"), "text/plain; version=0.0.4");
    return parse_exposition(res->body);
  }
  const DraftVersion* latest(const std::vector<DraftVersion>& versions, const std::string& id) {
    const DraftVersion* best = nullptr;
    for (const DraftVersion& v : versions) {
      if (v.draft_id == id && (best == nullptr || v.version > best->version)) best = &v;
    }
    return best;
  }

  ScenarioCases scenario_{kSecurity};
  FakeSlack slack_;
  IntakeStorePtr intake_;
  std::unique_ptr<SlackSurface> surface_;
  LoopbackHttp http_;
  int requests_ = 0;
};

TEST_F(MetricsServiceTest, ScrapeReportsRequestsVerificationFailuresCasesOutboxAndMeasures) {
  // Requests: health twice, an unknown path, a missing and a wrong Slack signature.
  ASSERT_EQ(client().Get("/healthz")->status, 200);
  ASSERT_EQ(client().Get("/healthz")->status, 200);
  ASSERT_EQ(client().Get("/cases/CASE-1?token=secret")->status, 404);
  ASSERT_EQ(client().Post("/slack/commands", command_body("help"),
                          "application/x-www-form-urlencoded")->status, 401);
  ASSERT_EQ(command("open%2048213", "not-the-secret"), 401);

  // The scenario's case: opening gathers, and its evidence forces the security escalation.
  ASSERT_EQ(command("open%2048213%20%3C%40U0LEAD%7Cdana%3E"), 200);
  ASSERT_EQ(command("draft%20update"), 200);
  ASSERT_EQ(command("draft%20handoff"), 200);

  Exposition before = scrape();
  EXPECT_EQ(before.types.at("ec_http_requests_total"), "counter");
  EXPECT_EQ(before.types.at("ec_http_request_duration_seconds"), "histogram");
  EXPECT_EQ(before.at("ec_store_up"), 1);
  EXPECT_EQ(before.at(R"(ec_http_requests_total{route="/healthz",method="GET",status_class="2xx"})"), 2);
  EXPECT_EQ(before.at(R"(ec_http_request_duration_seconds_count{route="/healthz",method="GET",status_class="2xx"})"), 2);
  // The raw path (with its query and id) never becomes a label.
  EXPECT_EQ(before.at(R"(ec_http_requests_total{route="unmatched",method="GET",status_class="4xx"})"), 1);
  EXPECT_EQ(before.at(R"(ec_http_requests_total{route="/slack/commands",method="POST",status_class="4xx"})"), 2);
  EXPECT_EQ(before.at(R"(ec_http_requests_total{route="/slack/commands",method="POST",status_class="2xx"})"), 3);
  EXPECT_EQ(before.at(R"(ec_request_verification_failures_total{surface="slack",reason="missing_credentials"})"), 1);
  EXPECT_EQ(before.at(R"(ec_request_verification_failures_total{surface="slack",reason="mismatch"})"), 1);
  EXPECT_EQ(before.at(R"(ec_cases{state="security_escalated"})"), 1);
  EXPECT_EQ(before.at(R"(ec_cases{state="open"})"), 0);
  EXPECT_EQ(before.at("ec_cases_security_hold"), 1);
  EXPECT_EQ(before.at("ec_security_escalations_total"), 1);
  EXPECT_EQ(before.at("ec_security_acknowledgements_total"), 0);
  EXPECT_EQ(before.at("ec_case_first_approved_update_seconds_count"), 0);
  EXPECT_EQ(before.at("ec_handoff_completeness_ratio_count"), 1);
  for (const char* name : {"ec_outbox_messages", "ec_outbox_failed_attempts_total"}) {
    EXPECT_EQ(before.types.at(name), name == std::string("ec_outbox_messages") ? "gauge" : "counter");
  }

  // Security acknowledges; half an hour after intake the lead edits the agent's draft, approves
  // it and sends it. The first delivery attempt fails, the retry delivers.
  ASSERT_TRUE(scenario_.cases->acknowledge_security(kCase, kSecurity).has_value());
  scenario_.clock.advance(std::chrono::minutes(30));
  auto versions = scenario_.cases->drafts(kCase);
  ASSERT_TRUE(versions.has_value());
  const DraftVersion* agent = latest(*versions, "D1");
  ASSERT_NE(agent, nullptr);
  ASSERT_EQ(agent->created_by, "copilot");
  auto edited = scenario_.cases->edit_draft(
      kCase, "D1",
      render_draft_text(*agent) + "\nSupport will post the next update on this ticket.", kLead);
  ASSERT_TRUE(edited.has_value()) << edited.error().message;
  auto approval =
      scenario_.cases->approve(kCase, "D1", edited->version, kLead, edited->content_hash);
  ASSERT_TRUE(approval.has_value()) << approval.error().message;
  auto sent = scenario_.cases->send(kCase, "D1", edited->version, kLead, "file", "ticket-48213");
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  {
    delivery::OutboxWorker failing(*scenario_.store, scenario_.clock);
    ASSERT_TRUE(failing.add_channel(std::make_unique<FailingFileChannel>()).has_value());
    auto round = failing.run_once(10);
    ASSERT_TRUE(round.has_value());
    ASSERT_EQ(round->retried, 1);
  }
  Exposition pending = scrape();
  EXPECT_EQ(pending.at(R"(ec_outbox_messages{channel="file",state="pending"})"), 1);
  EXPECT_EQ(pending.at(R"(ec_outbox_messages{channel="file",state="delivered"})"), 0);
  EXPECT_EQ(pending.at(R"(ec_outbox_failed_attempts_total{channel="file"})"), 1);
  scenario_.clock.advance(std::chrono::hours(1));
  {
    delivery::OutboxWorker worker(*scenario_.store, scenario_.clock);
    ASSERT_TRUE(
        worker.add_channel(std::make_unique<delivery::FileSinkChannel>(scenario_.config.outbox_dir))
            .has_value());
    auto round = worker.run_until_idle();
    ASSERT_TRUE(round.has_value());
    ASSERT_EQ(round->delivered, 1);
  }

  Exposition after = scrape();
  // The scrapes before this one are counted; this one is not yet.
  EXPECT_EQ(after.at(R"(ec_http_requests_total{route="/metrics",method="GET",status_class="2xx"})"), 2);
  EXPECT_EQ(after.at("ec_cases_security_hold"), 0);
  EXPECT_EQ(after.at("ec_security_acknowledgements_total"), 1);
  EXPECT_EQ(after.at(R"(ec_outbox_messages{channel="file",state="pending"})"), 0);
  EXPECT_EQ(after.at(R"(ec_outbox_messages{channel="file",state="delivered"})"), 1);
  EXPECT_EQ(after.at(R"(ec_outbox_messages{channel="file",state="failed"})"), 0);
  EXPECT_EQ(after.at(R"(ec_outbox_failed_attempts_total{channel="file"})"), 1);
  // Intake to the first approved update: the 30 minutes the clock moved (1800 s).
  EXPECT_EQ(after.at("ec_case_first_approved_update_seconds_count"), 1);
  EXPECT_EQ(after.at("ec_case_first_approved_update_seconds_sum"), 1800);
  EXPECT_EQ(after.at(R"(ec_case_first_approved_update_seconds_bucket{le="900"})"), 0);
  EXPECT_EQ(after.at(R"(ec_case_first_approved_update_seconds_bucket{le="1800"})"), 1);
  // Correction size: the lead's added sentence, as core measures it.
  const std::size_t distance =
      word_edit_distance(render_draft_text(*agent), render_draft_text(*edited));
  EXPECT_GE(distance, 9u);
  EXPECT_EQ(after.at("ec_draft_correction_words_count"), 1);
  EXPECT_EQ(after.at("ec_draft_correction_words_sum"), static_cast<double>(distance));
  EXPECT_EQ(after.at(R"(ec_draft_correction_words_bucket{le="5"})"), 0);
  EXPECT_EQ(after.at(R"(ec_draft_correction_words_bucket{le="+Inf"})"), 1);
  EXPECT_TRUE(after.has(R"(ec_draft_corrections_total{kind="certainty"})"));
  EXPECT_TRUE(after.has(R"(ec_draft_corrections_total{kind="ownership"})"));
  const double completeness = after.at("ec_handoff_completeness_ratio_sum");
  EXPECT_GE(completeness, 0);
  EXPECT_LE(completeness, 1);
  EXPECT_EQ(after.at("ec_outbox_unapproved_drafts_total"), 0);
}

TEST_F(MetricsServiceTest, MeasuresAreRecomputedOnlyForCasesWhoseTraceGrew) {
  ASSERT_EQ(command("open%2048213%20%3C%40U0LEAD%7Cdana%3E"), 200);
  ASSERT_EQ(command("draft%20update"), 200);
  StoreMetrics metrics(*scenario_.store);
  auto first = metrics.render();
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_EQ(metrics.measured_cases(), 1u);
  auto again = metrics.render();
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(*again, *first);
  EXPECT_EQ(metrics.measured_cases(), 1u);  // nothing new: the cached measures served
  ASSERT_TRUE(scenario_.cases->acknowledge_security(kCase, kSecurity).has_value());
  auto versions = scenario_.cases->drafts(kCase);
  ASSERT_TRUE(versions.has_value());
  const DraftVersion* update = latest(*versions, "D1");
  ASSERT_NE(update, nullptr);
  ASSERT_TRUE(scenario_.cases->approve(kCase, "D1", update->version, kLead, update->content_hash)
                  .has_value());
  auto after = metrics.render();
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(metrics.measured_cases(), 2u);  // the approval grew the trace
  EXPECT_NE(after->find("ec_case_first_approved_update_seconds_count 1\n"), std::string::npos)
      << *after;
}

TEST(MetricsExposition, TheTestParserRejectsMalformedLines) {
  // The parser must be able to fail, or the scrape test proves nothing.
  for (const char* bad : {"ec_x 1\n",                                   // no TYPE
                          "# HELP ec_x h\n# TYPE ec_x counter\nec_x{a=\"b} 1\n",
                          "# HELP ec_x h\n# TYPE ec_x counter\nec_x one\n",
                          "# HELP ec_x h\n# TYPE ec_x counter\nec_x 1\nec_x 2\n",
                          "# HELP ec_x h\n# TYPE ec_x counter\nec_x{a=\"\n\"} 1\n"}) {
    ::testing::TestPartResultArray failures;
    {
      ::testing::ScopedFakeTestPartResultReporter reporter(
          ::testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD, &failures);
      (void)parse_exposition(bad);
    }
    EXPECT_GT(failures.size(), 0) << "accepted: " << bad;
  }
}

}  // namespace
}  // namespace ec::app
