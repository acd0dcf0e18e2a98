#include "plugin/app/store_metrics.h"

#include <array>
#include <functional>
#include <map>

#include "plugin/app/metrics_text.h"
#include "plugin/core/measures.h"

namespace ec::app {
namespace {

constexpr std::array kCaseStates{CaseState::Open, CaseState::Investigating,
                                 CaseState::SecurityEscalated, CaseState::Resolved,
                                 CaseState::Closed};
constexpr std::array kOutboxStates{OutboxState::Pending, OutboxState::Delivered,
                                   OutboxState::Failed};

// Intake to first approved customer update: 5 min to 3 days.
std::vector<double> first_update_buckets() {
  return {300, 900, 1800, 3600, 7200, 14400, 28800, 86400, 259200};
}
// Words the lead changed in the agent's draft before approving it.
std::vector<double> correction_buckets() { return {0, 1, 2, 5, 10, 20, 50, 100, 250}; }
// Handoff completeness is k/3 (three checks): one bucket per value.
std::vector<double> completeness_buckets() { return {0, 0.34, 0.67, 1}; }

Status write_cases(Transaction& t, ExpositionWriter& w) {
  auto counts = t.count_cases_by_state();
  if (!counts) return std::unexpected(counts.error());
  std::map<CaseState, CaseStateCount> by_state;
  for (const CaseStateCount& c : *counts) by_state[c.state] = c;
  w.family("ec_cases", "gauge", "Cases by state.");
  for (const CaseState s : kCaseStates) {
    w.sample("ec_cases", {{"state", std::string(case_state_name(s))}},
             static_cast<double>(by_state[s].cases));
  }
  w.family("ec_cases_security_hold", "gauge",
           "Cases escalated to security that no security owner has acknowledged yet (customer "
           "updates are held).");
  w.sample("ec_cases_security_hold", {},
           static_cast<double>(by_state[CaseState::SecurityEscalated].unacknowledged));
  return ok_status();
}

Status write_outbox(Transaction& t, ExpositionWriter& w) {
  auto tallies = t.tally_outbox();
  if (!tallies) return std::unexpected(tallies.error());
  std::map<std::string, std::map<OutboxState, OutboxTally>> by_channel;
  for (const OutboxTally& tally : *tallies) by_channel[tally.channel][tally.state] = tally;
  w.family("ec_outbox_messages", "gauge",
           "Outbox messages by target channel and state; pending is the delivery backlog.");
  for (auto& [channel, states] : by_channel) {
    for (const OutboxState s : kOutboxStates) {
      w.sample("ec_outbox_messages",
               {{"channel", channel}, {"state", std::string(outbox_state_name(s))}},
               static_cast<double>(states[s].messages));
    }
  }
  w.family("ec_outbox_failed_attempts_total", "counter",
           "Delivery attempts that failed (retried or permanent), by target channel.");
  for (auto& [channel, states] : by_channel) {
    std::int64_t failed = 0;
    for (const auto& [state, tally] : states) failed += tally.failed_attempts;
    w.sample("ec_outbox_failed_attempts_total", {{"channel", channel}},
             static_cast<double>(failed));
  }
  return ok_status();
}

Status write_escalations(Transaction& t, ExpositionWriter& w) {
  auto forced = t.count_turns("escalate");
  if (!forced) return std::unexpected(forced.error());
  auto acknowledged = t.count_turns("acknowledge");
  if (!acknowledged) return std::unexpected(acknowledged.error());
  w.family("ec_security_escalations_total", "counter",
           "Times a policy rule forced a case into the security process.");
  w.sample("ec_security_escalations_total", {}, static_cast<double>(*forced));
  w.family("ec_security_acknowledgements_total", "counter",
           "Security escalations acknowledged by a member of the security group.");
  w.sample("ec_security_acknowledgements_total", {}, static_cast<double>(*acknowledged));
  return ok_status();
}

std::int64_t millis(Timestamp t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

// What compute_measures() reads of a trace, in rows the store never rewrites.
std::string fingerprint(const CaseTrace& trace) {
  std::string out = std::to_string(millis(trace.c.created_at));
  for (const DraftVersion& v : trace.versions) {
    out += "|v" + v.draft_id + "/" + std::to_string(v.version) + "/" + v.content_hash;
  }
  for (const Approval& a : trace.approvals) {
    out += "|a" + a.draft_id + "/" + std::to_string(a.version) + "/" + a.content_hash + "/" +
           std::to_string(millis(a.approved_at));
  }
  for (const OutboxMessage& m : trace.outbox) out += "|o" + std::to_string(m.id);
  return out;
}

}  // namespace

const CaseMeasures& StoreMetrics::measures_of(const CaseTrace& trace) {
  std::string print = fingerprint(trace);
  auto it = cache_.find(trace.c.id);
  if (it != cache_.end() && it->second.first == print) return it->second.second;
  ++measured_;
  CaseMeasures m = compute_measures(trace.c, trace.versions, trace.approvals, trace.outbox);
  auto& slot = cache_[trace.c.id];
  slot = {std::move(print), std::move(m)};
  return slot.second;
}

std::size_t StoreMetrics::measured_cases() const {
  std::lock_guard lock(mutex_);
  return measured_;
}

namespace {

// Folds the measures of every case into histograms and counters.
Status write_measures(Transaction& t, ExpositionWriter& w,
                      const std::function<const CaseMeasures&(const CaseTrace&)>& measures_of) {
  auto traces = t.list_case_traces();
  if (!traces) return std::unexpected(traces.error());
  Histogram first_update(first_update_buckets());
  Histogram correction(correction_buckets());
  Histogram completeness(completeness_buckets());
  std::uint64_t certainty = 0;
  std::uint64_t ownership = 0;
  std::uint64_t unapproved_sends = 0;
  for (const CaseTrace& trace : *traces) {
    const CaseMeasures& m = measures_of(trace);
    if (m.seconds_to_first_approved_update) {
      first_update.observe(static_cast<double>(*m.seconds_to_first_approved_update));
    }
    for (const ApprovedEdit& e : m.approved_edits) {
      if (e.agent_version == 0) continue;  // nothing the agent drafted to compare with
      correction.observe(static_cast<double>(e.edit_distance));
      if (e.touched_certainty) ++certainty;
      if (e.touched_ownership) ++ownership;
    }
    if (m.handoff) completeness.observe(m.handoff->score);
    // Incident and escalation notices carry no draft; only drafts need an approval to go out.
    for (const SentClaims& s : m.sent) {
      if (!s.draft_id.empty() && !s.approved_before_send) ++unapproved_sends;
    }
  }
  w.family("ec_case_first_approved_update_seconds", "histogram",
           "Per case: time from intake to the first customer update the lead approved.");
  first_update.write(w, "ec_case_first_approved_update_seconds", {});
  w.family("ec_draft_correction_words", "histogram",
           "Per approved draft version: words the lead inserted, deleted or replaced in the "
           "agent's draft (word-level edit distance).");
  correction.write(w, "ec_draft_correction_words", {});
  w.family("ec_draft_corrections_total", "counter",
           "Approved draft versions whose human edit changed certainty wording or ownership of a "
           "next step.");
  w.sample("ec_draft_corrections_total", {{"kind", "certainty"}}, static_cast<double>(certainty));
  w.sample("ec_draft_corrections_total", {{"kind", "ownership"}}, static_cast<double>(ownership));
  w.family("ec_handoff_completeness_ratio", "histogram",
           "Per case, newest handoff packet: share of the checks met (facts with evidence, "
           "questions with owners, requested actions present).");
  completeness.write(w, "ec_handoff_completeness_ratio", {});
  w.family("ec_outbox_unapproved_drafts_total", "counter",
           "Outbox messages carrying a draft version that had no approval bound to its content "
           "before it was queued (should stay 0).");
  w.sample("ec_outbox_unapproved_drafts_total", {}, static_cast<double>(unapproved_sends));
  return ok_status();
}

}  // namespace

Result<std::string> StoreMetrics::render() {
  std::lock_guard lock(mutex_);
  auto tx = store_.begin_read();
  if (!tx) return std::unexpected(tx.error());
  Transaction& t = **tx;
  ExpositionWriter w;
  EC_RETURN_IF_ERROR(write_cases(t, w));
  EC_RETURN_IF_ERROR(write_outbox(t, w));
  EC_RETURN_IF_ERROR(write_escalations(t, w));
  EC_RETURN_IF_ERROR(write_measures(
      t, w, [this](const CaseTrace& trace) -> const CaseMeasures& { return measures_of(trace); }));
  return w.str();
}

}  // namespace ec::app
