#include "plugin/app/trace.h"

#include "plugin/core/hash.h"

namespace ec::app {

Status record_turn(Transaction& tx, const std::string& case_id, Timestamp time,
                   const std::string& actor, ActorRole role, const std::string& action,
                   const std::string& request, nlohmann::json output) {
  Turn turn;
  turn.case_id = case_id;
  turn.time = time;
  turn.actor = actor;
  turn.role = role;
  turn.action = action;
  turn.request = request;
  turn.output = std::move(output);
  auto seq = tx.append_turn(turn);
  if (!seq) return std::unexpected(seq.error());
  AuditEntry entry;
  entry.case_id = case_id;
  entry.time = time;
  entry.actor = actor;
  entry.action = "turn";
  entry.payload = {
      {"turn_seq", *seq},
      {"role", actor_role_name(role)},
      {"turn_action", action},
      {"request", request},
      {"output_sha256", sha256_hex(canonical_json(turn.output))},
  };
  auto record = tx.append_audit(std::move(entry));
  if (!record) return std::unexpected(record.error());
  return ok_status();
}

}  // namespace ec::app
