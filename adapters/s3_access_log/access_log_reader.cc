#include "adapters/s3_access_log/access_log_reader.h"

#include "adapters/common/line_reader.h"

namespace ec::adapters::s3_access_log {
namespace {

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t") == std::string_view::npos;
}

std::string location_of(std::string_view file, std::int64_t line_number) {
  std::string text;
  text.reserve(file.size() + 12);
  text.append(file).push_back(':');
  text.append(std::to_string(line_number));
  return text;
}

void read_input(const common::LogInput& input, common::ReportBuilder& report,
                const AccessLogVisitor& visit) {
  const std::string& display = input.display;
  auto reader = common::open_lines(input);
  if (!reader) {
    report.mark_incomplete();
    return report.note(display, reader.error().message);
  }
  std::string_view line;
  while ((*reader)->next(line)) {
    if (is_blank(line)) continue;
    report.count_read();
    auto parsed = parse_access_log_line(line);
    if (!parsed) {
      report.skip(location_of(display, (*reader)->line_number()), parsed.error().message);
      continue;
    }
    visit(AccessLogRecord{*parsed, line, display, (*reader)->line_number()});
  }
  if (!(*reader)->status()) {
    report.mark_incomplete();
    report.note(location_of(display, (*reader)->line_number() + 1),
                (*reader)->status().error().message);
  }
}

}  // namespace

std::string AccessLogRecord::location() const { return location_of(file, line_number); }

Status for_each_record(const std::filesystem::path& path, std::string_view base_dir,
                       common::ReportBuilder& report, const AccessLogVisitor& visit) {
  common::LocalLogFiles files(path, std::string(base_dir));
  return for_each_record(files, Subject{}, TimeWindow{}, report, visit);
}

Status for_each_record(common::LogInputs& inputs, const Subject& subject, const TimeWindow& window,
                       common::ReportBuilder& report, const AccessLogVisitor& visit) {
  return inputs.for_each(subject, window, report,
                         [&](const common::LogInput& input) { read_input(input, report, visit); });
}

}  // namespace ec::adapters::s3_access_log
