// CaseService helpers (see case_service_util.h).
#include "plugin/app/case_service_util.h"

#include <algorithm>
#include <cstdlib>

namespace ec::app::detail {

nlohmann::json draft_summary(const DraftVersion& v) {
  return {{"draft_id", v.draft_id},
          {"kind", draft_kind_name(v.kind)},
          {"version", v.version},
          {"content_hash", v.content_hash},
          {"text", render_draft_text(v)}};
}

// Numbers a new draft after the case's existing drafts: D1, D2, ...
std::string next_draft_id(const std::vector<DraftVersion>& existing) {
  int highest = 0;
  for (const DraftVersion& v : existing) {
    if (v.draft_id.size() > 1 && v.draft_id[0] == 'D') {
      highest = std::max(highest, std::atoi(v.draft_id.c_str() + 1));
    }
  }
  return "D" + std::to_string(highest + 1);
}

const DraftVersion* latest_of(const std::vector<DraftVersion>& versions,
                              const std::string& draft_id) {
  const DraftVersion* latest = nullptr;
  for (const DraftVersion& v : versions) {
    if (v.draft_id == draft_id && (latest == nullptr || v.version > latest->version)) latest = &v;
  }
  return latest;
}

// Stores `draft` as the next version of the case's open draft of the same kind, or as a new
// draft; returns the stored version. Skips storing when the content did not change.
Result<DraftVersion> store_draft(Transaction& tx, const std::string& case_id, DraftVersion draft) {
  auto existing = tx.list_draft_versions(case_id);
  if (!existing) return std::unexpected(existing.error());
  const DraftVersion* latest = nullptr;
  for (const DraftVersion& v : *existing) {
    if (v.kind == draft.kind && (latest == nullptr || v.draft_id > latest->draft_id ||
                                 (v.draft_id == latest->draft_id && v.version > latest->version))) {
      latest = &v;
    }
  }
  draft.case_id = case_id;
  if (latest != nullptr && latest->content_hash == draft.content_hash) return *latest;
  if (latest != nullptr) {
    draft.draft_id = latest->draft_id;
    draft.version = latest->version + 1;
  } else {
    draft.draft_id = next_draft_id(*existing);
    draft.version = 1;
  }
  EC_RETURN_IF_ERROR(tx.insert_draft_version(draft));
  return draft;
}

ActorRole role_of(const Case& c, const std::string& actor) {
  return actor == c.lead ? ActorRole::Lead : ActorRole::Other;
}

Result<copilot::MergedQuestions> merged_questions(Transaction& tx, const std::string& case_id,
                                                  const Analysis& analysis) {
  auto stored = tx.list_questions(case_id);
  if (!stored) return std::unexpected(stored.error());
  return copilot::merge_questions(*stored, analysis.questions, analysis.correlation,
                                  analysis.evidence);
}

Result<DraftUnderReview> load_draft_under_review(Transaction& tx, const std::string& case_id,
                                                 const std::string& draft_id, int version) {
  auto c = tx.get_case(case_id);
  if (!c) return std::unexpected(c.error());
  auto versions = tx.list_draft_versions(case_id);
  if (!versions) return std::unexpected(versions.error());
  const DraftVersion* latest = latest_of(*versions, draft_id);
  auto target = tx.get_draft_version(case_id, draft_id, version);
  if (!target || latest == nullptr) {
    return make_error(ErrorCode::NotFound,
                      "case " + case_id + " has no " + draft_id + " v" + std::to_string(version));
  }
  auto approvals = tx.list_approvals(case_id);
  if (!approvals) return std::unexpected(approvals.error());
  return DraftUnderReview{std::move(*c), std::move(*target), latest->version,
                          std::move(*approvals)};
}

Result<CaseWithRedactor> load_case_with_redactor(Store& store, const std::string& case_id) {
  auto tx = store.begin();
  if (!tx) return std::unexpected(tx.error());
  auto c = (*tx)->get_case(case_id);
  if (!c) return std::unexpected(c.error());
  auto vault = (*tx)->list_vault(case_id);
  if (!vault) return std::unexpected(vault.error());
  auto redactor = copilot::Redactor::from_vault(case_id, *vault);
  if (!redactor) return std::unexpected(redactor.error());
  return CaseWithRedactor{std::move(*c), std::move(*redactor)};
}

}  // namespace ec::app::detail
