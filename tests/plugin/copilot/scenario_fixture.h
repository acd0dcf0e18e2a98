// Hand-built data for the bundled "contractor after deprovisioning" scenario (reference §7):
// evidence, correlations and security decisions for the escalated, benign (§7.8) and
// cannot-rule-out (§7.9) variants, the ticket history (§7.6) and the raw sensitive values that
// must never appear in copilot output. Built in code, not parsed from the fixture files, so the
// copilot's tests do not depend on the adapters. Plain values; not thread-safe.
#pragma once

#include <string>
#include <vector>

#include "plugin/core/case.h"
#include "plugin/core/correlation.h"
#include "plugin/core/evidence.h"
#include "plugin/core/policy.h"
#include "plugin/core/ticket.h"

namespace ec::copilot::testing {

struct Scenario {
  std::vector<Evidence> evidence;
  Correlation correlation;
  SecurityDecision decision;
};

Scenario escalated_scenario();        // downloads through 7-day presigned URLs after deprovision
Scenario benign_scenario();           // attempt blocked, tokens revoked at deactivation
Scenario cannot_rule_out_scenario();  // benign plus an unattributed CDN preview fetch

TicketHistory scenario_ticket();
Case scenario_case();
Timestamp at(const char* rfc3339);

// Emails, IPs, file names, ids, keys and names from the scenario.
std::vector<std::string> raw_sensitive_values();

}  // namespace ec::copilot::testing
