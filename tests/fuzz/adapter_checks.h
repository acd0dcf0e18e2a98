// Properties shared by the evidence-source fuzz targets (adapters/): an error carries a message;
// a timestamp a parser returns is one format_rfc3339 writes back (RFC 3339's four-digit UTC
// years, the range parse_rfc3339 accepts), so evidence always survives the store's JSON; and an
// Evidence names its source and kind and round-trips through evidence_to_json/from_json.
// MemoryInputs hands a log source the fuzz input as one fetched object (as live mode does), so
// a whole source reads it without a file.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "adapters/common/log_inputs.h"

#include "plugin/core/evidence.h"
#include "plugin/core/result.h"
#include "plugin/core/time.h"
#include "tests/fuzz/fuzz_check.h"

namespace ec::fuzz {

// A subject known by `id` (and `login`), for "names the subject" checks.
inline Subject subject_with(std::string id, std::string login = {}) {
  Subject subject;
  subject.id = std::move(id);
  subject.login = std::move(login);
  return subject;
}

inline void check_error(const Error& error) { FUZZ_CHECK(!error.message.empty()); }

// `r` holds a value or an error with a message.
template <class T>
void check_result(const Result<T>& r) {
  if (!r) check_error(r.error());
}

inline void check_time(Timestamp t) {
  const auto back = parse_rfc3339(format_rfc3339(t));
  FUZZ_CHECK(back && *back == t);
}

inline void check_time(const std::optional<Timestamp>& t) {
  if (t) check_time(*t);
}

inline void check_evidence(const Evidence& e, std::string_view source) {
  FUZZ_CHECK(e.source == source);
  FUZZ_CHECK(!e.kind.empty());
  check_time(e.time);
  check_time(e.session_created);
  check_time(e.credential_issued_at);
  // What the case store does with it: dump (invalid UTF-8 replaced) and read back.
  const nlohmann::json json = evidence_to_json(e);
  (void)json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  const auto back = evidence_from_json(json);
  FUZZ_CHECK(back.has_value());
  FUZZ_CHECK(back->time == e.time && back->kind == e.kind && back->source == e.source);
  FUZZ_CHECK(back->object == e.object && back->principal == e.principal);
  FUZZ_CHECK(back->outcome == e.outcome && back->auth == e.auth && back->bytes == e.bytes);
  FUZZ_CHECK(back->credential_issued_at == e.credential_issued_at);
  FUZZ_CHECK(back->credential_ttl_seconds == e.credential_ttl_seconds);
  FUZZ_CHECK(back->session_created == e.session_created);
}

// One input: `bytes` (plain or gzip) shown as `display`.
class MemoryInputs final : public adapters::common::LogInputs {
 public:
  MemoryInputs(std::string display, std::string_view bytes)
      : display_(std::move(display)), bytes_(bytes) {}
  [[nodiscard]] Status for_each(const Subject&, const TimeWindow&,
                                adapters::common::ReportBuilder&,
                                const adapters::common::LogInputVisitor& visit) override {
    visit(adapters::common::LogInput{display_, {}, bytes_});
    return ok_status();
  }

 private:
  std::string display_;
  std::string_view bytes_;
};

// Checks every source report promises: skipped records were read, at most the capped
// diagnostics (plus the "left out" line), coverage ordered, a gap explained, and every
// evidence checked as above.
inline void check_report(const SourceReport& report, std::string_view source) {
  FUZZ_CHECK(report.source == source);
  FUZZ_CHECK(report.records_skipped >= 0 && report.records_skipped <= report.records_read);
  FUZZ_CHECK(report.diagnostics.size() <= 21);
  FUZZ_CHECK(report.coverage_begin.has_value() == report.coverage_end.has_value());
  if (report.coverage_begin) FUZZ_CHECK(*report.coverage_begin <= *report.coverage_end);
  if (!report.complete) FUZZ_CHECK(!report.diagnostics.empty());
  for (const auto& d : report.diagnostics) FUZZ_CHECK(!d.message.empty());
  for (const auto& e : report.evidence) check_evidence(e, source);
}

// The lines of a plain input as LineReader returns them ("\n" or "\r\n" cut).
inline std::vector<std::string_view> plain_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    lines.push_back(line);
  }
  return lines;
}

inline bool is_gzip(std::string_view bytes) {
  return bytes.size() >= 2 && bytes[0] == '\x1f' && bytes[1] == '\x8b';
}

}  // namespace ec::fuzz
