// SystemLogCollector: the one place where Okta System Log events become evidence about a
// subject, for both the export files and the live API. Each event is mapped
// (log_event_to_evidence), filtered by the time window, and kept when it names the subject;
// events that do not are held back and, at finish(), kept only when SubjectLinks ties them to
// the subject's activity (attributes.linked_by). Malformed events are skipped with a diagnostic.
// Not thread-safe; one collector per collect() call. Writes into the ReportBuilder it is given.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "adapters/common/report_builder.h"
#include "adapters/okta/subject_links.h"
#include "plugin/core/evidence.h"

namespace ec::adapters::okta {

class SystemLogCollector {
 public:
  // `subject`, `window` and `report` must outlive the collector.
  SystemLogCollector(const Subject& subject, const TimeWindow& window,
                     common::ReportBuilder& report)
      : subject_(subject), window_(window), report_(report) {}

  // One LogEvent from `location` ("okta/system_log.jsonl:13" or "<page url>[4]"). Does not
  // count the record as read: the reader does that.
  void add(const nlohmann::json& event, std::string location, std::string content_hash);

  // Adds the held-back events linked to the subject's activity. Call once, after the last add().
  void finish();

  // What the subject's events taught so far (to ask a live source for linked events).
  const SubjectLinks& links() const { return links_; }

 private:
  struct Candidate {
    nlohmann::json event;
    Evidence evidence;
  };
  const Subject& subject_;
  const TimeWindow& window_;
  common::ReportBuilder& report_;
  SubjectLinks links_;
  std::vector<Candidate> others_;
};

}  // namespace ec::adapters::okta
