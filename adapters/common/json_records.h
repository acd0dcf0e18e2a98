// Reads JSON records from one file that holds either a JSON array (one API page) or JSON Lines
// (one value per line), plain or gzip. Malformed lines are counted and reported through the
// ReportBuilder with "file:line"; blank lines are ignored. Not thread-safe (one call per file).
#pragma once

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "adapters/common/report_builder.h"
#include "plugin/core/result.h"

namespace ec::adapters::common {

// Records larger than this are skipped as malformed (bounds memory on hostile input).
inline constexpr std::size_t kMaxJsonRecordBytes = 8 * 1024 * 1024;
// A whole-file JSON array larger than this is refused.
inline constexpr std::size_t kMaxJsonArrayBytes = 256 * 1024 * 1024;

struct JsonRecord {
  const nlohmann::json& value;
  std::string location;  // "okta/system_log.jsonl:13" or "okta/users.json[2]"
  std::string_view raw;  // the record's bytes: the line, or the element re-serialized canonically
};

using JsonRecordFn = std::function<void(const JsonRecord& record)>;

// Calls `on_record` for each record. `display` names the file in locations. Each record read is
// counted in `report` (count_read), malformed ones also skipped with a diagnostic.
// InvalidArgument when the file cannot be opened or a JSON array does not parse as a whole;
// DataLoss when a gzip file is truncated (records before the damage are still delivered).
[[nodiscard]] Status read_json_records(const std::filesystem::path& file, std::string_view display,
                                       ReportBuilder& report, const JsonRecordFn& on_record);

// As above, for APIs whose pages wrap records in an object ({"value": [...]} for Microsoft
// Graph, page_key "value"). Also accepted: a whole file that is one such page, pretty-printed or
// not; JSON Lines whose lines are pages or single records; a file holding one single record
// object (GET /users/{id}). Records inside a page are located as "file:line[i]" (or "file[i]").
[[nodiscard]] Status read_json_page_records(const std::filesystem::path& file,
                                            std::string_view display, std::string_view page_key,
                                            ReportBuilder& report, const JsonRecordFn& on_record);

}  // namespace ec::adapters::common
