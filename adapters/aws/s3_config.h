// The config keys every AWS log source shares in live mode ("mode": "live"), read once:
//   "bucket" (required), "region" (required, e.g. "us-east-1"), "base_url" (optional; default
//   https://s3.<region>.amazonaws.com; a loopback http(s) origin in tests), "addressing"
//   ("path", the default, or "virtual"), "access_key_id_env" / "secret_access_key_env" /
//   "session_token_env" (names of the environment variables holding the credentials; default
//   AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, the session token being
//   optional), "margin_hours" (default 24) and "lookback_days" (default 30).
// Each source adds its own keys and the key prefix before the date (see S3LogLayout).
// Credentials are never put in a message. Pure functions; thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "plugin/core/evidence_source.h"

#include "adapters/aws/s3_log_objects.h"
#include "adapters/common/api_client.h"

namespace ec::adapters::aws {

// Test hooks: how the live client waits and how often it retries.
struct S3LiveOptions {
  common::Sleeper sleep;  // default: really sleep
  common::RetryPolicy retry;
};

// True when config["mode"] is "live". InvalidArgument "<label>.mode: expected \"files\" or
// \"live\"" for any other value; "<label>: use either mode \"live\" (bucket, region, ...) or
// path (export files), not both" when a live block also has "path".
[[nodiscard]] Result<bool> is_s3_live(const nlohmann::json& config, std::string_view label);

// The optional string at config[key]; InvalidArgument naming the key when present but not a
// non-empty string.
[[nodiscard]] Result<std::string> optional_nonempty(const nlohmann::json& config,
                                                    std::string_view key, std::string_view label,
                                                    std::string_view fallback);

// Reads the shared keys and builds the source's inputs. `prefix` and `dates` describe where the
// date sits in its object keys. InvalidArgument naming the key for a missing or bad value
// ("<label>.secret_access_key_env: environment variable AWS_SECRET_ACCESS_KEY is not set");
// FailedPrecondition when the context offers no HttpClient.
[[nodiscard]] Result<std::shared_ptr<S3LogObjects>> make_s3_log_objects(
    const nlohmann::json& config, const SourceContext& context, std::string prefix,
    DateLayout dates, const S3LiveOptions& options);

}  // namespace ec::adapters::aws
