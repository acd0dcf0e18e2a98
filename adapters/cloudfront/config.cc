#include "adapters/cloudfront/config.h"

#include "adapters/cloudfront/cloudfront_source.h"
#include "adapters/common/config.h"

namespace ec::adapters::cloudfront {

Result<BuiltSource> create_cloudfront_source(const nlohmann::json& config,
                                             const SourceContext& context) {
  EC_RETURN_IF_ERROR(common::require_object(config, context.label));
  auto path = common::require_existing_path(config, "path", context.label, context.base_dir);
  if (!path) return std::unexpected(path.error());
  BuiltSource built;
  built.evidence =
      std::make_unique<CloudFrontSource>(CloudFrontOptions{*path, context.base_dir, context.label});
  return built;
}

Status register_cloudfront(SourceRegistry& registry) {
  return registry.add(kKind, create_cloudfront_source);
}

}  // namespace ec::adapters::cloudfront
