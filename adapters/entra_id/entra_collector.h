// EntraCollector: the one place where Graph directory audits and sign-ins become evidence about a
// subject, for both the export files and the live API. Each record is mapped (graph_records.h),
// counted in coverage, filtered by the time window, de-duplicated by Graph id (the v1.0 and beta
// sign-in lists overlap) and kept when it names the subject. Malformed records are skipped with
// a diagnostic naming where they came from. Not thread-safe; one collector per collect() call.
#pragma once

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "adapters/common/report_builder.h"
#include "plugin/core/evidence.h"

namespace ec::adapters::entra_id {

class EntraCollector {
 public:
  // `subject`, `window` and `report` must outlive the collector.
  EntraCollector(const Subject& subject, const TimeWindow& window, common::ReportBuilder& report)
      : subject_(subject), window_(window), report_(report) {}

  // One directoryAudit / signIn from `location` ("entra/sign_ins.jsonl:4" or "<page url>[2]").
  // Does not count the record as read: the reader does that.
  void add_audit(const nlohmann::json& audit, std::string location, std::string content_hash);
  void add_sign_in(const nlohmann::json& sign_in, std::string location, std::string content_hash);

 private:
  bool first_time(const nlohmann::json& record, std::set<std::string>& seen) const;

  const Subject& subject_;
  const TimeWindow& window_;
  common::ReportBuilder& report_;
  std::set<std::string> seen_audits_;
  std::set<std::string> seen_sign_ins_;
};

}  // namespace ec::adapters::entra_id
