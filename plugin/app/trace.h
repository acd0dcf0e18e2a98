// Recording a turn: appends the turn and its audit record in the caller's transaction, so the
// reviewer timeline and the hash chain always agree with the state they describe.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "plugin/core/store.h"

namespace ec::app {

[[nodiscard]] Status record_turn(Transaction& tx, const std::string& case_id, Timestamp time,
                                 const std::string& actor, ActorRole role,
                                 const std::string& action, const std::string& request,
                                 nlohmann::json output);

}  // namespace ec::app
