// The HTTP side of `serve`: binds httplib to the configured address, serves /healthz and
// GET /metrics (Prometheus text format: ProcessMetrics for this process's requests, then
// store_metrics.h for what replicas share), and times every request from routing to the
// response, labelled by route pattern. Platform routes (Slack, Mattermost, Zendesk) register
// here and report verification failures through metrics().
// Thread-safety: handlers run on httplib's pool; ProcessMetrics is thread-safe.
#pragma once

#include <httplib.h>

#include <atomic>
#include <functional>
#include <string>

#include "plugin/app/process_metrics.h"
#include "plugin/app/service_metrics.h"
#include "plugin/app/store_metrics.h"
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

  // The whole exposition: process families, ec_store_up, then the store's families (left out,
  // with ec_store_up 0, when the store cannot be read).
  std::string render_metrics();
  // Where surfaces report verification failures; lives as long as the service.
  ServiceMetrics& metrics() { return metrics_; }

  // Lets a platform register its routes (before listen(): httplib's tables are not locked).
  void add_routes(const std::function<void(httplib::Server&)>& registrar) { registrar(server_); }

 private:
  void register_routes();

  Store& store_;
  httplib::Server server_;
  std::atomic<int> listen_fd_{-1};  // the listening socket, to raise httplib's backlog of 5
  ProcessMetrics metrics_;
  StoreMetrics store_metrics_{store_};
};

}  // namespace ec::app
