#include "adapters/cloudtrail/config.h"

#include "adapters/aws/s3_config.h"
#include "adapters/cloudtrail/cloudtrail_source.h"
#include "adapters/common/config.h"
#include "adapters/common/text.h"

namespace ec::adapters::cloudtrail {
namespace {

Result<IamUserMap> read_iam_user_map(const nlohmann::json& config, std::string_view label) {
  IamUserMap map;
  const auto it = config.find("iam_user_map");
  if (it == config.end() || it->is_null()) return map;
  const std::string key = common::config_key(label, "iam_user_map");
  if (!it->is_object()) {
    return make_error(ErrorCode::InvalidArgument,
                      key + ": expected an object of IAM user name -> subject login or email");
  }
  for (const auto& [user, subject] : it->items()) {
    if (!subject.is_string() || subject.get_ref<const std::string&>().empty() || user.empty()) {
      return make_error(ErrorCode::InvalidArgument,
                        key + "[\"" + user + "\"]: expected a non-empty string");
    }
    map.emplace(common::to_lower(user), subject.get<std::string>());
  }
  return map;
}

// "<prefix>AWSLogs/<account>/CloudTrail/<trail_region>/", where the day folders start.
Result<std::string> trail_prefix(const nlohmann::json& config, std::string_view label) {
  auto prefix = common::optional_string(config, "prefix", label, "");
  if (!prefix) return std::unexpected(prefix.error());
  if (!prefix->empty() && !prefix->ends_with('/')) prefix->push_back('/');
  auto account = common::require_string(config, "account_id", label, "AWS account id");
  if (!account) return std::unexpected(account.error());
  if (account->size() != 12 || account->find_first_not_of("0123456789") != std::string::npos) {
    return make_error(ErrorCode::InvalidArgument, common::config_key(label, "account_id") +
                                                      ": expected a 12-digit AWS account id");
  }
  auto region = common::require_string(config, "region", label, "AWS region");
  if (!region) return std::unexpected(region.error());
  auto trail_region = common::optional_string(config, "trail_region", label, *region);
  if (!trail_region) return std::unexpected(trail_region.error());
  return *prefix + "AWSLogs/" + *account + "/CloudTrail/" + *trail_region + "/";
}

}  // namespace

Result<BuiltSource> create_cloudtrail_source(const nlohmann::json& config,
                                             const SourceContext& context) {
  return create_cloudtrail_source(config, context, aws::S3LiveOptions{});
}

Result<BuiltSource> create_cloudtrail_source(const nlohmann::json& config,
                                             const SourceContext& context,
                                             const aws::S3LiveOptions& live_options) {
  EC_RETURN_IF_ERROR(common::require_object(config, context.label));
  auto live = aws::is_s3_live(config, context.label);
  if (!live) return std::unexpected(live.error());
  auto iam_users = read_iam_user_map(config, context.label);
  if (!iam_users) return std::unexpected(iam_users.error());
  BuiltSource built;
  if (*live) {
    auto prefix = trail_prefix(config, context.label);
    if (!prefix) return std::unexpected(prefix.error());
    auto inputs = aws::make_s3_log_objects(config, context, std::move(*prefix),
                                           aws::DateLayout::Slashed, live_options);
    if (!inputs) return std::unexpected(inputs.error());
    built.evidence = std::make_unique<CloudTrailSource>(CloudTrailOptions{
        {}, context.base_dir, context.label, std::move(*iam_users), std::move(*inputs)});
    return built;
  }
  auto path = common::require_existing_path(config, "path", context.label, context.base_dir);
  if (!path) return std::unexpected(path.error());
  built.evidence = std::make_unique<CloudTrailSource>(
      CloudTrailOptions{*path, context.base_dir, context.label, std::move(*iam_users), nullptr});
  return built;
}

Status register_cloudtrail(SourceRegistry& registry) {
  return registry.add(kKind, [](const nlohmann::json& config, const SourceContext& context) {
    return create_cloudtrail_source(config, context);
  });
}

}  // namespace ec::adapters::cloudtrail
