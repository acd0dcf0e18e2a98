// How an HTTP-based outbound channel turns one exchange into a delivery outcome, in one place so
// every target (PagerDuty, Jira, Slack, ...) retries the same way: 2xx is success; 408, 429 and
// 5xx are Unavailable (retried by the outbox, no sooner than the response's Retry-After);
// 401/403 are PermissionDenied and other 4xx InvalidArgument (permanent: retrying the same
// request cannot succeed). Transport errors keep their code. Messages name the channel, method,
// URL and status plus a short, single-line excerpt of the response body, with every given secret
// masked. Pure functions; thread-safe.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "plugin/core/http_client.h"
#include "plugin/core/result.h"
#include "plugin/core/time.h"

namespace ec::delivery {

// `secrets`: values that must never appear in an error message (tokens, routing keys).
[[nodiscard]] Result<HttpResponse> check_delivery_response(
    std::string_view channel, const HttpRequest& request, Result<HttpResponse> exchange,
    Timestamp now, std::initializer_list<std::string_view> secrets = {});

// `text` cut to at most `max_bytes` (>= 4) with "..." appended when cut, never splitting a UTF-8
// sequence: for targets' field limits (PagerDuty summary, Jira summary).
std::string cut_utf8(std::string text, std::size_t max_bytes);

// Replaces every occurrence of each non-empty secret in `text` with "[redacted]".
std::string mask_secrets(std::string text, std::initializer_list<std::string_view> secrets);

}  // namespace ec::delivery
