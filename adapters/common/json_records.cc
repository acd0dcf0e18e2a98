#include "adapters/common/json_records.h"

#include "adapters/common/line_reader.h"
#include "plugin/core/hash.h"

namespace ec::adapters::common {
namespace {

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

std::string at_line(std::string_view display, std::int64_t line) {
  return std::string(display) + ":" + std::to_string(line);
}

Status read_array(LineReader& reader, std::string first, std::string_view display,
                  ReportBuilder& report, const JsonRecordFn& on_record) {
  std::string text = std::move(first);
  std::string_view line;
  while (reader.next(line)) {
    text.push_back('\n');
    text.append(line);
    if (text.size() > kMaxJsonArrayBytes) {
      return make_error(ErrorCode::InvalidArgument,
                        std::string(display) + ": JSON array larger than " +
                            std::to_string(kMaxJsonArrayBytes) + " bytes");
    }
  }
  if (!reader.status()) return std::unexpected(reader.status().error());
  const auto parsed = nlohmann::json::parse(text, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_array()) {
    return make_error(ErrorCode::InvalidArgument,
                      std::string(display) + ": expected a JSON array or JSON Lines");
  }
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    report.count_read();
    const std::string raw = canonical_json(parsed[i]);
    on_record({parsed[i], std::string(display) + "[" + std::to_string(i) + "]", raw});
  }
  return ok_status();
}

void read_line_record(std::string_view line, std::string location, ReportBuilder& report,
                      const JsonRecordFn& on_record) {
  report.count_read();
  if (line.size() > kMaxJsonRecordBytes) {
    report.skip(std::move(location),
                "record larger than " + std::to_string(kMaxJsonRecordBytes) + " bytes");
    return;
  }
  const auto parsed = nlohmann::json::parse(line, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    report.skip(std::move(location), "expected one JSON object per line");
    return;
  }
  on_record({parsed, std::move(location), line});
}

}  // namespace

Status read_json_records(const std::filesystem::path& file, std::string_view display,
                         ReportBuilder& report, const JsonRecordFn& on_record) {
  auto opened = LineReader::open(file);
  if (!opened) return std::unexpected(opened.error());
  LineReader& reader = **opened;
  std::string_view line;
  bool first = true;
  while (reader.next(line)) {
    if (is_blank(line)) continue;
    if (first && line.substr(line.find_first_not_of(" \t")).front() == '[') {
      return read_array(reader, std::string(line), display, report, on_record);
    }
    first = false;
    read_line_record(line, at_line(display, reader.line_number()), report, on_record);
  }
  if (!reader.status()) {
    return std::unexpected(
        reader.status().error().with_context(at_line(display, reader.line_number() + 1)));
  }
  return ok_status();
}

}  // namespace ec::adapters::common
