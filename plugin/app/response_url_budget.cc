#include "plugin/app/response_url_budget.h"

namespace ec::app {

bool ResponseUrlBudget::take_use(const std::string& url) {
  if (url.empty() || url_prefix_.empty() || url.rfind(url_prefix_, 0) != 0) return false;
  const Timestamp now = clock_.now();
  std::lock_guard lock(mutex_);
  // Forget URLs past their lifetime so the table stays small.
  for (auto it = usage_.begin(); it != usage_.end();) {
    it = now - it->second.first_use > kLifetime ? usage_.erase(it) : std::next(it);
  }
  auto [it, inserted] = usage_.try_emplace(url, Usage{now, 0});
  if (it->second.uses >= kMaxUses) return false;
  ++it->second.uses;
  return true;
}

}  // namespace ec::app
