// The holding statement: a pre-written customer reply the lead may approve and send while a
// case is security_escalated and unacknowledged. It says the report is being reviewed and when
// the customer will hear back, and makes no claim about exposure: it cites no evidence or
// finding, and the tone linter (with access unresolved) and the grounding check must find
// nothing blocking in it (the same blocking_issues() every approval applies). The text comes
// from the config ("holding_statement") or the bundled default; "{ticket}" is replaced by the
// ticket id. It is read like an edited draft: one statement per line, "## <section title>"
// lines switch sections (commitments belong under "## Who owns each next step"). Pure;
// thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "plugin/core/case.h"
#include "plugin/core/draft.h"

namespace ec::copilot {

inline constexpr std::string_view kTicketPlaceholder = "{ticket}";

inline constexpr std::string_view kDefaultHoldingStatement =
    "Thank you for reporting this concern on ticket {ticket}.\n"
    "Our security team is investigating your report and has not concluded anything yet.\n"
    "We cannot yet say whether any information was affected, and we will not speculate.\n"
    "## Who owns each next step\n"
    "- Support will post the next update on this ticket within 24 hours.\n";

// Why `text` cannot serve as a holding statement, one line per problem (empty: it can): no
// statement, a cited claim ("[F1]"), and every blocking issue of the grounding check and the
// linter, checked as for an escalated case (access unresolved, no claim on record).
std::vector<std::string> holding_statement_problems(std::string_view text);

// Version 1 of a holding statement for `c` from `text` ("{ticket}" replaced), written by people
// (Authorship::Human, created by `requested_by`). Sealed; the store assigns the draft id.
DraftVersion draft_holding_statement(const Case& c, std::string_view text,
                                     const std::string& requested_by, Timestamp now);

}  // namespace ec::copilot
