#include "plugin/core/record_coverage.h"

namespace ec {

RecordCoverage::RecordCoverage(std::chrono::milliseconds bucket_width) : width_(bucket_width) {}

void RecordCoverage::add(std::string_view source, Timestamp t) {
  add_source_time(source, t);
  if (!latest_ || t > *latest_) latest_ = t;
}

void RecordCoverage::add_source_time(std::string_view source, Timestamp t) {
  if (last_ == nullptr || source != last_source_) {
    auto it = by_source_.find(source);
    if (it == by_source_.end()) it = by_source_.emplace(std::string(source), TimeBuckets(width_)).first;
    last_ = &it->second;
    last_source_.assign(source);
  }
  last_->add(t);
}

const TimeBuckets* RecordCoverage::times_of(std::string_view source) const {
  const auto it = by_source_.find(source);
  return it == by_source_.end() ? nullptr : &it->second;
}

}  // namespace ec
