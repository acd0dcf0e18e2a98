// Factory for the "cloudfront" evidence source: { "kind": "cloudfront", "path": "cloudfront/" },
// where path names one CloudFront standard log file or a folder of them (plain or gzip),
// relative to SourceContext::base_dir. Live mode reads the log bucket over the S3 API:
//   { "kind": "cloudfront", "mode": "live", "bucket": "acme-cdn-logs", "region": "us-east-1",
//     "prefix": "cdn/", "distribution_id": "E2EXAMPLE1" }
// listing "<prefix><distribution_id>.YYYY-MM-DD-HH.<unique>.gz" by day, plus the keys of
// adapters/aws/s3_config.h. Thread-safe (no shared state).
#pragma once

#include <nlohmann/json.hpp>

#include "plugin/core/evidence_source.h"

#include "adapters/aws/s3_config.h"

namespace ec::adapters::cloudfront {

inline constexpr char kKind[] = "cloudfront";

// InvalidArgument naming "<label>.path" when it is missing, not a string or names nothing.
[[nodiscard]] Result<BuiltSource> create_cloudfront_source(const nlohmann::json& config,
                                                           const SourceContext& context);
// The same with test hooks for the live mode's waits and retries.
[[nodiscard]] Result<BuiltSource> create_cloudfront_source(const nlohmann::json& config,
                                                           const SourceContext& context,
                                                           const aws::S3LiveOptions& live_options);

// Adds kind "cloudfront" to the registry. AlreadyExists when it is there already.
[[nodiscard]] Status register_cloudfront(SourceRegistry& registry);

}  // namespace ec::adapters::cloudfront
