// SlackWebApi: a small client for the Slack Web API methods the service uses (chat.postMessage,
// chat.update, chat.postEphemeral, views.open, conversations.create/invite/join/history) and for
// posting to an interaction's response_url. POSTs JSON with "Authorization: Bearer <bot token>"
// through core's HttpClient (TLS verified against the configured CA bundle).
//
// Errors: Slack answers HTTP 200 with {"ok":false,"error":"<code>"} on failure; that is an error
// here, mapped by slack_error_code(): not_authed/invalid_auth/token_revoked -> Unauthenticated,
// missing_scope/restricted_action -> PermissionDenied, *_not_found -> NotFound, ratelimited and
// Slack's internal_error/fatal_error/service_unavailable/request_timeout -> Unavailable (retried
// by the outbox), anything else -> InvalidArgument (permanent, never retried). HTTP 429 is
// retried after its Retry-After seconds (through the injected sleeper, at most
// max_rate_limit_retries times, each wait capped), then Unavailable. HTTP 5xx is Unavailable.
// post_message() joins the channel and retries once on not_in_channel.
// The token appears only in the Authorization header: never in a URL, a log line or an error.
// Thread-safe: holds no mutable state; the HttpClient is shared and thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "plugin/core/http_client.h"
#include "plugin/core/result.h"

namespace ec::delivery {

struct SlackWebApiOptions {
  std::string base_url = "https://slack.com/api";   // no trailing slash
  std::string bot_token;                            // xoxb-...
  int max_rate_limit_retries = 2;
  std::chrono::seconds max_retry_after{30};
  std::chrono::milliseconds timeout{10'000};
};

// The error code for one of Slack's `error` strings (see above).
ErrorCode slack_error_code(std::string_view slack_error);

class SlackWebApi {
 public:
  using Sleeper = std::function<void(std::chrono::seconds)>;

  // `http` must outlive this object. The default sleeper sleeps the calling thread.
  SlackWebApi(HttpClient& http, SlackWebApiOptions options, Sleeper sleeper = {});

  // Calls one method with a JSON body; returns the whole {"ok":true,...} response.
  [[nodiscard]] Result<nlohmann::json> call(std::string_view method, const nlohmann::json& args);

  // `message` holds text/blocks (and optionally metadata, thread_ts); channel is set here.
  [[nodiscard]] Result<nlohmann::json> post_message(const std::string& channel,
                                                    nlohmann::json message);
  [[nodiscard]] Result<nlohmann::json> update_message(const std::string& channel,
                                                      const std::string& ts,
                                                      nlohmann::json message);
  [[nodiscard]] Result<nlohmann::json> post_ephemeral(const std::string& channel,
                                                      const std::string& user,
                                                      nlohmann::json message);
  [[nodiscard]] Result<nlohmann::json> open_view(const std::string& trigger_id,
                                                 const nlohmann::json& view);
  [[nodiscard]] Result<nlohmann::json> create_conversation(const std::string& name,
                                                           bool is_private);
  [[nodiscard]] Result<nlohmann::json> invite(const std::string& channel,
                                              const std::string& users);
  [[nodiscard]] Result<nlohmann::json> join(const std::string& channel);
  [[nodiscard]] Result<nlohmann::json> history(const std::string& channel, int limit);

  // POSTs `message` to a response_url (replace_original, response_type, ...). Any 2xx is
  // success; 404/410 (expired or used up) is FailedPrecondition; 5xx Unavailable.
  [[nodiscard]] Status post_response_url(const std::string& url, const nlohmann::json& message);

 private:
  [[nodiscard]] Result<HttpResponse> send_with_rate_limit(HttpRequest request,
                                                          std::string_view what);

  HttpClient& http_;
  const SlackWebApiOptions options_;
  Sleeper sleeper_;
};

}  // namespace ec::delivery
