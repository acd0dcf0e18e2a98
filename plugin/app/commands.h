// One function per CLI command. Each prints its result to stdout, diagnostics to stderr, and
// returns the process exit code (see cli.h). Called only from cli.cc and tests.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>

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

int run_lint(const std::string& format, std::istream& in, std::ostream& out, std::ostream& err);

int run_manifest(const std::string& platform, const std::string& base_url, std::ostream& out,
                 std::ostream& err);

}  // namespace ec::app
