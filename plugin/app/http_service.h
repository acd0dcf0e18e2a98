// The HTTP side of `serve`: binds httplib to the configured address, serves /healthz and
// /metrics (Prometheus text format), and counts requests per route and status. Platform routes
// (Slack, Mattermost, Zendesk) register here as their issues land.
// Thread-safety: handlers run on httplib's pool; counters are guarded by metrics_mutex_.
#pragma once

#include <httplib.h>

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include "plugin/core/store.h"

namespace ec::app {

class HttpService {
 public:
  explicit HttpService(Store& store);
  HttpService(const HttpService&) = delete;
  HttpService& operator=(const HttpService&) = delete;

  // Binds host:port (port 0 picks a free port). Unavailable when the address is taken.
  [[nodiscard]] Result<int> bind(const std::string& host, int port);
  // Serves until stop(); blocks the calling thread.
  void listen();
  void stop();
  bool is_running() const { return server_.is_running(); }

  std::string render_metrics();

  // Lets a platform register its routes (before listen(): httplib's tables are not locked).
  void add_routes(const std::function<void(httplib::Server&)>& registrar) { registrar(server_); }

 private:
  void register_routes();
  void count(const httplib::Request& request, const httplib::Response& response);

  Store& store_;
  httplib::Server server_;
  std::atomic<int> listen_fd_{-1};  // the listening socket, to raise httplib's backlog of 5
  std::mutex metrics_mutex_;
  // (path, method, status) -> count, and path -> sum of seconds.
  std::map<std::tuple<std::string, std::string, int>, long> requests_;
  std::map<std::string, double> seconds_sum_;
};

}  // namespace ec::app
