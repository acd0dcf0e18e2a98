#include "plugin/core/time_buckets.h"

#include <algorithm>

namespace ec {

TimeBuckets::TimeBuckets(std::chrono::milliseconds width)
    : width_(std::max(width, std::chrono::milliseconds(1))) {}

void TimeBuckets::add(Timestamp t) {
  const std::int64_t ms = t.time_since_epoch().count();
  const std::int64_t w = width_.count();
  const std::int64_t bucket = ms >= 0 ? ms / w : -((-ms + w - 1) / w);
  if (last_range_ == nullptr || bucket != last_bucket_) {
    const auto [it, inserted] = buckets_.try_emplace(bucket, Range{t, t});
    last_bucket_ = bucket;
    last_range_ = &it->second;
    if (inserted) return;
  }
  last_range_->first = std::min(last_range_->first, t);
  last_range_->last = std::max(last_range_->last, t);
}

std::vector<Timestamp> TimeBuckets::extremes() const {
  std::vector<Timestamp> times;
  times.reserve(buckets_.size() * 2);
  for (const auto& [bucket, range] : buckets_) {
    times.push_back(range.first);
    if (range.last != range.first) times.push_back(range.last);
  }
  return times;
}

}  // namespace ec
