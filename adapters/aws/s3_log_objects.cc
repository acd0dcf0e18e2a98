#include "adapters/aws/s3_log_objects.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "adapters/common/json_pages.h"

namespace ec::adapters::aws {

std::string date_text(Timestamp t, DateLayout layout) {
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(t)};
  const char sep = layout == DateLayout::Dashed ? '-' : '/';
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d%c%02u%c%02u", static_cast<int>(ymd.year()), sep,
                static_cast<unsigned>(ymd.month()), sep, static_cast<unsigned>(ymd.day()));
  return buffer;
}

DateRange listing_dates(const S3LogLayout& layout, const Subject& subject, const TimeWindow& window,
                        Timestamp now) {
  const Timestamp end = window.end.value_or(now);
  const Timestamp begin = window.begin.value_or(
      std::min(subject.deprovisioned_at.value_or(now), end) - layout.lookback);
  return DateRange{date_text(begin - layout.margin, layout.dates),
                   date_text(end + layout.margin, layout.dates)};
}

Status S3LogObjects::for_each(const Subject& subject, const TimeWindow& window,
                              common::ReportBuilder& report, const common::LogInputVisitor& visit) {
  client_.api().begin_operation();
  const DateRange dates = listing_dates(layout_, subject, window, clock_.now());
  const std::size_t date_at = layout_.prefix.size();
  const std::size_t date_size = dates.first.size();
  // Keys sort by the date after the prefix: start just before the first day, stop past the last.
  std::vector<std::string> keys;
  const auto on_object = [&](const S3Object& object) {
    const std::string_view date = std::string_view(object.key).substr(date_at, date_size);
    if (date > dates.last) return false;
    if (date >= dates.first) keys.push_back(object.key);
    return true;
  };
  // Every key of the first day ("<prefix>2025-03-10-14-…") sorts after the bare date.
  client_.list(layout_.prefix, layout_.prefix + dates.first, report, on_object);
  for (const std::string& key : keys) {
    const std::string display = client_.endpoint().display(key);
    auto got = client_.get_object(key);
    const std::string url = client_.endpoint().object_url(key);
    if (!got) {
      common::diagnose_incomplete(client_.api(), report, "GET " + url,
                                  got.error().message + "; " + display + " not read");
      continue;
    }
    if (!got->ok()) {
      common::diagnose_incomplete(client_.api(), report,
                                  common::response_location(url, got->response.status),
                                  common::status_problem(*got) + "; " + display + " not read");
      continue;
    }
    visit(common::LogInput{display, {}, std::string_view(got->response.body)});
  }
  return ok_status();
}

}  // namespace ec::adapters::aws
