#include "plugin/core/grounding.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "plugin/core/enum_names.h"

namespace ec {
namespace {

constexpr std::array<std::pair<GroundingRule, std::string_view>, 6> kRules{{
    {GroundingRule::UnknownClaim, "unknown_claim"},
    {GroundingRule::HypothesisAsFact, "hypothesis_as_fact"},
    {GroundingRule::HypothesisOutsideVerification, "hypothesis_outside_verification"},
    {GroundingRule::UnverifiedAsFact, "unverified_as_fact"},
    {GroundingRule::RefutedAsFact, "refuted_as_fact"},
    {GroundingRule::UngroundedAssertion, "ungrounded_assertion"},
}};

// Phrases that hedge a sentence: the claim is being checked, not concluded, only possible, or
// someone else's report. The grounding rule's data; docs/copilot.md lists them.
constexpr std::array<std::string_view, 27> kHedges{
    "still verifying", "still being verified", "still checking", "are verifying",
    "are checking",    "is checking",          "have not concluded", "not concluded",
    "have not confirmed", "has not been confirmed", "not been verified", "not verified",
    "not yet",         "unconfirmed",          "may",                "might",
    "could",           "possibly",             "possible",           "whether",
    "investigating",   "looking into",         "you reported",       "according to",
    "before drawing",  "we cannot rule out",   "cannot yet say"};

constexpr std::array<std::string_view, 12> kRuledOut{
    "ruled out",   "ruled it out", "contradict", "did not",    "does not", "was not",
    "were not",    "no evidence",  "not the case", "refuted", "disproved", "rules out"};

// Sentences that carry no claim about the case.
constexpr std::array<std::string_view, 6> kCourtesy{"thank you", "thanks",  "we apologize",
                                                    "we are sorry", "sorry", "please"};

// Commitments in the next-steps part: someone will do something.
constexpr std::array<std::string_view, 9> kCommitments{
    "will", "owns", "is leading", "remains", "plans to", "next update", "point of contact",
    "is responsible", "are responsible"};

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }
bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// Case-insensitive phrase match on word boundaries.
bool has_phrase(std::string_view text, std::string_view phrase) {
  if (phrase.empty() || text.size() < phrase.size()) return false;
  for (std::size_t i = 0; i + phrase.size() <= text.size(); ++i) {
    bool same = true;
    for (std::size_t k = 0; k < phrase.size() && same; ++k) same = lower(text[i + k]) == phrase[k];
    if (!same) continue;
    const bool left = i == 0 || !word_char(text[i - 1]);
    const std::size_t end = i + phrase.size();
    const bool right = end == text.size() || !word_char(text[end]);
    if (left && right) return true;
  }
  return false;
}

template <std::size_t N>
bool any_phrase(std::string_view text, const std::array<std::string_view, N>& phrases) {
  return std::any_of(phrases.begin(), phrases.end(),
                     [&](std::string_view p) { return has_phrase(text, p); });
}

GroundingIssue issue(const LedgerEntry& e, GroundingRule rule, std::string reason) {
  return GroundingIssue{e.statement_index, e.sentence, rule, std::move(reason)};
}

void check_claim(const LedgerEntry& e, const Finding& claim, std::vector<GroundingIssue>& out) {
  const std::string cites = "cites " + claim.id + " (" +
                            std::string(finding_status_name(claim.status)) + ")";
  const bool in_verification = e.section == Section::BeingVerified;
  switch (claim.status) {
    case FindingStatus::Confirmed:
      return;
    case FindingStatus::Hypothesis:
      if (!in_verification) {
        out.push_back(issue(e, GroundingRule::HypothesisOutsideVerification,
                            cites + " outside \"" +
                                std::string(section_title(Section::BeingVerified)) +
                                "\"; a hypothesis belongs only there"));
      } else if (!is_hedged(e.sentence)) {
        out.push_back(issue(e, GroundingRule::HypothesisAsFact,
                            cites + " as fact; hedge it (\"we are still verifying ...\")"));
      }
      return;
    case FindingStatus::Unverified:
      if (!in_verification || !is_hedged(e.sentence)) {
        out.push_back(issue(e, GroundingRule::UnverifiedAsFact,
                            cites + " as fact; an unverified claim may only be mentioned, "
                                    "hedged, under \"" +
                                std::string(section_title(Section::BeingVerified)) + "\""));
      }
      return;
    case FindingStatus::Refuted:
      if (!marks_ruled_out(e.sentence)) {
        out.push_back(issue(e, GroundingRule::RefutedAsFact,
                            cites + " without saying it was ruled out; the evidence contradicts "
                                    "it"));
      }
      return;
  }
}

}  // namespace

std::string_view grounding_rule_name(GroundingRule rule) {
  return enum_names::name_of(kRules, rule);
}

const Finding* ClaimLedger::find(std::string_view claim_id) const {
  for (const Finding& f : claims) {
    if (f.id == claim_id) return &f;
  }
  return nullptr;
}

bool is_hedged(std::string_view sentence) { return any_phrase(sentence, kHedges); }
bool marks_ruled_out(std::string_view sentence) { return any_phrase(sentence, kRuledOut); }

bool asserts_fact(std::string_view sentence, Section section) {
  if (sentence.find('?') != std::string_view::npos) return false;
  if (any_phrase(sentence, kCourtesy)) return false;
  if (section == Section::NextSteps || section == Section::Actions) {
    return !any_phrase(sentence, kCommitments);
  }
  return !is_hedged(sentence);
}

std::vector<GroundingIssue> check_grounding(const ClaimLedger& ledger) {
  std::vector<GroundingIssue> issues;
  for (const LedgerEntry& e : ledger.entries) {
    if (e.claim_ids.empty()) {
      if (asserts_fact(e.sentence, e.section)) {
        issues.push_back(issue(
            e, GroundingRule::UngroundedAssertion,
            std::string(e.author == Authorship::Agent ? "the agent's" : "a human-written") +
                " sentence cites no claim and asserts something; cite a confirmed finding, "
                "hedge it, or remove it"));
      }
      continue;
    }
    for (const std::string& id : e.claim_ids) {
      const Finding* claim = ledger.find(id);
      if (claim == nullptr) {
        issues.push_back(issue(e, GroundingRule::UnknownClaim,
                               "cites " + id + ", which is not a finding of this case"));
        continue;
      }
      check_claim(e, *claim, issues);
    }
  }
  return issues;
}

std::string describe_issue(const GroundingIssue& issue) {
  return "statement " + std::to_string(issue.statement_index + 1) + " \"" + issue.sentence +
         "\": " + issue.reason + " [" + std::string(grounding_rule_name(issue.rule)) + "]";
}

}  // namespace ec
