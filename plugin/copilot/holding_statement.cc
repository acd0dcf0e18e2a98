#include "plugin/copilot/holding_statement.h"

#include "plugin/copilot/approval_checks.h"

namespace ec::copilot {
namespace {

std::string with_ticket(std::string_view text, const std::string& ticket) {
  std::string out(text);
  for (std::size_t at = out.find(kTicketPlaceholder); at != std::string::npos;
       at = out.find(kTicketPlaceholder, at + ticket.size())) {
    out.replace(at, kTicketPlaceholder.size(), ticket);
  }
  return out;
}

}  // namespace

DraftVersion draft_holding_statement(const Case& c, std::string_view text,
                                     const std::string& requested_by, Timestamp now) {
  DraftVersion none;
  none.case_id = c.id;
  none.kind = DraftKind::HoldingStatement;
  none.version = 0;
  // Read like a lead's edit of an empty draft: sections from headings, every line human-written.
  return make_edited_version(none, with_ticket(text, c.ticket_ref), requested_by, now);
}

std::vector<std::string> holding_statement_problems(std::string_view text) {
  Case escalated;
  escalated.id = "CASE-TICKET";
  escalated.ticket_ref = "TICKET";
  escalated.state = CaseState::SecurityEscalated;
  const DraftVersion v = draft_holding_statement(escalated, text, "config", Timestamp{});
  std::vector<std::string> problems;
  if (v.statements.empty()) {
    problems.emplace_back("the holding statement is empty");
    return problems;
  }
  for (const Statement& s : v.statements) {
    if (!s.findings.empty() || !s.evidence.empty()) {
      problems.push_back("\"" + s.text + "\" cites a claim; a holding statement cites nothing");
    }
  }
  for (std::string& issue : blocking_issues(v, escalated, {})) problems.push_back(std::move(issue));
  return problems;
}

}  // namespace ec::copilot
