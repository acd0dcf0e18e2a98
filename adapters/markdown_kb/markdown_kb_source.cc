#include "adapters/markdown_kb/markdown_kb_source.h"

namespace ec::adapters::markdown_kb {

std::string_view MarkdownKbSource::kind() const { return "markdown_dir"; }

Result<SourceReport> MarkdownKbSource::collect(const Subject& /*subject*/,
                                               const TimeWindow& /*window*/) {
  SourceReport report;
  report.source = "markdown_dir";
  report.label = label_;
  report.records_read = static_cast<std::int64_t>(knowledge_.articles().size());
  return report;
}

}  // namespace ec::adapters::markdown_kb
