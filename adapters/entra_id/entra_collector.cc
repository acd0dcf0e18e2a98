#include "adapters/entra_id/entra_collector.h"

#include <utility>

#include "adapters/common/json_fields.h"
#include "adapters/entra_id/graph_records.h"

namespace ec::adapters::entra_id {

bool EntraCollector::first_time(const nlohmann::json& record, std::set<std::string>& seen) const {
  const std::string id = common::get_string(record, {"id"});
  return id.empty() || seen.insert(id).second;
}

void EntraCollector::add_audit(const nlohmann::json& audit, std::string location,
                               std::string content_hash) {
  auto evidence = audit_to_evidence(audit, location, std::move(content_hash));
  if (!evidence) return report_.skip(std::move(location), evidence.error().message);
  report_.saw_time(evidence->time);
  if (!window_.contains(evidence->time) || !audit_names_subject(audit, subject_)) return;
  if (!first_time(audit, seen_audits_)) return;
  evidence->names_subject = true;
  report_.add(std::move(*evidence));
}

void EntraCollector::add_sign_in(const nlohmann::json& sign_in, std::string location,
                                 std::string content_hash) {
  auto evidence = sign_in_to_evidence(sign_in, location, std::move(content_hash));
  if (!evidence) return report_.skip(std::move(location), evidence.error().message);
  report_.saw_time(evidence->time);
  if (!window_.contains(evidence->time) || !sign_in_names_subject(sign_in, subject_)) return;
  if (!first_time(sign_in, seen_sign_ins_)) return;
  evidence->names_subject = true;
  report_.add(std::move(*evidence));
}

}  // namespace ec::adapters::entra_id
