#include "adapters/product_access_log/config.h"

#include "adapters/common/config.h"
#include "adapters/common/live_endpoint.h"
#include "adapters/product_access_log/export_api_source.h"
#include "adapters/product_access_log/product_access_log_source.h"

namespace ec::adapters::product_access_log {

namespace {

Result<BuiltSource> create_live(const nlohmann::json& config, const SourceContext& context,
                                const std::string& bucket, const ProductLiveOptions& live) {
  EC_RETURN_IF_ERROR(common::require_one_mode(config, context.label, {"path"}));
  auto endpoint = common::read_live_endpoint(config, context, "the console export API",
                                             "https://console.example.com");
  if (!endpoint) return std::unexpected(endpoint.error());
  const Clock& clock = common::clock_of(context);
  common::ApiClient api(*context.http, clock, common::sleeper_or_default(live.sleep),
                        endpoint->origin, "Bearer " + endpoint->token, endpoint->token,
                        live.retry);
  ExportApiSettings settings;
  settings.base_url = endpoint->origin;
  settings.bucket = bucket;
  settings.label = context.label;
  BuiltSource built;
  built.evidence = std::make_unique<ExportApiSource>(std::move(settings), std::move(api), clock);
  return built;
}

}  // namespace

Result<BuiltSource> create_product_access_log_source(const nlohmann::json& config,
                                                     const SourceContext& context) {
  return create_product_access_log_source(config, context, ProductLiveOptions{});
}

Result<BuiltSource> create_product_access_log_source(const nlohmann::json& config,
                                                     const SourceContext& context,
                                                     const ProductLiveOptions& live) {
  EC_RETURN_IF_ERROR(common::require_object(config, context.label));
  if (common::is_live_config(config)) {
    auto bucket = common::optional_string(config, "bucket", context.label, "support-attachments");
    if (!bucket) return std::unexpected(bucket.error());
    return create_live(config, context, *bucket, live);
  }
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
  return registry.add(kKind, [](const nlohmann::json& config, const SourceContext& context) {
    return create_product_access_log_source(config, context);
  });
}

}  // namespace ec::adapters::product_access_log
