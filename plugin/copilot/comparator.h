// The compare turn: identity evidence against access and audit evidence, stated as agreements
// and contradictions with evidence ids ("the identity provider shows the account deprovisioned at
// T; the storage audit shows 3 downloads attributed to it after T, 2 of them through a presigned
// URL issued before T"), events inside the clock-skew tolerance, accesses that cannot be
// attributed, and explicit data gaps ("no storage logs between T1 and T2"). Every text goes
// through the case's Redactor. Pure apart from the Redactor (which learns values); not
// thread-safe for one Redactor.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugin/copilot/redactor.h"
#include "plugin/core/correlation.h"
#include "plugin/core/evidence.h"

namespace ec::copilot {

struct ComparisonItem {
  std::string statement;              // redacted
  std::vector<std::string> evidence;  // evidence ids
};

struct Comparison {
  std::string identity;                          // what the identity provider shows
  std::vector<ComparisonItem> agreements;        // access/audit evidence consistent with it
  std::vector<ComparisonItem> contradictions;    // access/audit evidence that contradicts it
  std::vector<ComparisonItem> within_tolerance;  // too close to the boundary to call either way
  std::vector<ComparisonItem> unattributed;      // after deprovisioning, not attributable
  std::chrono::seconds skew_tolerance{0};
  std::vector<std::string> data_gaps;            // redacted
};

// `evidence` must carry the ids the correlation cites.
Comparison compare_evidence(const Correlation& correlation, const std::vector<Evidence>& evidence,
                            std::chrono::seconds skew_tolerance, Redactor& redactor);

nlohmann::json comparison_to_json(const Comparison& comparison);
std::string render_comparison(const Comparison& comparison);

}  // namespace ec::copilot
