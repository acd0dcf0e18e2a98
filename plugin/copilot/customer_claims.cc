// Customer claims from the ticket (declared in findings_builder.h).
#include <algorithm>
#include <array>
#include <utility>

#include "plugin/copilot/findings_builder.h"
#include "plugin/copilot/text_util.h"

namespace ec::copilot {
namespace {

constexpr std::array<std::string_view, 14> kClaimWords{
    "contractor", "former",    "accessed", "access", "quoted",     "figures", "saw",
    "seen",       "forwarded", "shared",   "still",  "downloaded", "opened",  "leak"};

bool is_customer(const TicketHistory& t, const std::string& author_id) {
  if (!author_id.empty() && author_id == t.requester_id) return true;
  return std::any_of(t.people.begin(), t.people.end(), [&](const TicketPerson& p) {
    return p.id == author_id && to_lower_ascii(p.role) == "end-user";
  });
}

}  // namespace

std::vector<CustomerClaim> customer_claims(const TicketHistory& ticket) {
  std::vector<CustomerClaim> claims;
  bool first = true;
  for (const TicketEntry& e : ticket.entries) {
    if (e.kind != TicketEntryKind::Comment || !e.is_public || !is_customer(ticket, e.author_id)) {
      continue;
    }
    // The opening comment is the request itself, not a claim about access.
    if (std::exchange(first, false)) continue;
    for (const Span& s : sentence_spans(e.body)) {
      const std::string_view sentence =
          trim(std::string_view(e.body).substr(s.begin, s.end - s.begin));
      if (sentence.find('?') != std::string_view::npos) continue;
      const bool about_access =
          std::any_of(kClaimWords.begin(), kClaimWords.end(),
                      [&](std::string_view w) { return icontains(sentence, w); });
      if (about_access) claims.push_back({e.time, std::string(sentence)});
    }
  }
  return claims;
}

}  // namespace ec::copilot
