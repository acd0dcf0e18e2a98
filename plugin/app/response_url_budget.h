// ResponseUrlBudget: which response_url a turn may still answer through. Slack and Mattermost
// both allow 5 posts to a command's response_url within 30 minutes; uses are counted in the store
// (keyed by the URL's SHA-256), so every replica sharing the database sees the same count. Only
// URLs under the configured prefix (the platform's own hooks) are ever used, so a forged payload
// cannot make the service POST elsewhere.
// Thread-safe: keeps no state of its own beyond the store reference.
#pragma once

#include <chrono>
#include <string>

#include "plugin/core/store.h"
#include "plugin/core/time.h"

namespace ec::app {

class ResponseUrlBudget {
 public:
  static constexpr int kMaxUses = 5;
  static constexpr std::chrono::minutes kLifetime{30};

  ResponseUrlBudget(Store& store, const Clock& clock, std::string url_prefix)
      : store_(store), clock_(clock), url_prefix_(std::move(url_prefix)) {}

  // Takes one use of `url` if it is allowed and still has one; false otherwise (also when the
  // store cannot be reached: the caller falls back to its platform's API).
  [[nodiscard]] bool take_use(const std::string& url);

 private:
  Store& store_;
  const Clock& clock_;
  const std::string url_prefix_;
};

}  // namespace ec::app
