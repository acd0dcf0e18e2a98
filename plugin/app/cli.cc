#include "plugin/app/cli.h"

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <iostream>

#include "plugin/app/commands.h"

namespace ec::app {
namespace {

void add_serve(CLI::App& app, ServeOptions& options, std::function<int()>& action) {
  auto* cmd = app.add_subcommand("serve", "Run the service (HTTP endpoints, outbox worker).");
  cmd->add_option("--config", options.config,
                  "Config file (JSON). Without it: embedded defaults on the bundled scenario, "
                  "SQLite under ./data, listening on 127.0.0.1:8080.")
      ->check(CLI::ExistingFile);
  cmd->callback([&] { action = [&] { return run_serve(options); }; });
}

void add_demo(CLI::App& app, DemoOptions& options, std::function<int()>& action) {
  auto* cmd = app.add_subcommand(
      "demo", "Walk the whole copilot loop on the bundled scenario, offline, printing each turn.");
  cmd->add_option("--config", options.config, "Use another scenario's config file.")
      ->check(CLI::ExistingFile);
  cmd->add_option("--data-dir", options.data_dir,
                  "Where the demo writes its SQLite file and outbox sink (default data/demo).");
  cmd->callback([&] { action = [&] { return run_demo(options, std::cout, std::cerr); }; });
}

void add_analyze(CLI::App& app, AnalyzeOptions& options, std::function<int()>& action) {
  auto* cmd = app.add_subcommand(
      "analyze", "Analyze the config's case from its sources and print the analysis.");
  cmd->add_option("--config", options.config, "Config file with a \"case\" block.")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--format", options.format, "json (default) or md.")
      ->check(CLI::IsMember({"json", "md"}));
  cmd->add_flag("--raw", options.raw,
                "Print raw sensitive values instead of placeholders (local use only).");
  cmd->callback([&] { action = [&] { return run_analyze(options, std::cout, std::cerr); }; });
}

void add_audit(CLI::App& app, std::filesystem::path& db, std::function<int()>& action) {
  auto* audit = app.add_subcommand("audit", "Audit trail tools.");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand(
      "verify", "Check the audit hash chain: exit 0 when intact, 1 naming the first bad record.");
  verify->add_option("--db", db, "SQLite database file.")->required();
  verify->callback([&] { action = [&] { return run_audit_verify(db, std::cout, std::cerr); }; });
}

void add_timeline(CLI::App& app, TimelineOptions& options, std::function<int()>& action) {
  auto* timeline = app.add_subcommand("timeline", "Reviewer timeline tools.");
  timeline->require_subcommand(1);
  auto* exp = timeline->add_subcommand(
      "export", "Export a case's collaboration timeline (turns, drafts, approvals, deliveries).");
  exp->add_option("--db", options.db, "SQLite database file.")->required();
  exp->add_option("--case", options.case_id, "Case id.")->required();
  exp->add_option("--format", options.format, "md (default), json or html.")
      ->check(CLI::IsMember({"md", "json", "html"}));
  exp->callback(
      [&] { action = [&] { return run_timeline_export(options, std::cout, std::cerr); }; });
}

void add_lint(CLI::App& app, std::string& format, std::function<int()>& action) {
  auto* cmd = app.add_subcommand(
      "lint", "Lint a draft customer message read from stdin: exit 0 when clean, 1 with findings.");
  cmd->add_option("--format", format, "text (default) or json.")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&] { action = [&] { return run_lint(format, std::cin, std::cout, std::cerr); }; });
}

void add_manifest(CLI::App& app, std::string& platform, std::string& base_url,
                  std::string& zip, std::function<int()>& action) {
  auto* cmd = app.add_subcommand("manifest", "Print a platform app manifest with our URLs.");
  cmd->add_option("platform", platform, "slack, mattermost or zendesk.")
      ->required()
      ->check(CLI::IsMember({"slack", "mattermost", "zendesk"}));
  cmd->add_option("--base-url", base_url, "Public base URL of the service, https://…")
      ->required();
  cmd->add_option("--zip", zip, "zendesk only: also write the app package (zip) to this file.");
  cmd->callback([&] {
    action = [&] { return run_manifest(platform, base_url, std::cout, std::cerr, zip); };
  });
}

// `case <turn>`: the lead's turns on a stored case. Shared options on every turn.
void add_case(CLI::App& app, CaseOptions& o, std::function<int()>& action) {
  auto* group = app.add_subcommand(
      "case", "The lead's turns on a case: open, gather, summarize, compare, questions, draft, "
              "rewrite, edit, acknowledge, close, approve (each recorded as a turn).");
  group->require_subcommand(1);
  const auto common = [&](CLI::App* cmd, bool needs_case) {
    cmd->add_option("--config", o.config, "Config file (sources, optional \"llm\" block).")
        ->required()
        ->check(CLI::ExistingFile);
    cmd->add_option("--db", o.db, "SQLite database file.")->required();
    auto* id = cmd->add_option("--case", o.case_id, "Case id (as printed by `case open`).");
    if (needs_case) id->required();
    cmd->add_option("--as", o.actor, "Platform user id of whoever runs the turn (default cli).");
    cmd->add_option("--format", o.format, "text (default) or json.")
        ->check(CLI::IsMember({"text", "json"}));
    cmd->callback([&o, &action, cmd, &in = std::cin] {
      o.turn = cmd->get_name();
      for (const auto* sub : cmd->get_subcommands()) o.sub = sub->get_name();
      action = [&o, &in] { return run_case(o, in, std::cout, std::cerr); };
    });
  };
  auto* open = group->add_subcommand("open", "Open a case for a ticket with an assigned lead.");
  common(open, false);
  open->add_option("--ticket", o.ticket, "Helpdesk ticket id.")->required();
  open->add_option("--subject", o.subject, "Login, email or id of the person investigated.")
      ->required();
  open->add_option("--lead", o.lead, "Platform user id of the accountable lead.")->required();
  open->add_option("--customer", o.customer, "Customer name.");
  common(group->add_subcommand("gather", "Collect, correlate, decide and draft."), true);
  common(group->add_subcommand("summarize",
                               "The ticket as a timeline: reports, severity changes, escalations, "
                               "promises made, unanswered questions."),
         true);
  common(group->add_subcommand("compare",
                               "Identity vs access/audit evidence: agreements, contradictions, "
                               "skew tolerance, data gaps."),
         true);
  auto* questions = group->add_subcommand("questions", "The open-questions register.");
  common(questions, true);
  questions->require_subcommand(1);
  questions->add_subcommand("list", "List questions with owners and states.")->fallthrough();
  auto* add = questions->add_subcommand("add", "Add a question.");
  add->fallthrough();
  add->add_option("text", o.text, "The question.")->required();
  add->add_option("--owner", o.owner, "support (default), engineering or security.");
  add->add_flag("--blocking", o.blocking, "The question blocks an all-clear message.");
  auto* answer = questions->add_subcommand("answer", "Answer a question with evidence.");
  answer->fallthrough();
  answer->add_option("id", o.question_id, "Question id (Q1, QL1, ...).")->required();
  answer->add_option("text", o.text, "The answer.")->required();
  answer->add_option("--evidence", o.evidence, "Evidence ids that answer it (E7 ...).")
      ->required();
  auto* reassign = questions->add_subcommand("reassign", "Give a question a new owner.");
  reassign->fallthrough();
  reassign->add_option("id", o.question_id, "Question id.")->required();
  reassign->add_option("--owner", o.owner, "support, engineering or security.")->required();
  auto* draft = group->add_subcommand(
      "draft", "Draft a customer update, a handoff packet or the holding statement.");
  common(draft, true);
  draft->require_subcommand(1);
  draft->add_subcommand("update", "Customer update in three labelled parts (unapproved).")
      ->fallthrough();
  draft->add_subcommand("handoff", "Engineering and security handoff packet (unapproved).")
      ->fallthrough();
  draft->add_subcommand("holding",
                        "The pre-written holding statement (unapproved); the one customer reply "
                        "that may be approved while security has not acknowledged.")
      ->fallthrough();
  auto* rewrite = group->add_subcommand(
      "rewrite", "A new version of a draft in a tone; never adds a claim (checked).");
  common(rewrite, true);
  rewrite->add_option("draft", o.draft_id, "Draft id (D1 ...).")->required();
  rewrite->add_option("tone", o.tone, "careful, executive-brief or plain-language.")
      ->required()
      ->check(CLI::IsMember({"careful", "executive-brief", "plain-language"}));
  auto* edit = group->add_subcommand("edit", "Store the draft text read from stdin as a new version.");
  common(edit, true);
  edit->add_option("draft", o.draft_id, "Draft id.")->required();
  common(group->add_subcommand("acknowledge",
                               "A security owner acknowledges the escalation (lifts the hold)."),
         true);
  auto* close = group->add_subcommand(
      "close", "A security owner closes the escalation with a reason (resolves the incident).");
  common(close, true);
  close->add_option("reason", o.text, "Why security closes it (recorded).")->required();
  auto* approve = group->add_subcommand("approve", "Approve a draft version (the lead only).");
  common(approve, true);
  approve->add_option("draft", o.draft_id, "Draft id.")->required();
  approve->add_option("version", o.version, "Version number.")->required();
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{"escalation-copilot: a careful copilot for sensitive support escalations."};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Help for every command.");

  std::function<int()> action;
  ServeOptions serve;
  DemoOptions demo;
  AnalyzeOptions analyze;
  std::filesystem::path audit_db;
  TimelineOptions timeline;
  std::string lint_format = "text";
  std::string platform;
  std::string manifest_zip;
  std::string base_url;
  CaseOptions case_options;
  add_serve(app, serve, action);
  add_demo(app, demo, action);
  add_analyze(app, analyze, action);
  add_audit(app, audit_db, action);
  add_timeline(app, timeline, action);
  add_lint(app, lint_format, action);
  add_manifest(app, platform, base_url, manifest_zip, action);
  add_case(app, case_options, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (!action) return 2;
  try {
    return action();
  } catch (const std::exception& e) {
    std::cerr << "escalation-copilot: internal error: " << e.what() << "\n";
    return 3;
  }
}

}  // namespace ec::app
