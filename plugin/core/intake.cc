#include "plugin/core/intake.h"

namespace ec {

std::string_view intake_state_name(IntakeState state) {
  switch (state) {
    case IntakeState::Pending: return "pending";
    case IntakeState::Running: return "running";
    case IntakeState::Done: return "done";
    case IntakeState::Failed: return "failed";
  }
  return "pending";
}

Result<IntakeState> parse_intake_state(std::string_view name) {
  for (IntakeState s : {IntakeState::Pending, IntakeState::Running, IntakeState::Done,
                        IntakeState::Failed}) {
    if (intake_state_name(s) == name) return s;
  }
  return make_error(ErrorCode::InvalidArgument, "unknown intake state '" + std::string(name) + "'");
}

}  // namespace ec
