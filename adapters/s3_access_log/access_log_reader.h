// Streaming read of delivered S3 server access log files: one file, or every file of a folder
// in name order, or the objects a live source fetches from the log bucket (common::LogInputs),
// plain or gzip, handed to a visitor one parsed line at a time. Nothing is kept
// between lines, so memory is bounded by the longest line whatever the size of the logs;
// collect() is built on it, and callers that cannot hold every record (benchmarks, a future
// streaming correlation) use it directly. Not thread-safe; the visitor runs on the caller's
// thread and must not keep the record's views past its return.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "plugin/core/result.h"

#include "adapters/common/log_inputs.h"
#include "adapters/common/report_builder.h"
#include "adapters/s3_access_log/access_log_line.h"

namespace ec::adapters::s3_access_log {

// One well-formed line. Valid only during the visitor call.
struct AccessLogRecord {
  const AccessLogLine& line;  // fields are views into `raw`
  std::string_view raw;       // the line without its "\n" or "\r\n"
  std::string_view file;      // display path of the file ("s3/support-attachments-….log") or
                              // the object ("s3://acme-logs/s3-access/2025-03-11-17-00-00-…")
  std::int64_t line_number;   // 1-based

  // "file:line", the evidence origin.
  std::string location() const;
};

using AccessLogVisitor = std::function<void(const AccessLogRecord&)>;

// Calls `visit` for every well-formed line under `path`; blank lines are ignored. Every other
// line is counted in `report` (count_read); a malformed one is skipped there with "file:line"
// and the parser's message. A file that cannot be opened, or whose gzip data is truncated or
// corrupt, marks the report incomplete with a note, and the lines before the damage are kept.
// Display paths are relative to `base_dir` (see common::display_path).
// Errors: NotFound when `path` does not exist; InvalidArgument when it is neither a file nor a
// folder, or the folder cannot be listed.
[[nodiscard]] Status for_each_record(const std::filesystem::path& path, std::string_view base_dir,
                                     common::ReportBuilder& report, const AccessLogVisitor& visit);

// The same over any inputs (local files or fetched objects); `subject` and `window` go to
// LogInputs::for_each. Errors: those of `inputs` (a local path that no longer exists).
[[nodiscard]] Status for_each_record(common::LogInputs& inputs, const Subject& subject,
                                     const TimeWindow& window, common::ReportBuilder& report,
                                     const AccessLogVisitor& visit);

}  // namespace ec::adapters::s3_access_log
