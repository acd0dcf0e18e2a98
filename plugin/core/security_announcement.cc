#include "plugin/core/security_announcement.h"

#include <algorithm>

namespace ec {

SecurityAnnouncement make_security_announcement(const Case& c, const SecurityDecision& decision,
                                                Timestamp at) {
  SecurityAnnouncement a;
  a.case_id = c.id;
  a.ticket_ref = c.ticket_ref;
  a.severity = decision.severity();
  a.rule_set_version = decision.rule_set_version;
  a.rules = decision.matches;
  for (const RuleMatch& match : decision.matches) {
    for (const std::string& id : match.evidence) {
      if (std::find(a.evidence_ids.begin(), a.evidence_ids.end(), id) == a.evidence_ids.end()) {
        a.evidence_ids.push_back(id);
      }
    }
  }
  a.at = at;
  return a;
}

std::string security_announcement_key(std::string_view channel, std::string_view recipient,
                                      const SecurityAnnouncement& announcement) {
  return "security-announcement-" + std::string(channel) + "-" + std::string(recipient) + "-" +
         announcement.case_id + "-" + std::to_string(announcement.at.time_since_epoch().count());
}

nlohmann::json security_announcement_to_json(const SecurityAnnouncement& a) {
  nlohmann::json rules = nlohmann::json::array();
  for (const RuleMatch& r : a.rules) {
    rules.push_back({{"id", r.rule_id},
                     {"description", r.description},
                     {"severity", severity_name(r.severity)},
                     {"reason", r.reason},
                     {"evidence", r.evidence}});
  }
  return {{"case_id", a.case_id},
          {"ticket", a.ticket_ref},
          {"severity", severity_name(a.severity)},
          {"rule_set_version", a.rule_set_version},
          {"rules", rules},
          {"evidence", a.evidence_ids},
          {"at", format_rfc3339(a.at)}};
}

}  // namespace ec
