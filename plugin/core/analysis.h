// The analysis of one case: subject, evidence, post-deprovisioning access, findings, questions,
// the security decision and the drafts. Its JSON form is the `analyze` contract of DESIGN.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugin/core/correlation.h"
#include "plugin/core/draft.h"
#include "plugin/core/evidence.h"
#include "plugin/core/finding.h"
#include "plugin/core/policy.h"

namespace ec {

struct Analysis {
  Subject subject;
  std::vector<Evidence> evidence;     // what correlation could use (see EvidenceRetention)
  std::vector<SourceReport> sources;   // coverage, diagnostics, completeness
  // Routine records (storage reads correlation is sure to ignore) that were read and counted
  // but not listed in `evidence`: 0 when every record is listed.
  std::int64_t routine_records_not_listed = 0;
  Correlation correlation;
  std::vector<Finding> findings;
  std::vector<OpenQuestion> questions;
  SecurityDecision decision;
  std::optional<DraftVersion> customer_update;
  std::optional<DraftVersion> handoff;
};

// The analysis JSON of DESIGN.md (keys: subject, evidence, post_deprovision_access, findings,
// open_questions, decision, drafts) plus sources, attempts, cannot_rule_out and gaps, and
// routine_records_not_listed when some were only counted.
nlohmann::json analysis_to_json(const Analysis& analysis);

}  // namespace ec
