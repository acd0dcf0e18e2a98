// Factory for the "cloudtrail" evidence source:
//   { "kind": "cloudtrail", "path": "cloudtrail/",
//     "iam_user_map": { "contractor-dario": "dario.mq@contractors.brightwell.example" } }
// `path` (required) names one CloudTrail file or a folder of them, relative to
// SourceContext::base_dir; `iam_user_map` (optional) maps IAM user names to the subject's login,
// email or id, so their requests count as naming the subject. Live mode lists the trail's
// objects by day folder in its bucket over the S3 API:
//   { "kind": "cloudtrail", "mode": "live", "bucket": "acme-trail", "region": "us-east-1",
//     "account_id": "111122223333", "prefix": "", "trail_region": "us-east-1" }
// reading "<prefix>AWSLogs/<account_id>/CloudTrail/<trail_region>/YYYY/MM/DD/", plus the keys of
// adapters/aws/s3_config.h. Thread-safe (no shared state).
#pragma once

#include <nlohmann/json.hpp>

#include "plugin/core/evidence_source.h"

#include "adapters/aws/s3_config.h"

namespace ec::adapters::cloudtrail {

inline constexpr char kKind[] = "cloudtrail";

// InvalidArgument naming "<label>.path" when it is missing, not a string or names nothing, and
// "<label>.iam_user_map[...]" when the map is not an object of non-empty strings.
[[nodiscard]] Result<BuiltSource> create_cloudtrail_source(const nlohmann::json& config,
                                                           const SourceContext& context);
// The same with test hooks for the live mode's waits and retries.
[[nodiscard]] Result<BuiltSource> create_cloudtrail_source(const nlohmann::json& config,
                                                           const SourceContext& context,
                                                           const aws::S3LiveOptions& live_options);

// Adds kind "cloudtrail" to the registry. AlreadyExists when it is there already.
[[nodiscard]] Status register_cloudtrail(SourceRegistry& registry);

}  // namespace ec::adapters::cloudtrail
