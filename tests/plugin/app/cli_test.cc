// The CLI's contract: exit codes, --help everywhere, errors naming the file and field, and the
// demo leaving a database that `audit verify` accepts and detects tampering in.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

#include "tests/fakes/temp_dir.h"
#include "tests/plugin/app/cli_runner.h"

namespace ec::testing {

CliResult run_cli(const std::string& args, const std::string& stdin_text) {
  TempDir io;
  const auto in = io / "stdin";
  const auto out = io / "stdout";
  const auto err = io / "stderr";
  write_file(in, stdin_text);
  const std::string command = std::string(EC_CLI_BINARY) + " " + args + " <" + in.string() +
                              " >" + out.string() + " 2>" + err.string();
  const int status = std::system(command.c_str());
  CliResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_file(out);
  result.err = read_file(err);
  return result;
}

namespace {

std::string scenario_config(const std::string& name = "contractor_after_deprovision") {
  return (scenario_dir(name) / "config.json").string();
}

TEST(Cli, HelpOnEveryCommand) {
  for (const char* command : {"", "serve", "demo", "analyze", "audit verify", "timeline export",
                              "lint", "manifest", "case", "case open", "case gather",
                              "case summarize", "case compare", "case questions",
                              "case questions add", "case draft", "case draft update",
                              "case rewrite", "case edit", "case acknowledge",
                              "case approve"}) {
    const auto result = run_cli(std::string(command) + " --help");
    EXPECT_EQ(result.exit_code, 0) << command;
    EXPECT_NE(result.out.find("--help"), std::string::npos) << command;
  }
}

TEST(Cli, UnknownCommandIsAUsageError) {
  const auto result = run_cli("frobnicate");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_FALSE(result.err.empty());
}

TEST(Cli, AnalyzeMissingConfigNamesTheFile) {
  TempDir dir;
  const auto result = run_cli("analyze --config " + (dir / "nope.json").string());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("nope.json"), std::string::npos);
}

TEST(Cli, AnalyzeMalformedConfigNamesFileAndField) {
  TempDir dir;
  write_file(dir / "bad.json", R"({"case": {"ticket": "1", "lead": "U1"}, "sources": {}})");
  auto result = run_cli("analyze --config " + (dir / "bad.json").string());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("bad.json"), std::string::npos);
  EXPECT_NE(result.err.find("case.subject"), std::string::npos);

  write_file(dir / "broken.json", "{not json");
  result = run_cli("analyze --config " + (dir / "broken.json").string());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("not valid JSON"), std::string::npos);
}

TEST(Cli, AnalyzeUnknownSourceKindNamesTheKey) {
  TempDir dir;
  write_file(dir / "c.json", R"({"case": {"ticket": "1", "subject": "a", "lead": "U1"},
    "sources": {"identity": {"kind": "carrier-pigeon"}}})");
  const auto result = run_cli("analyze --config " + (dir / "c.json").string());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("sources.identity.kind"), std::string::npos);
}

TEST(Cli, DemoRunsTheLoopAndLeavesAVerifiableDatabase) {
  TempDir dir;
  const auto demo = run_cli("demo --data-dir " + dir.path().string());
  ASSERT_EQ(demo.exit_code, 0) << demo.err;
  EXPECT_NE(demo.out.find("UNAPPROVED"), std::string::npos);
  EXPECT_NE(demo.out.find("REFUSED for U0OUTSIDER"), std::string::npos);
  EXPECT_NE(demo.out.find("APPROVED"), std::string::npos);
  EXPECT_NE(demo.out.find("ESCALATE"), std::string::npos);
  const auto db = (dir / "copilot.db").string();

  const auto verify = run_cli("audit verify --db " + db);
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
  EXPECT_NE(verify.out.find("intact"), std::string::npos);

  for (const char* format : {"md", "json", "html"}) {
    const auto timeline =
        run_cli("timeline export --db " + db + " --case CASE-48213 --format " + format);
    EXPECT_EQ(timeline.exit_code, 0) << format << timeline.err;
    EXPECT_NE(timeline.out.find("U0LEAD"), std::string::npos) << format;
  }
  const auto missing = run_cli("timeline export --db " + db + " --case CASE-0 --format md");
  EXPECT_EQ(missing.exit_code, 2);

  // Tampering: drop the append-only triggers and change one payload.
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
  char* message = nullptr;
  sqlite3_exec(handle,
               "DROP TRIGGER IF EXISTS audit_log_no_update; "
               "DROP TRIGGER IF EXISTS audit_log_no_delete; "
               "UPDATE audit_log SET actor = 'mallory' WHERE seq = 3;",
               nullptr, nullptr, &message);
  sqlite3_free(message);
  sqlite3_close(handle);
  const auto tampered = run_cli("audit verify --db " + db);
  EXPECT_EQ(tampered.exit_code, 1);
  EXPECT_NE(tampered.err.find("3"), std::string::npos) << tampered.err;
}

TEST(Cli, AnalyzePrintsTheAnalysisJsonWithPlaceholders) {
  const auto result = run_cli("analyze --config " + scenario_config());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out, nullptr, false);
  ASSERT_FALSE(json.is_discarded());
  for (const char* key : {"subject", "evidence", "post_deprovision_access", "findings",
                          "open_questions", "decision", "drafts"}) {
    EXPECT_TRUE(json.contains(key)) << key;
  }
  EXPECT_EQ(json["post_deprovision_access"].size(), 3u);
  EXPECT_TRUE(json["decision"]["escalate_security"].get<bool>());
  EXPECT_EQ(json["drafts"]["customer_update"]["state"], "unapproved");
  EXPECT_EQ(result.out.find("dario.mq@contractors.brightwell.example"), std::string::npos);
  EXPECT_EQ(result.out.find("198.51.100.77"), std::string::npos);

  const auto benign = run_cli("analyze --config " + scenario_config("benign_no_access"));
  ASSERT_EQ(benign.exit_code, 0) << benign.err;
  const auto benign_json = nlohmann::json::parse(benign.out, nullptr, false);
  EXPECT_TRUE(benign_json["post_deprovision_access"].empty());
  EXPECT_FALSE(benign_json["decision"]["escalate_security"].get<bool>());

  const auto markdown = run_cli("analyze --format md --config " + scenario_config());
  EXPECT_EQ(markdown.exit_code, 0);
  EXPECT_NE(markdown.out.find("## Findings"), std::string::npos);
}

TEST(Cli, AuditVerifyOnAMissingFileIsAnInputError) {
  TempDir dir;
  const auto result = run_cli("audit verify --db " + (dir / "none.db").string());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(dir / "none.db"));
}

TEST(Cli, LintExitCodes) {
  EXPECT_EQ(run_cli("lint", "We have confirmed that no data was accessed.").exit_code, 1);
  const auto clean = run_cli(
      "lint", "We are still verifying which files were opened. Our security team will update "
              "you by 17:00 UTC on Friday.");
  EXPECT_EQ(clean.exit_code, 0) << clean.out;
  const auto json = run_cli("lint --format json", "This breach is the contractor's fault.");
  EXPECT_EQ(json.exit_code, 1);
  EXPECT_NE(json.out.find("\"rule\""), std::string::npos);
}

TEST(Cli, ManifestFillsTheBaseUrl) {
  const auto slack = run_cli("manifest slack --base-url https://copilot.example.com/");
  ASSERT_EQ(slack.exit_code, 0) << slack.err;
  EXPECT_NE(slack.out.find("https://copilot.example.com/slack/commands"), std::string::npos);
  EXPECT_EQ(slack.out.find("{{base_url}}"), std::string::npos);
  EXPECT_EQ(run_cli("manifest slack --base-url http://insecure.example").exit_code, 2);
}

TEST(Cli, CaseTurnsWorkOnEveryScenarioFromTheCommandLine) {
  for (const char* name : {"contractor_after_deprovision", "benign_no_access",
                           "ambiguous_cdn_preview"}) {
    SCOPED_TRACE(name);
    TempDir dir;
    const std::string common =
        " --config " + scenario_config(name) + " --db " + (dir / "c.db").string();
    const auto opened = run_cli("case open" + common +
                                " --ticket 48213 --subject dario.mq@contractors.brightwell.example"
                                " --lead U0LEAD --format json");
    ASSERT_EQ(opened.exit_code, 0) << opened.err;
    const std::string id = nlohmann::json::parse(opened.out)["case_id"];
    const std::string on = common + " --case " + id + " --as U0LEAD";
    const auto gathered = run_cli("case gather --format json" + on);
    ASSERT_EQ(gathered.exit_code, 0) << gathered.err;
    const bool escalated = nlohmann::json::parse(gathered.out)["state"] == "security_escalated";
    EXPECT_EQ(escalated, std::string(name) != "benign_no_access");

    const auto summary = run_cli("case summarize" + on);
    ASSERT_EQ(summary.exit_code, 0) << summary.err;
    EXPECT_NE(summary.out.find("Ticket 48213"), std::string::npos);
    EXPECT_NE(summary.out.find("Escalations:"), std::string::npos) << summary.out;

    const auto compare = run_cli("case compare --format json" + on);
    ASSERT_EQ(compare.exit_code, 0) << compare.err;
    const auto cmp = nlohmann::json::parse(compare.out);
    EXPECT_EQ(cmp["skew_tolerance_seconds"], 120);
    if (std::string(name) == "contractor_after_deprovision") {
      EXPECT_FALSE(cmp["contradictions"].empty());
    } else {
      EXPECT_TRUE(cmp["contradictions"].empty()) << compare.out;
    }

    const auto added = run_cli("case questions add 'Was the link forwarded?' --owner security "
                               "--blocking" + on);
    ASSERT_EQ(added.exit_code, 0) << added.err;
    EXPECT_NE(added.out.find("QL1 [open, owner security, blocks an all-clear]"), std::string::npos)
        << added.out;
    const auto bad_answer = run_cli("case questions answer QL1 'No.' --evidence E999" + on);
    EXPECT_EQ(bad_answer.exit_code, 2);
    EXPECT_NE(bad_answer.err.find("E999"), std::string::npos);
    ASSERT_EQ(run_cli("case questions answer QL1 'No forward.' --evidence E1" + on).exit_code, 0);
    ASSERT_EQ(run_cli("case questions reassign QL1 --owner support" + on).exit_code, 0);
    const auto list = run_cli("case questions list" + on);
    EXPECT_NE(list.out.find("QL1 [answered, owner support"), std::string::npos) << list.out;

    const auto update = run_cli("case draft update --format json" + on);
    ASSERT_EQ(update.exit_code, 0) << update.err;
    const auto u = nlohmann::json::parse(update.out);
    EXPECT_EQ(u["kind"], "customer_update");
    EXPECT_NE(u["text"].get<std::string>().find("## What we are still verifying"),
              std::string::npos);
    const auto handoff = run_cli("case draft handoff" + on);
    ASSERT_EQ(handoff.exit_code, 0) << handoff.err;
    EXPECT_NE(handoff.out.find("## Reproduced facts"), std::string::npos);

    const auto rewrite = run_cli("case rewrite " + u["draft_id"].get<std::string>() +
                                 " plain-language --format json" + on);
    ASSERT_EQ(rewrite.exit_code, 0) << rewrite.err;
    const auto r = nlohmann::json::parse(rewrite.out);
    EXPECT_EQ(r["version"], u["version"].get<int>() + 1);
    EXPECT_EQ(r["text"].get<std::string>().find("presigned URL"), std::string::npos);
    EXPECT_EQ(run_cli("case rewrite D1 sarcastic" + on).exit_code, 2);

    if (escalated) {
      // Held until security acknowledges; the lead cannot, a security member can.
      const std::string v = std::to_string(r["version"].get<int>());
      const auto held = run_cli("case approve " + r["draft_id"].get<std::string>() + " " + v + on);
      EXPECT_EQ(held.exit_code, 1);
      EXPECT_NE(held.err.find("security_escalated"), std::string::npos) << held.err;
      EXPECT_EQ(run_cli("case acknowledge" + on).exit_code, 1);
      ASSERT_EQ(run_cli("case acknowledge" + common + " --case " + id + " --as U0SECURITY")
                    .exit_code,
                0);
    }
    const auto approved = run_cli("case approve " + r["draft_id"].get<std::string>() + " " +
                                  std::to_string(r["version"].get<int>()) + on);
    EXPECT_EQ(approved.exit_code, 0) << approved.err;
    const auto timeline = run_cli("timeline export --db " + (dir / "c.db").string() + " --case " + id);
    ASSERT_EQ(timeline.exit_code, 0) << timeline.err;
    EXPECT_NE(timeline.out.find("## Measures"), std::string::npos);
    EXPECT_NE(timeline.out.find("| summarize |"), std::string::npos);
    EXPECT_NE(timeline.out.find("| rewrite |"), std::string::npos);
    EXPECT_NE(timeline.out.find("- Approved " + r["draft_id"].get<std::string>() + " v"),
              std::string::npos)
        << timeline.out;
  }
}

}  // namespace
}  // namespace ec::testing
