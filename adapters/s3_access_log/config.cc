#include "adapters/s3_access_log/config.h"

#include "adapters/common/config.h"
#include "adapters/s3_access_log/s3_access_log_source.h"

namespace ec::adapters::s3_access_log {

Result<BuiltSource> create_s3_access_log_source(const nlohmann::json& config,
                                                const SourceContext& context) {
  EC_RETURN_IF_ERROR(common::require_object(config, context.label));
  auto path = common::require_existing_path(config, "path", context.label, context.base_dir);
  if (!path) return std::unexpected(path.error());
  BuiltSource built;
  built.evidence = std::make_unique<S3AccessLogSource>(
      S3AccessLogOptions{*path, context.base_dir, context.label});
  return built;
}

Status register_s3_access_log(SourceRegistry& registry) {
  return registry.add(kKind, create_s3_access_log_source);
}

}  // namespace ec::adapters::s3_access_log
