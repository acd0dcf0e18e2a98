#include "plugin/app/http_service.h"

#include <sys/socket.h>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <thread>

#include "plugin/app/metrics_text.h"

namespace ec::app {
namespace {

constexpr std::size_t kMaxBodyBytes = 1 << 20;  // 1 MiB: platform payloads are far smaller
// httplib 0.11.4 listens with a backlog of 5: a burst of new connections (Slack opens several at
// once) drops SYNs and stalls clients for a second or more. bind() raises it to this.
constexpr int kListenBacklog = 1024;

// When routing began for the request this worker thread is serving. httplib runs the pre-routing
// handler, the route handler and the post-routing handler of one request on one thread, so a
// thread_local carries the start from the first to the last; the post-routing handler clears it
// (a request refused before routing, e.g. an unparsable request line, finds it empty).
thread_local std::optional<std::chrono::steady_clock::time_point> t_routing_started;

// The route pattern that served the request, never the raw path: a path with captures
// ("/cases/CASE-1/drafts/D1" for "/cases/([^/]+)/drafts/([^/]+)") gets each capture replaced by
// ":1", ":2", ...; a literal route is its own path; a request no route matched is "unmatched",
// so scanners cannot grow the number of series.
std::string route_label(const httplib::Request& request) {
  if (request.matches.empty()) return "unmatched";
  std::string label;
  std::size_t at = 0;
  for (std::size_t i = 1; i < request.matches.size(); ++i) {
    if (!request.matches[i].matched) continue;
    const auto begin = static_cast<std::size_t>(request.matches.position(static_cast<int>(i)));
    if (begin < at) continue;  // nested capture inside one already replaced
    label += request.path.substr(at, begin - at) + ":" + std::to_string(i);
    at = begin + static_cast<std::size_t>(request.matches.length(static_cast<int>(i)));
  }
  return label + request.path.substr(std::min(at, request.path.size()));
}

}  // namespace

HttpService::HttpService(Store& store) : store_(store) {
  server_.set_tcp_nodelay(true);
  // Replaces httplib's defaults (SO_REUSEADDR and SO_REUSEPORT): no SO_REUSEPORT, so a stale
  // server still on the port makes bind() fail instead of silently sharing the traffic.
  server_.set_socket_options([this](socket_t sock) {
    const int yes = 1;
    (void)::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    listen_fd_.store(sock);
  });
  server_.set_keep_alive_max_count(1000);
  server_.set_payload_max_length(kMaxBodyBytes);
  // Each keep-alive connection holds a worker for its whole life: size the pool for the
  // connections we expect (Slack plus a load test at 32), not for the cores.
  const unsigned threads = std::max(64u, std::thread::hardware_concurrency() * 8);
  server_.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server_.set_exception_handler(
      [](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
        response.status = 500;
        response.set_content("internal error\n", "text/plain");
      });
  server_.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    t_routing_started = std::chrono::steady_clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // Counted before the response is written (the logger runs after), so a client that reads
  // /metrics right after a request always sees that request counted.
  server_.set_post_routing_handler(
      [this](const httplib::Request& request, httplib::Response& response) {
        std::optional<double> seconds;
        if (t_routing_started) {
          seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                                  *t_routing_started)
                        .count();
          t_routing_started.reset();
        }
        metrics_.record_request(route_label(request), request.method, response.status, seconds);
      });
  register_routes();
}

void HttpService::register_routes() {
  server_.Get("/healthz", [this](const httplib::Request&, httplib::Response& response) {
    auto tx = store_.begin();
    if (!tx) {
      response.status = 503;
      response.set_content("{\"status\":\"unavailable\",\"reason\":\"store\"}\n",
                           "application/json");
      return;
    }
    response.set_content("{\"status\":\"ok\"}\n", "application/json");
  });
  server_.Get("/metrics", [this](const httplib::Request&, httplib::Response& response) {
    response.set_content(render_metrics(), "text/plain; version=0.0.4");
  });
}

std::string HttpService::render_metrics() {
  ExpositionWriter writer;
  metrics_.write(writer);
  auto shared = store_metrics_.render();
  writer.family("ec_store_up", "gauge",
                "1 when this scrape could read the store; 0 leaves out the store's families.");
  writer.sample("ec_store_up", {}, shared ? 1 : 0);
  if (!shared) spdlog::warn("metrics: store not read: {}", shared.error().message);
  return writer.str() + shared.value_or(std::string());
}

Result<int> HttpService::bind(const std::string& host, int port) {
  int bound = port;
  if (port == 0) {
    bound = server_.bind_to_any_port(host);
    if (bound <= 0) return make_error(ErrorCode::Unavailable, "cannot bind " + host);
  } else if (!server_.bind_to_port(host, port)) {
    return make_error(ErrorCode::Unavailable,
                      "cannot bind " + host + ":" + std::to_string(port) + " (in use?)");
  }
  // Calling listen() again on a listening socket only changes its backlog (Linux).
  if (const int fd = listen_fd_.load(); fd >= 0) (void)::listen(fd, kListenBacklog);
  return bound;
}

void HttpService::listen() { server_.listen_after_bind(); }

void HttpService::stop() { server_.stop(); }

}  // namespace ec::app
