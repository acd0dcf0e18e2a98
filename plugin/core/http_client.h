// HttpClient: the one interface through which adapters and delivery make outbound HTTP calls.
// Core does no I/O; plugin/net implements it over cpp-httplib, tests pass fakes or point it at a
// loopback HTTPS fixture. Implementations must be thread-safe (one instance is shared by the
// whole process) and must never log header values: Authorization and similar headers carry
// secrets. Requests and responses are plain values.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "plugin/core/result.h"
#include "plugin/core/time.h"

namespace ec {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";
  // Absolute: "https://host[:port]/path?query", or "http://127.0.0.1[:port]/…" (loopback only,
  // for tests). Sent as written: the caller percent-encodes (see url_encode_component).
  // URLs appear in errors and diagnostics: secrets go in headers or the body, never here.
  std::string url;
  HttpHeaders headers;  // may carry secrets; never logged
  std::string body;
  std::chrono::milliseconds timeout{30'000};  // whole exchange: connect, send, receive
};

struct HttpResponse {
  int status = 0;
  HttpHeaders headers;  // in arrival order; a name may repeat (Link, Set-Cookie)
  std::string body;

  // The first value of header `name` (case-insensitive), or nullopt.
  [[nodiscard]] std::optional<std::string> header(std::string_view name) const;
  // Every value of header `name` (case-insensitive), in arrival order.
  [[nodiscard]] std::vector<std::string> header_values(std::string_view name) const;
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  HttpClient() = default;
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Performs one exchange. Redirects are not followed (a 3xx is returned as a response).
  // Any HTTP status, 4xx and 5xx included, is a response, not an error.
  // @return InvalidArgument for a malformed or disallowed URL (plain http to a non-loopback
  //   host); Unavailable when the host cannot be reached, TLS fails (handshake, certificate or
  //   host name verification) or the response is too large; DeadlineExceeded when
  //   `request.timeout` elapses. Error messages name the method and URL, never header values.
  [[nodiscard]] virtual Result<HttpResponse> send(const HttpRequest& request) = 0;
};

// The wait a response asks for in its Retry-After header (RFC 9110 10.2.3): delta-seconds
// ("120") or an HTTP-date ("Wed, 21 Oct 2026 07:28:00 GMT", compared with `now`). nullopt when the
// header is absent or unparseable; a date in the past gives 0.
[[nodiscard]] std::optional<std::chrono::milliseconds> retry_after(const HttpResponse& response,
                                                                   Timestamp now);
// The value of an "Authorization: Basic ..." header for user and password (RFC 7617: base64 of
// "user:password"). The result carries the secret: never log it.
std::string basic_authorization(std::string_view user, std::string_view password);

// Percent-encodes everything but RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~), for one
// path segment or one query parameter value: "a b@c" -> "a%20b%40c".
std::string url_encode_component(std::string_view text);

}  // namespace ec
