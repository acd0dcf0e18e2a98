// A turn: one step of the collaboration (the lead asked, the copilot produced, a human decided),
// recorded for the reviewer timeline and the measures. Plain values.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "plugin/core/case.h"
#include "plugin/core/time.h"

namespace ec {

struct Turn {
  std::int64_t seq = 0;        // assigned by the store, ascending per case
  std::string case_id;
  Timestamp time{};
  std::string actor;           // platform user id, or "copilot"
  ActorRole role = ActorRole::Copilot;
  std::string action;          // "intake", "summarize", "gather", "analyze", "draft", "approve",
                               // "refuse", "deliver", "handoff", "escalate", "reveal", ...
  std::string request;         // what was asked, as typed (redacted)
  nlohmann::json output = nlohmann::json::object();  // what was produced (redacted)
};

}  // namespace ec
