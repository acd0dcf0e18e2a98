// OktaApi: authenticated GETs against one Okta org with Okta's retry rules. Adds
// `Authorization: SSWS <token>` and `Accept: application/json`; on 429 waits until
// X-Rate-Limit-Reset (by the injected Clock and Sleeper, so tests never sleep), on 5xx and
// transport errors backs off; both bounded per request and by a wait budget per operation.
// The token lives only in the request header: redact() scrubs it from any text that came back.
// Not thread-safe (per-operation wait budget); the owner serializes calls. Does not own the
// HttpClient or Clock.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "plugin/core/http_client.h"
#include "plugin/core/time.h"

namespace ec::adapters::okta {

using Sleeper = std::function<void(std::chrono::milliseconds)>;

struct RetryPolicy {
  int max_attempts = 4;                                // per request, the first one included
  std::chrono::milliseconds first_backoff{1'000};      // 5xx / transport: doubles each retry
  std::chrono::milliseconds max_wait_per_retry{65'000};  // Okta's windows are ~60 s
  std::chrono::milliseconds max_total_wait{180'000};   // per operation (begin_operation())
  std::chrono::milliseconds request_timeout{60'000};   // Okta queries time out after 30 s
};

// The outcome of one logical GET after retries.
struct ApiResponse {
  HttpResponse response;  // the last response (2xx, or the 4xx/5xx/429 given up on)
  int attempts = 0;
  std::chrono::milliseconds waited{0};
  bool ok() const { return response.status >= 200 && response.status < 300; }
};

class OktaApi {
 public:
  OktaApi(HttpClient& http, const Clock& clock, Sleeper sleep, std::string base_url,
          std::string token, RetryPolicy policy);

  // Starts a new wait budget (call at the start of resolve_subject / collect).
  void begin_operation() { waited_ = std::chrono::milliseconds{0}; }

  // GETs an absolute URL of this org. Any final status is a value (check ok()); the error is the
  // transport error (Unavailable / DeadlineExceeded / InvalidArgument) of the last attempt.
  [[nodiscard]] Result<ApiResponse> get(const std::string& url);

  // `text` with every occurrence of the token replaced by "[redacted]".
  std::string redact(std::string text) const;
  // True when `url` is on this org's origin (paging links must not carry the token elsewhere).
  bool same_origin(std::string_view url) const;
  const std::string& base_url() const { return base_url_; }

 private:
  std::chrono::milliseconds retry_delay(const HttpResponse* response, int attempt) const;

  HttpClient& http_;
  const Clock& clock_;
  Sleeper sleep_;
  std::string base_url_;  // "https://org.okta.example", no trailing slash
  std::string token_;
  RetryPolicy policy_;
  std::chrono::milliseconds waited_{0};
};

}  // namespace ec::adapters::okta
