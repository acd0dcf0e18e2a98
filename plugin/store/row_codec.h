// Row codec: how domain values become column values and back. Timestamps are INTEGER
// milliseconds since the Unix epoch; lists and structured values are canonical JSON text; enums
// use core's name/parse functions. Decoding failures are DataLoss (the store holds data it cannot
// read), never exceptions. Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugin/core/case.h"
#include "plugin/core/draft.h"
#include "plugin/core/result.h"
#include "plugin/core/time.h"

namespace ec::store {

std::int64_t to_millis(Timestamp t);
Timestamp from_millis(std::int64_t millis);
std::optional<std::int64_t> to_millis(const std::optional<Timestamp>& t);
std::optional<Timestamp> from_millis(const std::optional<std::int64_t>& millis);

// Canonical JSON text for a column (sorted keys, invalid UTF-8 replaced). Never throws.
std::string json_column(const nlohmann::json& value);
// Parses a JSON column without throwing. DataLoss naming `what` when the text is not JSON.
[[nodiscard]] Result<nlohmann::json> parse_json_column(std::string_view text,
                                                       std::string_view what);

std::string string_list_column(const std::vector<std::string>& values);
[[nodiscard]] Result<std::vector<std::string>> parse_string_list_column(std::string_view text,
                                                                        std::string_view what);

// A draft version's statements as a JSON array of
// {"section", "text", "author", "evidence": [...], "findings": [...]}.
nlohmann::json statements_to_json(const std::vector<ec::Statement>& statements);
[[nodiscard]] Result<std::vector<ec::Statement>> statements_from_json(const nlohmann::json& json);

// Core has actor_role_name() but no parser yet. TODO(store): use core's once it exists.
[[nodiscard]] Result<ActorRole> parse_actor_role(std::string_view name);

// Turns a parse error from core (InvalidArgument) into DataLoss about a stored `what`.
template <class T>
[[nodiscard]] Result<T> as_stored(Result<T> parsed, std::string_view what) {
  if (parsed) return parsed;
  return std::unexpected(
      Error{ErrorCode::DataLoss, "stored " + std::string(what) + ": " + parsed.error().message});
}

}  // namespace ec::store
