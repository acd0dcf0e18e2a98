// Factory for the "okta" evidence source: turns a config block
//   { "kind": "okta", "users": "okta/users.json", "system_log": "okta/system_log.jsonl" }
// into an OktaSource that serves as EvidenceSource and IdentityDirectory. Paths resolve against
// SourceContext::base_dir. Thread-safe (no shared state).
#pragma once

#include <nlohmann/json.hpp>

#include "plugin/core/evidence_source.h"

namespace ec::adapters::okta {

inline constexpr char kKind[] = "okta";

// InvalidArgument naming the key ("sources.identity.users: ...") when a path is missing, not a
// string, names no file, or the users file cannot be read.
[[nodiscard]] Result<BuiltSource> create_okta_source(const nlohmann::json& config,
                                                     const SourceContext& context);

// Adds kind "okta" to the registry. AlreadyExists when it is there already.
[[nodiscard]] Status register_okta(SourceRegistry& registry);

}  // namespace ec::adapters::okta
