// Factory for the "cloudfront" evidence source: { "kind": "cloudfront", "path": "cloudfront/" },
// where path names one CloudFront standard log file or a folder of them (plain or gzip),
// relative to SourceContext::base_dir. Thread-safe (no shared state).
#pragma once

#include <nlohmann/json.hpp>

#include "plugin/core/evidence_source.h"

namespace ec::adapters::cloudfront {

inline constexpr char kKind[] = "cloudfront";

// InvalidArgument naming "<label>.path" when it is missing, not a string or names nothing.
[[nodiscard]] Result<BuiltSource> create_cloudfront_source(const nlohmann::json& config,
                                                           const SourceContext& context);

// Adds kind "cloudfront" to the registry. AlreadyExists when it is there already.
[[nodiscard]] Status register_cloudfront(SourceRegistry& registry);

}  // namespace ec::adapters::cloudfront
