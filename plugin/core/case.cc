#include "plugin/core/case.h"

#include "plugin/core/enum_names.h"

namespace ec {
namespace {

constexpr enum_names::Table<CaseState, 5> kStateNames{{
    {CaseState::Open, "open"},
    {CaseState::Investigating, "investigating"},
    {CaseState::SecurityEscalated, "security_escalated"},
    {CaseState::Resolved, "resolved"},
    {CaseState::Closed, "closed"},
}};

constexpr enum_names::Table<Severity, 4> kSeverityNames{{
    {Severity::Low, "low"},
    {Severity::Medium, "medium"},
    {Severity::High, "high"},
    {Severity::Critical, "critical"},
}};

constexpr enum_names::Table<ActorRole, 4> kRoleNames{{
    {ActorRole::Lead, "lead"},
    {ActorRole::Security, "security"},
    {ActorRole::Copilot, "copilot"},
    {ActorRole::Other, "other"},
}};

}  // namespace

std::string_view case_state_name(CaseState state) {
  return enum_names::name_of(kStateNames, state);
}

Result<CaseState> parse_case_state(std::string_view name) {
  return enum_names::parse(kStateNames, name, "case state");
}

std::string_view severity_name(Severity severity) {
  return enum_names::name_of(kSeverityNames, severity);
}

Result<Severity> parse_severity(std::string_view name) {
  return enum_names::parse(kSeverityNames, name, "severity");
}

std::string case_id_for_ticket(std::string_view ticket) { return "CASE-" + std::string(ticket); }

std::string_view actor_role_name(ActorRole role) {
  return enum_names::name_of(kRoleNames, role);
}

Result<ActorRole> parse_actor_role(std::string_view name) {
  return enum_names::parse(kRoleNames, name, "actor role");
}

Status check_transition(const Case& c, CaseState to, ActorRole role) {
  const CaseState from = c.state;
  if (from == to) return ok_status();
  const auto refuse = [&](std::string why) {
    return make_error(ErrorCode::FailedPrecondition,
                      "case " + c.id + " cannot move from " + std::string(case_state_name(from)) +
                          " to " + std::string(case_state_name(to)) + ": " + why);
  };
  if (from == CaseState::Closed) return refuse("the case is closed");
  // Anyone's evidence can force the security process; only security can leave it.
  if (to == CaseState::SecurityEscalated) return ok_status();
  if (from == CaseState::SecurityEscalated) {
    if (role != ActorRole::Security) {
      return make_error(ErrorCode::PermissionDenied,
                        "only a security owner can take case " + c.id +
                            " out of security_escalated; the lead cannot dismiss it alone");
    }
    return ok_status();
  }
  switch (to) {
    case CaseState::Open: return refuse("a case never returns to intake");
    case CaseState::Investigating:
      return ok_status();  // from open, or reopened from resolved
    case CaseState::Resolved:
      if (from == CaseState::Open) return refuse("nothing was investigated yet");
      return ok_status();
    case CaseState::Closed:
      return ok_status();
    case CaseState::SecurityEscalated:
      return ok_status();
  }
  return refuse("unknown transition");
}

}  // namespace ec
