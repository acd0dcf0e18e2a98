// ReportBuilder: accumulates one SourceReport while a source is read. Counts every skipped
// record but stores only the first `max_diagnostics` diagnostics (plus one line saying how many
// were left out), tracks coverage (earliest and latest record time seen) and completeness.
// Not thread-safe; one builder per collect() call.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "plugin/core/evidence.h"

namespace ec::adapters::common {

inline constexpr std::size_t kDefaultMaxDiagnostics = 20;

class ReportBuilder {
 public:
  ReportBuilder(std::string source, std::string label,
                std::size_t max_diagnostics = kDefaultMaxDiagnostics);

  // A record was read (well-formed or not).
  void count_read() { ++report_.records_read; }
  // A record was malformed and skipped: counted, and its diagnostic kept if under the cap.
  void skip(std::string location, std::string message);
  // A problem worth reporting that did not skip a record (duplicates, unreadable tail, ...).
  void note(std::string location, std::string message);
  // The source could not be read in full (a file missing or truncated).
  void mark_incomplete() { report_.complete = false; }
  // Widens coverage to include `t`.
  void saw_time(Timestamp t);
  void add(Evidence evidence) { report_.evidence.push_back(std::move(evidence)); }

  std::int64_t diagnostics_total() const { return diagnostics_total_; }
  const SourceReport& peek() const { return report_; }
  // Finishes the report; the builder is spent afterwards.
  SourceReport finish();

 private:
  SourceReport report_;
  std::size_t max_diagnostics_;
  std::int64_t diagnostics_total_ = 0;
};

}  // namespace ec::adapters::common
