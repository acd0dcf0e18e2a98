#include "plugin/app/process_metrics.h"

#include <vector>

namespace ec::app {
namespace {

// Prometheus' default latency buckets (client_golang DefBuckets), in seconds.
const std::vector<double>& latency_buckets() {
  static const std::vector<double> buckets{0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                           0.5,   1,    2.5,   5,    10};
  return buckets;
}

}  // namespace

std::string status_class(int status) {
  if (status < 100 || status > 599) return "other";
  return std::to_string(status / 100) + "xx";
}

void ProcessMetrics::record_request(std::string_view route, std::string_view method, int status,
                                    std::optional<double> seconds) {
  RequestKey key{std::string(route), std::string(method), status_class(status)};
  std::lock_guard lock(mutex_);
  ++requests_[key];
  if (seconds) {
    auto it = latency_.try_emplace(std::move(key), latency_buckets()).first;
    it->second.observe(*seconds);
  }
}

void ProcessMetrics::record_verification_failure(std::string_view surface,
                                                 std::string_view reason) {
  std::lock_guard lock(mutex_);
  ++verification_failures_[{std::string(surface), std::string(reason)}];
}

void ProcessMetrics::write(ExpositionWriter& writer) const {
  std::lock_guard lock(mutex_);
  writer.family("ec_http_requests_total", "counter",
                "HTTP requests answered, by route pattern, method and status class.");
  for (const auto& [key, n] : requests_) {
    const auto& [route, method, klass] = key;
    writer.sample("ec_http_requests_total",
                  {{"route", route}, {"method", method}, {"status_class", klass}},
                  static_cast<double>(n));
  }
  writer.family("ec_http_request_duration_seconds", "histogram",
                "Time from routing to the response being ready, by route pattern, method and "
                "status class.");
  for (const auto& [key, histogram] : latency_) {
    const auto& [route, method, klass] = key;
    histogram.write(writer, "ec_http_request_duration_seconds",
                    {{"route", route}, {"method", method}, {"status_class", klass}});
  }
  writer.family("ec_request_verification_failures_total", "counter",
                "Platform requests refused because their signature or token did not verify, by "
                "surface and reason.");
  for (const auto& [key, n] : verification_failures_) {
    writer.sample("ec_request_verification_failures_total",
                  {{"surface", key.first}, {"reason", key.second}}, static_cast<double>(n));
  }
}

}  // namespace ec::app
