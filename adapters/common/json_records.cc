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

// Delivers the records of one parsed value: the elements of a page (an array, or an object whose
// `page_key` member is an array), else the value itself when it is an object.
void deliver_value(const nlohmann::json& value, std::string_view raw, const std::string& location,
                   std::string_view page_key, ReportBuilder& report,
                   const JsonRecordFn& on_record) {
  const nlohmann::json* items = nullptr;
  if (value.is_array()) items = &value;
  if (value.is_object() && !page_key.empty()) {
    const auto it = value.find(page_key);
    if (it != value.end() && it->is_array()) items = &*it;
  }
  if (items == nullptr) {
    report.count_read();
    if (!value.is_object()) return report.skip(location, "expected a JSON object");
    return on_record({value, location, raw});
  }
  for (std::size_t i = 0; i < items->size(); ++i) {
    report.count_read();
    const std::string item_location = location + "[" + std::to_string(i) + "]";
    if (!(*items)[i].is_object()) {
      report.skip(item_location, "expected a JSON object");
      continue;
    }
    const std::string canonical = canonical_json((*items)[i]);
    on_record({(*items)[i], item_location, canonical});
  }
}

// One pass over the file. With `allow_document`, a first line that is not JSON on its own starts
// a pretty-printed document read whole; if that fails too, the caller reads again line by line.
// Sets `retry_as_lines` instead of failing in that case.
Status read_page_pass(const std::filesystem::path& file, std::string_view display,
                      std::string_view page_key, ReportBuilder& report,
                      const JsonRecordFn& on_record, bool allow_document, bool& retry_as_lines) {
  auto opened = LineReader::open(file);
  if (!opened) return std::unexpected(opened.error());
  LineReader& reader = **opened;
  std::string_view line;
  bool first = allow_document;
  while (reader.next(line)) {
    if (is_blank(line)) continue;
    const std::string location = at_line(display, reader.line_number());
    if (line.size() > kMaxJsonRecordBytes) {
      report.count_read();
      report.skip(location, "record larger than " + std::to_string(kMaxJsonRecordBytes) + " bytes");
      first = false;
      continue;
    }
    auto parsed = nlohmann::json::parse(line, nullptr, false);
    if (first && parsed.is_discarded()) {  // one pretty-printed document: read it whole
      std::string text(line);
      while (reader.next(line) && text.size() <= kMaxJsonArrayBytes) {
        text.push_back('\n');
        text.append(line);
      }
      parsed = nlohmann::json::parse(text, nullptr, false);
      if (!reader.status() || parsed.is_discarded() ||
          !(parsed.is_object() || parsed.is_array())) {
        retry_as_lines = true;  // not one document: garbled JSON Lines, read them one by one
        return ok_status();
      }
      deliver_value(parsed, canonical_json(parsed), std::string(display), page_key, report,
                    on_record);
      return ok_status();
    }
    first = false;
    if (parsed.is_discarded()) {
      report.count_read();
      report.skip(location, "expected one JSON object (or one page) per line");
      continue;
    }
    deliver_value(parsed, line, location, page_key, report, on_record);
  }
  if (!reader.status()) {
    return std::unexpected(
        reader.status().error().with_context(at_line(display, reader.line_number() + 1)));
  }
  return ok_status();
}

}  // namespace

Status read_json_page_records(const std::filesystem::path& file, std::string_view display,
                              std::string_view page_key, ReportBuilder& report,
                              const JsonRecordFn& on_record) {
  bool retry_as_lines = false;
  EC_RETURN_IF_ERROR(
      read_page_pass(file, display, page_key, report, on_record, true, retry_as_lines));
  if (!retry_as_lines) return ok_status();
  return read_page_pass(file, display, page_key, report, on_record, false, retry_as_lines);
}

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
