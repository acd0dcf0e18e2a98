#include "plugin/app/zendesk_reply_settings.h"

namespace ec::app {
namespace {

using nlohmann::json;

std::unexpected<Error> field_error(const Config& config, const std::string& field,
                                   const std::string& what) {
  const std::string file = config.file.empty() ? "config" : config.file.string();
  return make_error(ErrorCode::InvalidArgument, file + ": zendesk." + field + ": " + what);
}

}  // namespace

Result<ZendeskReplySettings> load_zendesk_reply_settings(const Config& config,
                                                         const SecretLookup& secret) {
  ZendeskReplySettings s;
  const json block = config.raw.is_object() && config.raw.contains("zendesk")
                         ? config.raw["zendesk"]
                         : json::object();
  if (!block.is_object()) return field_error(config, "", "expected an object");
  if (!block.contains("base_url")) {
    s.disabled_reason = "no zendesk.base_url in the config";
    return s;
  }
  std::string token_env = "ZENDESK_API_TOKEN";
  for (const char* key : {"base_url", "email", "token_env", "ca_file"}) {
    if (block.contains(key) && (!block[key].is_string() || block[key].get<std::string>().empty())) {
      return field_error(config, key, "expected a non-empty string");
    }
  }
  s.options.base_url = block["base_url"].get<std::string>();
  while (!s.options.base_url.empty() && s.options.base_url.back() == '/') s.options.base_url.pop_back();
  if (s.options.base_url.rfind("https://", 0) != 0) {
    return field_error(config, "base_url", "expected an https:// URL");
  }
  s.options.email = block.value("email", "");
  token_env = block.value("token_env", token_env);
  s.ca_file = block.value("ca_file", "");
  if (!s.ca_file.empty() && s.ca_file.front() != '/' && !config.base_dir.empty()) {
    s.ca_file = (config.base_dir / s.ca_file).string();
  }
  const auto token = secret(token_env);
  if (!token || token->empty()) {
    s.disabled_reason = "environment variable " + token_env + " is not set";
    return s;
  }
  s.options.token = *token;
  s.enabled = true;
  return s;
}

}  // namespace ec::app
