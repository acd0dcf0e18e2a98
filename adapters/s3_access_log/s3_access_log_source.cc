#include "adapters/s3_access_log/s3_access_log_source.h"

#include <algorithm>
#include <exception>
#include <filesystem>
#include <unordered_map>
#include <utility>
#include <vector>

#include "adapters/common/config.h"
#include "adapters/common/file_list.h"
#include "adapters/common/report_builder.h"
#include "adapters/s3_access_log/access_log_evidence.h"
#include "adapters/s3_access_log/access_log_reader.h"

namespace ec::adapters::s3_access_log {
namespace {

// Reserves the evidence vector once, from the records per byte of the files read so far times
// the bytes of all files, when every record will be kept (open window). Growing by doubling
// instead moves every record about once more and briefly holds 1.5x the records' memory. A wrong
// estimate is harmless: too low and the vector grows as before; too high and the unused tail is
// never touched.
struct Sizing {
  std::vector<std::pair<std::string, std::uintmax_t>> files;  // display path, bytes (read order)
  std::uintmax_t total_bytes = 0;
  std::string first_seen;  // display path of the first file that yielded a record
  bool done = false;
};

// A record takes at least this many bytes (27 short fields and a 28-byte time): caps estimates.
constexpr std::uintmax_t kMinimumRecordBytes = 60;

Sizing plan_sizing(const S3AccessLogOptions& options, const TimeWindow& window) {
  Sizing sizing;
  auto files = common::list_source_files(options.path);
  if (window.begin || window.end || !files || files->size() < 2) {
    sizing.done = true;
    return sizing;
  }
  for (const auto& file : *files) {
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(file, ec);
    sizing.files.emplace_back(common::display_path(file, options.base_dir), ec ? 0 : size);
    sizing.total_bytes += ec ? 0 : size;
  }
  return sizing;
}

// State of one collect() call shared across the files it reads.
struct Collection {
  const Subject& subject;
  const TimeWindow& window;
  common::ReportBuilder report;
  std::vector<Evidence> evidence;  // kept here until the end so duplicates can be annotated
  std::unordered_map<std::string, std::size_t> seen;  // dedupe key -> evidence index (or npos)
  std::int64_t duplicates = 0;
  Sizing sizing;
};

void handle_duplicate(Collection& c, std::size_t index) {
  ++c.duplicates;
  if (index == std::string::npos) return;  // the first copy was outside the window
  Evidence& evidence = c.evidence[index];
  evidence.attributes["duplicates"] = evidence.attributes.value("duplicates", 0) + 1;
}

void maybe_reserve(Collection& c, const AccessLogRecord& record) {
  Sizing& sizing = c.sizing;
  if (sizing.first_seen.empty()) sizing.first_seen = record.file;
  if (record.file == sizing.first_seen) return;
  sizing.done = true;  // a file is complete: estimate once
  std::uintmax_t bytes_done = 0;
  for (const auto& [file, size] : sizing.files) {
    if (file == record.file) break;
    bytes_done += size;
  }
  if (bytes_done == 0) return;
  const double per_byte = static_cast<double>(c.evidence.size()) / static_cast<double>(bytes_done);
  const double estimate = std::min(per_byte * static_cast<double>(sizing.total_bytes) * 1.05,
                                   static_cast<double>(sizing.total_bytes / kMinimumRecordBytes));
  if (estimate <= static_cast<double>(c.evidence.capacity())) return;
  try {
    c.evidence.reserve(static_cast<std::size_t>(estimate));
  } catch (const std::exception&) {
    // Not enough address space for the estimate: keep growing by doubling.
  }
}

void handle_record(Collection& c, const AccessLogRecord& record) {
  if (!c.sizing.done) maybe_reserve(c, record);
  auto evidence = access_log_to_evidence(record.line, record.location(), record.raw);
  if (!evidence) return c.report.skip(record.location(), evidence.error().message);
  c.report.saw_time(evidence->time);
  std::string key = evidence->request_id.empty() ? evidence->content_hash : evidence->request_id;
  const auto [it, inserted] = c.seen.try_emplace(std::move(key), std::string::npos);
  if (!inserted) return handle_duplicate(c, it->second);
  if (!c.window.contains(evidence->time)) return;  // remembered as seen, outside the window
  evidence->names_subject = c.subject.matches(evidence->principal);
  it->second = c.evidence.size();
  c.evidence.push_back(std::move(*evidence));
}

}  // namespace

std::string_view S3AccessLogSource::kind() const { return kSourceKind; }

Result<SourceReport> S3AccessLogSource::collect(const Subject& subject, const TimeWindow& window) {
  Collection c{subject,
               window,
               common::ReportBuilder(kSourceKind, options_.label),
               {},
               {},
               0,
               plan_sizing(options_, window)};
  const auto read = for_each_record(options_.path, options_.base_dir, c.report,
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
  // Hand the evidence over as one vector rather than record by record (ReportBuilder::add),
  // which would hold a second copy of every record's struct while it grows.
  SourceReport report = c.report.finish();
  report.evidence = std::move(c.evidence);
  return report;
}

}  // namespace ec::adapters::s3_access_log
