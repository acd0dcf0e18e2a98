#include "adapters/cloudtrail/cloudtrail_source.h"

#include <string>
#include <string_view>
#include <unordered_map>

#include "adapters/cloudtrail/cloudtrail_record.h"
#include "adapters/cloudtrail/file_bytes.h"
#include "adapters/cloudtrail/record_evidence.h"
#include "adapters/cloudtrail/record_splitter.h"
#include "adapters/cloudtrail/user_identity.h"
#include "adapters/common/config.h"
#include "adapters/common/log_inputs.h"
#include "adapters/common/report_builder.h"

namespace ec::adapters::cloudtrail {
namespace {

struct KeyHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
};

// Finishes a kept record: content hash of its JSON bytes, attributes and summary.
class CompleteRecord final : public EvidenceCompleter {
 public:
  CompleteRecord(const CloudTrailRecord& record, std::string_view raw)
      : record_(record), raw_(raw) {}
  void complete(Evidence& e) const override { complete_record_evidence(record_, raw_, e); }

 private:
  const CloudTrailRecord& record_;
  std::string_view raw_;
};

// State of one stream() call shared across the files it reads. The scratch evidence and origin
// are reused from record to record, so a record the sink does not keep allocates nothing.
struct Streaming {
  const Subject& subject;
  const TimeWindow& window;
  const IamUserMap& iam_users;
  EvidenceSink& sink;
  common::ReportBuilder report;
  RecordSplitter splitter;
  RecordParser parser;
  FileBytes bytes;  // reused from file to file
  Evidence scratch;
  std::string origin;
  // eventID of each kept record -> its handle.
  std::unordered_map<std::string, EvidenceSink::Handle, KeyHash, std::equal_to<>> kept;
  std::int64_t duplicates = 0;
};

void handle_record(Streaming& c, const RawRecord& raw, std::string_view display) {
  c.report.count_read();
  if (!raw.error.empty()) return c.report.skip(record_location(display, raw), raw.error);
  auto record = c.parser.parse(raw.json, raw.capacity);
  if (!record) return c.report.skip(record_location(display, raw), record.error().message);
  if (!is_s3_data_event(*record)) return;
  const auto time = parse_rfc3339(record->event_time);
  if (!time) {
    return c.report.skip(record_location(display, raw), "expected eventTime as RFC 3339, got '" +
                                                            std::string(record->event_time) + "'");
  }
  c.report.saw_time(*time);
  if (!record->event_id.empty()) {
    if (const auto it = c.kept.find(record->event_id); it != c.kept.end()) {
      ++c.duplicates;
      return c.sink.merge_duplicate(it->second);
    }
  }
  if (!c.window.contains(*time)) return;
  // Most records of a large trail are routine reads the sink only counts: decided from the
  // parsed views, before any evidence is built.
  if (c.sink.routine_storage_read(*time, action_for(record->event_name, record->key),
                                  principal_view(record->identity))) {
    return c.sink.count_routine_read(kSourceKind, *time);
  }
  record_location_into(display, raw, c.origin);
  record_fields_into(*record, RecordContext{*time, raw.json, c.origin, c.subject, c.iam_users},
                     c.scratch);
  const EvidenceSink::Handle handle = c.sink.accept(c.scratch, CompleteRecord(*record, raw.json));
  if (handle != EvidenceSink::kNotKept && !record->event_id.empty()) {
    c.kept.emplace(std::string(record->event_id), handle);
  }
}

// The text to split: the whole file, or for a truncated one the part before the damage (a
// {"Records"} file closed after its last complete record, JSON Lines cut after the last line).
std::string salvage(const FileBytes& bytes, FileShape shape) {
  const std::string_view text = bytes.text();
  std::string kept = shape == FileShape::RecordsObject
                         ? close_after_last_record(text)
                         : std::string(text.substr(0, text.rfind('\n') + 1));
  kept.append(kJsonPadding, '\0');
  return kept;
}

void read_input(Streaming& c, const common::LogInput& input) {
  const std::string& display = input.display;
  const Status read = read_input_bytes(input, c.bytes);
  if (!read) {
    c.report.mark_incomplete();
    return c.report.note(display, read.error().message);
  }
  const FileShape shape = detect_shape(c.bytes.text());
  std::string salvaged;
  std::string_view text = c.bytes.text();
  if (!c.bytes.status) {
    c.report.mark_incomplete();
    c.report.note(display,
                  c.bytes.status.error().message + "; records after the damage could not be read");
    salvaged = salvage(c.bytes, shape);
    text = std::string_view(salvaged.data(), salvaged.size() - kJsonPadding);
  }
  const Status split =
      c.splitter.split(text, shape, [&](const RawRecord& raw) { handle_record(c, raw, display); });
  if (!split) {
    c.report.mark_incomplete();
    c.report.note(display, split.error().message);
  }
}

}  // namespace

CloudTrailSource::CloudTrailSource(CloudTrailOptions options) : options_(std::move(options)) {}
CloudTrailSource::~CloudTrailSource() = default;

std::string_view CloudTrailSource::kind() const { return kSourceKind; }

Result<SourceReport> CloudTrailSource::stream(const Subject& subject, const TimeWindow& window,
                                              EvidenceSink& sink) {
  Streaming c{subject,
              window,
              options_.iam_users,
              sink,
              common::ReportBuilder(kSourceKind, options_.label),
              {},
              {},
              {},
              {},
              {},
              {},
              0};
  common::LocalLogFiles files(options_.path, options_.base_dir);
  common::LogInputs& inputs = options_.inputs ? *options_.inputs : files;
  const Status read = inputs.for_each(
      subject, window, c.report, [&c](const common::LogInput& input) { read_input(c, input); });
  if (!read) {
    return make_error(ErrorCode::InvalidArgument,
                      common::config_key(options_.label, "path") + ": " + read.error().message);
  }
  if (c.duplicates > 0) {
    c.report.note(options_.label, std::to_string(c.duplicates) +
                                      " duplicate records merged (same eventID delivered more "
                                      "than once)");
  }
  return c.report.finish();
}

}  // namespace ec::adapters::cloudtrail
