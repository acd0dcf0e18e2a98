// SecurityAnnouncement: what the configured security channel is told when a case is forced into
// security_escalated: the case and ticket, the rules that fired (id, description, severity,
// reason, evidence), the union of their evidence ids and the rule-file version that decided.
// Built by the case service from minimized data (reasons carry placeholders) and enqueued in
// the same transaction as the escalation; a platform renders it (Slack: Block Kit with the
// Acknowledge button). Plain values; pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugin/core/case.h"
#include "plugin/core/policy.h"
#include "plugin/core/time.h"

namespace ec {

struct SecurityAnnouncement {
  std::string case_id;
  std::string ticket_ref;
  Severity severity = Severity::High;
  std::string rule_set_version;
  std::vector<RuleMatch> rules;            // in the order the policy matched them
  std::vector<std::string> evidence_ids;   // union of the rules' evidence, first-seen order
  Timestamp at{};                          // when the escalation was decided
};

// From the decision that escalated `c` (rules as they are; the caller minimizes first).
SecurityAnnouncement make_security_announcement(const Case& c, const SecurityDecision& decision,
                                                Timestamp at);

// The outbox idempotency key of the announcement to `recipient` on `channel`: one message per
// escalation decision, whatever retries, double gathers or restarts happen.
std::string security_announcement_key(std::string_view channel, std::string_view recipient,
                                      const SecurityAnnouncement& announcement);

nlohmann::json security_announcement_to_json(const SecurityAnnouncement& announcement);

}  // namespace ec
