// FakeSlack: a stateful stand-in for slack.com/api and hooks.slack.com on a loopback HTTPS
// server (HttpsTestServer, runtime CA). It implements the Web API methods the service calls
// with Slack's wire shapes (JSON bodies, {"ok":...}, ts strings, message metadata kept and
// returned by conversations.history with include_all_metadata) and records response_url posts
// under /hooks/. Tests script failures per method: an HTTP status with headers, or ok:false.
//
//   FakeSlack slack;                              // started; base: slack.api_base_url()
//   slack.script("chat.postMessage", {429, {{"Retry-After", "1"}}, ""});
//   ... slack.posted("C1") ...
// Thread-safe: handlers run on httplib's pool; all state is guarded by mutex_.
#pragma once

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/fakes/https_test_server.h"

namespace ec::testing {

struct ScriptedReply {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // for status 200: the JSON answer, e.g. {"ok":false,"error":"not_in_channel"}
};

struct SlackCall {
  std::string method;          // "chat.postMessage", or "hook" for response_url posts
  std::string path;            // "/api/chat.postMessage", "/hooks/..."
  std::string authorization;
  nlohmann::json body;
};

class FakeSlack {
 public:
  FakeSlack();  // registers handlers and starts the server

  std::string api_base_url() const { return https_.base_url() + "/api"; }
  std::string hooks_prefix() const { return https_.base_url() + "/hooks/"; }
  std::string response_url(const std::string& id) const { return hooks_prefix() + id; }
  const std::filesystem::path& ca_file() const { return https_.ca_file(); }

  // The next call of `method` gets `reply` (queued; each is used once).
  void script(const std::string& method, ScriptedReply reply);
  // Channels the bot is not a member of: postMessage/history answer not_in_channel until a join.
  void set_not_member(const std::string& channel);

  // While held, every call waits (a slow Slack, or a slow turn behind it) until release().
  void hold();
  void release();
  // Blocks until `calls` calls are waiting on the hold.
  void wait_until_waiting(int calls);

  std::vector<SlackCall> calls() const;
  std::vector<SlackCall> calls(const std::string& method) const;
  // Messages currently in the channel (after updates), oldest first.
  std::vector<nlohmann::json> posted(const std::string& channel) const;

 private:
  void handle(const std::string& method, const httplib::Request& req, httplib::Response& res);
  nlohmann::json perform(const std::string& method, const nlohmann::json& body);

  std::mutex gate_mutex_;
  std::condition_variable gate_changed_;
  bool held_ = false;  // guarded by gate_mutex_
  int waiting_ = 0;    // guarded by gate_mutex_
  HttpsTestServer https_;
  mutable std::mutex mutex_;
  std::map<std::string, std::deque<ScriptedReply>> scripts_;
  std::map<std::string, std::vector<nlohmann::json>> channels_;
  std::map<std::string, bool> not_member_;
  std::vector<SlackCall> calls_;
  long next_ts_ = 1767225600;
  int next_channel_ = 1;
};

}  // namespace ec::testing
