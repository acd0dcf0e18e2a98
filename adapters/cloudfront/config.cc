#include "adapters/cloudfront/config.h"

#include "adapters/aws/s3_config.h"
#include "adapters/cloudfront/cloudfront_source.h"
#include "adapters/common/config.h"

namespace ec::adapters::cloudfront {

Result<BuiltSource> create_cloudfront_source(const nlohmann::json& config,
                                             const SourceContext& context) {
  return create_cloudfront_source(config, context, aws::S3LiveOptions{});
}

Result<BuiltSource> create_cloudfront_source(const nlohmann::json& config,
                                             const SourceContext& context,
                                             const aws::S3LiveOptions& live_options) {
  EC_RETURN_IF_ERROR(common::require_object(config, context.label));
  auto live = aws::is_s3_live(config, context.label);
  if (!live) return std::unexpected(live.error());
  BuiltSource built;
  if (*live) {
    // Standard log objects: "<prefix><distribution_id>.YYYY-MM-DD-HH.<unique>.gz".
    auto prefix = common::optional_string(config, "prefix", context.label, "");
    if (!prefix) return std::unexpected(prefix.error());
    auto distribution =
        common::require_string(config, "distribution_id", context.label, "distribution id");
    if (!distribution) return std::unexpected(distribution.error());
    auto inputs = aws::make_s3_log_objects(config, context, *prefix + *distribution + ".",
                                           aws::DateLayout::Dashed, live_options);
    if (!inputs) return std::unexpected(inputs.error());
    built.evidence = std::make_unique<CloudFrontSource>(
        CloudFrontOptions{{}, context.base_dir, context.label, std::move(*inputs)});
    return built;
  }
  auto path = common::require_existing_path(config, "path", context.label, context.base_dir);
  if (!path) return std::unexpected(path.error());
  built.evidence = std::make_unique<CloudFrontSource>(
      CloudFrontOptions{*path, context.base_dir, context.label, nullptr});
  return built;
}

Status register_cloudfront(SourceRegistry& registry) {
  return registry.add(kKind, [](const nlohmann::json& config, const SourceContext& context) {
    return create_cloudfront_source(config, context);
  });
}

}  // namespace ec::adapters::cloudfront
