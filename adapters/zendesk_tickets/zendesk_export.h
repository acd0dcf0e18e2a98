// Turns a Zendesk ticket export {"ticket": {...}, "comments": [...], "audits": [...],
// "users": [...]} (each in the Zendesk API's own shape) into the core TicketHistory: ticket
// fields, people from the users sideload, and entries from the audits (Create, Comment with
// attachments, Change with field/from/to, Notification), ascending by time. Without audits the
// comments are used. Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "plugin/core/ticket.h"

namespace ec::adapters::zendesk_tickets {

// InvalidArgument when "ticket" is not an object with an "id", or "audits"/"comments"/"users"
// is present but not an array. A malformed audit or event is skipped, not fatal.
[[nodiscard]] Result<TicketHistory> ticket_history_from_export(const nlohmann::json& export_json);

// The entries one audit contributes, in event order.
std::vector<TicketEntry> entries_from_audit(const nlohmann::json& audit);

}  // namespace ec::adapters::zendesk_tickets
