// S3LogObjects: the live inputs of an AWS log source (S3 server access logs, CloudTrail,
// CloudFront standard logs): the objects of one bucket whose key, after a fixed prefix, starts
// with a UTC date ("2025-03-10-…" or "2025/03/10/…") inside the case window widened by a margin.
// One ListObjectsV2 walk (prefix + start-after the first day, stopping past the last day), then
// one GetObject per object, handed to the source as bytes and dropped before the next one, so
// memory holds one object at a time. A listing or an object that cannot be read (403
// AccessDenied, 404 NoSuchKey, a 503 storm) marks the report incomplete with "GET <url> ->
// <status>" and the reason: a gap, never an empty result. Not thread-safe; owns its S3Client.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "plugin/core/time.h"

#include "adapters/aws/s3_client.h"
#include "adapters/common/log_inputs.h"

namespace ec::adapters::aws {

// How the date is written right after the prefix in object keys.
enum class DateLayout {
  Dashed,   // "2025-03-10": S3 access logs (simple key format), CloudFront "<dist>.2025-03-10-…"
  Slashed,  // "2025/03/10": CloudTrail, S3 access logs (date-based partitioned key format)
};

struct S3LogLayout {
  std::string
      prefix;  // everything before the date, e.g. "AWSLogs/111122223333/CloudTrail/us-east-1/"
  DateLayout dates = DateLayout::Dashed;
  std::chrono::hours margin{24};         // added on both sides of the window
  std::chrono::hours lookback{24 * 30};  // before the deprovisioning when no window start is set
};

// The UTC day of `t` as DateLayout writes it.
std::string date_text(Timestamp t, DateLayout layout);

// The days [first, last] to read for `window`: its ends, or end = now and begin = the subject's
// deprovisioning time (or now) minus the lookback, widened by the margin.
struct DateRange {
  std::string first;
  std::string last;
};
DateRange listing_dates(const S3LogLayout& layout, const Subject& subject, const TimeWindow& window,
                        Timestamp now);

class S3LogObjects final : public common::LogInputs {
 public:
  S3LogObjects(S3Client client, S3LogLayout layout, const Clock& clock)
      : client_(std::move(client)), layout_(std::move(layout)), clock_(clock) {}

  // common::LogInputs. Never fails as a whole: every failure is a gap in `report`.
  [[nodiscard]] Status for_each(const Subject& subject, const TimeWindow& window,
                                common::ReportBuilder& report,
                                const common::LogInputVisitor& visit) override;

 private:
  S3Client client_;
  const S3LogLayout layout_;
  const Clock& clock_;
};

}  // namespace ec::adapters::aws
