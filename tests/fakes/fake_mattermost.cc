#include "tests/fakes/fake_mattermost.h"

namespace ec::testing {
namespace {

using nlohmann::json;

void app_error(httplib::Response& res, int status, const std::string& id, const std::string& msg) {
  res.status = status;
  res.set_content(json{{"id", id}, {"message", msg}, {"detailed_error", ""},
                       {"request_id", "r1"}, {"status_code", status}}
                      .dump(),
                  "application/json");
}

json body_of(const httplib::Request& req) {
  json parsed = json::parse(req.body, nullptr, false);
  return parsed.is_discarded() ? json() : parsed;
}

}  // namespace

FakeMattermost::FakeMattermost(std::string bot_token) : bot_token_(std::move(bot_token)) {
  auto& s = https_.server();
  s.Post("/api/v4/posts", [this](const httplib::Request& req, httplib::Response& res) {
    const json body = body_of(req);
    record("posts", req, body);
    if (!authorized(req, res)) return;
    if (!body.is_object() || body.value("channel_id", "").empty()) {
      return app_error(res, 400, "api.context.invalid_param.app_error", "channel_id");
    }
    std::lock_guard lock(mutex_);
    json post = body;
    post["id"] = "post" + std::to_string(next_id_++);
    post["create_at"] = 1767225600000 + next_id_;
    posts_[post["id"]] = post;
    order_[body["channel_id"]].push_back(post["id"]);
    res.status = 201;
    res.set_content(post.dump(), "application/json");
  });
  s.Put(R"(/api/v4/posts/([a-z0-9]+)/patch)", [this](const httplib::Request& req, httplib::Response& res) {
    const json body = body_of(req);
    record("patch", req, body);
    if (!authorized(req, res)) return;
    std::lock_guard lock(mutex_);
    const auto it = posts_.find(req.matches[1]);
    if (it == posts_.end()) return app_error(res, 404, "app.post.get.app_error", "no post");
    for (const char* key : {"message", "props"}) {
      if (body.contains(key)) it->second[key] = body[key];
    }
    res.set_content(it->second.dump(), "application/json");
  });
  s.Get(R"(/api/v4/channels/([a-z0-9]+)/posts)", [this](const httplib::Request& req, httplib::Response& res) {
    record("channel_posts", req, json());
    if (!authorized(req, res)) return;
    std::lock_guard lock(mutex_);
    json out = {{"order", json::array()}, {"posts", json::object()}};
    const auto& ids = order_[req.matches[1]];
    for (auto it = ids.rbegin(); it != ids.rend(); ++it) {
      out["order"].push_back(*it);
      out["posts"][*it] = posts_[*it];
    }
    res.set_content(out.dump(), "application/json");
  });
  s.Post("/api/v4/posts/ephemeral", [this](const httplib::Request& req, httplib::Response& res) {
    const json body = body_of(req);
    record("ephemeral", req, body);
    if (!authorized(req, res)) return;
    res.status = 201;
    res.set_content(body.value("post", json::object()).dump(), "application/json");
  });
  s.Get(R"(/api/v4/users/([a-z0-9]+))", [this](const httplib::Request& req, httplib::Response& res) {
    record("user", req, json());
    if (!authorized(req, res)) return;
    std::lock_guard lock(mutex_);
    const auto it = users_.find(req.matches[1]);
    if (it == users_.end()) return app_error(res, 404, "app.user.missing_account.const", "no user");
    res.set_content(json{{"id", it->first}, {"username", it->second}}.dump(), "application/json");
  });
  s.Post("/api/v4/actions/dialogs/open", [this](const httplib::Request& req, httplib::Response& res) {
    const json body = body_of(req);
    record("dialog", req, body);
    if (!authorized(req, res)) return;
    res.set_content(R"({"status":"OK"})", "application/json");
  });
  s.Post(R"(/hooks/commands/([a-z0-9]+))", [this](const httplib::Request& req, httplib::Response& res) {
    record("hook", req, body_of(req));
    res.set_content("", "text/plain");
  });
  https_.start();
}

bool FakeMattermost::authorized(const httplib::Request& req, httplib::Response& res) {
  if (req.get_header_value("Authorization") == "Bearer " + bot_token_) return true;
  app_error(res, 401, "api.context.session_expired.app_error", "Invalid or expired session");
  return false;
}

void FakeMattermost::record(const std::string& what, const httplib::Request& req, const json& body) {
  std::lock_guard lock(mutex_);
  calls_.push_back({what, req.path, req.get_header_value("Authorization"), body});
}

void FakeMattermost::add_user(const std::string& id, const std::string& username) {
  std::lock_guard lock(mutex_);
  users_[id] = username;
}

std::vector<MattermostCall> FakeMattermost::calls() const {
  std::lock_guard lock(mutex_);
  return calls_;
}

std::vector<MattermostCall> FakeMattermost::calls(const std::string& what) const {
  std::lock_guard lock(mutex_);
  std::vector<MattermostCall> out;
  for (const auto& c : calls_) {
    if (c.what == what) out.push_back(c);
  }
  return out;
}

std::vector<json> FakeMattermost::posts(const std::string& channel) const {
  std::lock_guard lock(mutex_);
  std::vector<json> out;
  const auto it = order_.find(channel);
  if (it == order_.end()) return out;
  for (const auto& id : it->second) out.push_back(posts_.at(id));
  return out;
}

json FakeMattermost::post(const std::string& id) const {
  std::lock_guard lock(mutex_);
  const auto it = posts_.find(id);
  return it == posts_.end() ? json() : it->second;
}

}  // namespace ec::testing
