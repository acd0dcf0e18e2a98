// FakeMattermost: a stateful stand-in for a Mattermost server's REST API v4 and command hooks on
// a loopback HTTPS server (HttpsTestServer, runtime CA). It implements the calls the service
// makes with Mattermost's wire shapes: POST /api/v4/posts (201 with the Post), PUT
// /api/v4/posts/{id}/patch, GET /api/v4/channels/{id}/posts ({"order","posts"}), POST
// /api/v4/posts/ephemeral, GET /api/v4/users/{id}, POST /api/v4/actions/dialogs/open, and
// records posts to /hooks/commands/{id} (response_url). Every /api/v4 call without the expected
// "Authorization: Bearer <token>" gets 401 with an AppError body.
// Thread-safe: handlers run on httplib's pool; all state is guarded by mutex_.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/fakes/https_test_server.h"

namespace ec::testing {

struct MattermostCall {
  std::string what;    // "posts", "patch", "channel_posts", "ephemeral", "user", "dialog", "hook"
  std::string path;
  std::string authorization;
  nlohmann::json body;
};

class FakeMattermost {
 public:
  explicit FakeMattermost(std::string bot_token);  // registers handlers and starts the server

  std::string base_url() const { return https_.base_url(); }
  std::string response_url(const std::string& id) const {
    return https_.base_url() + "/hooks/commands/" + id;
  }
  const std::filesystem::path& ca_file() const { return https_.ca_file(); }
  // Users GET /api/v4/users/{id} knows.
  void add_user(const std::string& id, const std::string& username);

  std::vector<MattermostCall> calls() const;
  std::vector<MattermostCall> calls(const std::string& what) const;
  // Posts currently in the channel (after patches), oldest first.
  std::vector<nlohmann::json> posts(const std::string& channel) const;
  nlohmann::json post(const std::string& id) const;

 private:
  bool authorized(const httplib::Request& req, httplib::Response& res);
  void record(const std::string& what, const httplib::Request& req, const nlohmann::json& body);

  const std::string bot_token_;
  HttpsTestServer https_;
  mutable std::mutex mutex_;
  std::map<std::string, nlohmann::json> posts_;            // by id
  std::map<std::string, std::vector<std::string>> order_;  // channel -> ids, oldest first
  std::map<std::string, std::string> users_;
  std::vector<MattermostCall> calls_;
  int next_id_ = 1;
};

}  // namespace ec::testing
