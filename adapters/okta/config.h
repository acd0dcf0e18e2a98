// Factory for the "okta" evidence source. Two modes, chosen by the keys present:
//   export files: { "kind": "okta", "users": "okta/users.json", "system_log": "okta/system_log.jsonl" }
//     -> OktaSource; paths resolve against SourceContext::base_dir.
//   live API:     { "kind": "okta", "base_url": "https://org.okta.example", "token_env": "OKTA_TOKEN" }
//     -> OktaLiveSource over SourceContext::http; the token is read once, through
//        SourceContext::secret, from the variable token_env names, and is never put in a message.
// Either instance serves as EvidenceSource and IdentityDirectory. Thread-safe (no shared state).
#pragma once

#include <nlohmann/json.hpp>

#include "adapters/okta/okta_api.h"
#include "plugin/core/evidence_source.h"

namespace ec::adapters::okta {

inline constexpr char kKind[] = "okta";

// How the live mode waits; tests pass a sleeper that advances a FakeClock.
struct OktaLiveOptions {
  RetryPolicy retry;
  Sleeper sleep;  // empty: std::this_thread::sleep_for
};

// InvalidArgument naming the key ("sources.identity.users: ...") when a path is missing, not a
// string, names no file, or the users file cannot be read; in live mode when base_url is not an
// https origin (plain http only to loopback), token_env is not a string, or the variable is
// unset ("sources.identity.token_env: environment variable OKTA_TOKEN is not set"), or both
// modes' keys are given. FailedPrecondition when live mode is asked for without context.http.
[[nodiscard]] Result<BuiltSource> create_okta_source(const nlohmann::json& config,
                                                     const SourceContext& context);
[[nodiscard]] Result<BuiltSource> create_okta_source(const nlohmann::json& config,
                                                     const SourceContext& context,
                                                     const OktaLiveOptions& live);

// Adds kind "okta" to the registry. AlreadyExists when it is there already.
[[nodiscard]] Status register_okta(SourceRegistry& registry);

}  // namespace ec::adapters::okta
