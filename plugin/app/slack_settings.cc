#include "plugin/app/slack_settings.h"

#include "plugin/app/config_block.h"

namespace ec::app {

Result<SlackSettings> load_slack_settings(const Config& config, const SecretLookup& secret) {
  SlackSettings s;
  const ConfigBlock block(config, "slack");
  EC_RETURN_IF_ERROR(block.check_object());
  EC_RETURN_IF_ERROR(block.read_https_url("api_base_url", s.api_base_url));
  EC_RETURN_IF_ERROR(block.read_string("ca_file", s.ca_file));
  EC_RETURN_IF_ERROR(block.read_string("response_url_prefix", s.response_url_prefix));
  EC_RETURN_IF_ERROR(block.read_string("signing_secret_env", s.signing_secret_env));
  EC_RETURN_IF_ERROR(block.read_string("bot_token_env", s.bot_token_env));
  EC_RETURN_IF_ERROR(block.read_string("command", s.command));
  EC_RETURN_IF_ERROR(block.read_string("security_channel", s.security_channel));
  EC_RETURN_IF_ERROR(block.read_string("customer_channel", s.customer_channel));
  long max_body = static_cast<long>(s.max_body_bytes);
  long workers = s.workers;
  long worker_nice = s.worker_nice;
  long lease = s.job_lease_seconds;
  long poll = s.intake_poll_ms;
  long attempts = s.max_job_attempts;
  EC_RETURN_IF_ERROR(block.read_int("max_body_bytes", 1024, 1 << 20, max_body));
  EC_RETURN_IF_ERROR(block.read_int("workers", 1, 64, workers));
  EC_RETURN_IF_ERROR(block.read_int("worker_nice", 0, 19, worker_nice));
  EC_RETURN_IF_ERROR(block.read_int("job_lease_seconds", 10, 86400, lease));
  EC_RETURN_IF_ERROR(block.read_int("intake_poll_ms", 10, 60000, poll));
  EC_RETURN_IF_ERROR(block.read_int("max_job_attempts", 1, 100, attempts));
  EC_RETURN_IF_ERROR(block.read_bool("intake_group_commit", s.intake_group_commit));
  if (block.has("queue_capacity")) {
    return block.error("queue_capacity",
                       "no longer used: inbound requests are queued in the database (remove it)");
  }
  s.max_body_bytes = static_cast<std::size_t>(max_body);
  s.workers = static_cast<int>(workers);
  s.worker_nice = static_cast<int>(worker_nice);
  s.job_lease_seconds = static_cast<int>(lease);
  s.intake_poll_ms = static_cast<int>(poll);
  s.max_job_attempts = static_cast<int>(attempts);
  if (s.response_url_prefix.rfind("https://", 0) != 0) {
    return block.error("response_url_prefix", "expected an https:// URL prefix");
  }
  s.ca_file = block.resolve_path(s.ca_file);
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
