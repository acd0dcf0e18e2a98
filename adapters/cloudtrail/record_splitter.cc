#include "adapters/cloudtrail/record_splitter.h"

#include <charconv>

#include <simdjson.h>

#include "adapters/cloudtrail/file_bytes.h"

namespace ec::adapters::cloudtrail {
namespace {

namespace od = simdjson::ondemand;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string error_text(simdjson::error_code code) { return simdjson::error_message(code); }

// Bytes readable from `view.data()` inside the padded `text`.
std::size_t capacity_of(std::string_view text, std::string_view view) {
  return text.size() - static_cast<std::size_t>(view.data() - text.data()) + kJsonPadding;
}

void split_lines(std::string_view text, const RawRecordFn& on_record) {
  std::size_t pos = 0;
  std::int64_t line_number = 0;
  while (pos < text.size()) {
    const std::size_t newline = text.find('\n', pos);
    const std::size_t end = newline == std::string_view::npos ? text.size() : newline;
    ++line_number;
    const std::string_view line = trim(text.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty()) continue;
    RawRecord record;
    record.json = line;
    record.capacity = capacity_of(text, line);
    record.line = line_number;
    if (line.front() != '{') record.error = "expected one JSON object per line";
    on_record(record);
  }
}

// Delivers one element of the Records array. False when the array cannot be read further.
bool deliver_element(std::string_view text, od::value element, std::int64_t index,
                     const RawRecordFn& on_record, std::string& stop) {
  RawRecord record;
  record.index = index;
  od::json_type type{};
  if (auto error = element.type().get(type)) {
    stop = error_text(error);
    return false;
  }
  std::string_view raw;
  simdjson::error_code error = simdjson::SUCCESS;
  if (type == od::json_type::object) {
    od::object object;
    error = element.get_object().get(object);
    if (!error) error = object.raw_json().get(raw);
  } else if (type == od::json_type::array) {
    od::array array;
    error = element.get_array().get(array);
    if (!error) error = array.raw_json().get(raw);
    record.error = "expected a JSON object, got an array";
  } else {
    raw = element.raw_json_token();
    record.error = "expected a JSON object";
  }
  if (error) {
    stop = error_text(error);
    return false;
  }
  record.json = trim(raw);
  record.capacity = capacity_of(text, record.json);
  on_record(record);
  return true;
}

}  // namespace

std::string record_location(std::string_view display, const RawRecord& record) {
  std::string out;
  record_location_into(display, record, out);
  return out;
}

void record_location_into(std::string_view display, const RawRecord& record, std::string& out) {
  out.assign(display);
  out.append(record.index >= 0 ? ":Records[" : ":");
  char digits[24];
  const auto [end, ec] = std::to_chars(digits, digits + sizeof digits,
                                       record.index >= 0 ? record.index : record.line);
  (void)ec;
  out.append(digits, end);
  if (record.index >= 0) out.push_back(']');
}

FileShape detect_shape(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.front() != '{') return FileShape::JsonLines;
  text = trim(text.substr(1));
  return text.starts_with("\"Records\"") ? FileShape::RecordsObject : FileShape::JsonLines;
}

std::string close_after_last_record(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  std::size_t cut = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
      if (depth == 2 && c == '}') cut = i + 1;  // {"Records":[ {...} <- here
    }
  }
  if (cut == 0) return {};
  std::string out(text.substr(0, cut));
  out += "]}";
  return out;
}

struct RecordSplitter::Impl {
  od::parser parser;
};

RecordSplitter::RecordSplitter() : impl_(std::make_unique<Impl>()) {}
RecordSplitter::~RecordSplitter() = default;

Status RecordSplitter::split(std::string_view text, FileShape shape, const RawRecordFn& on_record) {
  if (shape == FileShape::JsonLines) {
    split_lines(text, on_record);
    return ok_status();
  }
  const auto fail = [](std::string where, std::string message) {
    return make_error(ErrorCode::InvalidArgument, where + ": " + message);
  };
  od::document doc;
  if (auto error =
          impl_->parser.iterate(text.data(), text.size(), text.size() + kJsonPadding).get(doc)) {
    return fail("Records", error_text(error));
  }
  od::array records;
  if (auto error = doc.find_field_unordered("Records").get_array().get(records)) {
    return fail("Records", "expected {\"Records\": [...]}: " + error_text(error));
  }
  std::int64_t index = 0;
  for (auto element : records) {
    od::value value;
    std::string stop;
    if (auto error = element.get(value)) {
      stop = error_text(error);
    } else if (deliver_element(text, value, index, on_record, stop)) {
      ++index;
      continue;
    }
    return fail("Records[" + std::to_string(index) + "]",
                stop + "; the rest of the file was not read");
  }
  return ok_status();
}

}  // namespace ec::adapters::cloudtrail
