// Helpers shared by the CaseService implementation files (case_service.cc,
// case_service_turns.cc): draft numbering and storage, draft summaries for turn records, and the
// actor's role. Not part of the service's API; functions run inside the caller's transaction.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugin/copilot/question_register.h"
#include "plugin/copilot/redactor.h"
#include "plugin/core/analysis.h"
#include "plugin/core/store.h"

namespace ec::app::detail {

nlohmann::json draft_summary(const DraftVersion& v);

// Numbers a new draft after the case's existing drafts: D1, D2, ...
std::string next_draft_id(const std::vector<DraftVersion>& existing);

const DraftVersion* latest_of(const std::vector<DraftVersion>& versions,
                              const std::string& draft_id);

// Stores `draft` as the next version of the case's newest draft of the same kind, or as a new
// draft; returns the stored version. Skips storing when the content did not change.
Result<DraftVersion> store_draft(Transaction& tx, const std::string& case_id, DraftVersion draft);

ActorRole role_of(const Case& c, const std::string& actor);

// What a decision about one draft version (approve, request changes) reads: the case, the
// version, the draft's newest version number and the case's approvals. NotFound naming the case,
// draft and version when there is no such version.
struct DraftUnderReview {
  Case c;
  DraftVersion target;
  int latest_version = 0;
  std::vector<Approval> approvals;
};
Result<DraftUnderReview> load_draft_under_review(Transaction& tx, const std::string& case_id,
                                                 const std::string& draft_id, int version);

// The case and a redactor holding its vault, read in one transaction of its own.
struct CaseWithRedactor {
  Case c;
  copilot::Redactor redactor;
};
Result<CaseWithRedactor> load_case_with_redactor(Store& store, const std::string& case_id);

// The open-questions register as it stands after `analysis`: the stored register (answers,
// reassignments, the lead's own questions) merged with the analysis's questions, answers that
// new evidence contradicts reopened. Reads only; the caller stores what it keeps.
Result<copilot::MergedQuestions> merged_questions(Transaction& tx, const std::string& case_id,
                                                  const Analysis& analysis);

}  // namespace ec::app::detail
