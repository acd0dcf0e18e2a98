#include "plugin/core/evidence_retention.h"

#include <utility>

namespace ec {
namespace {

// Handles: needed records are even (2 * (index + 1)), listed routine records odd.
EvidenceSink::Handle needed_handle(std::size_t index) { return 2 * (index + 1); }
EvidenceSink::Handle routine_handle(std::size_t index) { return 2 * (index + 1) + 1; }

}  // namespace

EvidenceRetention::EvidenceRetention(const Subject& subject, const CorrelationOptions& options,
                                     std::size_t max_listed_routine)
    : subject_(subject),
      options_(options),
      max_listed_routine_(max_listed_routine),
      summary_{RecordCoverage(
                   std::chrono::duration_cast<std::chrono::milliseconds>(options.gap_threshold)),
               {}} {}

bool EvidenceRetention::needed(const Evidence& e) {
  if (e.kind == evidence_kind::kObjectAccess) {
    return may_concern_subject(e, subject_, options_, presign_index_, summary_.foreign_presigns);
  }
  const bool subject = record_names_subject(e, subject_) ||
                       (!e.session_id.empty() && subject_sessions_.contains(e.session_id));
  if (subject && !e.session_id.empty()) subject_sessions_.insert(e.session_id);
  if (subject || e.kind != evidence_kind::kAppPresign) return true;
  // Another user's presign: only the join needs it, and only while its URL could still be used
  // after deprovisioning.
  const bool expired_before = subject_.deprovisioned_at && e.credential_issued_at &&
                              e.credential_ttl_seconds &&
                              *e.credential_issued_at +
                                      std::chrono::seconds(*e.credential_ttl_seconds) <
                                  *subject_.deprovisioned_at - options_.clock_skew;
  if (!expired_before) summary_.foreign_presigns.add(e);
  return false;
}

EvidenceSink::Handle EvidenceRetention::accept(Evidence& evidence,
                                               const EvidenceCompleter& completer) {
  ++offered_;
  summary_.coverage.add(evidence);
  if (needed(evidence)) {
    completer.complete(evidence);
    needed_.push_back(std::move(evidence));
    const Evidence& kept = needed_.back();
    if (kept.kind == evidence_kind::kAppPresign) presign_index_.add(kept);
    return needed_handle(needed_.size() - 1);
  }
  ++routine_count_;
  if (routine_released_) return kNotKept;
  if (routine_.size() >= max_listed_routine_) {
    routine_released_ = true;
    routine_ = {};
    return kNotKept;
  }
  completer.complete(evidence);
  routine_.push_back(std::move(evidence));
  return routine_handle(routine_.size() - 1);
}

bool EvidenceRetention::routine_storage_read(Timestamp time, std::string_view action,
                                             std::string_view principal) {
  return routine_released_ && storage_read_is_routine(time, action, principal, subject_, options_);
}

void EvidenceRetention::count_routine_read(std::string_view source, Timestamp time) {
  ++offered_;
  summary_.coverage.add(source, time);
  ++routine_count_;
}

void EvidenceRetention::merge_duplicate(Handle kept) {
  if (kept == kNotKept) return;
  const std::size_t index = kept / 2 - 1;
  if (kept % 2 == 0) {
    if (index < needed_.size()) count_duplicate(needed_[index]);
    return;
  }
  if (!routine_released_ && index < routine_.size()) count_duplicate(routine_[index]);
}

RetainedEvidence EvidenceRetention::finish() {
  RetainedEvidence out{{}, std::move(summary_), offered_, 0};
  out.evidence.reserve(needed_.size() + routine_.size());
  for (Evidence& e : needed_) out.evidence.push_back(std::move(e));
  for (Evidence& e : routine_) out.evidence.push_back(std::move(e));
  out.routine_not_listed = routine_released_ ? routine_count_ : 0;
  needed_.clear();
  routine_.clear();
  return out;
}

}  // namespace ec
