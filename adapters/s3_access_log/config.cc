#include "adapters/s3_access_log/config.h"

#include "adapters/aws/s3_config.h"
#include "adapters/common/config.h"
#include "adapters/s3_access_log/s3_access_log_source.h"

namespace ec::adapters::s3_access_log {
namespace {

// Where the date sits in the log object keys: "<prefix>YYYY-mm-DD-HH-MM-SS-<unique>" (simple) or
// "<prefix><account>/<region>/<bucket>/YYYY/mm/DD/…" (date-based partitioning).
Result<std::pair<std::string, aws::DateLayout>> key_layout(const nlohmann::json& config,
                                                           std::string_view label) {
  auto prefix = common::optional_string(config, "prefix", label, "");
  if (!prefix) return std::unexpected(prefix.error());
  auto format = aws::optional_nonempty(config, "key_format", label, "simple");
  if (!format) return std::unexpected(format.error());
  if (*format == "simple") return std::pair{*prefix, aws::DateLayout::Dashed};
  if (*format != "partitioned") {
    return make_error(ErrorCode::InvalidArgument, common::config_key(label, "key_format") +
                                                      ": expected \"simple\" or \"partitioned\"");
  }
  auto account = common::require_string(config, "source_account_id", label, "AWS account id");
  if (!account) return std::unexpected(account.error());
  auto bucket = common::require_string(config, "source_bucket", label, "bucket name");
  if (!bucket) return std::unexpected(bucket.error());
  auto region = common::require_string(config, "region", label, "AWS region");
  if (!region) return std::unexpected(region.error());
  auto source_region = common::optional_string(config, "source_region", label, *region);
  if (!source_region) return std::unexpected(source_region.error());
  return std::pair{*prefix + *account + "/" + *source_region + "/" + *bucket + "/",
                   aws::DateLayout::Slashed};
}

}  // namespace

Result<BuiltSource> create_s3_access_log_source(const nlohmann::json& config,
                                                const SourceContext& context) {
  return create_s3_access_log_source(config, context, aws::S3LiveOptions{});
}

Result<BuiltSource> create_s3_access_log_source(const nlohmann::json& config,
                                                const SourceContext& context,
                                                const aws::S3LiveOptions& live_options) {
  EC_RETURN_IF_ERROR(common::require_object(config, context.label));
  auto live = aws::is_s3_live(config, context.label);
  if (!live) return std::unexpected(live.error());
  BuiltSource built;
  if (*live) {
    auto layout = key_layout(config, context.label);
    if (!layout) return std::unexpected(layout.error());
    auto inputs =
        aws::make_s3_log_objects(config, context, layout->first, layout->second, live_options);
    if (!inputs) return std::unexpected(inputs.error());
    built.evidence = std::make_unique<S3AccessLogSource>(
        S3AccessLogOptions{{}, context.base_dir, context.label, std::move(*inputs)});
    return built;
  }
  auto path = common::require_existing_path(config, "path", context.label, context.base_dir);
  if (!path) return std::unexpected(path.error());
  built.evidence = std::make_unique<S3AccessLogSource>(
      S3AccessLogOptions{*path, context.base_dir, context.label, nullptr});
  return built;
}

Status register_s3_access_log(SourceRegistry& registry) {
  return registry.add(kKind, [](const nlohmann::json& config, const SourceContext& context) {
    return create_s3_access_log_source(config, context);
  });
}

}  // namespace ec::adapters::s3_access_log
