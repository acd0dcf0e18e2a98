// MattermostApi: a small client for the Mattermost REST API v4 calls the service makes as its
// bot account (POST /api/v4/posts, PUT /api/v4/posts/{id}/patch, GET
// /api/v4/channels/{id}/posts, POST /api/v4/actions/dialogs/open) and for answering a slash
// command through its response_url; also POST /api/v4/posts/ephemeral and GET
// /api/v4/users/{id}. JSON bodies with "Authorization: Bearer <bot token>"
// through core's HttpClient (TLS verified against the configured CA bundle).
// Errors follow check_delivery_response(): 2xx success; 408/429/5xx Unavailable (retried by
// the outbox); 401/403 PermissionDenied; other 4xx InvalidArgument. Messages name the call and
// status with a short body excerpt (Mattermost's AppError JSON), never the token.
// Thread-safe: holds no mutable state; the HttpClient is shared and thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "plugin/core/http_client.h"
#include "plugin/core/result.h"
#include "plugin/core/time.h"

namespace ec::delivery {

struct MattermostApiOptions {
  std::string base_url;     // "https://chat.example.com" (no trailing slash, no /api/v4)
  std::string bot_token;    // the bot account's access token
  std::chrono::milliseconds timeout{10'000};
};

class MattermostApi {
 public:
  // `http` and `clock` must outlive this object.
  MattermostApi(HttpClient& http, const Clock& clock, MattermostApiOptions options);

  // Creates a post in `channel_id`; `post` holds message/props/root_id. Returns the Post (201).
  [[nodiscard]] Result<nlohmann::json> create_post(const std::string& channel_id,
                                                   nlohmann::json post);
  // An ephemeral post only `user_id` sees (POST /api/v4/posts/ephemeral).
  [[nodiscard]] Result<nlohmann::json> create_ephemeral_post(const std::string& user_id,
                                                             const std::string& channel_id,
                                                             const std::string& message);
  // The user (GET /api/v4/users/{id}), for showing @username.
  [[nodiscard]] Result<nlohmann::json> get_user(const std::string& user_id);
  // Partially updates a post (message and/or props); returns the updated Post.
  [[nodiscard]] Result<nlohmann::json> patch_post(const std::string& post_id,
                                                  const nlohmann::json& patch);
  // The channel's newest posts: {"order": [ids], "posts": {id: Post}}.
  [[nodiscard]] Result<nlohmann::json> channel_posts(const std::string& channel_id, int per_page);
  // Opens an interactive dialog for a trigger_id (valid for a few seconds only).
  [[nodiscard]] Status open_dialog(const std::string& trigger_id, const std::string& url,
                                   const nlohmann::json& dialog);
  // POSTs a command response (response_type, text, props) to a response_url. No bot token is
  // sent there: the URL itself is the credential.
  [[nodiscard]] Status post_response_url(const std::string& url, const nlohmann::json& response);

  const std::string& base_url() const { return options_.base_url; }

 private:
  [[nodiscard]] Result<nlohmann::json> call(std::string method, const std::string& path,
                                            const nlohmann::json* body);

  HttpClient& http_;
  const Clock& clock_;
  const MattermostApiOptions options_;
};

}  // namespace ec::delivery
