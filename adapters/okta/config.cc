#include "adapters/okta/config.h"

#include "adapters/common/config.h"
#include "adapters/okta/okta_source.h"

namespace ec::adapters::okta {

Result<BuiltSource> create_okta_source(const nlohmann::json& config, const SourceContext& context) {
  EC_RETURN_IF_ERROR(common::require_object(config, context.label));
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

Status register_okta(SourceRegistry& registry) { return registry.add(kKind, create_okta_source); }

}  // namespace ec::adapters::okta
