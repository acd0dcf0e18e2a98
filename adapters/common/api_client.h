// ApiClient: authenticated GETs against one HTTPS API origin with bounded retries, shared by the
// live modes of every adapter (Okta, Microsoft Graph, Zendesk, the product's export API). Adds
// the given Authorization header and `Accept: application/json`. On 429 (or a 5xx carrying it)
// it waits for `Retry-After` (delta seconds, Graph and Zendesk), on 429 otherwise until
// `X-Rate-Limit-Reset` (epoch seconds, Okta); on other 5xx and transport errors it backs off
// exponentially; every wait goes through the injected Clock and Sleeper (tests never sleep) and is
// bounded per retry, per request (max_attempts) and per operation (max_total_wait, reset by
// begin_operation()). The credential lives only in the request header: redact() scrubs it from any
// returned text. An API that signs each request (AWS Signature Version 4) passes a RequestSigner
// instead of a fixed Authorization header: it runs on every attempt, so each retry carries a fresh
// signature. Not thread-safe (per-operation wait budget); the owner serializes calls. Does not own
// the HttpClient or Clock.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "plugin/core/http_client.h"
#include "plugin/core/time.h"

namespace ec::adapters::common {

using Sleeper = std::function<void(std::chrono::milliseconds)>;
// Adds the authentication headers to a request about to be sent (method, url and other headers
// are final). Must not log the request.
using RequestSigner = std::function<void(HttpRequest&)>;

struct RetryPolicy {
  int max_attempts = 4;                                  // per request, the first one included
  std::chrono::milliseconds first_backoff{1'000};        // 5xx / transport: doubles each retry
  std::chrono::milliseconds max_wait_per_retry{65'000};  // rate-limit windows are ~60 s
  std::chrono::milliseconds max_total_wait{180'000};     // per operation (begin_operation())
  std::chrono::milliseconds request_timeout{60'000};
};

// The outcome of one logical GET after retries.
struct ApiResponse {
  HttpResponse response;  // the last response (2xx, or the 4xx/5xx/429 given up on)
  int attempts = 0;
  std::chrono::milliseconds waited{0};
  bool ok() const { return response.status >= 200 && response.status < 300; }
};

class ApiClient {
 public:
  // `authorization` is the whole header value ("SSWS …", "Bearer …", "Basic …"); `secret` is
  // the part redact() scrubs (the token itself; empty: the whole header value).
  ApiClient(HttpClient& http, const Clock& clock, Sleeper sleep, std::string base_url,
            std::string authorization, std::string secret, RetryPolicy policy);

  // Signs every request with `signer` instead of the fixed Authorization header.
  void set_signer(RequestSigner signer) { signer_ = std::move(signer); }

  // Starts a new wait budget (call at the start of each top-level operation).
  void begin_operation() { waited_ = std::chrono::milliseconds{0}; }

  // GETs an absolute URL. Any final status is a value (check ok()); the error is the transport
  // error (Unavailable / DeadlineExceeded / InvalidArgument) of the last attempt, redacted.
  [[nodiscard]] Result<ApiResponse> get(const std::string& url);

  // `text` with every occurrence of the secret replaced by "[redacted]".
  std::string redact(std::string text) const;
  // True when `url` is on this API's origin (paging links must not carry the token elsewhere).
  bool same_origin(std::string_view url) const;
  const std::string& base_url() const { return base_url_; }

 private:
  std::chrono::milliseconds retry_delay(const HttpResponse* response, int attempt) const;

  HttpClient& http_;
  const Clock& clock_;
  Sleeper sleep_;
  std::string base_url_;  // "https://host[:port]", no trailing slash
  std::string authorization_;
  std::string secret_;
  RetryPolicy policy_;
  RequestSigner signer_;
  std::chrono::milliseconds waited_{0};
};

// "GET <url> -> <status>": the location of a diagnostic about one response.
std::string response_location(std::string_view url, int status);

// Why a final non-2xx response failed: "rate limited; gave up after 3 attempts (waited 120 s)",
// "server error; gave up after 4 attempts" or "unexpected status", followed by the API's own
// error text when the body carries one (Okta errorSummary, Graph error.message, Zendesk
// error/description, the S3 XML <Error><Code>/<Message>).
std::string status_problem(const ApiResponse& got);

}  // namespace ec::adapters::common
