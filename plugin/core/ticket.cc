#include "plugin/core/ticket.h"

namespace ec {

const TicketPerson* TicketHistory::person(std::string_view person_id) const {
  for (const TicketPerson& p : people) {
    if (p.id == person_id) return &p;
  }
  return nullptr;
}

}  // namespace ec
