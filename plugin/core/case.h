// A case: one escalation opened from a helpdesk ticket, with one accountable lead, and the
// state machine that governs it (including the forced security_escalated state).
// Plain values; the transition function is pure and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "plugin/core/result.h"
#include "plugin/core/time.h"

namespace ec {

enum class CaseState {
  Open,               // intake done, evidence not gathered yet
  Investigating,      // evidence gathered, routine handling
  SecurityEscalated,  // a policy rule fired: formal security process, customer updates held
  Resolved,           // handled; may be reopened
  Closed,             // final
};
std::string_view case_state_name(CaseState state);
Result<CaseState> parse_case_state(std::string_view name);

enum class Severity { Low, Medium, High, Critical };
std::string_view severity_name(Severity severity);
Result<Severity> parse_severity(std::string_view name);

struct Case {
  std::string id;              // "CASE-48213" style, unique
  std::string ticket_ref;      // helpdesk ticket id
  std::string customer;
  std::string subject_query;   // login, email or id the lead named
  Severity severity = Severity::High;
  std::string lead;            // platform user id of the one accountable lead
  CaseState state = CaseState::Open;
  std::string security_acknowledged_by;     // security owner who acknowledged, when escalated
  std::optional<Timestamp> security_acknowledged_at;
  Timestamp created_at{};
  Timestamp updated_at{};

  [[nodiscard]] bool security_hold() const {
    return state == CaseState::SecurityEscalated && security_acknowledged_by.empty();
  }
};

// The case id for a helpdesk ticket: one case per ticket ("CASE-48213").
std::string case_id_for_ticket(std::string_view ticket);

// Who is asking for a transition, so the rule "the lead cannot dismiss an escalation alone" can be
// enforced here and nowhere else.
enum class ActorRole { Lead, Security, Copilot, Other };
std::string_view actor_role_name(ActorRole role);
Result<ActorRole> parse_actor_role(std::string_view name);

// FailedPrecondition when `to` is not reachable from the case's state, PermissionDenied when the
// role may not make that move (leaving security_escalated needs the security role).
[[nodiscard]] Status check_transition(const Case& c, CaseState to, ActorRole role);

}  // namespace ec
