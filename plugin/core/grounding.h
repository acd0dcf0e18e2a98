// The claim ledger and the grounding rule: every sentence of a customer-facing draft is tied to
// the claims (findings) it states, each with a status and evidence. The rule: a confirmed claim
// may be stated as fact; a hypothesis only hedged and only in the "still being verified" part;
// an unverified claim only hedged in that part; a refuted claim only as ruled out; a sentence
// that cites no claim may not assert anything. The copilot builds the ledger
// (plugin/copilot/claim_ledger.h); this rule is applied here, once, by every approval path.
// Pure functions over plain values; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "plugin/core/draft.h"
#include "plugin/core/finding.h"

namespace ec {

// One sentence of a draft and the claims it states.
struct LedgerEntry {
  std::size_t statement_index = 0;       // position in DraftVersion::statements
  Section section = Section::Body;
  Authorship author = Authorship::Agent;
  std::string sentence;                  // with placeholders
  std::vector<std::string> claim_ids;    // finding ids ("F1")
  std::vector<std::string> evidence;     // evidence ids behind those claims
};

struct ClaimLedger {
  std::vector<Finding> claims;           // the case's findings: id, status, evidence
  std::vector<LedgerEntry> entries;      // one per sentence, in draft order

  const Finding* find(std::string_view claim_id) const;
};

// Why a sentence breaks the rule.
enum class GroundingRule {
  UnknownClaim,         // cites a claim id the ledger does not have
  HypothesisAsFact,     // a hypothesis stated without a hedge
  HypothesisOutsideVerification,  // a hypothesis outside "what we are still verifying"
  UnverifiedAsFact,     // an unverified claim stated as fact or outside that part
  RefutedAsFact,        // a refuted claim not marked as ruled out
  UngroundedAssertion,  // cites no claim and asserts something
};
std::string_view grounding_rule_name(GroundingRule rule);

struct GroundingIssue {
  std::size_t statement_index = 0;
  std::string sentence;
  GroundingRule rule = GroundingRule::UngroundedAssertion;
  std::string reason;                    // "cites F3 (hypothesis) without a hedge ..."
};

// True when the sentence is hedged: it says something is being checked, not concluded, possible
// or reported by someone else ("we are still verifying", "may", "has not been confirmed",
// "you reported"). Case-insensitive, on word boundaries.
bool is_hedged(std::string_view sentence);
// True when the sentence marks a claim as ruled out ("ruled out", "contradict", "did not").
bool marks_ruled_out(std::string_view sentence);
// True when a sentence with no claim still asserts something about the case: not hedged, not a
// question, and not a commitment about next steps (the "next steps" part holds commitments).
bool asserts_fact(std::string_view sentence, Section section);

// Applies the rule to every ledger entry; empty when the draft is grounded.
std::vector<GroundingIssue> check_grounding(const ClaimLedger& ledger);

// "D1 v2 sentence 3 \"...\": <reason>", for refusals and cards.
std::string describe_issue(const GroundingIssue& issue);

}  // namespace ec
