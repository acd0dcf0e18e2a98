// The helpdesk ticket history in platform-neutral form: what the summarizer reads.
// Plain values. Raw text (bodies, file names, emails) is redacted by the copilot, not here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "plugin/core/time.h"

namespace ec {

struct TicketAttachment {
  std::string id;
  std::string file_name;
  std::string content_type;
  std::int64_t size = 0;
};

struct TicketPerson {
  std::string id;
  std::string name;
  std::string email;
  std::string role;  // "end-user", "agent", "admin" (helpdesk roles)
};

enum class TicketEntryKind { Created, Comment, FieldChange, Notification };

struct TicketEntry {
  TicketEntryKind kind = TicketEntryKind::Comment;
  Timestamp time{};
  std::string author_id;
  std::string channel;      // "email", "web", "api"
  std::string ip;           // when the helpdesk recorded one
  bool is_public = true;    // comments only
  std::string body;         // comments only
  std::string field;        // field changes: "status", "priority", "assignee_id", "tags", ...
  std::string from_value;
  std::string to_value;
  std::vector<TicketAttachment> attachments;
};

struct TicketHistory {
  std::string id;           // "48213"
  std::string subject;
  std::string status;
  std::string priority;
  std::string requester_id;
  std::string assignee_id;
  std::string organization_id;
  std::vector<std::string> tags;
  Timestamp created_at{};
  std::vector<TicketPerson> people;   // users the export names, when sideloaded
  std::vector<TicketEntry> entries;   // ascending by time

  [[nodiscard]] const TicketPerson* person(std::string_view id) const;
};

// Who on the ticket could be the person under investigation when the lead does not name one:
// the staff (helpdesk role "agent" or "admin") the ticket names other than its assignee, in
// export order. The caller keeps those the identity provider reports deprovisioned.
std::vector<TicketPerson> subject_candidates(const TicketHistory& ticket);

}  // namespace ec
