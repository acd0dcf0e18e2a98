#include "tests/fakes/fake_slack.h"

namespace ec::testing {

using nlohmann::json;

FakeSlack::FakeSlack() {
  https_.server().Post("/api/([A-Za-z.]+)", [this](const httplib::Request& req, httplib::Response& res) {
    handle(req.matches[1].str(), req, res);
  });
  https_.server().Post("/hooks/(.*)", [this](const httplib::Request& req, httplib::Response& res) {
    handle("hook", req, res);
  });
  https_.start();
}

void FakeSlack::script(const std::string& method, ScriptedReply reply) {
  std::lock_guard lock(mutex_);
  scripts_[method].push_back(std::move(reply));
}

void FakeSlack::set_not_member(const std::string& channel) {
  std::lock_guard lock(mutex_);
  not_member_[channel] = true;
}

std::vector<SlackCall> FakeSlack::calls() const {
  std::lock_guard lock(mutex_);
  return calls_;
}

std::vector<SlackCall> FakeSlack::calls(const std::string& method) const {
  std::lock_guard lock(mutex_);
  std::vector<SlackCall> out;
  for (const SlackCall& c : calls_) {
    if (c.method == method) out.push_back(c);
  }
  return out;
}

std::vector<json> FakeSlack::posted(const std::string& channel) const {
  std::lock_guard lock(mutex_);
  const auto it = channels_.find(channel);
  return it == channels_.end() ? std::vector<json>{} : it->second;
}

void FakeSlack::handle(const std::string& method, const httplib::Request& req,
                       httplib::Response& res) {
  json body = json::parse(req.body, nullptr, false);
  {
    std::unique_lock gate(gate_mutex_);
    ++waiting_;
    gate_changed_.notify_all();
    gate_changed_.wait(gate, [this] { return !held_; });
    --waiting_;
  }
  std::lock_guard lock(mutex_);
  calls_.push_back({method, req.path, req.get_header_value("Authorization"),
                    body.is_discarded() ? json(req.body) : body});
  auto& queue = scripts_[method];
  if (!queue.empty()) {
    const ScriptedReply reply = queue.front();
    queue.pop_front();
    res.status = reply.status;
    for (const auto& [name, value] : reply.headers) res.set_header(name, value);
    res.set_content(reply.body, "application/json");
    return;
  }
  if (method == "hook") {
    res.set_content("ok", "text/plain");
    return;
  }
  if (body.is_discarded() || !body.is_object()) {
    res.set_content(R"({"ok":false,"error":"invalid_json"})", "application/json");
    return;
  }
  if (req.get_header_value("Authorization").rfind("Bearer xoxb-", 0) != 0) {
    res.set_content(R"({"ok":false,"error":"not_authed"})", "application/json");
    return;
  }
  res.set_content(perform(method, body).dump(), "application/json");
}

json FakeSlack::perform(const std::string& method, const json& body) {
  const std::string channel = body.value("channel", "");
  if ((method == "chat.postMessage" || method == "conversations.history") &&
      not_member_[channel]) {
    return {{"ok", false}, {"error", "not_in_channel"}};
  }
  if (method == "chat.postMessage") {
    json message = body;
    message["ts"] = std::to_string(next_ts_++) + ".000100";
    channels_[channel].push_back(message);
    return {{"ok", true}, {"channel", channel}, {"ts", message["ts"]}, {"message", message}};
  }
  if (method == "chat.update") {
    for (json& m : channels_[channel]) {
      if (m["ts"] == body.value("ts", "")) {
        const std::string ts = m["ts"];
        m = body;
        m["ts"] = ts;
        return {{"ok", true}, {"channel", channel}, {"ts", ts}};
      }
    }
    return {{"ok", false}, {"error", "message_not_found"}};
  }
  if (method == "chat.postEphemeral") {
    return {{"ok", true}, {"message_ts", std::to_string(next_ts_++) + ".000200"}};
  }
  if (method == "views.open") {
    if (body.value("trigger_id", "").empty()) return {{"ok", false}, {"error", "invalid_trigger_id"}};
    return {{"ok", true}, {"view", {{"id", "V" + std::to_string(next_ts_++)}}}};
  }
  if (method == "conversations.create") {
    const std::string id = "CNEW" + std::to_string(next_channel_++);
    channels_[id];
    return {{"ok", true}, {"channel", {{"id", id}, {"name", body.value("name", "")}}}};
  }
  if (method == "conversations.invite" || method == "conversations.join") {
    not_member_[channel] = false;
    return {{"ok", true}, {"channel", {{"id", channel}}}};
  }
  if (method == "conversations.history") {
    json messages = json::array();
    const auto& list = channels_[channel];
    for (auto it = list.rbegin(); it != list.rend(); ++it) messages.push_back(*it);  // newest first
    return {{"ok", true}, {"messages", messages}};
  }
  return {{"ok", false}, {"error", "unknown_method"}};
}

void FakeSlack::hold() {
  std::lock_guard gate(gate_mutex_);
  held_ = true;
}

void FakeSlack::release() {
  {
    std::lock_guard gate(gate_mutex_);
    held_ = false;
  }
  gate_changed_.notify_all();
}

void FakeSlack::wait_until_waiting(int calls) {
  std::unique_lock gate(gate_mutex_);
  gate_changed_.wait(gate, [&] { return waiting_ >= calls; });
}

}  // namespace ec::testing
