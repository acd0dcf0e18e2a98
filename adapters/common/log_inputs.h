// Where a log source's files come from: local files under a configured path (export mode) or
// objects listed in a bucket (the AWS sources' live mode, adapters/aws). A source reads each
// input as it is handed over and keeps nothing of it afterwards, so memory is bounded by one
// input (one object in memory for S3, one line for a local access log file).
// Not thread-safe; one walk at a time per instance.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "plugin/core/evidence.h"
#include "plugin/core/result.h"
#include "plugin/core/time.h"

#include "adapters/common/line_reader.h"
#include "adapters/common/report_builder.h"

namespace ec::adapters::common {

// One log file or object, valid only during the visitor call.
struct LogInput {
  std::string display;                    // location prefix: "s3/x.log", "s3://bucket/key"
  std::filesystem::path file;             // a local file, when `bytes` is unset
  std::optional<std::string_view> bytes;  // the object's bytes (plain or gzip), when fetched
};
// A LineReader over the input's file or bytes (same errors as LineReader::open/open_bytes).
[[nodiscard]] Result<std::unique_ptr<LineReader>> open_lines(const LogInput& input);

using LogInputVisitor = std::function<void(const LogInput&)>;

class LogInputs {
 public:
  virtual ~LogInputs() = default;
  // Calls `visit` for each input in a deterministic order; `subject` and `window` let an
  // implementation skip inputs that cannot hold records of the case (by the dates in object
  // names; an open window reaches back from the subject's deprovisioning time). An input that
  // cannot be listed or fetched marks `report` incomplete with a note naming it (a gap, never "no
  // records"), and the walk goes on where it can.
  // @return InvalidArgument/NotFound when the inputs cannot be enumerated at all because of the
  //   configuration (a local path that no longer exists); the caller names the config key.
  [[nodiscard]] virtual Status for_each(const Subject& subject, const TimeWindow& window,
                                        ReportBuilder& report, const LogInputVisitor& visit) = 0;
};
using LogInputsPtr = std::shared_ptr<LogInputs>;

// The files under a source's "path" (common::list_source_files order), shown relative to
// base_dir. The window is not used: file names carry no dates we rely on.
class LocalLogFiles final : public LogInputs {
 public:
  LocalLogFiles(std::filesystem::path path, std::string base_dir)
      : path_(std::move(path)), base_dir_(std::move(base_dir)) {}
  [[nodiscard]] Status for_each(const Subject& subject, const TimeWindow& window,
                                ReportBuilder& report, const LogInputVisitor& visit) override;

 private:
  std::filesystem::path path_;
  std::string base_dir_;
};

}  // namespace ec::adapters::common
