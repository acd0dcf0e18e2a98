#include "adapters/product_access_log/config.h"

#include "adapters/common/config.h"
#include "adapters/product_access_log/product_access_log_source.h"

namespace ec::adapters::product_access_log {

Result<BuiltSource> create_product_access_log_source(const nlohmann::json& config,
                                                     const SourceContext& context) {
  EC_RETURN_IF_ERROR(common::require_object(config, context.label));
  auto path = common::require_existing_path(config, "path", context.label, context.base_dir);
  if (!path) return std::unexpected(path.error());
  auto bucket = common::optional_string(config, "bucket", context.label, "support-attachments");
  if (!bucket) return std::unexpected(bucket.error());
  BuiltSource built;
  built.evidence = std::make_unique<ProductAccessLogSource>(
      ProductAccessLogOptions{*path, *bucket, context.base_dir, context.label});
  return built;
}

Status register_product_access_log(SourceRegistry& registry) {
  return registry.add(kKind, create_product_access_log_source);
}

}  // namespace ec::adapters::product_access_log
