// Factory for the "cloudtrail" evidence source:
//   { "kind": "cloudtrail", "path": "cloudtrail/",
//     "iam_user_map": { "contractor-dario": "dario.mq@contractors.brightwell.example" } }
// `path` (required) names one CloudTrail file or a folder of them, relative to
// SourceContext::base_dir; `iam_user_map` (optional) maps IAM user names to the subject's login,
// email or id, so their requests count as naming the subject. Thread-safe (no shared state).
#pragma once

#include <nlohmann/json.hpp>

#include "plugin/core/evidence_source.h"

namespace ec::adapters::cloudtrail {

inline constexpr char kKind[] = "cloudtrail";

// InvalidArgument naming "<label>.path" when it is missing, not a string or names nothing, and
// "<label>.iam_user_map[...]" when the map is not an object of non-empty strings.
[[nodiscard]] Result<BuiltSource> create_cloudtrail_source(const nlohmann::json& config,
                                                           const SourceContext& context);

// Adds kind "cloudtrail" to the registry. AlreadyExists when it is there already.
[[nodiscard]] Status register_cloudtrail(SourceRegistry& registry);

}  // namespace ec::adapters::cloudtrail
