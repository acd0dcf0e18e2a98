// Factory for the "markdown_dir" knowledge source: { "kind": "markdown_dir", "path": "kb/" },
// relative to SourceContext::base_dir. Thread-safe (no shared state).
#pragma once

#include <nlohmann/json.hpp>

#include "plugin/core/evidence_source.h"

namespace ec::adapters::markdown_kb {

inline constexpr char kKind[] = "markdown_dir";

// InvalidArgument naming "<label>.path" when it is missing, names nothing, or cannot be read.
[[nodiscard]] Result<BuiltSource> create_markdown_kb_source(const nlohmann::json& config,
                                                            const SourceContext& context);

// Adds kind "markdown_dir" to the registry. AlreadyExists when it is there already.
[[nodiscard]] Status register_markdown_kb(SourceRegistry& registry);

}  // namespace ec::adapters::markdown_kb
