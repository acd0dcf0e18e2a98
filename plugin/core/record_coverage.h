// RecordCoverage: what the gap report needs of every record a source produced, kept or not: per
// source kind, when it had records (TimeBuckets), and the latest record time over all sources.
// Memory grows with the time span covered, not with the number of records. Not thread-safe.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "plugin/core/evidence.h"
#include "plugin/core/time_buckets.h"

namespace ec {

class RecordCoverage {
 public:
  // `bucket_width` must not exceed the gap threshold the coverage is used with.
  explicit RecordCoverage(std::chrono::milliseconds bucket_width);

  void add(std::string_view source, Timestamp t);
  void add(const Evidence& e) { add(e.source, e.time); }
  // Only the source's buckets, not latest(): for records outside the analysed set.
  void add_source_time(std::string_view source, Timestamp t);

  // Null when `source` had no records.
  const TimeBuckets* times_of(std::string_view source) const;
  std::optional<Timestamp> latest() const { return latest_; }
  std::chrono::milliseconds bucket_width() const { return width_; }

 private:
  std::chrono::milliseconds width_;
  std::map<std::string, TimeBuckets, std::less<>> by_source_;
  std::optional<Timestamp> latest_;
  TimeBuckets* last_ = nullptr;  // the last source's buckets: consecutive records share a source
  std::string last_source_;
};

}  // namespace ec
