// Minimization end to end: the bundled scenario goes through every turn, with drafts worded by a
// model behind a loopback chat-completions server, and no raw sensitive value (emails, names,
// file names, invoice numbers, ids, IPs, keys, signed URLs) may reach a prompt, a draft, a turn
// record, an audit record, the stored analysis, the timeline or a log line.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>

#include "plugin/app/case_service.h"
#include "plugin/app/timeline.h"
#include "plugin/copilot/llm/chat_completions.h"
#include "plugin/net/httplib_client.h"
#include "plugin/store/sqlite_store.h"
#include "tests/fakes/https_test_server.h"
#include "tests/fakes/temp_dir.h"
#include "tests/plugin/copilot/scenario_fixture.h"

namespace ec::app {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Echoes the draft it was given, plus one sentence that overclaims without citing a claim.
void model(const httplib::Request& req, httplib::Response& res) {
  const auto body = nlohmann::json::parse(req.body);
  const auto user = nlohmann::json::parse(body["messages"][1]["content"].get<std::string>());
  nlohmann::json statements = user["draft"];
  statements.push_back({{"section", "confirmed"},
                        {"text", "No data was accessed by anyone."},
                        {"claims", nlohmann::json::array()}});
  const nlohmann::json reply = {
      {"choices",
       {{{"index", 0},
         {"message", {{"role", "assistant"}, {"content", nlohmann::json{{"statements", statements}}.dump()}}},
         {"finish_reason", "stop"}}}}};
  res.set_content(reply.dump(), "application/json");
}

class LogCapture {
 public:
  LogCapture() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(lines_);
    auto logger = std::make_shared<spdlog::logger>("capture", sink);
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(logger);
  }
  ~LogCapture() { spdlog::set_default_logger(previous_); }
  std::string text() const { return lines_.str(); }

 private:
  std::ostringstream lines_;
  std::shared_ptr<spdlog::logger> previous_;
};

TEST(NoLeak, EveryTurnOnTheBundledScenarioKeepsRawValuesOut) {
  LogCapture logs;
  ec::testing::HttpsTestServer https;
  https.server().Post("/v1/chat/completions", model);
  https.start();
  net::HttplibClientOptions http_options;
  http_options.ca_file = https.ca_file().string();
  auto http = net::HttplibClient::create(http_options);
  ASSERT_TRUE(http.has_value());
  copilot::llm::ChatCompletionsOptions chat;
  chat.base_url = https.base_url() + "/v1";
  chat.model = "echo";
  chat.api_key = "sk-never-logged";
  copilot::llm::ChatCompletionsGenerator generator(**http, chat);

  ec::testing::TempDir dir;
  ec::testing::FakeClock clock{make_utc(2025, 3, 12, 9, 50, 0)};
  auto config = load_config(ec::testing::scenario_dir() / "config.json");
  ASSERT_TRUE(config.has_value());
  config->security_group = "U0SEC1";
  auto store = store::SqliteStore::open(dir / "copilot.db");
  ASSERT_TRUE(store.has_value());
  auto sources = SourceSet::build(*config, clock);
  ASSERT_TRUE(sources.has_value());
  CaseService service(**store, **sources, clock, *config);
  service.set_text_generator(generator);

  // The lead types raw values into questions and answers; they must be minimized too.
  auto c = service.open_case({"48213", config->case_config->subject, "U0LEAD", "Halvorsen Marine",
                              "U0LEAD"});
  ASSERT_TRUE(c.has_value());
  const std::string id = c->id;
  ASSERT_TRUE(service.gather(id, "U0LEAD").has_value());
  ASSERT_TRUE(service.summarize(id, "U0LEAD").has_value());
  ASSERT_TRUE(service.compare(id, "U0LEAD").has_value());
  ASSERT_TRUE(service.questions(id, "U0LEAD").has_value());
  auto q = service.add_question(id, "Did tomas.reyes@brightwell.example share "
                                    "invoice_backup_2024Q4.xlsx from 198.51.100.77?",
                                Owner::Security, true, "U0LEAD");
  ASSERT_TRUE(q.has_value()) << q.error().message;
  ASSERT_TRUE(service.answer_question(id, q->id, "Dario Menendez-Quill used the link.", {"E2"},
                                      "U0LEAD").has_value());
  ASSERT_TRUE(service.reassign_question(id, q->id, Owner::Engineering, "U0LEAD").has_value());
  auto update = service.draft_update(id, "U0LEAD");
  ASSERT_TRUE(update.has_value()) << update.error().message;
  EXPECT_EQ(update->generator, "chat:echo");
  ASSERT_EQ(update->dropped.size(), 1u);
  EXPECT_EQ(update->dropped[0].text, "No data was accessed by anyone.");
  for (auto tone : {copilot::llm::Tone::Careful, copilot::llm::Tone::ExecutiveBrief,
                    copilot::llm::Tone::PlainLanguage}) {
    ASSERT_TRUE(service.rewrite(id, update->version.draft_id, tone, "U0LEAD").has_value());
  }
  ASSERT_TRUE(service.draft_handoff(id, "U0LEAD").has_value());
  ASSERT_TRUE(service.acknowledge_security(id, "U0SEC1").has_value());
  auto drafts = service.drafts(id);
  ASSERT_TRUE(drafts.has_value());
  const DraftVersion& latest = drafts->back();
  (void)service.approve(id, latest.draft_id, latest.version, "U0LEAD", latest.content_hash);
  ASSERT_GE(https.request_count(), 4u);

  std::string everything;
  for (const auto& r : https.requests()) everything += "PROMPT " + r.body + "\n";
  for (const DraftVersion& v : *drafts) everything += "DRAFT " + render_draft_text(v) + "\n";
  auto tx = (*store)->begin();
  ASSERT_TRUE(tx.has_value());
  const auto turns = (*tx)->list_turns(id);
  const auto audit = (*tx)->list_audit();
  const auto questions = (*tx)->list_questions(id);
  const auto analysis = (*tx)->get_analysis(id);
  ASSERT_TRUE(turns && audit && questions && analysis && analysis->has_value());
  for (const Turn& t : *turns) {
    everything += "TURN " + t.request + " " + t.output.dump() + "\n";
  }
  for (const AuditRecord& a : *audit) everything += "AUDIT " + a.entry.payload.dump() + "\n";
  for (const OpenQuestion& question : *questions) {
    everything += "QUESTION " + question.question + " " + question.answer + "\n";
  }
  everything += "ANALYSIS " + (*analysis)->dump() + "\n";
  auto timeline = load_timeline(**tx, id, make_error(ErrorCode::Internal, "skipped"));
  ASSERT_TRUE(timeline.has_value());
  everything += "TIMELINE " + render_timeline_markdown(*timeline) + "\n";
  everything += "LOG " + logs.text();

  for (const std::string& raw : copilot::testing::raw_sensitive_values()) {
    EXPECT_THAT(everything, Not(HasSubstr(raw))) << raw;
  }
  for (const char* raw : {"X-Amz-Signature", "sk-never-logged"}) {
    EXPECT_THAT(everything, Not(HasSubstr(raw))) << raw;
  }
  // The placeholders are what the copilot worked with.
  EXPECT_THAT(everything, HasSubstr("<ATTACHMENT_"));
  EXPECT_THAT(everything, HasSubstr("<EMAIL_"));
}

}  // namespace
}  // namespace ec::app
