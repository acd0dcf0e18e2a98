// Checks a storage source's use of the sink's routine pre-check (routine_storage_read): streams
// the source into an EvidenceRetention twice, once with the pre-check (the source skips building
// routine reads) and once with it hidden (every record is built and offered through accept()),
// and renders what each retention kept and counted, so a test can compare them. Test use only.
#pragma once

#include <string>
#include <string_view>

#include "plugin/core/correlation.h"
#include "plugin/core/evidence_retention.h"
#include "plugin/core/evidence_source.h"

namespace ec::adapters::testing {

// Forwards to a retention. With `precheck` false it answers the pre-check "no", so the source
// offers every record; with it true it counts the reads the source only counted.
class ForwardingSink final : public EvidenceSink {
 public:
  ForwardingSink(EvidenceRetention& to, bool precheck) : to_(to), precheck_(precheck) {}
  Handle accept(Evidence& e, const EvidenceCompleter& completer) override {
    return to_.accept(e, completer);
  }
  void merge_duplicate(Handle kept) override { to_.merge_duplicate(kept); }
  bool routine_storage_read(Timestamp time, std::string_view action,
                            std::string_view principal) override {
    return precheck_ && to_.routine_storage_read(time, action, principal);
  }
  void count_routine_read(std::string_view source, Timestamp time) override {
    ++skipped;
    to_.count_routine_read(source, time);
  }
  int skipped = 0;

 private:
  EvidenceRetention& to_;
  bool precheck_;
};

// Everything a finished retention hands to the analysis, as text: counts, each kept record's
// JSON, the latest time, every source's coverage extremes and the foreign presign count.
inline std::string retained_text(RetainedEvidence kept, std::string_view source) {
  std::string out = "offered " + std::to_string(kept.offered) + ", not listed " +
                    std::to_string(kept.routine_not_listed) + "\n";
  for (const Evidence& e : kept.evidence) out += evidence_to_json(e).dump() + "\n";
  if (const auto latest = kept.summary.coverage.latest()) {
    out += "latest " + format_rfc3339(*latest) + "\n";
  }
  if (const TimeBuckets* times = kept.summary.coverage.times_of(source)) {
    for (const Timestamp t : times->extremes()) out += "covered " + format_rfc3339(t) + "\n";
  }
  out += "foreign presigns " + std::to_string(kept.summary.foreign_presigns.size()) + "\n";
  return out;
}

struct PrecheckRun {
  std::string with_precheck;
  std::string without_precheck;
  int skipped = 0;  // records the source only counted, with the pre-check
};

// `max_listed_routine` 0 releases routine listing at the first routine record, so the pre-check
// applies from the second one on.
inline PrecheckRun stream_with_and_without_precheck(EvidenceSource& source, const Subject& subject,
                                                    const CorrelationOptions& options,
                                                    const TimeWindow& window = {}) {
  PrecheckRun run;
  for (const bool precheck : {true, false}) {
    EvidenceRetention retention(subject, options, /*max_listed_routine=*/0);
    ForwardingSink sink(retention, precheck);
    const auto report = source.stream(subject, window, sink);
    std::string text = report ? std::string() : "stream failed: " + report.error().message + "\n";
    if (report) {
      text += "read " + std::to_string(report->records_read) + ", skipped " +
              std::to_string(report->records_skipped) + "\n";
      if (report->coverage_begin) text += "begin " + format_rfc3339(*report->coverage_begin) + "\n";
      if (report->coverage_end) text += "end " + format_rfc3339(*report->coverage_end) + "\n";
    }
    text += retained_text(retention.finish(), std::string(source.kind()));
    (precheck ? run.with_precheck : run.without_precheck) = std::move(text);
    if (precheck) run.skipped = sink.skipped;
  }
  return run;
}

}  // namespace ec::adapters::testing
