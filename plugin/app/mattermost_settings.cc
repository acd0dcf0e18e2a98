#include "plugin/app/mattermost_settings.h"

#include "plugin/app/config_block.h"

namespace ec::app {

Result<MattermostSettings> load_mattermost_settings(const Config& config,
                                                    const SecretLookup& secret) {
  MattermostSettings s;
  const ConfigBlock block(config, "mattermost");
  if (!block.present()) {
    s.disabled_reason = "no \"mattermost\" block in the config";
    return s;
  }
  EC_RETURN_IF_ERROR(block.check_object());
  for (const char* key : {"api_base_url", "public_base_url"}) {
    if (!block.has(key)) return block.error(key, "missing (expected an https:// URL)");
  }
  EC_RETURN_IF_ERROR(block.read_https_url("api_base_url", s.api_base_url));
  EC_RETURN_IF_ERROR(block.read_https_url("public_base_url", s.public_base_url));
  EC_RETURN_IF_ERROR(block.read_string("ca_file", s.ca_file));
  EC_RETURN_IF_ERROR(block.read_string("command_token_env", s.command_token_env));
  EC_RETURN_IF_ERROR(block.read_string("bot_token_env", s.bot_token_env));
  EC_RETURN_IF_ERROR(block.read_string("action_secret_env", s.action_secret_env));
  EC_RETURN_IF_ERROR(block.read_string("command", s.command));
  EC_RETURN_IF_ERROR(block.read_string("security_channel", s.security_channel));
  EC_RETURN_IF_ERROR(block.read_string("customer_channel", s.customer_channel));
  if (s.command.front() != '/') return block.error("command", "expected a leading '/'");
  long max_body = static_cast<long>(s.max_body_bytes);
  long workers = s.workers;
  long worker_nice = s.worker_nice;
  EC_RETURN_IF_ERROR(block.read_int("max_body_bytes", 1024, 1 << 20, max_body));
  EC_RETURN_IF_ERROR(block.read_int("workers", 1, 64, workers));
  EC_RETURN_IF_ERROR(block.read_int("worker_nice", 0, 19, worker_nice));
  if (block.has("queue_capacity")) {
    return block.error("queue_capacity",
                       "no longer used: inbound requests are queued in the intake database "
                       "(remove it)");
  }
  s.max_body_bytes = static_cast<std::size_t>(max_body);
  s.workers = static_cast<int>(workers);
  s.worker_nice = static_cast<int>(worker_nice);
  s.ca_file = block.resolve_path(s.ca_file);
  const auto command_token = secret(s.command_token_env);
  const auto bot_token = secret(s.bot_token_env);
  const auto action_secret = secret(s.action_secret_env);
  if (!command_token || command_token->empty()) {
    s.disabled_reason = "environment variable " + s.command_token_env + " is not set";
  } else if (!bot_token || bot_token->empty()) {
    s.disabled_reason = "environment variable " + s.bot_token_env + " is not set";
  } else if (!action_secret || action_secret->size() < 16) {
    s.disabled_reason = "environment variable " + s.action_secret_env +
                        " is not set or shorter than 16 characters";
  } else {
    s.enabled = true;
    s.command_token = *command_token;
    s.bot_token = *bot_token;
    s.action_secret = *action_secret;
  }
  return s;
}

}  // namespace ec::app
