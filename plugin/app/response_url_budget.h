// ResponseUrlBudget: which response_url a turn may still answer through. Slack and Mattermost
// both allow 5 posts to a command's response_url within 30 minutes; uses are counted here per
// URL, and only URLs under the configured prefix (the platform's own hooks) are ever used, so a
// forged payload cannot make the service POST elsewhere.
// Thread-safe: the usage table is guarded by mutex_.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "plugin/core/time.h"

namespace ec::app {

class ResponseUrlBudget {
 public:
  static constexpr int kMaxUses = 5;
  static constexpr std::chrono::minutes kLifetime{30};

  ResponseUrlBudget(const Clock& clock, std::string url_prefix)
      : clock_(clock), url_prefix_(std::move(url_prefix)) {}

  // Takes one use of `url` if it is allowed and still has one; false otherwise.
  [[nodiscard]] bool take_use(const std::string& url);

 private:
  struct Usage {
    Timestamp first_use{};
    int uses = 0;
  };

  const Clock& clock_;
  const std::string url_prefix_;
  std::mutex mutex_;
  std::map<std::string, Usage> usage_;  // guarded by mutex_
};

}  // namespace ec::app
