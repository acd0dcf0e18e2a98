#include "adapters/s3_access_log/access_log_reader.h"

#include "adapters/common/config.h"
#include "adapters/common/file_list.h"
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

void read_file(const std::filesystem::path& file, const std::string& display,
               common::ReportBuilder& report, const AccessLogVisitor& visit) {
  auto reader = common::LineReader::open(file);
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
  auto files = common::list_source_files(path);
  if (!files) return std::unexpected(files.error());
  for (const auto& file : *files) {
    read_file(file, common::display_path(file, base_dir), report, visit);
  }
  return ok_status();
}

}  // namespace ec::adapters::s3_access_log
