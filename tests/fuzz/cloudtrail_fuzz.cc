// Fuzz target: CloudTrail files (adapters/cloudtrail), {"Records":[...]} or JSON Lines, plain or
// gzip, read whole by CloudTrailSource as one fetched object; and the splitter and simdjson
// record parser it is built on. Properties: collect() never fails on bytes; every record the
// splitter delivers is counted once; for a plain file the evidence is exactly the S3 data events
// with an RFC 3339 eventTime, one per eventID; records come in file order with views inside the
// padded text and a broken one carries its error; record_fields_into() then
// complete_record_evidence() equals record_to_evidence(); a valid {"Records"} file cut short
// and closed by close_after_last_record() splits cleanly into its first records.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/cloudtrail/cloudtrail_source.h"
#include "adapters/cloudtrail/file_bytes.h"
#include "adapters/cloudtrail/record_evidence.h"
#include "adapters/cloudtrail/record_splitter.h"
#include "tests/fuzz/adapter_checks.h"

namespace ct = ec::adapters::cloudtrail;

namespace {

std::string padded(std::string_view text) {
  std::string out(text);
  out.append(ct::kJsonPadding, '\0');
  return out;
}

// A {"Records"} file that is valid JSON and splits cleanly, cut as a truncated gzip stream cuts
// it: closed after its last complete record, it splits cleanly into the file's first records.
void check_truncations(std::string_view text, const std::vector<std::string_view>& records) {
  ct::RecordSplitter splitter;
  for (const std::size_t cut : {text.size() / 2, text.size() * 9 / 10, text.size() - 1}) {
    const std::string closed = ct::close_after_last_record(text.substr(0, cut));
    if (closed.empty()) continue;
    const std::string buffer = padded(closed);
    const std::string_view closed_text(buffer.data(), closed.size());
    FUZZ_CHECK(ct::detect_shape(closed_text) == ct::FileShape::RecordsObject);
    std::size_t n = 0;
    const auto status = splitter.split(closed_text, ct::FileShape::RecordsObject,
                                       [&](const ct::RawRecord& raw) {
                                         FUZZ_CHECK(raw.error.empty());
                                         FUZZ_CHECK(n < records.size() && raw.json == records[n]);
                                         ++n;
                                       });
    FUZZ_CHECK(status.has_value());
  }
}

struct Expected {
  std::int64_t read = 0;
  std::int64_t kept = 0;
};

Expected expect_plain(std::string_view bytes) {
  const std::string buffer = padded(bytes);
  const std::string_view text(buffer.data(), bytes.size());
  const ct::FileShape shape = ct::detect_shape(text);
  ct::RecordSplitter splitter;
  ct::RecordParser parser;
  Expected out;
  std::set<std::string, std::less<>> ids;
  const ec::Subject subject = ec::fuzz::subject_with("00u1", "alex@example.com");
  const ct::IamUserMap iam_users{{"alex", "alex@example.com"}};
  std::int64_t last_index = -1, last_line = 0;
  std::vector<std::string_view> records;
  bool intact = true;
  const auto status = splitter.split(text, shape, [&](const ct::RawRecord& raw) {
    ++out.read;
    FUZZ_CHECK(raw.json.data() >= text.data() &&
               raw.json.data() + raw.json.size() <= text.data() + text.size());
    FUZZ_CHECK(raw.capacity >= raw.json.size() + ct::kJsonPadding);
    if (shape == ct::FileShape::JsonLines) {
      FUZZ_CHECK(raw.line > last_line && raw.index == -1);
      last_line = raw.line;
    } else {
      FUZZ_CHECK(raw.index == last_index + 1 && raw.line == 0);
      last_index = raw.index;
    }
    FUZZ_CHECK(!ct::record_location("ct/x.json", raw).empty());
    records.push_back(raw.json);
    if (!raw.error.empty()) {
      intact = false;
      return;
    }
    auto record = parser.parse(raw.json, raw.capacity);
    if (!record) return ec::fuzz::check_error(record.error());
    if (!ct::is_s3_data_event(*record)) return;
    const auto time = ec::parse_rfc3339(record->event_time);
    if (!time) return;
    if (!record->event_id.empty() && !ids.emplace(record->event_id).second) return;
    ++out.kept;
    const ct::RecordContext context{*time, raw.json, "ct/x.json", subject, iam_users};
    const ec::Evidence whole = ct::record_to_evidence(*record, context);
    ec::fuzz::check_evidence(whole, ct::kSourceKind);
    FUZZ_CHECK(whole.time == *time);
    ec::Evidence lean;
    lean.attributes = {{"stale", true}};
    lean.summary = "stale";
    ct::record_fields_into(*record, context, lean);
    ct::complete_record_evidence(*record, raw.json, lean);
    FUZZ_CHECK(ec::evidence_to_json(lean) == ec::evidence_to_json(whole));
  });
  if (!status) ec::fuzz::check_error(status.error());
  if (shape == ct::FileShape::RecordsObject && status && intact &&
      nlohmann::json::accept(text)) {
    check_truncations(text, records);
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ct::CloudTrailOptions options;
  options.label = "sources.trail";
  options.inputs = std::make_shared<ec::fuzz::MemoryInputs>("ct/fuzz.json", bytes);
  ct::CloudTrailSource source(options);
  const auto report = source.collect(ec::fuzz::subject_with("00u1"), ec::TimeWindow{});
  FUZZ_CHECK(report.has_value());
  ec::fuzz::check_report(*report, ct::kSourceKind);
  FUZZ_CHECK(static_cast<std::int64_t>(report->evidence.size()) + report->records_skipped <=
             report->records_read);
  for (const auto& e : report->evidence) {
    FUZZ_CHECK(e.kind == ec::evidence_kind::kObjectAccess);
    FUZZ_CHECK(*report->coverage_begin <= e.time && e.time <= *report->coverage_end);
  }
  if (ec::fuzz::is_gzip(bytes)) return 0;
  const Expected expected = expect_plain(bytes);
  FUZZ_CHECK(report->records_read == expected.read);
  FUZZ_CHECK(static_cast<std::int64_t>(report->evidence.size()) == expected.kept);
  return 0;
}
