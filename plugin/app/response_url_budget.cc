#include "plugin/app/response_url_budget.h"

#include <spdlog/spdlog.h>

#include "plugin/core/hash.h"

namespace ec::app {

bool ResponseUrlBudget::take_use(const std::string& url) {
  if (url.empty() || url_prefix_.empty() || url.rfind(url_prefix_, 0) != 0) return false;
  auto tx = store_.begin();
  if (!tx) {
    spdlog::warn("response_url: counting a use: {}", tx.error().message);
    return false;
  }
  auto taken = (*tx)->take_reply_url_use(sha256_hex(url), clock_.now(), kMaxUses, kLifetime);
  if (!taken) {
    spdlog::warn("response_url: counting a use: {}", taken.error().message);
    return false;
  }
  if (auto committed = (*tx)->commit(); !committed) {
    spdlog::warn("response_url: counting a use: {}", committed.error().message);
    return false;
  }
  return *taken;
}

}  // namespace ec::app
