// HttplibClient: ec::HttpClient over cpp-httplib (Debian 0.11.4, built with OpenSSL).
// TLS certificates and host names are always verified against one CA bundle (the system bundle,
// or a CA file from config so tests can trust a loopback fixture). Plain http is refused except
// to loopback hosts. Redirects are not followed; response bodies are capped.
// Thread-safe: send() builds a fresh httplib client per call and shares no mutable state.
// Never logs; error messages name method and URL, never header values.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "plugin/core/http_client.h"

namespace ec::net {

inline constexpr char kSystemCaBundle[] = "/etc/ssl/certs/ca-certificates.crt";

struct HttplibClientOptions {
  std::string ca_file = kSystemCaBundle;            // PEM bundle trusted for https
  std::chrono::milliseconds connect_timeout{10'000};  // capped by each request's timeout
  std::size_t max_response_bytes = 64 * 1024 * 1024;  // larger bodies: Unavailable
};

class HttplibClient final : public HttpClient {
 public:
  // InvalidArgument when `options.ca_file` names a file that is not readable. The system
  // bundle is not checked here (an offline run needs none); a missing one makes https requests
  // fail with Unavailable.
  [[nodiscard]] static Result<std::unique_ptr<HttplibClient>> create(HttplibClientOptions options);

  // HttpClient. The request timeout bounds connecting (with connect_timeout), each read, and the
  // whole body; a read that stalls longer is DeadlineExceeded.
  [[nodiscard]] Result<HttpResponse> send(const HttpRequest& request) override;

  const HttplibClientOptions& options() const { return options_; }

 private:
  explicit HttplibClient(HttplibClientOptions options) : options_(std::move(options)) {}
  const HttplibClientOptions options_;
};

}  // namespace ec::net
