// Zendesk ticket audits -> evidence: who authored an audit (matching the subject by helpdesk user
// id or by the email of the sideloaded user), and one ticket.comment / ticket.change record per
// Comment, Change or Create event, with channel, IP and client from the audit metadata.
// Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/common/report_builder.h"
#include "plugin/core/evidence.h"

namespace ec::adapters::zendesk_tickets {

inline constexpr char kSourceKind[] = "zendesk";

// True when the audit's author id, or the email of that user in `users` (the export's users
// sideload), is the subject (Subject::matches, so helpdesk ids in subject.aliases count).
bool audit_by_subject(const nlohmann::json& audit, const nlohmann::json& users,
                      const Subject& subject);

// One record per Comment/Change/Create event of the audit. `origin` names the audit, e.g.
// "ticket.json#audits[2]"; each record appends ".events[i]". names_subject is left false.
std::vector<Evidence> audit_to_evidence(const nlohmann::json& audit, std::string_view ticket_id,
                                        std::string_view origin);

// The subject's evidence from an export-shaped ticket {"audits": [...], "users": [...]}, for the
// export file and the live API alike: every audit is counted; a malformed one is skipped with
// a diagnostic at "<display>#audits[i]"; records of audits the subject authored within `window`
// are added with names_subject = true.
void add_subject_audits(const nlohmann::json& export_json, std::string_view ticket_id,
                        std::string_view display, const Subject& subject,
                        const TimeWindow& window, common::ReportBuilder& report);

}  // namespace ec::adapters::zendesk_tickets
