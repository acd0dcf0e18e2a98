#include "plugin/app/config_block.h"

namespace ec::app {

using nlohmann::json;

ConfigBlock::ConfigBlock(const Config& config, std::string name)
    : config_(config), name_(std::move(name)) {
  present_ = config.raw.is_object() && config.raw.contains(name_);
  block_ = present_ ? config.raw[name_] : json::object();
}

std::unexpected<Error> ConfigBlock::error(const std::string& field, const std::string& what) const {
  const std::string file = config_.file.empty() ? "config" : config_.file.string();
  return make_error(ErrorCode::InvalidArgument,
                    file + ": " + name_ + (field.empty() ? "" : "." + field) + ": " + what);
}

Status ConfigBlock::check_object() const {
  if (!block_.is_object()) return error("", "expected an object");
  return ok_status();
}

Status ConfigBlock::read_string(const char* key, std::string& out) const {
  if (!has(key)) return ok_status();
  if (!block_[key].is_string() || block_[key].get<std::string>().empty()) {
    return error(key, "expected a non-empty string");
  }
  out = block_[key].get<std::string>();
  return ok_status();
}

Status ConfigBlock::read_int(const char* key, long min, long max, long& out) const {
  if (!has(key)) return ok_status();
  if (!block_[key].is_number_integer() || block_[key].get<long>() < min ||
      block_[key].get<long>() > max) {
    return error(key, "expected an integer in " + std::to_string(min) + ".." + std::to_string(max));
  }
  out = block_[key].get<long>();
  return ok_status();
}

Status ConfigBlock::read_bool(const char* key, bool& out) const {
  if (!has(key)) return ok_status();
  if (!block_[key].is_boolean()) return error(key, "expected true or false");
  out = block_[key].get<bool>();
  return ok_status();
}

Status ConfigBlock::read_https_url(const char* key, std::string& out) const {
  std::string value = out;
  EC_RETURN_IF_ERROR(read_string(key, value));
  if (value.empty()) return ok_status();
  if (value.rfind("https://", 0) != 0 || value.size() <= 8) {
    return error(key, "expected an https:// URL");
  }
  while (!value.empty() && value.back() == '/') value.pop_back();
  out = value;
  return ok_status();
}

std::string ConfigBlock::resolve_path(const std::string& path) const {
  if (path.empty() || config_.base_dir.empty() || path.front() == '/') return path;
  return (config_.base_dir / path).string();
}

}  // namespace ec::app
