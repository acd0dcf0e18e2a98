#include "adapters/okta/okta_api.h"

#include <algorithm>
#include <utility>

#include "adapters/common/text.h"

namespace ec::adapters::okta {
namespace {

using std::chrono::milliseconds;

bool retryable_status(int status) { return status == 429 || status >= 500; }

bool retryable_error(const Error& error) {
  return error.code == ErrorCode::Unavailable || error.code == ErrorCode::DeadlineExceeded;
}

}  // namespace

OktaApi::OktaApi(HttpClient& http, const Clock& clock, Sleeper sleep, std::string base_url,
                 std::string token, RetryPolicy policy)
    : http_(http),
      clock_(clock),
      sleep_(std::move(sleep)),
      base_url_(std::move(base_url)),
      token_(std::move(token)),
      policy_(policy) {}

Result<ApiResponse> OktaApi::get(const std::string& url) {
  HttpRequest request;
  request.method = "GET";
  request.url = url;
  request.headers = {{"Authorization", "SSWS " + token_}, {"Accept", "application/json"}};
  request.timeout = policy_.request_timeout;
  ApiResponse out;
  for (int attempt = 1;; ++attempt) {
    out.attempts = attempt;
    auto result = http_.send(request);
    if (result) out.response = std::move(*result);
    const bool retry = result ? retryable_status(out.response.status)
                              : retryable_error(result.error());
    if (!retry || attempt >= policy_.max_attempts) {
      if (!result) return make_error(result.error().code, redact(result.error().message));
      return out;
    }
    const milliseconds delay = retry_delay(result ? &out.response : nullptr, attempt);
    if (delay > policy_.max_wait_per_retry || waited_ + delay > policy_.max_total_wait) {
      if (!result) return make_error(result.error().code, redact(result.error().message));
      return out;  // the wait would exceed the budget: give up with what we have
    }
    sleep_(delay);
    waited_ += delay;
    out.waited += delay;
  }
}

milliseconds OktaApi::retry_delay(const HttpResponse* response, int attempt) const {
  if (response != nullptr && response->status == 429) {
    const auto reset = response->header("X-Rate-Limit-Reset");
    const auto seconds = reset ? common::parse_int(*reset) : std::nullopt;
    if (seconds) {  // wait until the window resets, plus a second of margin
      const auto until_reset = from_unix_seconds(*seconds) - clock_.now();
      return std::max(milliseconds{0}, until_reset) + milliseconds{1'000};
    }
  }
  milliseconds delay = policy_.first_backoff;
  for (int i = 1; i < attempt && delay < policy_.max_wait_per_retry; ++i) delay *= 2;
  return std::min(delay, policy_.max_wait_per_retry);
}

std::string OktaApi::redact(std::string text) const {
  if (token_.empty()) return text;
  static constexpr std::string_view kMask = "[redacted]";
  for (auto at = text.find(token_); at != std::string::npos;
       at = text.find(token_, at + kMask.size())) {
    text.replace(at, token_.size(), kMask);
  }
  return text;
}

bool OktaApi::same_origin(std::string_view url) const {
  if (!url.starts_with(base_url_)) return false;
  const std::string_view rest = url.substr(base_url_.size());
  return rest.empty() || rest.front() == '/' || rest.front() == '?';
}

}  // namespace ec::adapters::okta
