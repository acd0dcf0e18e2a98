// Config helpers shared by adapter factories: typed lookups in a source's JSON config block that
// fail with InvalidArgument naming the full config key ("sources.identity.users: ..."), and
// resolution of config-relative paths against SourceContext::base_dir.
// Pure functions; thread-safe.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "plugin/core/result.h"

namespace ec::adapters::common {

// "sources.identity" + "users" -> "sources.identity.users"; an empty label gives just the key.
std::string config_key(std::string_view label, std::string_view key);

// InvalidArgument "<label>: expected a JSON object" unless `config` is an object.
[[nodiscard]] Status require_object(const nlohmann::json& config, std::string_view label);

// The string at config[key]. InvalidArgument "<label>.<key>: expected a string <what>" when it is
// missing, not a string, or empty.
[[nodiscard]] Result<std::string> require_string(const nlohmann::json& config, std::string_view key,
                                                 std::string_view label,
                                                 std::string_view what = "path");

// The string at config[key], or `fallback` when absent. InvalidArgument when present but not a
// string.
[[nodiscard]] Result<std::string> optional_string(const nlohmann::json& config,
                                                  std::string_view key, std::string_view label,
                                                  std::string_view fallback);

// `path` made absolute against `base_dir` when relative (lexically normalized).
std::filesystem::path resolve_path(std::string_view base_dir, std::string_view path);

// require_string + resolve_path + an existence check: InvalidArgument
// "<label>.<key>: no such file or folder 'okta/users.json' (looked at /abs/okta/users.json)".
[[nodiscard]] Result<std::filesystem::path> require_existing_path(const nlohmann::json& config,
                                                                  std::string_view key,
                                                                  std::string_view label,
                                                                  std::string_view base_dir);

// How a file is named in locations and origins: relative to base_dir when it lies below it,
// else the absolute path ("okta/system_log.jsonl").
std::string display_path(const std::filesystem::path& file, std::string_view base_dir);

}  // namespace ec::adapters::common
