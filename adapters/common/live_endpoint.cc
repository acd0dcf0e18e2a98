#include "adapters/common/live_endpoint.h"

#include <thread>

#include "adapters/common/config.h"

namespace ec::adapters::common {

Result<std::string> read_base_url(const nlohmann::json& config, std::string_view label,
                                  std::string_view service, std::string_view example) {
  auto base = require_string(config, "base_url", label, "URL");
  if (!base) return std::unexpected(base.error());
  std::string url = *base;
  while (url.ends_with('/')) url.pop_back();
  const bool https = url.starts_with("https://");
  const bool loopback = url.starts_with("http://127.0.0.1") || url.starts_with("http://localhost");
  const auto host = url.find("://") + 3;
  if ((!https && !loopback) || url.size() <= host ||
      url.find_first_of("/?#@ ", host) != std::string::npos) {
    return make_error(ErrorCode::InvalidArgument,
                      config_key(label, "base_url") + ": expected " + std::string(service) +
                          "'s https:// origin, e.g. " + std::string(example));
  }
  return url;
}

Result<LiveEndpoint> read_live_endpoint(const nlohmann::json& config, const SourceContext& context,
                                        std::string_view service, std::string_view example) {
  const std::string& label = context.label;
  auto url = read_base_url(config, label, service, example);
  if (!url) return std::unexpected(url.error());
  auto env = require_string(config, "token_env", label, "environment variable name");
  if (!env) return std::unexpected(env.error());
  std::optional<std::string> token = context.secret ? context.secret(*env) : std::nullopt;
  if (!token || token->empty()) {
    return make_error(ErrorCode::InvalidArgument, config_key(label, "token_env") +
                                                      ": environment variable " + *env +
                                                      " is not set");
  }
  if (context.http == nullptr) {
    return make_error(ErrorCode::FailedPrecondition,
                      label + ": the live " + std::string(service) +
                          " API needs an HTTP client; none was provided");
  }
  return LiveEndpoint{std::move(*url), std::move(*token), std::move(*env)};
}

Status require_one_mode(const nlohmann::json& config, std::string_view label,
                        std::initializer_list<std::string_view> file_keys) {
  std::string files;
  bool any = false;
  for (const std::string_view key : file_keys) {
    files += (files.empty() ? "" : " + ") + std::string(key);
    any = any || config.contains(key);
  }
  if (!any) return ok_status();
  return make_error(ErrorCode::InvalidArgument,
                    std::string(label) + ": use either base_url + token_env (live API) or " +
                        files + " (export files), not both");
}

bool is_live_config(const nlohmann::json& config) {
  return config.is_object() && (config.contains("base_url") || config.contains("token_env"));
}

const Clock& clock_of(const SourceContext& context) {
  static const SystemClock system_clock;
  return context.clock != nullptr ? *context.clock : system_clock;
}

Sleeper sleeper_or_default(Sleeper sleep) {
  if (sleep) return sleep;
  return [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
}

}  // namespace ec::adapters::common
