// Fuzz target: CloudFront standard log files (adapters/cloudfront), read whole by
// CloudFrontSource as one fetched object (plain or gzip), and the #Fields / line parsers.
// Properties: collect() never fails on bytes; every non-blank, non-comment line is counted once
// and is either evidence or skipped; for a plain file the evidence is exactly the lines under a
// valid #Fields header that parse and carry a date and time, in order, each at its line with the
// line's time (one RFC 3339 can write) inside the report's coverage; a parsed record never reads
// "-" and reads "" for a field its header lacks.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/cloudfront/cloudfront_source.h"
#include "adapters/cloudfront/log_evidence.h"
#include "adapters/cloudfront/log_fields.h"
#include "adapters/cloudfront/log_record.h"
#include "tests/fuzz/adapter_checks.h"

namespace cf = ec::adapters::cloudfront;

namespace {

struct Expected {
  std::int64_t read = 0;
  std::vector<std::pair<std::size_t, ec::Timestamp>> evidence;  // line number, time
};

// What the source should make of a plain file, line by line, from the parsers alone.
Expected expect_plain(std::string_view text) {
  Expected out;
  std::optional<cf::LogFields> fields;
  const auto lines = ec::fuzz::plain_lines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    if (line.front() == '#') {
      if (!line.starts_with("#Fields:")) continue;
      auto parsed = cf::LogFields::parse(line);
      if (!parsed) ec::fuzz::check_error(parsed.error());
      fields = parsed ? std::optional<cf::LogFields>(*parsed) : std::nullopt;
      continue;
    }
    ++out.read;
    if (!fields) continue;
    auto record = cf::LogRecord::parse(line, *fields);
    if (!record) {
      ec::fuzz::check_error(record.error());
      continue;
    }
    for (std::size_t f = 0; f < cf::kFieldCount; ++f) {
      const auto field = static_cast<cf::Field>(f);
      const std::string_view value = record->get(field);
      FUZZ_CHECK(value != "-");
      if (fields->column(field) == cf::kAbsent) FUZZ_CHECK(value.empty());
    }
    if (const auto time = cf::record_time(*record)) out.evidence.emplace_back(i + 1, *time);
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  cf::CloudFrontOptions options;
  options.label = "sources.cdn";
  options.inputs = std::make_shared<ec::fuzz::MemoryInputs>("cf/fuzz.log", bytes);
  cf::CloudFrontSource source(options);
  const auto report = source.collect(ec::Subject{}, ec::TimeWindow{});
  FUZZ_CHECK(report.has_value());
  ec::fuzz::check_report(*report, cf::kSourceKind);
  FUZZ_CHECK(report->records_skipped + static_cast<std::int64_t>(report->evidence.size()) ==
             report->records_read);
  for (const auto& e : report->evidence) {
    FUZZ_CHECK(e.kind == ec::evidence_kind::kObjectAccess);
    FUZZ_CHECK(*report->coverage_begin <= e.time && e.time <= *report->coverage_end);
  }
  if (ec::fuzz::is_gzip(bytes)) return 0;
  FUZZ_CHECK(report->complete);
  const Expected expected = expect_plain(bytes);
  FUZZ_CHECK(report->records_read == expected.read);
  FUZZ_CHECK(report->evidence.size() == expected.evidence.size());
  for (std::size_t i = 0; i < expected.evidence.size(); ++i) {
    const auto& e = report->evidence[i];
    FUZZ_CHECK(e.origin == "cf/fuzz.log:" + std::to_string(expected.evidence[i].first));
    FUZZ_CHECK(e.time == expected.evidence[i].second);
  }
  return 0;
}
