#include "adapters/product_access_log/export_api_source.h"

#include <algorithm>
#include <utility>

#include "adapters/common/json_pages.h"
#include "adapters/common/report_builder.h"
#include "adapters/product_access_log/console_event.h"
#include "plugin/core/hash.h"

namespace ec::adapters::product_access_log {
namespace {

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace

std::string_view ExportApiSource::kind() const { return kSourceKind; }

Result<SourceReport> ExportApiSource::collect(const Subject& subject, const TimeWindow& window) {
  api_.begin_operation();
  common::ReportBuilder report(kSourceKind, settings_.label);
  const Timestamp now = clock_.now();
  TimeWindow bounds;
  bounds.end = window.end.value_or(now);
  bounds.begin = window.begin.value_or(
      std::min(subject.deprovisioned_at.value_or(now), *bounds.end) - settings_.default_lookback);
  const std::string first = settings_.base_url + "/api/v1/access-log/export?since=" +
                            url_encode_component(format_rfc3339(*bounds.begin)) +
                            "&until=" + url_encode_component(format_rfc3339(*bounds.end)) +
                            "&limit=" + std::to_string(settings_.page_limit);
  const auto on_page = [&](const common::RawPage& page) -> std::string {
    std::string_view body = page.body;
    std::size_t line_number = 0;
    while (!body.empty()) {
      const auto end = body.find('\n');
      std::string_view line = body.substr(0, end);
      body = end == std::string_view::npos ? std::string_view{} : body.substr(end + 1);
      ++line_number;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (is_blank(line)) continue;
      const std::string location = page.url + ":" + std::to_string(line_number);
      report.count_read();
      const auto row = nlohmann::json::parse(line, nullptr, false);
      if (row.is_discarded() || !row.is_object()) {
        report.skip(location, "expected one JSON object per line");
        continue;
      }
      add_row(row, settings_.bucket, location, sha256_hex(line), subject, window, report);
    }
    return {};
  };
  const auto next = [&](const common::RawPage& page) -> std::optional<std::string> {
    const auto cursor = page.response.header("X-Next-Cursor");
    if (!cursor || cursor->empty()) return std::nullopt;
    return first + "&cursor=" + url_encode_component(*cursor);
  };
  common::walk_pages(api_, first, on_page, next, report, settings_.max_pages);
  SourceReport out = report.finish();
  std::stable_sort(out.evidence.begin(), out.evidence.end(),
                   [](const Evidence& a, const Evidence& b) { return a.time < b.time; });
  return out;
}

}  // namespace ec::adapters::product_access_log
