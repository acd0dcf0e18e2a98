// Ticket summary: a time-ordered, minimized digest of a helpdesk ticket history (who reported
// what, public replies vs internal notes, status/priority/assignee/tag changes), plus the
// promises agents made to the customer and the customer questions nobody has answered publicly.
// Every text goes through the case's Redactor before it is returned. Pure apart from the
// Redactor it is given (which learns values); not thread-safe for the same Redactor.
#pragma once

#include <string>
#include <vector>

#include "plugin/copilot/redactor.h"
#include "plugin/core/ticket.h"
#include "plugin/core/time.h"

namespace ec::copilot {

enum class SummaryLineKind {
  Created,
  CustomerComment,
  AgentReply,
  InternalNote,
  FieldChange,
  Promise,
  UnansweredQuestion,
  Other
};

struct SummaryLine {
  Timestamp time{};
  SummaryLineKind kind = SummaryLineKind::Other;
  std::string text;  // "2025-03-03T08:12:40Z customer (end-user) reported: …", redacted
};

struct TicketSummary {
  std::string ticket_id;
  std::string headline;                           // "Ticket 48213 (open, priority high): …"
  std::vector<SummaryLine> lines;                 // time-ordered
  std::vector<SummaryLine> promises;              // public agent comments that promise something
  std::vector<SummaryLine> unanswered_questions;  // customer questions with no later public reply
  std::vector<SummaryLine> severity_changes;      // priority/severity field changes
  std::vector<SummaryLine> escalations;           // escalation tags added, escalation comments
};

// Registers the ticket's people (names, emails, helpdesk ids) with `redactor` first, so their
// values never appear in the summary.
TicketSummary summarize_ticket(const TicketHistory& ticket, Redactor& redactor);

// Headline, lines, then "Severity changes:", "Escalations:", "Promises made to the customer:"
// and "Unanswered customer questions:" blocks (each only when not empty).
std::string render_summary(const TicketSummary& summary);

}  // namespace ec::copilot
