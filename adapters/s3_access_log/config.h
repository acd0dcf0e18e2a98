// Factory for the "s3_access_log" evidence source: { "kind": "s3_access_log", "path": "s3/" },
// where path names one delivered log file or a folder of them (plain or gzip), relative to
// SourceContext::base_dir. Live mode reads the log bucket over the S3 API instead:
//   { "kind": "s3_access_log", "mode": "live", "bucket": "acme-s3-logs", "region": "us-east-1",
//     "prefix": "support-attachments/", "key_format": "simple" }
// plus the keys of adapters/aws/s3_config.h; "key_format": "partitioned" also needs
// "source_account_id" and "source_bucket" ("source_region" defaults to "region").
// Thread-safe (no shared state).
#pragma once

#include <nlohmann/json.hpp>

#include "plugin/core/evidence_source.h"

#include "adapters/aws/s3_config.h"

namespace ec::adapters::s3_access_log {

inline constexpr char kKind[] = "s3_access_log";

// InvalidArgument naming "<label>.path" when it is missing, not a string or names nothing.
[[nodiscard]] Result<BuiltSource> create_s3_access_log_source(const nlohmann::json& config,
                                                              const SourceContext& context);
// The same with test hooks for the live mode's waits and retries.
[[nodiscard]] Result<BuiltSource> create_s3_access_log_source(
    const nlohmann::json& config, const SourceContext& context,
    const aws::S3LiveOptions& live_options);

// Adds kind "s3_access_log" to the registry. AlreadyExists when it is there already.
[[nodiscard]] Status register_s3_access_log(SourceRegistry& registry);

}  // namespace ec::adapters::s3_access_log
