#include "plugin/delivery/slack_web_api.h"

#include <algorithm>
#include <charconv>
#include <thread>

#include "plugin/core/hash.h"

namespace ec::delivery {
namespace {

using nlohmann::json;

// The response's Retry-After (core's parser: seconds or an HTTP date), 1 s when absent.
std::chrono::seconds parse_retry_after(const HttpResponse& response) {
  const auto wait = retry_after(response, SystemClock().now());
  return wait ? std::chrono::ceil<std::chrono::seconds>(*wait) : std::chrono::seconds(1);
}
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

ErrorCode slack_error_code(std::string_view e) {
  if (e == "not_authed" || e == "invalid_auth" || e == "token_revoked" || e == "token_expired" ||
      e == "account_inactive") {
    return ErrorCode::Unauthenticated;
  }
  if (e == "missing_scope" || e == "restricted_action" || e == "not_allowed_token_type" ||
      e == "ekm_access_denied") {
    return ErrorCode::PermissionDenied;
  }
  if (ends_with(e, "_not_found")) return ErrorCode::NotFound;
  if (e == "not_in_channel") return ErrorCode::FailedPrecondition;
  if (e == "ratelimited" || e == "internal_error" || e == "fatal_error" ||
      e == "service_unavailable" || e == "request_timeout") {
    return ErrorCode::Unavailable;
  }
  return ErrorCode::InvalidArgument;
}

SlackWebApi::SlackWebApi(HttpClient& http, SlackWebApiOptions options, Sleeper sleeper)
    : http_(http), options_(std::move(options)), sleeper_(std::move(sleeper)) {
  if (!sleeper_) sleeper_ = [](std::chrono::seconds s) { std::this_thread::sleep_for(s); };
}

Result<HttpResponse> SlackWebApi::send_with_rate_limit(HttpRequest request, std::string_view what) {
  for (int attempt = 0;; ++attempt) {
    auto response = http_.send(request);
    if (!response) return std::unexpected(response.error().with_context("slack " + std::string(what)));
    if (response->status != 429) return response;
    const auto wait = parse_retry_after(*response);
    if (attempt >= options_.max_rate_limit_retries || wait > options_.max_retry_after) {
      return make_error(ErrorCode::Unavailable, "slack " + std::string(what) +
                                                    ": rate limited (Retry-After " +
                                                    std::to_string(wait.count()) + " s)");
    }
    sleeper_(wait);
  }
}

Result<json> SlackWebApi::call(std::string_view method, const json& args) {
  HttpRequest request;
  request.method = "POST";
  request.url = options_.base_url + "/" + std::string(method);
  request.headers = {{"Authorization", "Bearer " + options_.bot_token},
                     {"Content-Type", "application/json; charset=utf-8"}};
  request.body = canonical_json(args);
  request.timeout = options_.timeout;
  auto response = send_with_rate_limit(std::move(request), method);
  if (!response) return std::unexpected(response.error());
  const std::string where = "slack " + std::string(method);
  if (response->status >= 500) {
    return make_error(ErrorCode::Unavailable, where + ": HTTP " + std::to_string(response->status));
  }
  json body = json::parse(response->body, nullptr, false);
  if (response->status != 200 || body.is_discarded() || !body.is_object()) {
    return make_error(ErrorCode::InvalidArgument,
                      where + ": unexpected HTTP " + std::to_string(response->status) + " answer");
  }
  if (!body.value("ok", false)) {
    const std::string error = body.value("error", std::string("unknown_error"));
    return make_error(slack_error_code(error), where + ": " + error);
  }
  return body;
}

Result<json> SlackWebApi::post_message(const std::string& channel, json message) {
  message["channel"] = channel;
  auto posted = call("chat.postMessage", message);
  if (!posted && posted.error().message.ends_with(": not_in_channel")) {
    auto joined = join(channel);
    if (!joined) return std::unexpected(joined.error());
    return call("chat.postMessage", message);  // once
  }
  return posted;
}

Result<json> SlackWebApi::update_message(const std::string& channel, const std::string& ts,
                                         json message) {
  message["channel"] = channel;
  message["ts"] = ts;
  return call("chat.update", message);
}

Result<json> SlackWebApi::post_ephemeral(const std::string& channel, const std::string& user,
                                         json message) {
  message["channel"] = channel;
  message["user"] = user;
  return call("chat.postEphemeral", message);
}

Result<json> SlackWebApi::open_view(const std::string& trigger_id, const json& view) {
  return call("views.open", {{"trigger_id", trigger_id}, {"view", view}});
}

Result<json> SlackWebApi::create_conversation(const std::string& name, bool is_private) {
  return call("conversations.create", {{"name", name}, {"is_private", is_private}});
}

Result<json> SlackWebApi::invite(const std::string& channel, const std::string& users) {
  return call("conversations.invite", {{"channel", channel}, {"users", users}});
}

Result<json> SlackWebApi::join(const std::string& channel) {
  return call("conversations.join", {{"channel", channel}});
}

Result<json> SlackWebApi::history(const std::string& channel, int limit) {
  return call("conversations.history",
              {{"channel", channel}, {"limit", limit}, {"include_all_metadata", true}});
}

Status SlackWebApi::post_response_url(const std::string& url, const json& message) {
  HttpRequest request;
  request.method = "POST";
  request.url = url;
  request.headers = {{"Content-Type", "application/json; charset=utf-8"}};
  request.body = canonical_json(message);
  request.timeout = options_.timeout;
  auto response = send_with_rate_limit(std::move(request), "response_url");
  if (!response) return std::unexpected(response.error());
  if (response->status >= 200 && response->status < 300) return ok_status();
  if (response->status == 404 || response->status == 410) {
    return make_error(ErrorCode::FailedPrecondition, "slack response_url: expired or used up");
  }
  if (response->status >= 500) {
    return make_error(ErrorCode::Unavailable,
                      "slack response_url: HTTP " + std::to_string(response->status));
  }
  return make_error(ErrorCode::InvalidArgument,
                    "slack response_url: HTTP " + std::to_string(response->status) + " " +
                        response->body.substr(0, 100));
}

}  // namespace ec::delivery
