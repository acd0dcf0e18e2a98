// Findings and open questions from a correlated case: confirmed findings only from reproduced
// evidence (cited by id), hypotheses for inferences (a presigned URL is a bearer link, so who
// used it is inferred), unverified findings for customer claims, refuted ones where evidence
// contradicts a hypothesis, and open questions with owners (security, engineering, support).
// Ids F1.., Q1.. are deterministic for equal inputs. Pure functions; thread-safe. Statements
// may contain raw values (ids, file names); the drafter redacts them.
#pragma once

#include <string>
#include <vector>

#include "plugin/core/correlation.h"
#include "plugin/core/evidence.h"
#include "plugin/core/finding.h"
#include "plugin/core/policy.h"
#include "plugin/core/ticket.h"
#include "plugin/core/time.h"

namespace ec::copilot {

// A statement the customer made in the ticket (claimed, not verified).
struct CustomerClaim {
  Timestamp time{};
  std::string text;  // one sentence, raw
};

struct FindingsResult {
  std::vector<Finding> findings;
  std::vector<OpenQuestion> questions;
};

// `evidence` must carry the ids the correlation cites. `claims` come from customer_claims().
FindingsResult build_findings(const Correlation& correlation, const SecurityDecision& decision,
                              const std::vector<Evidence>& evidence,
                              const std::vector<CustomerClaim>& claims = {});

// Declarative sentences of the customer's public comments that assert something about access,
// the subject or the files (e.g. "Your former contractor quoted figures from our invoice
// backup"). Questions are left to the ticket summary.
std::vector<CustomerClaim> customer_claims(const TicketHistory& ticket);

}  // namespace ec::copilot
