// Factory for the "zendesk" ticket source: { "kind": "zendesk", "export": "ticket.json" }, the
// export path relative to SourceContext::base_dir. The built source is an EvidenceSource and a
// TicketSource. Thread-safe (no shared state).
#pragma once

#include <nlohmann/json.hpp>

#include "plugin/core/evidence_source.h"

namespace ec::adapters::zendesk_tickets {

inline constexpr char kKind[] = "zendesk";

// InvalidArgument naming "<label>.export" when it is missing, names no file, or the file is not
// a Zendesk ticket export.
[[nodiscard]] Result<BuiltSource> create_zendesk_source(const nlohmann::json& config,
                                                        const SourceContext& context);

// Adds kind "zendesk" to the registry. AlreadyExists when it is there already.
[[nodiscard]] Status register_zendesk(SourceRegistry& registry);

}  // namespace ec::adapters::zendesk_tickets
