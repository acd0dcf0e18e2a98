// Fuzz target: Support Console access logs (adapters/product_access_log), each line as a JSON
// row through the row parsers, and the whole input as a file read by ProductAccessLogSource.
// Properties: a row gives evidence exactly when "event" is a non-empty string and "ts" is RFC 3339,
// else InvalidArgument with a message; the evidence has that time and the event's kind, survives
// the store's JSON, and the streaming form (row_fields_into + complete_row_evidence) equals
// row_to_evidence(); accept_row() keeps exactly the good rows (window unbounded) and counts the
// rest as skipped. The source never fails on an existing file except InvalidArgument for a bad
// JSON array; every record read is evidence or skipped, and for JSON Lines those are exactly the
// non-blank lines, the evidence exactly the good object rows, in order, at their line.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "adapters/common/json_fields.h"
#include "adapters/common/report_builder.h"
#include "adapters/product_access_log/console_event.h"
#include "adapters/product_access_log/product_access_log_source.h"
#include "tests/fuzz/adapter_checks.h"
#include "tests/fuzz/fuzz_support.h"

namespace pal = ec::adapters::product_access_log;

namespace {

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

// Checks one row; true when it gives evidence.
bool check_row(const nlohmann::json& row, std::int64_t line_number) {
  const std::string origin = "console/fuzz.jsonl:" + std::to_string(line_number);
  auto evidence = pal::row_to_evidence(row, "bucket", origin, "hash");
  const std::string event = ec::adapters::common::get_string(row, {"event"});
  const auto ts = ec::adapters::common::get_time(row, {"ts"});
  FUZZ_CHECK(evidence.has_value() == (!event.empty() && ts.has_value()));
  ec::Evidence lean;
  lean.attributes = {{"stale", true}};
  lean.summary = "stale";
  lean.content_hash = "stale";
  const auto lean_status = pal::row_fields_into(row, "bucket", lean);
  FUZZ_CHECK(lean_status.has_value() == evidence.has_value());

  ec::adapters::common::ReportBuilder report(pal::kSourceKind, "sources.console");
  const auto accepted = pal::accept_row(row, "bucket", origin, "hash", ec::fuzz::subject_with("u1"),
                                        ec::TimeWindow{}, report);
  const ec::SourceReport finished = report.finish();
  FUZZ_CHECK(accepted.has_value() == evidence.has_value());
  if (!evidence) {
    FUZZ_CHECK(evidence.error().code == ec::ErrorCode::InvalidArgument);
    ec::fuzz::check_error(evidence.error());
    FUZZ_CHECK(finished.records_skipped == 1 && finished.diagnostics.size() == 1);
    FUZZ_CHECK(finished.diagnostics[0].message == evidence.error().message);
    return false;
  }
  ec::fuzz::check_evidence(*evidence, pal::kSourceKind);
  FUZZ_CHECK(evidence->time == *ts);
  FUZZ_CHECK(evidence->kind == pal::evidence_kind_for(event));
  FUZZ_CHECK(evidence->origin == origin && evidence->content_hash == "hash");
  FUZZ_CHECK(!evidence->names_subject);
  lean.origin = origin;
  lean.content_hash = "hash";
  pal::complete_row_evidence(row, lean);
  FUZZ_CHECK(ec::evidence_to_json(lean) == ec::evidence_to_json(*evidence));
  FUZZ_CHECK(finished.records_skipped == 0);
  FUZZ_CHECK(finished.coverage_begin == ts && finished.coverage_end == ts);
  FUZZ_CHECK(accepted->names_subject == pal::row_names_subject(row, ec::fuzz::subject_with("u1")));
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // Line by line, as the files and the live export are read.
  std::vector<std::int64_t> good_lines;
  std::int64_t non_blank = 0;
  const auto lines = ec::fuzz::plain_lines(bytes);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (is_blank(lines[i])) continue;
    ++non_blank;
    const auto row = nlohmann::json::parse(lines[i], nullptr, false);
    if (row.is_discarded() || !row.is_object()) continue;
    if (check_row(row, static_cast<std::int64_t>(i + 1))) {
      good_lines.push_back(static_cast<std::int64_t>(i + 1));
    }
  }

  const auto file = ec::fuzz::write_input(bytes, "input.jsonl");
  pal::ProductAccessLogOptions options;
  options.path = file;
  options.label = "sources.console";
  options.base_dir = file.parent_path().string();
  pal::ProductAccessLogSource source(options);
  const auto report = source.collect(ec::fuzz::subject_with("u1"), ec::TimeWindow{});
  if (!report) {
    FUZZ_CHECK(report.error().code == ec::ErrorCode::InvalidArgument ||
               (ec::fuzz::is_gzip(bytes) && report.error().code == ec::ErrorCode::DataLoss));
    ec::fuzz::check_error(report.error());
    return 0;
  }
  ec::fuzz::check_report(*report, pal::kSourceKind);
  FUZZ_CHECK(report->records_skipped + static_cast<std::int64_t>(report->evidence.size()) ==
             report->records_read);
  for (const auto& e : report->evidence) {
    FUZZ_CHECK(*report->coverage_begin <= e.time && e.time <= *report->coverage_end);
  }
  if (ec::fuzz::is_gzip(bytes)) return 0;
  FUZZ_CHECK(report->complete);
  std::size_t first = 0;
  while (first < lines.size() && is_blank(lines[first])) ++first;
  if (first < lines.size() &&
      lines[first].substr(lines[first].find_first_not_of(" \t")).starts_with('[')) {
    return 0;  // one JSON array: its elements, checked above
  }
  FUZZ_CHECK(report->records_read == non_blank);
  FUZZ_CHECK(report->evidence.size() == good_lines.size());
  for (std::size_t i = 0; i < good_lines.size(); ++i) {
    FUZZ_CHECK(report->evidence[i].origin ==
               file.filename().string() + ":" + std::to_string(good_lines[i]));
  }
  return 0;
}
