// IncidentNotice: what the incident-queue channels (PagerDuty, Jira) receive through the outbox
// when a case is escalated to security (trigger) or security closes it (resolve). The producer
// (the case service) builds it from minimized case data: titles and texts carry placeholders,
// never raw sensitive values. Each channel renders it into its target's wire format at delivery
// time. Plain values; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugin/core/case.h"
#include "plugin/core/result.h"
#include "plugin/core/time.h"

namespace ec {

enum class IncidentAction { Trigger, Resolve };
std::string_view incident_action_name(IncidentAction action);
Result<IncidentAction> parse_incident_action(std::string_view name);

struct IncidentNotice {
  IncidentAction action = IncidentAction::Trigger;
  std::string case_id;
  std::string ticket_ref;
  Severity severity = Severity::High;
  std::string title;                        // one line
  std::string text;                         // the handoff packet, rendered (may be multi-line)
  std::vector<std::string> evidence_ids;    // "E7", ...
  std::vector<std::string> matched_rules;   // policy rule ids that forced the escalation
  std::string reason;                       // resolve: why security closed the case
  Timestamp at{};                           // when the decision was made
};

// The key every target uses to recognise the same incident: one incident per case, so a retry,
// a second trigger or a restart never opens a second one ("escalation-copilot/CASE-48213").
std::string incident_dedup_key(std::string_view case_id);

nlohmann::json incident_to_json(const IncidentNotice& notice);
// InvalidArgument naming the missing or mistyped field.
[[nodiscard]] Result<IncidentNotice> incident_from_json(const nlohmann::json& json);

}  // namespace ec
