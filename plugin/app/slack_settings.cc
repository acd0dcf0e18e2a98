#include "plugin/app/slack_settings.h"

namespace ec::app {
namespace {

using nlohmann::json;

std::unexpected<Error> field_error(const Config& config, const std::string& field,
                                   const std::string& what) {
  const std::string file = config.file.empty() ? "config" : config.file.string();
  return make_error(ErrorCode::InvalidArgument, file + ": slack." + field + ": " + what);
}

Status read_string(const Config& config, const json& block, const char* key, std::string& out) {
  if (!block.contains(key)) return ok_status();
  if (!block[key].is_string() || block[key].get<std::string>().empty()) {
    return field_error(config, key, "expected a non-empty string");
  }
  out = block[key].get<std::string>();
  return ok_status();
}

Status read_int(const Config& config, const json& block, const char* key, long min, long max,
                long& out) {
  if (!block.contains(key)) return ok_status();
  if (!block[key].is_number_integer() || block[key].get<long>() < min ||
      block[key].get<long>() > max) {
    return field_error(config, key,
                       "expected an integer in " + std::to_string(min) + ".." + std::to_string(max));
  }
  out = block[key].get<long>();
  return ok_status();
}

Status read_bool(const Config& config, const json& block, const char* key, bool& out) {
  if (!block.contains(key)) return ok_status();
  if (!block[key].is_boolean()) return field_error(config, key, "expected true or false");
  out = block[key].get<bool>();
  return ok_status();
}

}  // namespace

Result<SlackSettings> load_slack_settings(const Config& config, const SecretLookup& secret) {
  SlackSettings s;
  const json block = config.raw.is_object() && config.raw.contains("slack")
                         ? config.raw["slack"]
                         : json::object();
  if (!block.is_object()) return field_error(config, "", "expected an object");
  EC_RETURN_IF_ERROR(read_string(config, block, "api_base_url", s.api_base_url));
  EC_RETURN_IF_ERROR(read_string(config, block, "ca_file", s.ca_file));
  EC_RETURN_IF_ERROR(read_string(config, block, "response_url_prefix", s.response_url_prefix));
  EC_RETURN_IF_ERROR(read_string(config, block, "signing_secret_env", s.signing_secret_env));
  EC_RETURN_IF_ERROR(read_string(config, block, "bot_token_env", s.bot_token_env));
  EC_RETURN_IF_ERROR(read_string(config, block, "command", s.command));
  EC_RETURN_IF_ERROR(read_string(config, block, "security_channel", s.security_channel));
  EC_RETURN_IF_ERROR(read_string(config, block, "customer_channel", s.customer_channel));
  long max_body = static_cast<long>(s.max_body_bytes);
  long workers = s.workers;
  long lease = s.job_lease_seconds;
  long poll = s.intake_poll_ms;
  long attempts = s.max_job_attempts;
  EC_RETURN_IF_ERROR(read_int(config, block, "max_body_bytes", 1024, 1 << 20, max_body));
  EC_RETURN_IF_ERROR(read_int(config, block, "workers", 1, 64, workers));
  EC_RETURN_IF_ERROR(read_int(config, block, "job_lease_seconds", 10, 86400, lease));
  EC_RETURN_IF_ERROR(read_int(config, block, "intake_poll_ms", 10, 60000, poll));
  EC_RETURN_IF_ERROR(read_int(config, block, "max_job_attempts", 1, 100, attempts));
  EC_RETURN_IF_ERROR(read_bool(config, block, "intake_group_commit", s.intake_group_commit));
  if (block.contains("queue_capacity")) {
    return field_error(config, "queue_capacity",
                       "no longer used: inbound requests are queued in the database (remove it)");
  }
  s.max_body_bytes = static_cast<std::size_t>(max_body);
  s.workers = static_cast<int>(workers);
  s.job_lease_seconds = static_cast<int>(lease);
  s.intake_poll_ms = static_cast<int>(poll);
  s.max_job_attempts = static_cast<int>(attempts);
  if (s.api_base_url.rfind("https://", 0) != 0) {
    return field_error(config, "api_base_url", "expected an https:// URL");
  }
  while (!s.api_base_url.empty() && s.api_base_url.back() == '/') s.api_base_url.pop_back();
  if (s.response_url_prefix.rfind("https://", 0) != 0) {
    return field_error(config, "response_url_prefix", "expected an https:// URL prefix");
  }
  if (!s.ca_file.empty() && !config.base_dir.empty() && s.ca_file.front() != '/') {
    s.ca_file = (config.base_dir / s.ca_file).string();
  }
  const auto signing = secret(s.signing_secret_env);
  const auto token = secret(s.bot_token_env);
  if (!signing || signing->empty()) {
    s.disabled_reason = "environment variable " + s.signing_secret_env + " is not set";
  } else if (!token || token->empty()) {
    s.disabled_reason = "environment variable " + s.bot_token_env + " is not set";
  } else {
    s.enabled = true;
    s.signing_secret = *signing;
    s.bot_token = *token;
  }
  return s;
}

SecretLookup environment_secrets() { return secret_from_environment; }

}  // namespace ec::app
