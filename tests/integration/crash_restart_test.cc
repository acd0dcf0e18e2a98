// Crash-restart of the real service process: `escalation-copilot serve` (the binary CI builds)
// with the bundled scenario and a loopback HTTPS fake of Slack, killed with SIGKILL while Slack
// commands it has acknowledged are still queued or running, then started again on the same
// SQLite file. What Slack was told (HTTP 200) must still happen: every acknowledged command
// gets its reply after the restart, turns that were running when the process died run again
// once their lease expires (at least once, never lost), and the audit chain stays intact.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <set>
#include <thread>

#include "plugin/core/http_client.h"
#include "plugin/platforms/slack/slack_signature.h"
#include "plugin/store/audit_verify.h"
#include "plugin/store/sqlite_intake_store.h"
#include "tests/fakes/child_process.h"
#include "tests/fakes/fake_slack.h"
#include "tests/fakes/temp_dir.h"

namespace ec {
namespace {

using nlohmann::json;
using testing::ChildProcess;
using testing::FakeSlack;
using testing::TempDir;

constexpr char kSecret[] = "8f742231b10e8888abcd99yyyzzz85a5";
constexpr char kLead[] = "U0LEAD";
constexpr char kChannel[] = "C0ESC";
constexpr int kCommands = 40;

std::filesystem::path cli_path() {
  return std::filesystem::path(EC_BINARY_DIR) / "plugin" / "app" / "escalation-copilot";
}

// Makes the file and folder names of a "sources" block absolute (they are relative to the
// scenario's config file, which the test does not run from).
void absolutize_paths(json& node, const std::filesystem::path& base) {
  static const std::set<std::string> kPathKeys = {"export", "users", "system_log", "path"};
  if (node.is_array()) {
    for (json& item : node) absolutize_paths(item, base);
    return;
  }
  if (!node.is_object()) return;
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (it->is_string() && kPathKeys.count(it.key()) != 0) {
      *it = (base / it->get<std::string>()).string();
    } else {
      absolutize_paths(*it, base);
    }
  }
}

// The scenario's config with its source paths made absolute, the service on `port`, the
// database in `dir`, and Slack pointed at the fake (short lease so the test need not wait 5
// minutes for a dead process's claims).
json service_config(const std::filesystem::path& dir, int port, const FakeSlack& slack) {
  const std::filesystem::path scenario = testing::scenario_dir();
  json config = json::parse(testing::read_file(scenario / "config.json"));
  absolutize_paths(config["sources"], scenario);
  config["listen"] = "127.0.0.1:" + std::to_string(port);
  config["database"] = "sqlite:" + (dir / "copilot.db").string();
  config["intake_database"] = "sqlite:" + (dir / "intake.db").string();
  config["slack"] = {{"api_base_url", slack.api_base_url()},
                     {"ca_file", slack.ca_file().string()},
                     {"response_url_prefix", slack.hooks_prefix()},
                     {"workers", 2},
                     {"job_lease_seconds", 10},
                     {"intake_poll_ms", 50}};
  return config;
}

class CrashRestartTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists(cli_path())) << cli_path();
    port_ = testing::free_loopback_port();
    testing::write_file(dir_ / "config.json", service_config(dir_.path(), port_, slack_).dump(2));
  }

  std::unique_ptr<ChildProcess> start() {
    auto child = std::make_unique<ChildProcess>(
        cli_path(), std::vector<std::string>{"serve", "--config", (dir_ / "config.json").string()},
        std::map<std::string, std::string>{{"SLACK_SIGNING_SECRET", kSecret},
                                           {"SLACK_BOT_TOKEN", "xoxb-crash-test"}},
        dir_.path(), dir_ / "serve.log");
    EXPECT_TRUE(testing::wait_for_port(port_, std::chrono::seconds(20)))
        << testing::read_file(dir_ / "serve.log");
    return child;
  }

  // A signed slash command as Slack sends it; its response_url names `id`.
  httplib::Result command(const std::string& text, const std::string& id) {
    const std::string body =
        "token=legacy&team_id=T1&team_domain=acme&channel_id=" + std::string(kChannel) +
        "&channel_name=esc&user_id=" + kLead + "&user_name=u&command=%2Fescalation&text=" +
        url_encode_component(text) + "&api_app_id=A1&is_enterprise_install=false" +
        "&response_url=" + url_encode_component(slack_.response_url("commands/" + id)) +
        "&trigger_id=" + id + ".1.t";
    const std::string ts = std::to_string(
        std::chrono::duration_cast<std::chrono::seconds>(
            std::chrono::system_clock::now().time_since_epoch())
            .count());
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(10, 0);
    return client.Post("/slack/commands",
                       {{"X-Slack-Request-Timestamp", ts},
                        {"X-Slack-Signature", platforms::slack::slack_signature(kSecret, ts, body)}},
                       body, "application/x-www-form-urlencoded");
  }

  // How many response_url posts each command id got.
  std::map<std::string, int> replies() const {
    std::map<std::string, int> count;
    for (const auto& call : slack_.calls("hook")) {
      const std::string prefix = "/hooks/commands/";
      if (call.path.rfind(prefix, 0) == 0) ++count[call.path.substr(prefix.size())];
    }
    return count;
  }
  bool wait_for_replies(const std::vector<std::string>& ids, std::chrono::seconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      const auto got = replies();
      bool all = true;
      for (const std::string& id : ids) all = all && got.count(id) != 0;
      if (all) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

  // How many intake jobs are in `state` (at most 1000), read from the intake file as another
  // replica would (a short transaction of its own); -1 when it cannot be read.
  long intake_count(IntakeState state) {
    auto intake = store::SqliteIntakeStore::open(dir_ / "intake.db");
    if (!intake) return -1;
    auto tx = (*intake)->begin_intake();
    if (!tx) return -1;
    auto jobs = (*tx)->list_intake(state, 1000);
    return jobs ? static_cast<long>(jobs->size()) : -1;
  }
  // Polls until no intake job is pending or running.
  bool wait_until_intake_drained(std::chrono::seconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (intake_count(IntakeState::Pending) == 0 && intake_count(IntakeState::Running) == 0) {
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  TempDir dir_;
  FakeSlack slack_;
  int port_ = 0;
};

TEST_F(CrashRestartTest, AcknowledgedCommandsSurviveASigkill) {
  auto first = start();
  auto opened = command("open 48213", "open");
  ASSERT_TRUE(opened);
  ASSERT_EQ(opened->status, 200);
  ASSERT_TRUE(wait_for_replies({"open"}, std::chrono::seconds(30)))
      << testing::read_file(dir_ / "serve.log");

  // Slack stops answering: the turns block on their replies, so when the process dies some
  // commands are claimed and running, the rest still queued.
  slack_.hold();
  std::vector<std::string> ids;
  for (int i = 0; i < kCommands; ++i) {
    ids.push_back("s" + std::to_string(i));
    auto acked = command("CASE-48213 status", ids.back());
    ASSERT_TRUE(acked) << "command " << i;
    ASSERT_EQ(acked->status, 200) << acked->body;  // acknowledged: Slack will not resend it
  }
  slack_.wait_until_waiting(1);
  const int status = first->stop(SIGKILL);
  ASSERT_NE(status, -1);
  EXPECT_TRUE(WIFSIGNALED(status));
  // What the crash left: commands acknowledged but not run, and turns cut off mid-way.
  EXPECT_GT(intake_count(IntakeState::Pending), 0);
  EXPECT_GT(intake_count(IntakeState::Running), 0);
  slack_.release();  // the dead process's calls now land; they count as replies already sent

  // The restarted process runs what was queued at once, and what the dead one had claimed once
  // its lease (10 s here) has expired.
  auto second = start();
  EXPECT_TRUE(wait_until_intake_drained(std::chrono::seconds(60)))
      << testing::read_file(dir_ / "serve.log");
  EXPECT_TRUE(wait_for_replies(ids, std::chrono::seconds(10)));
  const auto got = replies();
  int total = 0;
  for (const std::string& id : ids) {
    EXPECT_GE(got.count(id) ? got.at(id) : 0, 1) << id << " was acknowledged but never answered";
    total += got.count(id) ? got.at(id) : 0;
  }
  // At least once, not many times: only turns that were running when the process died (at most
  // one per worker) may have replied twice.
  EXPECT_LE(total, kCommands + 2);
  ASSERT_EQ(second->stop(SIGTERM), 0) << testing::read_file(dir_ / "serve.log");

  // Nothing is left behind and the trace is intact.
  EXPECT_EQ(intake_count(IntakeState::Pending), 0);
  EXPECT_EQ(intake_count(IntakeState::Running), 0);
  EXPECT_GE(intake_count(IntakeState::Done), kCommands);
  auto audit = store::verify_audit((dir_ / "copilot.db").string());
  ASSERT_TRUE(audit.has_value()) << audit.error().message;
  EXPECT_GT(audit->records, 0);
}

}  // namespace
}  // namespace ec
