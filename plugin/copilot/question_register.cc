#include "plugin/copilot/question_register.h"

#include <algorithm>
#include <set>

namespace ec::copilot {
namespace {

std::set<std::string> activity_after(const Correlation& c) {
  std::set<std::string> ids(c.credential_use_after.begin(), c.credential_use_after.end());
  for (const auto* list : {&c.post_deprovision_access, &c.cannot_rule_out}) {
    for (const AttributedAccess& a : *list) ids.insert(a.evidence_id);
  }
  return ids;
}

// Why the answer no longer holds, or "" when it does.
std::string contradiction(const OpenQuestion& q, const std::set<std::string>& hashes,
                          const std::vector<Evidence>& evidence, const std::set<std::string>& after) {
  if (q.state != QuestionState::Answered || q.answer_basis.empty()) return "";
  const std::size_t gone = static_cast<std::size_t>(std::count_if(
      q.answer_basis.begin(), q.answer_basis.end(),
      [&](const std::string& h) { return hashes.count(h) == 0; }));
  if (gone > 0) {
    return std::to_string(gone) + " evidence record(s) the answer was based on changed or "
                                  "disappeared";
  }
  const std::set<std::string> basis(q.answer_basis.begin(), q.answer_basis.end());
  std::vector<std::string> fresh;
  for (const Evidence& e : evidence) {
    if (basis.count(e.content_hash) == 0 && after.count(e.id) > 0) fresh.push_back(e.id);
  }
  if (fresh.empty()) return "";
  std::string ids;
  for (const std::string& id : fresh) ids += (ids.empty() ? "" : ", ") + id;
  return "new evidence " + ids + " shows activity after deprovisioning that was not known when "
         "it was answered";
}

}  // namespace

MergedQuestions merge_questions(const std::vector<OpenQuestion>& stored,
                                const std::vector<OpenQuestion>& gathered,
                                const Correlation& correlation,
                                const std::vector<Evidence>& evidence) {
  MergedQuestions out;
  out.questions = stored;
  for (const OpenQuestion& g : gathered) {
    auto it = std::find_if(out.questions.begin(), out.questions.end(),
                           [&](const OpenQuestion& q) { return q.id == g.id; });
    if (it == out.questions.end()) {
      out.questions.push_back(g);
    } else {
      it->question = g.question;  // state, answer and owner are the register's
      it->blocking = it->blocking || g.blocking;
    }
  }
  std::set<std::string> hashes;
  for (const Evidence& e : evidence) hashes.insert(e.content_hash);
  const std::set<std::string> after = activity_after(correlation);
  for (OpenQuestion& q : out.questions) {
    const std::string why = contradiction(q, hashes, evidence, after);
    if (why.empty()) continue;
    q.state = QuestionState::Reopened;
    q.note = "reopened: " + why;
    out.reopened.push_back(q.id);
  }
  return out;
}

Result<OpenQuestion> new_question(const std::vector<OpenQuestion>& existing,
                                  const std::string& text, Owner owner, bool blocking,
                                  const std::string& added_by) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return make_error(ErrorCode::InvalidArgument, "question: the text is empty");
  }
  int highest = 0;
  for (const OpenQuestion& q : existing) {
    if (q.id.rfind("QL", 0) == 0) highest = std::max(highest, std::atoi(q.id.c_str() + 2));
  }
  OpenQuestion q;
  q.id = "QL" + std::to_string(highest + 1);
  q.question = text;
  q.owner = owner;
  q.blocking = blocking;
  q.state = QuestionState::Open;
  q.note = "added by " + added_by;
  return q;
}

Status answer_question(OpenQuestion& question, const std::string& answer,
                       const std::vector<std::string>& evidence_ids,
                       const std::vector<Evidence>& evidence) {
  if (answer.find_first_not_of(" \t\r\n") == std::string::npos) {
    return make_error(ErrorCode::InvalidArgument, "answer: the text is empty");
  }
  if (evidence_ids.empty()) {
    return make_error(ErrorCode::InvalidArgument,
                      "evidence: an answer must cite the evidence that answers " + question.id);
  }
  for (const std::string& id : evidence_ids) {
    const bool known = std::any_of(evidence.begin(), evidence.end(),
                                   [&](const Evidence& e) { return e.id == id; });
    if (!known) {
      return make_error(ErrorCode::InvalidArgument,
                        "evidence: " + id + " is not evidence of this case");
    }
  }
  question.answer = answer;
  question.answer_evidence = evidence_ids;
  question.answer_basis.clear();
  for (const Evidence& e : evidence) question.answer_basis.push_back(e.content_hash);
  question.state = QuestionState::Answered;
  question.note.clear();
  return ok_status();
}

Result<OpenQuestion*> find_question(std::vector<OpenQuestion>& questions, const std::string& id) {
  for (OpenQuestion& q : questions) {
    if (q.id == id) return &q;
  }
  return make_error(ErrorCode::NotFound, "no open question " + id + " in this case");
}

nlohmann::json question_to_json(const OpenQuestion& q) {
  return {{"id", q.id},
          {"question", q.question},
          {"owner", owner_name(q.owner)},
          {"state", question_state_name(q.state)},
          {"blocking", q.blocking},
          {"answer", q.answer},
          {"answer_evidence", q.answer_evidence},
          {"note", q.note}};
}

std::string render_question(const OpenQuestion& q) {
  std::string out = q.id + " [" + std::string(question_state_name(q.state)) + ", owner " +
                    std::string(owner_name(q.owner)) + (q.blocking ? ", blocks an all-clear" : "") +
                    "] " + q.question + "\n";
  if (!q.answer.empty()) {
    std::string ids;
    for (const auto& e : q.answer_evidence) ids += (ids.empty() ? "" : ", ") + e;
    out += "  answer: " + q.answer + " [" + ids + "]\n";
  }
  if (!q.note.empty()) out += "  note: " + q.note + "\n";
  return out;
}

}  // namespace ec::copilot
