// Measures from the trace of one case: time from intake to the first human-approved customer
// update; for each approved version, how much the lead changed the agent's draft (word-level
// edit distance) and whether a change touched certainty (a hedge added or removed, a certainty
// word changed) or ownership (a next step changed); handoff completeness (facts with evidence,
// questions with owners, requested actions present); whether every claim that went out was
// approved before it was sent. Pure functions over loaded values; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugin/core/approval.h"
#include "plugin/core/case.h"
#include "plugin/core/draft.h"
#include "plugin/core/outbox.h"

namespace ec {

struct ApprovedEdit {
  std::string draft_id;
  int version = 0;
  int agent_version = 0;           // the agent's version it was edited from (0: none)
  std::size_t edit_distance = 0;   // words inserted, deleted or replaced
  std::size_t agent_words = 0;
  bool touched_certainty = false;
  bool touched_ownership = false;
};

struct HandoffCompleteness {
  std::string draft_id;
  int version = 0;
  std::size_t facts = 0;
  std::size_t facts_with_evidence = 0;
  std::size_t questions = 0;
  std::size_t questions_with_owner = 0;
  bool actions_present = false;
  double score = 0;                // share of the three checks met (facts, owners, actions)
};

struct SentClaims {
  std::int64_t outbox_id = 0;
  std::string draft_id;
  int version = 0;
  std::vector<std::string> claims;
  bool approved_before_send = false;
};

struct CaseMeasures {
  std::optional<std::int64_t> seconds_to_first_approved_update;
  std::vector<ApprovedEdit> approved_edits;
  std::optional<HandoffCompleteness> handoff;   // of the newest handoff version
  std::vector<SentClaims> sent;
  bool all_sent_claims_approved_first = true;   // vacuously true when nothing was sent
};

// Word-level Levenshtein distance.
std::size_t word_edit_distance(const std::string& a, const std::string& b);

CaseMeasures compute_measures(const Case& c, const std::vector<DraftVersion>& versions,
                              const std::vector<Approval>& approvals,
                              const std::vector<OutboxMessage>& outbox);

nlohmann::json measures_to_json(const CaseMeasures& measures);

}  // namespace ec
