#include "adapters/okta/log_collector.h"

#include <utility>

#include "adapters/okta/system_log_event.h"

namespace ec::adapters::okta {

void SystemLogCollector::add(const nlohmann::json& event, std::string location,
                             std::string content_hash) {
  auto evidence = log_event_to_evidence(event, location, std::move(content_hash));
  if (!evidence) return report_.skip(std::move(location), evidence.error().message);
  report_.saw_time(evidence->time);
  if (!window_.contains(evidence->time)) return;
  if (event_names_subject(event, subject_)) {
    links_.learn(event);
    evidence->names_subject = true;
    report_.add(std::move(*evidence));
  } else {
    others_.push_back({event, std::move(*evidence)});
  }
}

void SystemLogCollector::finish() {
  for (Candidate& other : others_) {
    const std::string_view link = links_.link_of(other.event, other.evidence.kind);
    if (link.empty()) continue;
    other.evidence.attributes["linked_by"] = std::string(link);
    report_.add(std::move(other.evidence));
  }
  others_.clear();
}

}  // namespace ec::adapters::okta
