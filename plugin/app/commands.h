// One function per CLI command. Each prints its result to stdout, diagnostics to stderr, and
// returns the process exit code (see cli.h). Called only from cli.cc and tests.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace ec::app {

struct ServeOptions {
  std::optional<std::filesystem::path> config;
};
int run_serve(const ServeOptions& options);

struct DemoOptions {
  std::optional<std::filesystem::path> config;   // default: the bundled scenario
  std::filesystem::path data_dir = "data/demo";  // SQLite file and outbox sink
};
int run_demo(const DemoOptions& options, std::ostream& out, std::ostream& err);

struct AnalyzeOptions {
  std::filesystem::path config;
  std::string format = "json";  // json | md
  bool raw = false;             // print raw sensitive values instead of placeholders
};
int run_analyze(const AnalyzeOptions& options, std::ostream& out, std::ostream& err);

int run_audit_verify(const std::filesystem::path& db, std::ostream& out, std::ostream& err);

struct TimelineOptions {
  std::filesystem::path db;
  std::string case_id;
  std::string format = "md";  // md | json | html
};
int run_timeline_export(const TimelineOptions& options, std::ostream& out, std::ostream& err);

// `case <turn>`: one lead turn on a case in a database file, with sources from a config file.
struct CaseOptions {
  std::filesystem::path config;   // sources, correlation options, optional "llm" block
  std::filesystem::path db;       // SQLite file (created with `case open`)
  std::string case_id;
  std::string actor = "cli";      // platform user id of whoever runs the turn (--as)
  std::string format = "text";    // text | json
  std::string turn;               // open, gather, summarize, compare, questions, draft, rewrite,
                                  // edit, acknowledge, close, approve
  std::string sub;                // questions: list|add|answer|reassign; draft: update|handoff
  // Turn arguments.
  std::string ticket, subject, lead, customer;      // open
  std::string question_id, text, owner = "support";  // questions
  bool blocking = false;
  std::vector<std::string> evidence;                 // questions answer
  std::string draft_id, tone;                        // rewrite, edit, approve
  int version = 0;                                   // approve
};
int run_case(const CaseOptions& options, std::istream& in, std::ostream& out, std::ostream& err);

int run_lint(const std::string& format, std::istream& in, std::ostream& out, std::ostream& err);

// Prints the manifest; with `zip_path` (zendesk only) also writes the app package there.
int run_manifest(const std::string& platform, const std::string& base_url, std::ostream& out,
                 std::ostream& err, const std::string& zip_path = {});

}  // namespace ec::app
