#include "adapters/cloudfront/cloudfront_source.h"

#include <optional>

#include "adapters/cloudfront/log_evidence.h"
#include "adapters/cloudfront/log_fields.h"
#include "adapters/cloudfront/log_record.h"
#include "adapters/common/config.h"
#include "adapters/common/line_reader.h"
#include "adapters/common/log_inputs.h"
#include "adapters/common/report_builder.h"

namespace ec::adapters::cloudfront {
namespace {

// State of reading one file: the #Fields header in force.
struct FileState {
  std::optional<LogFields> fields;
  bool header_broken = false;
};

void handle_header(common::ReportBuilder& report, FileState& state, std::string_view line,
                   const std::string& location) {
  if (!line.starts_with("#Fields:")) return;  // #Version and other comments
  auto fields = LogFields::parse(line);
  if (!fields) {
    state.fields.reset();
    state.header_broken = true;
    return report.note(location, fields.error().message + "; lines under it are skipped");
  }
  state.fields = std::move(*fields);
  state.header_broken = false;
}

void handle_line(common::ReportBuilder& report, const FileState& state, const TimeWindow& window,
                 std::string_view line, std::string location) {
  report.count_read();
  if (!state.fields) {
    return report.skip(std::move(location), state.header_broken
                                                ? "under an unusable #Fields header"
                                                : "no #Fields header before this line");
  }
  auto record = LogRecord::parse(line, *state.fields);
  if (!record) return report.skip(std::move(location), record.error().message);
  const auto time = record_time(*record);
  if (!time) return report.skip(std::move(location), "expected date and time fields in UTC");
  report.saw_time(*time);
  if (!window.contains(*time)) return;
  report.add(log_to_evidence(*record, *time, std::move(location), line));
}

void read_input(common::ReportBuilder& report, const TimeWindow& window,
                const common::LogInput& input) {
  const std::string& display = input.display;
  auto reader = common::open_lines(input);
  if (!reader) {
    report.mark_incomplete();
    return report.note(display, reader.error().message);
  }
  FileState state;
  std::string_view line;
  while ((*reader)->next(line)) {
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    const std::string location = display + ":" + std::to_string((*reader)->line_number());
    if (line.front() == '#') {
      handle_header(report, state, line, location);
      continue;
    }
    handle_line(report, state, window, line, location);
  }
  if (!(*reader)->status()) {
    report.mark_incomplete();
    report.note(display + ":" + std::to_string((*reader)->line_number() + 1),
                (*reader)->status().error().message);
  }
}

}  // namespace

std::string_view CloudFrontSource::kind() const { return kSourceKind; }

Result<SourceReport> CloudFrontSource::collect(const Subject& subject, const TimeWindow& window) {
  common::ReportBuilder report(kSourceKind, options_.label);
  common::LocalLogFiles files(options_.path, options_.base_dir);
  common::LogInputs& inputs = options_.inputs ? *options_.inputs : files;
  const Status read = inputs.for_each(subject, window, report, [&](const common::LogInput& input) {
    read_input(report, window, input);
  });
  if (!read) {
    return make_error(ErrorCode::InvalidArgument,
                      common::config_key(options_.label, "path") + ": " + read.error().message);
  }
  return report.finish();
}

}  // namespace ec::adapters::cloudfront
