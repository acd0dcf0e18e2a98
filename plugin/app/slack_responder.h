// SlackResponder: posts a turn's result back to the user who asked. Uses the interaction's
// response_url while it is still usable (Slack allows 5 uses within 30 minutes; counted in the
// store by ResponseUrlBudget, so that every replica sharing the database sees the same count) and only when the URL starts with the configured prefix (hooks.slack.com in production),
// so a forged payload cannot make the service POST elsewhere; otherwise falls back to the Web
// API (chat.postEphemeral for ephemeral replies, chat.postMessage for in_channel ones).
// Thread-safe: keeps no state of its own.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "plugin/app/response_url_budget.h"
#include "plugin/core/result.h"
#include "plugin/core/store.h"
#include "plugin/core/time.h"
#include "plugin/delivery/slack_web_api.h"

namespace ec::app {

struct SlackReplyTarget {
  std::string response_url;  // may be empty (modals, events)
  std::string channel;
  std::string user;
};

class SlackResponder {
 public:
  SlackResponder(delivery::SlackWebApi& api, Store& store, const Clock& clock,
                 std::string url_prefix);

  // `message` carries response_type ("ephemeral" default, or "in_channel"), text and blocks, and
  // may set replace_original. Errors come from the transport used last.
  [[nodiscard]] Status reply(const SlackReplyTarget& target, nlohmann::json message);

  // Takes one use of `url` if it is allowed and still has one; false otherwise (also when the
  // store cannot be reached: the Web API is the fallback).
  [[nodiscard]] bool take_use(const std::string& url) { return budget_.take_use(url); }

 private:
  delivery::SlackWebApi& api_;
  ResponseUrlBudget budget_;
};

}  // namespace ec::app
