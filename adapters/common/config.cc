#include "adapters/common/config.h"

#include <system_error>

namespace ec::adapters::common {

std::string config_key(std::string_view label, std::string_view key) {
  if (label.empty()) return std::string(key);
  return std::string(label) + "." + std::string(key);
}

Status require_object(const nlohmann::json& config, std::string_view label) {
  if (config.is_object()) return ok_status();
  return make_error(ErrorCode::InvalidArgument, std::string(label) + ": expected a JSON object");
}

Result<std::string> require_string(const nlohmann::json& config, std::string_view key,
                                   std::string_view label, std::string_view what) {
  const auto it = config.is_object() ? config.find(key) : config.end();
  if (!config.is_object() || it == config.end() || !it->is_string() ||
      it->get_ref<const std::string&>().empty()) {
    return make_error(ErrorCode::InvalidArgument,
                      config_key(label, key) + ": expected a string " + std::string(what));
  }
  return it->get<std::string>();
}

Result<std::string> optional_string(const nlohmann::json& config, std::string_view key,
                                    std::string_view label, std::string_view fallback) {
  if (!config.is_object()) return std::string(fallback);
  const auto it = config.find(key);
  if (it == config.end() || it->is_null()) return std::string(fallback);
  if (!it->is_string()) {
    return make_error(ErrorCode::InvalidArgument, config_key(label, key) + ": expected a string");
  }
  return it->get<std::string>();
}

std::filesystem::path resolve_path(std::string_view base_dir, std::string_view path) {
  std::filesystem::path p{std::string(path)};
  if (p.is_relative() && !base_dir.empty()) p = std::filesystem::path{std::string(base_dir)} / p;
  return p.lexically_normal();
}

Result<std::filesystem::path> require_existing_path(const nlohmann::json& config,
                                                    std::string_view key, std::string_view label,
                                                    std::string_view base_dir) {
  auto value = require_string(config, key, label);
  if (!value) return std::unexpected(value.error());
  auto path = resolve_path(base_dir, *value);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return make_error(ErrorCode::InvalidArgument, config_key(label, key) +
                                                      ": no such file or folder '" + *value +
                                                      "' (looked at " + path.string() + ")");
  }
  return path;
}

std::string display_path(const std::filesystem::path& file, std::string_view base_dir) {
  if (base_dir.empty()) return file.generic_string();
  const auto base = std::filesystem::path{std::string(base_dir)}.lexically_normal();
  const auto rel = file.lexically_normal().lexically_relative(base);
  if (rel.empty() || *rel.begin() == "..") return file.generic_string();
  return rel.generic_string();
}

}  // namespace ec::adapters::common
