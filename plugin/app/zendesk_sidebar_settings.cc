#include "plugin/app/zendesk_sidebar_settings.h"

#include <fstream>
#include <sstream>

namespace ec::app {
namespace {

using nlohmann::json;

std::unexpected<Error> field_error(const Config& config, const std::string& field,
                                   const std::string& what) {
  const std::string file = config.file.empty() ? "config" : config.file.string();
  return make_error(ErrorCode::InvalidArgument, file + ": zendesk_sidebar." + field + ": " + what);
}

Result<std::string> required_string(const Config& config, const json& block, const char* key) {
  if (!block.contains(key) || !block[key].is_string() || block[key].get<std::string>().empty()) {
    return field_error(config, key, "expected a non-empty string");
  }
  return block[key].get<std::string>();
}

Result<std::chrono::seconds> seconds(const Config& config, const json& block, const char* key,
                                     std::int64_t fallback, std::int64_t max) {
  if (!block.contains(key)) return std::chrono::seconds(fallback);
  if (!block[key].is_number_integer() || block[key].get<std::int64_t>() <= 0 ||
      block[key].get<std::int64_t>() > max) {
    return field_error(config, key, "expected a whole number of seconds, 1.." + std::to_string(max));
  }
  return std::chrono::seconds(block[key].get<std::int64_t>());
}

}  // namespace

std::string ZendeskSidebarSettings::acting_user(const std::string& zendesk_sub) const {
  const auto it = leads.find(zendesk_sub);
  return it != leads.end() ? it->second : "zendesk:" + zendesk_sub;
}

Result<ZendeskSidebarSettings> load_zendesk_sidebar_settings(const Config& config) {
  ZendeskSidebarSettings s;
  if (!config.raw.is_object() || !config.raw.contains("zendesk_sidebar")) return s;
  const json& block = config.raw["zendesk_sidebar"];
  if (!block.is_object()) return field_error(config, "", "expected an object");
  for (const auto& [key, value] : block.items()) {
    if (key != "public_key" && key != "issuer" && key != "audience" && key != "leads" &&
        key != "session_ttl_seconds" && key != "leeway_seconds") {
      return field_error(config, key, "unknown key");
    }
  }
  auto key_path = required_string(config, block, "public_key");
  if (!key_path) return std::unexpected(key_path.error());
  std::filesystem::path path(*key_path);
  if (path.is_relative() && !config.base_dir.empty()) path = config.base_dir / path;
  std::ifstream in(path, std::ios::binary);
  if (!in) return field_error(config, "public_key", "cannot read " + path.string());
  std::ostringstream pem;
  pem << in.rdbuf();
  auto key = platforms::zendesk::RsaPublicKey::from_pem(pem.str());
  if (!key) return field_error(config, "public_key", path.string() + ": " + key.error().message);
  s.public_key = *key;
  auto issuer = required_string(config, block, "issuer");
  if (!issuer) return std::unexpected(issuer.error());
  auto audience = required_string(config, block, "audience");
  if (!audience) return std::unexpected(audience.error());
  s.expect.issuer = *issuer;
  s.expect.audience = *audience;
  if (block.contains("leads")) {
    if (!block["leads"].is_object()) return field_error(config, "leads", "expected an object");
    for (const auto& [sub, lead] : block["leads"].items()) {
      if (!lead.is_string() || lead.get<std::string>().empty()) {
        return field_error(config, "leads." + sub, "expected a platform user id");
      }
      s.leads[sub] = lead.get<std::string>();
    }
  }
  auto ttl = seconds(config, block, "session_ttl_seconds", 1800, 12 * 3600);
  if (!ttl) return std::unexpected(ttl.error());
  s.session_ttl = *ttl;
  auto leeway = seconds(config, block, "leeway_seconds", 60, 300);
  if (!leeway) return std::unexpected(leeway.error());
  s.expect.leeway = *leeway;
  s.enabled = true;
  return s;
}

}  // namespace ec::app
