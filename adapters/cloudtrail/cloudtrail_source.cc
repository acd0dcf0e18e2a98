#include "adapters/cloudtrail/cloudtrail_source.h"

#include <string_view>
#include <unordered_set>

#include "adapters/cloudtrail/cloudtrail_record.h"
#include "adapters/cloudtrail/file_bytes.h"
#include "adapters/cloudtrail/record_evidence.h"
#include "adapters/cloudtrail/record_splitter.h"
#include "adapters/common/config.h"
#include "adapters/common/file_list.h"
#include "adapters/common/report_builder.h"

namespace ec::adapters::cloudtrail {
namespace {

// State of one collect() call shared across the files it reads.
struct Collection {
  const Subject& subject;
  const TimeWindow& window;
  const IamUserMap& iam_users;
  common::ReportBuilder report;
  RecordSplitter splitter;
  RecordParser parser;
  FileBytes bytes;  // reused from file to file
  std::unordered_set<std::string> seen_event_ids;
  std::int64_t duplicates = 0;
};

void handle_record(Collection& c, const RawRecord& raw, std::string_view display) {
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
  if (!record->event_id.empty() && !c.seen_event_ids.emplace(record->event_id).second) {
    ++c.duplicates;
    return;
  }
  if (!c.window.contains(*time)) return;
  c.report.add(record_to_evidence(
      *record,
      RecordContext{*time, raw.json, record_location(display, raw), c.subject, c.iam_users}));
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

void read_file(Collection& c, const std::filesystem::path& file, const std::string& display) {
  const Status read = read_file_bytes(file, c.bytes);
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

Result<SourceReport> CloudTrailSource::collect(const Subject& subject, const TimeWindow& window) {
  auto files = common::list_source_files(options_.path);
  if (!files) {
    return make_error(ErrorCode::InvalidArgument,
                      common::config_key(options_.label, "path") + ": " + files.error().message);
  }
  Collection c{subject,
               window,
               options_.iam_users,
               common::ReportBuilder(kSourceKind, options_.label),
               {},
               {},
               {},
               {},
               0};
  for (const auto& file : *files) {
    read_file(c, file, common::display_path(file, options_.base_dir));
  }
  if (c.duplicates > 0) {
    c.report.note(options_.label, std::to_string(c.duplicates) +
                                      " duplicate records merged (same eventID delivered more "
                                      "than once)");
  }
  return c.report.finish();
}

}  // namespace ec::adapters::cloudtrail
