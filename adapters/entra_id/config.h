// Factory for the "entra_id" evidence source (Microsoft Entra ID). Two modes, chosen by the keys:
//   export files: { "kind": "entra_id", "users": "entra/users.json",
//                   "directory_audits": "entra/directory_audits.json",
//                   "sign_ins": "entra/sign_ins/" }  -> EntraSource
//   live API:     { "kind": "entra_id", "base_url": "https://graph.microsoft.com",
//                   "token_env": "GRAPH_TOKEN", "non_interactive": true } -> EntraLiveSource
// The token is read once through SourceContext::secret and sent as a Bearer token. Either
// instance serves as EvidenceSource and IdentityDirectory. Thread-safe (no shared state).
#pragma once

#include <nlohmann/json.hpp>

#include "adapters/common/api_client.h"
#include "plugin/core/evidence_source.h"

namespace ec::adapters::entra_id {

inline constexpr char kKind[] = "entra_id";

// How the live mode waits; tests pass a sleeper that advances a FakeClock.
struct EntraLiveOptions {
  common::RetryPolicy retry;
  common::Sleeper sleep;  // empty: std::this_thread::sleep_for
};

// InvalidArgument naming the key ("sources.identity.sign_ins: ...") when a path is missing or
// names no file, or the users file cannot be read; in live mode when base_url is not an https
// origin, token_env is unset, non_interactive is not a boolean, or both modes' keys are given.
// FailedPrecondition when live mode is asked for without context.http.
[[nodiscard]] Result<BuiltSource> create_entra_source(const nlohmann::json& config,
                                                      const SourceContext& context);
[[nodiscard]] Result<BuiltSource> create_entra_source(const nlohmann::json& config,
                                                      const SourceContext& context,
                                                      const EntraLiveOptions& live);

// Adds kind "entra_id" to the registry. AlreadyExists when it is there already.
[[nodiscard]] Status register_entra_id(SourceRegistry& registry);

}  // namespace ec::adapters::entra_id
