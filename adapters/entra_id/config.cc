#include "adapters/entra_id/config.h"

#include "adapters/common/config.h"
#include "adapters/common/live_endpoint.h"
#include "adapters/entra_id/entra_live_source.h"
#include "adapters/entra_id/entra_source.h"

namespace ec::adapters::entra_id {
namespace {

Result<BuiltSource> create_live(const nlohmann::json& config, const SourceContext& context,
                                const EntraLiveOptions& live) {
  EC_RETURN_IF_ERROR(common::require_one_mode(config, context.label,
                                              {"users", "directory_audits", "sign_ins"}));
  EntraLiveSettings settings;
  if (const auto it = config.find("non_interactive"); it != config.end()) {
    if (!it->is_boolean()) {
      return make_error(ErrorCode::InvalidArgument,
                        common::config_key(context.label, "non_interactive") +
                            ": expected true or false");
    }
    settings.non_interactive = it->get<bool>();
  }
  auto endpoint = common::read_live_endpoint(config, context, "Microsoft Graph",
                                             "https://graph.microsoft.com");
  if (!endpoint) return std::unexpected(endpoint.error());
  const Clock& clock = common::clock_of(context);
  common::ApiClient api(*context.http, clock, common::sleeper_or_default(live.sleep),
                        endpoint->origin, "Bearer " + endpoint->token, endpoint->token,
                        live.retry);
  settings.base_url = endpoint->origin;
  settings.token_env = endpoint->token_env;
  settings.label = context.label;
  auto source = std::make_unique<EntraLiveSource>(std::move(settings), std::move(api), clock);
  BuiltSource built;
  built.identity = source.get();
  built.evidence = std::move(source);
  return built;
}

Result<BuiltSource> create_from_files(const nlohmann::json& config, const SourceContext& context) {
  EntraFiles files;
  files.base_dir = context.base_dir;
  files.label = context.label;
  for (auto [key, target] : {std::pair{"users", &files.users},
                             std::pair{"directory_audits", &files.directory_audits},
                             std::pair{"sign_ins", &files.sign_ins}}) {
    auto path = common::require_existing_path(config, key, context.label, context.base_dir);
    if (!path) return std::unexpected(path.error());
    *target = std::move(*path);
  }
  auto source = EntraSource::load(std::move(files));
  if (!source) return std::unexpected(source.error());
  BuiltSource built;
  built.identity = source->get();
  built.evidence = std::move(*source);
  return built;
}

}  // namespace

Result<BuiltSource> create_entra_source(const nlohmann::json& config, const SourceContext& context,
                                        const EntraLiveOptions& live) {
  EC_RETURN_IF_ERROR(common::require_object(config, context.label));
  if (common::is_live_config(config)) return create_live(config, context, live);
  return create_from_files(config, context);
}

Result<BuiltSource> create_entra_source(const nlohmann::json& config,
                                        const SourceContext& context) {
  return create_entra_source(config, context, EntraLiveOptions{});
}

Status register_entra_id(SourceRegistry& registry) {
  return registry.add(kKind, [](const nlohmann::json& config, const SourceContext& context) {
    return create_entra_source(config, context);
  });
}

}  // namespace ec::adapters::entra_id
