// The open-questions register of a case: merging a gathering's questions into the stored ones
// (an answer, an owner reassignment and a lead's own questions survive the next gathering),
// reopening an answer that new evidence contradicts, and the lead's edits (add, answer with
// evidence, reassign). Questions that block an "all clear" carry `blocking`. Pure functions;
// thread-safe. Texts must already be minimized (placeholders).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugin/core/correlation.h"
#include "plugin/core/evidence.h"
#include "plugin/core/finding.h"
#include "plugin/core/result.h"

namespace ec::copilot {

struct MergedQuestions {
  std::vector<OpenQuestion> questions;  // stored order first, then new ones
  std::vector<std::string> reopened;    // ids reopened by this merge
};

// An answered question is reopened (state Reopened, `note` says why) when evidence its answer
// was based on is gone or changed, or when evidence that was not known when it was answered shows
// activity after deprovisioning (an attributed access, a credential used after it, or an access
// that cannot be attributed).
MergedQuestions merge_questions(const std::vector<OpenQuestion>& stored,
                                const std::vector<OpenQuestion>& gathered,
                                const Correlation& correlation,
                                const std::vector<Evidence>& evidence);

// A lead's question: id "QL<n>" after the existing ones. InvalidArgument when text is empty.
[[nodiscard]] Result<OpenQuestion> new_question(const std::vector<OpenQuestion>& existing,
                                                const std::string& text, Owner owner,
                                                bool blocking, const std::string& added_by);

// Records the answer with the evidence that answers it. InvalidArgument when the answer is empty,
// no evidence id is given, or an id is not evidence of the case (naming it).
[[nodiscard]] Status answer_question(OpenQuestion& question, const std::string& answer,
                                     const std::vector<std::string>& evidence_ids,
                                     const std::vector<Evidence>& evidence);

// NotFound naming the id when the register has no such question.
[[nodiscard]] Result<OpenQuestion*> find_question(std::vector<OpenQuestion>& questions,
                                                  const std::string& id);

nlohmann::json question_to_json(const OpenQuestion& question);

// One question for people: "Q2 [open, owner security, blocks an all-clear] text", then its answer
// with the evidence ids and any note on indented lines. Shared by the CLI and the chat surfaces.
std::string render_question(const OpenQuestion& question);

}  // namespace ec::copilot
