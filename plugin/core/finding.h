// Findings (what the evidence shows, with a status) and open questions (what is not known yet,
// with an owner). Plain values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "plugin/core/result.h"

namespace ec {

enum class FindingStatus { Confirmed, Hypothesis, Unverified, Refuted };
std::string_view finding_status_name(FindingStatus status);
Result<FindingStatus> parse_finding_status(std::string_view name);

enum class Owner { Support, Engineering, Security };
std::string_view owner_name(Owner owner);
Result<Owner> parse_owner(std::string_view name);

struct Finding {
  std::string id;                      // "F1"
  std::string statement;               // may contain raw values; redacted before drafting
  FindingStatus status = FindingStatus::Unverified;
  std::vector<std::string> evidence;   // evidence ids that back it
  Owner owner = Owner::Security;
};

enum class QuestionState { Open, Answered, Reopened };
std::string_view question_state_name(QuestionState state);
Result<QuestionState> parse_question_state(std::string_view name);

struct OpenQuestion {
  std::string id;                      // "Q1"
  std::string question;
  Owner owner = Owner::Security;
  QuestionState state = QuestionState::Open;
  bool blocking = false;               // blocks an "all clear" message
  std::string answer;
  std::vector<std::string> answer_evidence;
  // Content hashes (Evidence::content_hash) of the case's evidence when it was answered: a later
  // gathering compares against them to reopen an answer that new evidence contradicts.
  std::vector<std::string> answer_basis;
  std::string note;                    // why it was reopened, or who added it
};

}  // namespace ec
