#include "plugin/delivery/mattermost_api.h"

#include "plugin/core/hash.h"
#include "plugin/delivery/http_delivery.h"

namespace ec::delivery {
namespace {

using nlohmann::json;

constexpr std::string_view kName = "mattermost";

}  // namespace

MattermostApi::MattermostApi(HttpClient& http, const Clock& clock, MattermostApiOptions options)
    : http_(http), clock_(clock), options_(std::move(options)) {}

Result<json> MattermostApi::call(std::string method, const std::string& path, const json* body) {
  HttpRequest request;
  request.method = std::move(method);
  request.url = options_.base_url + path;
  request.headers = {{"Authorization", "Bearer " + options_.bot_token},
                     {"Accept", "application/json"}};
  if (body != nullptr) {
    request.headers.emplace_back("Content-Type", "application/json");
    request.body = canonical_json(*body);
  }
  request.timeout = options_.timeout;
  auto response = check_delivery_response(kName, request, http_.send(request), clock_.now(),
                                          {options_.bot_token});
  if (!response) return std::unexpected(response.error());
  if (response->body.empty()) return json::object();
  json parsed = json::parse(response->body, nullptr, false);
  if (parsed.is_discarded()) {
    return make_error(ErrorCode::InvalidArgument, std::string(kName) + ": " + request.method +
                                                      " " + request.url +
                                                      ": answer is not JSON");
  }
  return parsed;
}

Result<json> MattermostApi::create_post(const std::string& channel_id, json post) {
  post["channel_id"] = channel_id;
  return call("POST", "/api/v4/posts", &post);
}

Result<json> MattermostApi::create_ephemeral_post(const std::string& user_id,
                                                  const std::string& channel_id,
                                                  const std::string& message) {
  const json body = {{"user_id", user_id},
                     {"post", {{"channel_id", channel_id}, {"message", message}}}};
  return call("POST", "/api/v4/posts/ephemeral", &body);
}

Result<json> MattermostApi::get_user(const std::string& user_id) {
  return call("GET", "/api/v4/users/" + url_encode_component(user_id), nullptr);
}

Result<json> MattermostApi::patch_post(const std::string& post_id, const json& patch) {
  return call("PUT", "/api/v4/posts/" + url_encode_component(post_id) + "/patch", &patch);
}

Result<json> MattermostApi::channel_posts(const std::string& channel_id, int per_page) {
  return call("GET",
              "/api/v4/channels/" + url_encode_component(channel_id) +
                  "/posts?page=0&per_page=" + std::to_string(per_page),
              nullptr);
}

Status MattermostApi::open_dialog(const std::string& trigger_id, const std::string& url,
                                  const json& dialog) {
  const json body = {{"trigger_id", trigger_id}, {"url", url}, {"dialog", dialog}};
  auto opened = call("POST", "/api/v4/actions/dialogs/open", &body);
  if (!opened) return std::unexpected(opened.error());
  return ok_status();
}

Status MattermostApi::post_response_url(const std::string& url, const json& response) {
  HttpRequest request;
  request.method = "POST";
  request.url = url;
  request.headers = {{"Content-Type", "application/json"}};
  request.body = canonical_json(response);
  request.timeout = options_.timeout;
  auto sent = check_delivery_response("mattermost response_url", request, http_.send(request),
                                      clock_.now());
  if (!sent) return std::unexpected(sent.error());
  return ok_status();
}

}  // namespace ec::delivery
