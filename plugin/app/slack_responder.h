// SlackResponder: posts a turn's result back to the user who asked. Uses the interaction's
// response_url while it is still usable (Slack allows 5 uses within 30 minutes; counted here per
// URL) and only when the URL starts with the configured prefix (hooks.slack.com in production),
// so a forged payload cannot make the service POST elsewhere; otherwise falls back to the Web
// API (chat.postEphemeral for ephemeral replies, chat.postMessage for in_channel ones).
// Thread-safe: the usage table is guarded by mutex_.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "plugin/core/result.h"
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
  static constexpr int kMaxUses = 5;
  static constexpr std::chrono::minutes kLifetime{30};

  SlackResponder(delivery::SlackWebApi& api, const Clock& clock, std::string url_prefix);

  // `message` carries response_type ("ephemeral" default, or "in_channel"), text and blocks, and
  // may set replace_original. Errors come from the transport used last.
  [[nodiscard]] Status reply(const SlackReplyTarget& target, nlohmann::json message);

  // Takes one use of `url` if it is allowed and still has one; false otherwise.
  [[nodiscard]] bool take_use(const std::string& url);

 private:
  struct Usage {
    Timestamp first_use{};
    int uses = 0;
  };

  delivery::SlackWebApi& api_;
  const Clock& clock_;
  const std::string url_prefix_;
  std::mutex mutex_;
  std::map<std::string, Usage> usage_;  // guarded by mutex_
};

}  // namespace ec::app
