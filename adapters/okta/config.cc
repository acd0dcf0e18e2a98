#include "adapters/okta/config.h"

#include "adapters/common/config.h"
#include "adapters/common/live_endpoint.h"
#include "adapters/okta/okta_live_source.h"
#include "adapters/okta/okta_source.h"

namespace ec::adapters::okta {
namespace {

Result<BuiltSource> create_live(const nlohmann::json& config, const SourceContext& context,
                                const OktaLiveOptions& live) {
  EC_RETURN_IF_ERROR(common::require_one_mode(config, context.label, {"users", "system_log"}));
  auto endpoint = common::read_live_endpoint(config, context, "the Okta org",
                                             "https://example.okta.com");
  if (!endpoint) return std::unexpected(endpoint.error());
  const Clock& clock = common::clock_of(context);
  OktaApi api(*context.http, clock, common::sleeper_or_default(live.sleep), endpoint->origin,
              endpoint->token, live.retry);
  OktaLiveSettings settings;
  settings.base_url = endpoint->origin;
  settings.token_env = endpoint->token_env;
  settings.label = context.label;
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
  if (common::is_live_config(config)) {
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
