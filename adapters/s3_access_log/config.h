// Factory for the "s3_access_log" evidence source: { "kind": "s3_access_log", "path": "s3/" },
// where path names one delivered log file or a folder of them (plain or gzip), relative to
// SourceContext::base_dir. Thread-safe (no shared state).
#pragma once

#include <nlohmann/json.hpp>

#include "plugin/core/evidence_source.h"

namespace ec::adapters::s3_access_log {

inline constexpr char kKind[] = "s3_access_log";

// InvalidArgument naming "<label>.path" when it is missing, not a string or names nothing.
[[nodiscard]] Result<BuiltSource> create_s3_access_log_source(const nlohmann::json& config,
                                                              const SourceContext& context);

// Adds kind "s3_access_log" to the registry. AlreadyExists when it is there already.
[[nodiscard]] Status register_s3_access_log(SourceRegistry& registry);

}  // namespace ec::adapters::s3_access_log
