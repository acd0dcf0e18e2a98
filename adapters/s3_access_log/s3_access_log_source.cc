#include "adapters/s3_access_log/s3_access_log_source.h"

#include <charconv>
#include <string>
#include <unordered_map>
#include <utility>

#include "adapters/common/config.h"
#include "adapters/common/log_inputs.h"
#include "adapters/common/report_builder.h"
#include "adapters/s3_access_log/access_log_evidence.h"
#include "adapters/s3_access_log/access_log_reader.h"
#include "adapters/common/time_formats.h"

namespace ec::adapters::s3_access_log {
namespace {

struct KeyHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
};

// Finishes a kept line: content hash of the raw line, attributes and summary.
class CompleteLine final : public EvidenceCompleter {
 public:
  CompleteLine(const AccessLogLine& line, std::string_view raw) : line_(line), raw_(raw) {}
  void complete(Evidence& e) const override { complete_access_log_evidence(line_, raw_, e); }

 private:
  const AccessLogLine& line_;
  std::string_view raw_;
};

// State of one stream() call shared across the files it reads. The scratch strings are reused
// from line to line, so a line the sink does not keep allocates nothing.
struct Streaming {
  const Subject& subject;
  const TimeWindow& window;
  EvidenceSink& sink;
  common::ReportBuilder report;
  Evidence scratch;
  std::string origin;
  std::string key;
  // De-duplication key (request id, else content hash) of each kept record -> its handle.
  std::unordered_map<std::string, EvidenceSink::Handle, KeyHash, std::equal_to<>> kept;
  std::int64_t duplicates = 0;
  std::string lower;  // action_view()'s scratch
};

void location_into(const AccessLogRecord& record, std::string& out) {
  out.assign(record.file);
  out.push_back(':');
  char digits[24];
  const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, record.line_number);
  (void)ec;
  out.append(digits, end);
}

// Most lines of a large log are routine reads the sink only counts (before deprovisioning, not
// a data read, or by the product's backend). This decides that from the line's views, before
// any evidence is built: true when the line was handled (counted, or outside the window). A
// line it cannot decide this way (a key with escapes, no request id, a duplicate of a kept
// record, a bad time) is left to the full path, which gives the same result for any line.
bool handled_as_routine(Streaming& c, const AccessLogLine& line) {
  const std::string_view request_id = line.get(Field::RequestId);
  const std::string_view raw_key = line.get(Field::Key);
  if (request_id.empty() || raw_key.find('%') != std::string_view::npos) return false;
  const auto time = common::parse_access_log_time(line.get(Field::Time));
  if (!time || c.kept.contains(request_id)) return false;
  if (!c.window.contains(*time)) {
    c.report.saw_time(*time);
    return true;
  }
  const std::string_view action = action_view(line.get(Field::Operation), raw_key, c.lower);
  if (!c.sink.routine_storage_read(*time, action, line.get(Field::Requester))) return false;
  c.report.saw_time(*time);
  c.sink.count_routine_read(kSourceKind, *time);
  return true;
}

void handle_record(Streaming& c, const AccessLogRecord& record) {
  if (handled_as_routine(c, record.line)) return;
  Evidence& e = c.scratch;
  location_into(record, c.origin);
  const Status converted = access_log_fields_into(record.line, c.origin, e);
  if (!converted) return c.report.skip(c.origin, converted.error().message);
  c.report.saw_time(e.time);
  if (e.request_id.empty()) {
    set_content_hash(record.raw, e);
    c.key.assign(e.content_hash);
  } else {
    c.key.assign(e.request_id);
  }
  if (const auto it = c.kept.find(std::string_view(c.key)); it != c.kept.end()) {
    ++c.duplicates;
    return c.sink.merge_duplicate(it->second);
  }
  if (!c.window.contains(e.time)) return;
  e.names_subject = c.subject.matches(e.principal);
  const EvidenceSink::Handle handle = c.sink.accept(e, CompleteLine(record.line, record.raw));
  if (handle != EvidenceSink::kNotKept) c.kept.emplace(c.key, handle);
}

}  // namespace

std::string_view S3AccessLogSource::kind() const { return kSourceKind; }

Result<SourceReport> S3AccessLogSource::stream(const Subject& subject, const TimeWindow& window,
                                               EvidenceSink& sink) {
  Streaming c{subject, window, sink, common::ReportBuilder(kSourceKind, options_.label),
              {},      {},     {},   {},
              0,       {}};
  common::LocalLogFiles files(options_.path, options_.base_dir);
  common::LogInputs& inputs = options_.inputs ? *options_.inputs : files;
  const auto read = for_each_record(inputs, subject, window, c.report,
                                    [&c](const AccessLogRecord& r) { handle_record(c, r); });
  if (!read) {
    return make_error(ErrorCode::InvalidArgument,
                      common::config_key(options_.label, "path") + ": " + read.error().message);
  }
  if (c.duplicates > 0) {
    c.report.note(options_.label, std::to_string(c.duplicates) +
                                      " duplicate records merged (same request id delivered "
                                      "more than once)");
  }
  return c.report.finish();
}

}  // namespace ec::adapters::s3_access_log
