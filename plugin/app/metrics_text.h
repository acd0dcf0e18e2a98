// The Prometheus text exposition format (version 0.0.4), written by one small writer so that
// every metric family on GET /metrics gets the same HELP/TYPE lines, label escaping and number
// spelling: label values escape backslash, double quote and newline; HELP text escapes backslash
// and newline; numbers are the shortest round-trip decimal, infinities "+Inf"/"-Inf", "NaN".
// Histogram is a value type for cumulative-bucket histograms (le buckets, _sum, _count).
// Not thread-safe: each render builds its own writer; callers guard shared histograms.
#pragma once

#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ec::app {

using MetricLabels = std::vector<std::pair<std::string, std::string>>;

std::string escape_label_value(std::string_view value);
std::string format_metric_value(double value);

class ExpositionWriter {
 public:
  // Starts a family: "# HELP name help" and "# TYPE name type" (counter, gauge, histogram).
  // Call once per family, before its samples.
  void family(std::string_view name, std::string_view type, std::string_view help);
  // One sample line: name{labels} value. `name` may carry a suffix (_bucket, _sum, _count).
  void sample(std::string_view name, const MetricLabels& labels, double value);

  std::string str() const { return out_.str(); }

 private:
  std::ostringstream out_;
};

class Histogram {
 public:
  // `bounds`: the finite upper bounds, ascending; "+Inf" is implicit.
  explicit Histogram(std::vector<double> bounds);

  void observe(double value);
  // Writes name_bucket{labels..., le="..."} for every bound and +Inf, then name_sum and
  // name_count, under a family the caller started.
  void write(ExpositionWriter& writer, std::string_view name, const MetricLabels& labels) const;

  std::uint64_t count() const { return count_; }
  double sum() const { return sum_; }

 private:
  std::vector<double> bounds_;
  std::vector<std::uint64_t> counts_;  // per bound, not cumulative; the last is +Inf
  double sum_ = 0;
  std::uint64_t count_ = 0;
};

}  // namespace ec::app
