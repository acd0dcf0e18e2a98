#include "adapters/okta/config.h"

#include <thread>

#include "adapters/common/config.h"
#include "adapters/okta/okta_live_source.h"
#include "adapters/okta/okta_source.h"

namespace ec::adapters::okta {
namespace {

// The org origin from base_url: https://host[:port] (http only to loopback), no path.
Result<std::string> org_origin(const std::string& value, const std::string& key) {
  std::string url = value;
  while (url.ends_with('/')) url.pop_back();
  const bool https = url.starts_with("https://");
  const bool loopback = url.starts_with("http://127.0.0.1") || url.starts_with("http://localhost");
  const auto host = url.find("://") + 3;
  if ((!https && !loopback) || url.size() <= host ||
      url.find_first_of("/?#@ ", host) != std::string::npos) {
    return make_error(ErrorCode::InvalidArgument,
                      key + ": expected the org's https:// origin, e.g. https://example.okta.com");
  }
  return url;
}

Result<BuiltSource> create_live(const nlohmann::json& config, const SourceContext& context,
                                const OktaLiveOptions& live) {
  const std::string& label = context.label;
  if (config.contains("users") || config.contains("system_log")) {
    return make_error(ErrorCode::InvalidArgument,
                      label + ": use either base_url + token_env (live API) or users + "
                              "system_log (export files), not both");
  }
  auto base = common::require_string(config, "base_url", label, "URL");
  if (!base) return std::unexpected(base.error());
  auto origin = org_origin(*base, common::config_key(label, "base_url"));
  if (!origin) return std::unexpected(origin.error());
  const std::string env_key = common::config_key(label, "token_env");
  auto env = common::require_string(config, "token_env", label, "environment variable name");
  if (!env) return std::unexpected(env.error());
  std::optional<std::string> token = context.secret ? context.secret(*env) : std::nullopt;
  if (!token || token->empty()) {
    return make_error(ErrorCode::InvalidArgument,
                      env_key + ": environment variable " + *env + " is not set");
  }
  if (context.http == nullptr) {
    return make_error(ErrorCode::FailedPrecondition,
                      label + ": the live Okta API needs an HTTP client; none was provided");
  }
  static const SystemClock system_clock;
  const Clock& clock = context.clock != nullptr ? *context.clock : system_clock;
  Sleeper sleep = live.sleep ? live.sleep : [](std::chrono::milliseconds d) {
    std::this_thread::sleep_for(d);
  };
  OktaApi api(*context.http, clock, std::move(sleep), *origin, std::move(*token), live.retry);
  OktaLiveSettings settings;
  settings.base_url = *origin;
  settings.token_env = *env;
  settings.label = label;
  auto source = std::make_unique<OktaLiveSource>(std::move(settings), std::move(api), clock);
  BuiltSource built;
  built.identity = source.get();
  built.evidence = std::move(source);
  return built;
}

Result<BuiltSource> create_from_files(const nlohmann::json& config, const SourceContext& context) {
  auto users = common::require_existing_path(config, "users", context.label, context.base_dir);
  if (!users) return std::unexpected(users.error());
  auto log = common::require_existing_path(config, "system_log", context.label, context.base_dir);
  if (!log) return std::unexpected(log.error());
  auto source = OktaSource::load({*users, *log, context.base_dir, context.label});
  if (!source) return std::unexpected(source.error());
  BuiltSource built;
  built.identity = source->get();
  built.evidence = std::move(*source);
  return built;
}

}  // namespace

Result<BuiltSource> create_okta_source(const nlohmann::json& config, const SourceContext& context,
                                       const OktaLiveOptions& live) {
  EC_RETURN_IF_ERROR(common::require_object(config, context.label));
  if (config.contains("base_url") || config.contains("token_env")) {
    return create_live(config, context, live);
  }
  return create_from_files(config, context);
}

Result<BuiltSource> create_okta_source(const nlohmann::json& config,
                                       const SourceContext& context) {
  return create_okta_source(config, context, OktaLiveOptions{});
}

Status register_okta(SourceRegistry& registry) {
  return registry.add(kKind, [](const nlohmann::json& config, const SourceContext& context) {
    return create_okta_source(config, context);
  });
}

}  // namespace ec::adapters::okta
