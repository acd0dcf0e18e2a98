#include "adapters/aws/s3_config.h"

#include "adapters/common/config.h"
#include "adapters/common/live_endpoint.h"

namespace ec::adapters::aws {
namespace {

Status bad(std::string_view label, std::string_view key, std::string_view what) {
  return make_error(ErrorCode::InvalidArgument,
                    common::config_key(label, key) + ": " + std::string(what));
}

Result<std::string> secret_from(const nlohmann::json& config, const SourceContext& context,
                                std::string_view key, std::string_view default_env, bool required) {
  auto env = optional_nonempty(config, key, context.label, default_env);
  if (!env) return std::unexpected(env.error());
  std::optional<std::string> value = context.secret ? context.secret(*env) : std::nullopt;
  if ((!value || value->empty()) && required) {
    return std::unexpected(
        bad(context.label, key, "environment variable " + *env + " is not set").error());
  }
  return value.value_or("");
}

Result<int> positive_int(const nlohmann::json& config, std::string_view key, std::string_view label,
                         int fallback) {
  const auto it = config.find(key);
  if (it == config.end()) return fallback;
  if (!it->is_number_integer() || it->get<long long>() < 0 || it->get<long long>() > 100'000) {
    return std::unexpected(bad(label, key, "expected a whole number from 0 to 100000").error());
  }
  return static_cast<int>(it->get<long long>());
}

Result<S3Endpoint> read_endpoint(const nlohmann::json& config, std::string_view label) {
  S3Endpoint endpoint;
  auto bucket = common::require_string(config, "bucket", label, "bucket name");
  if (!bucket) return std::unexpected(bucket.error());
  if (bucket->find_first_of("/?#:@ ") != std::string::npos) {
    return std::unexpected(bad(label, "bucket", "expected a bucket name, not a URL").error());
  }
  auto region = common::require_string(config, "region", label, "AWS region, e.g. us-east-1");
  if (!region) return std::unexpected(region.error());
  if (region->find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos) {
    return std::unexpected(bad(label, "region", "expected an AWS region, e.g. us-east-1").error());
  }
  endpoint.bucket = std::move(*bucket);
  endpoint.region = std::move(*region);
  if (config.contains("base_url")) {
    auto url = common::read_base_url(config, label, "the S3 endpoint",
                                     "https://s3." + endpoint.region + ".amazonaws.com");
    if (!url) return std::unexpected(url.error());
    endpoint.base_url = std::move(*url);
  } else {
    endpoint.base_url = "https://s3." + endpoint.region + ".amazonaws.com";
  }
  auto addressing = optional_nonempty(config, "addressing", label, "path");
  if (!addressing) return std::unexpected(addressing.error());
  if (*addressing != "path" && *addressing != "virtual") {
    return std::unexpected(bad(label, "addressing", "expected \"path\" or \"virtual\"").error());
  }
  endpoint.addressing = *addressing == "path" ? S3Addressing::Path : S3Addressing::VirtualHost;
  return endpoint;
}

}  // namespace

Result<bool> is_s3_live(const nlohmann::json& config, std::string_view label) {
  auto mode = optional_nonempty(config, "mode", label, "files");
  if (!mode) return std::unexpected(mode.error());
  if (*mode != "files" && *mode != "live") {
    return std::unexpected(bad(label, "mode", "expected \"files\" or \"live\"").error());
  }
  if (*mode == "live" && config.contains("path")) {
    return make_error(ErrorCode::InvalidArgument,
                      std::string(label) +
                          ": use either mode \"live\" (bucket, region, ...) or path (export "
                          "files), not both");
  }
  return *mode == "live";
}

Result<std::string> optional_nonempty(const nlohmann::json& config, std::string_view key,
                                      std::string_view label, std::string_view fallback) {
  const auto it = config.find(key);
  if (it == config.end()) return std::string(fallback);
  if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
    return std::unexpected(bad(label, key, "expected a non-empty string").error());
  }
  return it->get<std::string>();
}

Result<std::shared_ptr<S3LogObjects>> make_s3_log_objects(const nlohmann::json& config,
                                                          const SourceContext& context,
                                                          std::string prefix, DateLayout dates,
                                                          const S3LiveOptions& options) {
  const std::string& label = context.label;
  auto endpoint = read_endpoint(config, label);
  if (!endpoint) return std::unexpected(endpoint.error());
  AwsCredentials credentials;
  auto key_id = secret_from(config, context, "access_key_id_env", "AWS_ACCESS_KEY_ID", true);
  if (!key_id) return std::unexpected(key_id.error());
  auto secret =
      secret_from(config, context, "secret_access_key_env", "AWS_SECRET_ACCESS_KEY", true);
  if (!secret) return std::unexpected(secret.error());
  auto token = secret_from(config, context, "session_token_env", "AWS_SESSION_TOKEN", false);
  if (!token) return std::unexpected(token.error());
  credentials = {std::move(*key_id), std::move(*secret), std::move(*token)};
  auto margin = positive_int(config, "margin_hours", label, 24);
  if (!margin) return std::unexpected(margin.error());
  auto lookback = positive_int(config, "lookback_days", label, 30);
  if (!lookback) return std::unexpected(lookback.error());
  if (context.http == nullptr) {
    return make_error(ErrorCode::FailedPrecondition,
                      label + ": the live S3 API needs an HTTP client; none was provided");
  }
  const Clock& clock = common::clock_of(context);
  // Neither secret ever appears in a URL or a response; redact the one most likely to be echoed.
  const std::string redacted =
      credentials.session_token.empty() ? credentials.secret_access_key : credentials.session_token;
  common::ApiClient api(*context.http, clock, common::sleeper_or_default(options.sleep),
                        endpoint->origin(), "", redacted, options.retry);
  S3LogLayout layout;
  layout.prefix = std::move(prefix);
  layout.dates = dates;
  layout.margin = std::chrono::hours{*margin};
  layout.lookback = std::chrono::hours{24 * *lookback};
  return std::make_shared<S3LogObjects>(
      S3Client(std::move(*endpoint), std::move(credentials), std::move(api), clock),
      std::move(layout), clock);
}

}  // namespace ec::adapters::aws
