#include "plugin/app/http_service.h"

#include <sys/socket.h>

#include <chrono>
#include <sstream>
#include <thread>

namespace ec::app {
namespace {

constexpr std::size_t kMaxBodyBytes = 1 << 20;  // 1 MiB: platform payloads are far smaller
// httplib 0.11.4 listens with a backlog of 5: a burst of new connections (Slack opens several at
// once) drops SYNs and stalls clients for a second or more. bind() raises it to this.
constexpr int kListenBacklog = 1024;

// Metric label values: escape backslash, quote and newline as the text format requires.
std::string label(const std::string& value) {
  std::string out;
  for (const char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
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
  // Counted before the response is written (the logger runs after), so a client that reads
  // /metrics right after a request always sees that request counted.
  server_.set_post_routing_handler(
      [this](const httplib::Request& request, httplib::Response& response) {
        count(request, response);
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

void HttpService::count(const httplib::Request& request, const httplib::Response& response) {
  std::lock_guard lock(metrics_mutex_);
  ++requests_[{request.path, request.method, response.status}];
}

std::string HttpService::render_metrics() {
  std::ostringstream out;
  out << "# HELP ec_http_requests_total HTTP requests by route, method and status.\n"
         "# TYPE ec_http_requests_total counter\n";
  {
    std::lock_guard lock(metrics_mutex_);
    for (const auto& [key, value] : requests_) {
      const auto& [path, method, status] = key;
      out << "ec_http_requests_total{path=\"" << label(path) << "\",method=\"" << label(method)
          << "\",status=\"" << status << "\"} " << value << "\n";
    }
  }
  auto tx = store_.begin();
  if (tx) {
    if (auto cases = (*tx)->list_cases(); cases) {
      std::map<std::string, int> by_state;
      for (const Case& c : *cases) ++by_state[std::string(case_state_name(c.state))];
      out << "# HELP ec_cases Cases by state.\n# TYPE ec_cases gauge\n";
      for (const auto& [state, n] : by_state) {
        out << "ec_cases{state=\"" << state << "\"} " << n << "\n";
      }
    }
  }
  return out.str();
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
