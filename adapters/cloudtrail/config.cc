#include "adapters/cloudtrail/config.h"

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

}  // namespace

Result<BuiltSource> create_cloudtrail_source(const nlohmann::json& config,
                                             const SourceContext& context) {
  EC_RETURN_IF_ERROR(common::require_object(config, context.label));
  auto path = common::require_existing_path(config, "path", context.label, context.base_dir);
  if (!path) return std::unexpected(path.error());
  auto iam_users = read_iam_user_map(config, context.label);
  if (!iam_users) return std::unexpected(iam_users.error());
  BuiltSource built;
  built.evidence = std::make_unique<CloudTrailSource>(
      CloudTrailOptions{*path, context.base_dir, context.label, std::move(*iam_users)});
  return built;
}

Status register_cloudtrail(SourceRegistry& registry) {
  return registry.add(kKind, create_cloudtrail_source);
}

}  // namespace ec::adapters::cloudtrail
