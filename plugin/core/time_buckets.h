// TimeBuckets: when a log had records, in memory that grows with the time span, not the number
// of records. Times fall into buckets of a fixed width; each bucket keeps only its earliest and
// latest time. With the width no larger than the gap threshold, silent stretches longer than the
// threshold are found exactly from these extremes (two times in one bucket are always closer than
// the width), whatever order the records arrive in. Plain value; not thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <vector>

#include "plugin/core/time.h"

namespace ec {

class TimeBuckets {
 public:
  explicit TimeBuckets(std::chrono::milliseconds width);

  void add(Timestamp t);
  bool empty() const { return buckets_.empty(); }
  std::chrono::milliseconds width() const { return width_; }

  // The earliest and latest time of every bucket, ascending (one entry for a bucket with one
  // distinct time): the subsequence of all times that every gap longer than width() spans.
  std::vector<Timestamp> extremes() const;

 private:
  struct Range {
    Timestamp first;
    Timestamp last;
  };
  std::chrono::milliseconds width_;
  std::map<std::int64_t, Range> buckets_;
  std::int64_t last_bucket_ = 0;  // logs arrive mostly in time order: skip the map lookup
  Range* last_range_ = nullptr;
};

}  // namespace ec
