#include "adapters/common/report_builder.h"

#include <utility>

namespace ec::adapters::common {

ReportBuilder::ReportBuilder(std::string source, std::string label, std::size_t max_diagnostics)
    : max_diagnostics_(max_diagnostics) {
  report_.source = std::move(source);
  report_.label = std::move(label);
}

void ReportBuilder::skip(std::string location, std::string message) {
  ++report_.records_skipped;
  note(std::move(location), std::move(message));
}

void ReportBuilder::note(std::string location, std::string message) {
  ++diagnostics_total_;
  if (report_.diagnostics.size() < max_diagnostics_) {
    report_.diagnostics.push_back({std::move(location), std::move(message)});
  }
}

void ReportBuilder::saw_time(Timestamp t) {
  if (!report_.coverage_begin || t < *report_.coverage_begin) report_.coverage_begin = t;
  if (!report_.coverage_end || t > *report_.coverage_end) report_.coverage_end = t;
}

SourceReport ReportBuilder::finish() {
  const auto stored = static_cast<std::int64_t>(report_.diagnostics.size());
  if (diagnostics_total_ > stored) {
    report_.diagnostics.push_back({report_.label, std::to_string(diagnostics_total_ - stored) +
                                                      " more diagnostics not shown (" +
                                                      std::to_string(diagnostics_total_) +
                                                      " in total)"});
  }
  return std::move(report_);
}

}  // namespace ec::adapters::common
