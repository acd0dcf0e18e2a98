// ProcessMetrics: the per-process half of GET /metrics: HTTP requests and their latency per route
// pattern, method and status class, and request verification failures per surface and reason.
// (Shared state, read from the store, is store_metrics.h.) Counters start at zero with the
// process, as Prometheus counters do. Thread-safe: one mutex guards the maps.
#pragma once

#include <map>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

#include "plugin/app/metrics_text.h"
#include "plugin/app/service_metrics.h"

namespace ec::app {

class ProcessMetrics final : public ServiceMetrics {
 public:
  ProcessMetrics() = default;
  ProcessMetrics(const ProcessMetrics&) = delete;
  ProcessMetrics& operator=(const ProcessMetrics&) = delete;

  // One answered request. `route` is the route pattern ("/slack/events"), never a raw path with
  // ids in it; `seconds` is absent when the request never reached routing.
  void record_request(std::string_view route, std::string_view method, int status,
                      std::optional<double> seconds);

  // ServiceMetrics
  void record_verification_failure(std::string_view surface, std::string_view reason) override;

  // Appends ec_http_requests_total, ec_http_request_duration_seconds and
  // ec_request_verification_failures_total.
  void write(ExpositionWriter& writer) const;

 private:
  using RequestKey = std::tuple<std::string, std::string, std::string>;  // route, method, class
  mutable std::mutex mutex_;
  std::map<RequestKey, std::uint64_t> requests_;             // guarded by mutex_
  std::map<RequestKey, Histogram> latency_;                  // guarded by mutex_
  std::map<std::pair<std::string, std::string>, std::uint64_t> verification_failures_;  // ditto
};

// "2xx", "4xx", ... for an HTTP status.
std::string status_class(int status);

}  // namespace ec::app
