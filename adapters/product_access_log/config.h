// Factory for the "product_access_log" evidence source:
//   { "kind": "product_access_log", "path": "console/access.jsonl", "bucket": "support-attachments"
//   }
// ("bucket" is optional). Paths resolve against SourceContext::base_dir. Thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "plugin/core/evidence_source.h"

namespace ec::adapters::product_access_log {

inline constexpr char kKind[] = "product_access_log";

// InvalidArgument naming "<label>.path" / "<label>.bucket" on a bad or missing value.
[[nodiscard]] Result<BuiltSource> create_product_access_log_source(const nlohmann::json& config,
                                                                   const SourceContext& context);

// Adds kind "product_access_log" to the registry. AlreadyExists when it is there already.
[[nodiscard]] Status register_product_access_log(SourceRegistry& registry);

}  // namespace ec::adapters::product_access_log
