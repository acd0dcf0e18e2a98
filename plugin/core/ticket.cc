#include "plugin/core/ticket.h"

namespace ec {

const TicketPerson* TicketHistory::person(std::string_view person_id) const {
  for (const TicketPerson& p : people) {
    if (p.id == person_id) return &p;
  }
  return nullptr;
}

std::vector<TicketPerson> subject_candidates(const TicketHistory& ticket) {
  std::vector<TicketPerson> out;
  for (const TicketPerson& p : ticket.people) {
    if ((p.role == "agent" || p.role == "admin") && p.id != ticket.assignee_id) out.push_back(p);
  }
  return out;
}

}  // namespace ec
