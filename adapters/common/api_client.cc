#include "adapters/common/api_client.h"

#include <algorithm>
#include <utility>

#include <nlohmann/json.hpp>

#include "adapters/common/json_fields.h"
#include "adapters/common/text.h"

namespace ec::adapters::common {
namespace {

using std::chrono::milliseconds;

bool retryable_status(int status) { return status == 429 || status >= 500; }

bool retryable_error(const Error& error) {
  return error.code == ErrorCode::Unavailable || error.code == ErrorCode::DeadlineExceeded;
}

// The text of the first <tag>…</tag> in an XML body, or "".
std::string xml_element_text(std::string_view body, std::string_view tag) {
  const std::string open = "<" + std::string(tag) + ">";
  const std::string close = "</" + std::string(tag) + ">";
  const auto begin = body.find(open);
  if (begin == std::string_view::npos) return {};
  const auto end = body.find(close, begin + open.size());
  if (end == std::string_view::npos) return {};
  return std::string(body.substr(begin + open.size(), end - begin - open.size()));
}

// The API's own words about a failure, from the shapes the supported APIs use.
std::string error_text(const std::string& body) {
  if (body.find("<Error>") != std::string::npos) {  // S3: <Error><Code>…</Code><Message>…
    std::string text = xml_element_text(body, "Code");
    const std::string message = xml_element_text(body, "Message");
    if (!message.empty()) text += (text.empty() ? "" : ": ") + message;
    return text;
  }
  const auto json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return {};
  std::string text = get_string(json, {"errorSummary"});                   // Okta
  if (text.empty()) text = get_string(json, {"error", "message"});         // Microsoft Graph
  if (text.empty()) {                                                      // Zendesk
    text = get_string(json, {"error"});
    const std::string description = get_string(json, {"description"});
    if (!description.empty()) text += (text.empty() ? "" : ": ") + description;
  }
  return text;
}

}  // namespace

ApiClient::ApiClient(HttpClient& http, const Clock& clock, Sleeper sleep, std::string base_url,
                     std::string authorization, std::string secret, RetryPolicy policy)
    : http_(http),
      clock_(clock),
      sleep_(std::move(sleep)),
      base_url_(std::move(base_url)),
      authorization_(std::move(authorization)),
      secret_(std::move(secret)),
      policy_(policy) {
  if (secret_.empty()) secret_ = authorization_;
}

Result<ApiResponse> ApiClient::get(const std::string& url) {
  HttpRequest request;
  request.method = "GET";
  request.url = url;
  request.timeout = policy_.request_timeout;
  ApiResponse out;
  for (int attempt = 1;; ++attempt) {
    out.attempts = attempt;
    request.headers = {{"Accept", "application/json"}};
    if (signer_) {
      signer_(request);
    } else {
      request.headers.emplace_back("Authorization", authorization_);
    }
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

milliseconds ApiClient::retry_delay(const HttpResponse* response, int attempt) const {
  if (response != nullptr) {  // 429, or a 503 that says when to come back (Graph does)
    if (const auto after = retry_after(*response, clock_.now())) return *after;
  }
  if (response != nullptr && response->status == 429) {
    const auto reset = response->header("X-Rate-Limit-Reset");
    const auto seconds = reset ? parse_int(*reset) : std::nullopt;
    if (seconds) {  // wait until the window resets, plus a second of margin
      const auto until_reset = from_unix_seconds(*seconds) - clock_.now();
      return std::max(milliseconds{0},
                      std::chrono::duration_cast<milliseconds>(until_reset)) +
             milliseconds{1'000};
    }
  }
  milliseconds delay = policy_.first_backoff;
  for (int i = 1; i < attempt && delay < policy_.max_wait_per_retry; ++i) delay *= 2;
  return std::min(delay, policy_.max_wait_per_retry);
}

std::string ApiClient::redact(std::string text) const {
  if (secret_.empty()) return text;
  static constexpr std::string_view kMask = "[redacted]";
  for (auto at = text.find(secret_); at != std::string::npos;
       at = text.find(secret_, at + kMask.size())) {
    text.replace(at, secret_.size(), kMask);
  }
  return text;
}

bool ApiClient::same_origin(std::string_view url) const {
  if (!url.starts_with(base_url_)) return false;
  const std::string_view rest = url.substr(base_url_.size());
  return rest.empty() || rest.front() == '/' || rest.front() == '?';
}

std::string response_location(std::string_view url, int status) {
  return "GET " + std::string(url) + " -> " + std::to_string(status);
}

std::string status_problem(const ApiResponse& got) {
  const int status = got.response.status;
  std::string message;
  if (status == 429) {
    message = "rate limited; gave up after " + std::to_string(got.attempts) + " attempts (waited " +
              std::to_string(got.waited.count() / 1000) + " s)";
  } else if (status >= 500) {
    message = "server error; gave up after " + std::to_string(got.attempts) + " attempts";
  } else {
    message = "unexpected status";
  }
  const std::string text = error_text(got.response.body);
  if (!text.empty()) message += ": " + text;
  return message;
}

}  // namespace ec::adapters::common
