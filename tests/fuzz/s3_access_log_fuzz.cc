// Fuzz target: Amazon S3 server access log files, one line at a time (adapters/s3_access_log):
// the line parser, the presigned-URL query reader and the three line-to-evidence forms.
// Properties: a line parses to at least 17 fields whose views lie inside the line, or to an
// error with a message; the fields written back (quoted where needed) parse to the same fields;
// the evidence time is the line's bracketed time and one RFC 3339 can write; the streaming forms
// (into, fields_into + complete) give exactly what access_log_to_evidence() gives.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "adapters/common/time_formats.h"
#include "adapters/s3_access_log/access_log_evidence.h"
#include "adapters/s3_access_log/access_log_line.h"
#include "adapters/s3_access_log/presigned_query.h"
#include "tests/fuzz/adapter_checks.h"

namespace s3 = ec::adapters::s3_access_log;

namespace {

bool inside(std::string_view part, std::string_view whole) {
  return part.empty() ||
         (part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size());
}

// The line written back from its fields, or "" when a field cannot be written unambiguously.
std::string rebuild(const s3::AccessLogLine& parsed) {
  std::string out;
  const std::size_t n = std::min(parsed.field_count, s3::kKnownFields);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view v = parsed.fields[i];
    if (!out.empty()) out.push_back(' ');
    if (!v.empty() && v.find(' ') == std::string_view::npos && v.front() != '"' &&
        v.front() != '[') {
      out += v;
    } else if (v.find("\" ") == std::string_view::npos && !v.ends_with('"')) {
      out += '"';
      out += v;
      out += '"';
    } else {
      return {};
    }
  }
  return out;
}

void check_line(std::string_view line) {
  auto parsed = s3::parse_access_log_line(line);
  if (!parsed) return ec::fuzz::check_error(parsed.error());
  FUZZ_CHECK(parsed->field_count >= s3::kMinimumFields);
  for (std::size_t i = 0; i < std::min(parsed->field_count, s3::kKnownFields); ++i) {
    FUZZ_CHECK(inside(parsed->fields[i], line));
  }
  if (const std::string again = rebuild(*parsed); !again.empty()) {
    const auto back = s3::parse_access_log_line(again);
    FUZZ_CHECK(back.has_value());
    FUZZ_CHECK(back->field_count == std::min(parsed->field_count, s3::kKnownFields));
    for (std::size_t i = 0; i < back->field_count; ++i) {
      FUZZ_CHECK(back->fields[i] == parsed->fields[i]);
    }
  }

  const auto presign = s3::parse_presigned_query(parsed->get(s3::Field::RequestUri));
  ec::fuzz::check_time(presign.signed_at);

  auto evidence = s3::access_log_to_evidence(*parsed, "s3/fuzz.log:1", line);
  const auto line_time =
      ec::adapters::common::parse_access_log_time(parsed->get(s3::Field::Time));
  FUZZ_CHECK(evidence.has_value() == line_time.has_value());
  ec::Evidence into;
  const auto into_status = s3::access_log_to_evidence_into(*parsed, "s3/fuzz.log:1", line,
                                                           s3::ContentHash::Compute, into);
  ec::Evidence lean;
  lean.attributes = {{"stale", true}};
  lean.summary = "stale";
  const auto lean_status = s3::access_log_fields_into(*parsed, "s3/fuzz.log:1", lean);
  FUZZ_CHECK(into_status.has_value() == evidence.has_value());
  FUZZ_CHECK(lean_status.has_value() == evidence.has_value());
  if (!evidence) {
    ec::fuzz::check_error(evidence.error());
    return;
  }
  ec::fuzz::check_evidence(*evidence, s3::kSourceKind);
  FUZZ_CHECK(evidence->time == *line_time);
  FUZZ_CHECK(evidence->kind == ec::evidence_kind::kObjectAccess);
  FUZZ_CHECK(ec::evidence_to_json(into) == ec::evidence_to_json(*evidence));
  s3::complete_access_log_evidence(*parsed, line, lean);
  FUZZ_CHECK(ec::evidence_to_json(lean) == ec::evidence_to_json(*evidence));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (!line.empty()) check_line(line);
  }
  return 0;
}
