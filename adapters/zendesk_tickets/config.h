// Factory for the "zendesk" ticket source. Two modes, chosen by the keys present:
//   export file: { "kind": "zendesk", "export": "ticket.json" } -> ZendeskTicketSource, the path
//     relative to SourceContext::base_dir;
//   live API:    { "kind": "zendesk", "base_url": "https://acme.zendesk.com",
//                  "token_env": "ZENDESK_API_TOKEN", "email": "agent@acme.example",
//                  "ticket": "48213" } -> ZendeskLiveSource ("email": API token as Basic
//     "{email}/token:{token}"; without it an OAuth Bearer token; "ticket" optional).
// The built source is an EvidenceSource and a TicketSource. Thread-safe (no shared state).
#pragma once

#include <nlohmann/json.hpp>

#include "adapters/common/api_client.h"
#include "plugin/core/evidence_source.h"

namespace ec::adapters::zendesk_tickets {

inline constexpr char kKind[] = "zendesk";

// How the live mode waits; tests pass a sleeper that advances a FakeClock.
struct ZendeskLiveOptions {
  common::RetryPolicy retry;
  common::Sleeper sleep;  // empty: std::this_thread::sleep_for
};

// InvalidArgument naming "<label>.export" when it is missing, names no file, or the file is not
// a Zendesk ticket export; in live mode naming base_url / token_env / email / ticket when one
// is malformed or the variable is unset, or when both modes' keys are given.
// FailedPrecondition when live mode is asked for without context.http.
[[nodiscard]] Result<BuiltSource> create_zendesk_source(const nlohmann::json& config,
                                                        const SourceContext& context);
[[nodiscard]] Result<BuiltSource> create_zendesk_source(const nlohmann::json& config,
                                                        const SourceContext& context,
                                                        const ZendeskLiveOptions& live);

// Adds kind "zendesk" to the registry. AlreadyExists when it is there already.
[[nodiscard]] Status register_zendesk(SourceRegistry& registry);

}  // namespace ec::adapters::zendesk_tickets
