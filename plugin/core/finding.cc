#include "plugin/core/finding.h"

#include "plugin/core/enum_names.h"

namespace ec {
namespace {

constexpr enum_names::Table<FindingStatus, 4> kStatus{{
    {FindingStatus::Confirmed, "confirmed"},
    {FindingStatus::Hypothesis, "hypothesis"},
    {FindingStatus::Unverified, "unverified"},
    {FindingStatus::Refuted, "refuted"},
}};
constexpr enum_names::Table<Owner, 3> kOwner{{
    {Owner::Support, "support"},
    {Owner::Engineering, "engineering"},
    {Owner::Security, "security"},
}};
constexpr enum_names::Table<QuestionState, 3> kQuestionState{{
    {QuestionState::Open, "open"},
    {QuestionState::Answered, "answered"},
    {QuestionState::Reopened, "reopened"},
}};

}  // namespace

std::string_view finding_status_name(FindingStatus status) {
  return enum_names::name_of(kStatus, status);
}
Result<FindingStatus> parse_finding_status(std::string_view name) {
  return enum_names::parse(kStatus, name, "finding status");
}
std::string_view owner_name(Owner owner) { return enum_names::name_of(kOwner, owner); }
Result<Owner> parse_owner(std::string_view name) {
  return enum_names::parse(kOwner, name, "owner");
}
std::string_view question_state_name(QuestionState state) {
  return enum_names::name_of(kQuestionState, state);
}
Result<QuestionState> parse_question_state(std::string_view name) {
  return enum_names::parse(kQuestionState, name, "question state");
}

}  // namespace ec
