// SqliteTransaction: OutboxRepository (table `outbox`). Exactly-once rests on two rules: an
// idempotency key is stored once (UNIQUE; enqueue returns the existing message), and only a
// pending message can be marked, so a delivered one never becomes due again, also after restart.
#include "plugin/store/row_codec.h"
#include "plugin/store/sqlite_transaction.h"
#include "plugin/store/store_macros.h"

namespace ec::store {
namespace {

#define EC_OUTBOX_COLUMNS                                                        \
  "id, idempotency_key, case_id, channel, recipient, payload, state, attempts, " \
  "next_attempt_at, last_error, delivery_ref, created_at, delivered_at"

Result<OutboxMessage> outbox_from_row(const SqlStatement& row) {
  constexpr std::string_view kWhat = "outbox message";
  OutboxMessage m;
  m.id = row.column_int64(0);
  m.idempotency_key = row.column_text(1);
  m.case_id = row.column_text(2);
  m.channel = row.column_text(3);
  m.recipient = row.column_text(4);
  EC_STORE_ASSIGN_OR_RETURN(m.payload, parse_json_column(row.column_text(5), kWhat));
  EC_STORE_ASSIGN_OR_RETURN(m.state, as_stored(parse_outbox_state(row.column_text(6)), kWhat));
  m.attempts = static_cast<int>(row.column_int64(7));
  m.next_attempt_at = from_millis(row.column_optional_int64(8));
  m.last_error = row.column_text(9);
  m.delivery_ref = row.column_text(10);
  m.created_at = from_millis(row.column_int64(11));
  m.delivered_at = from_millis(row.column_optional_int64(12));
  return m;
}

Result<std::vector<OutboxMessage>> collect_outbox(SqlStatement& stmt) {
  std::vector<OutboxMessage> out;
  for (;;) {
    EC_STORE_ASSIGN_OR_RETURN(bool row, stmt.step());
    if (!row) return out;
    EC_STORE_ASSIGN_OR_RETURN(OutboxMessage m, outbox_from_row(stmt));
    out.push_back(std::move(m));
  }
}

std::string message_name(std::int64_t id) { return "outbox message " + std::to_string(id); }

}  // namespace

Result<OutboxMessage> SqliteTransaction::outbox_by_id(std::int64_t id) {
  EC_STORE_ASSIGN_OR_RETURN(SqlStatement stmt,
                            prepare("SELECT " EC_OUTBOX_COLUMNS " FROM outbox WHERE id = ?1"));
  stmt.bind_int64(1, id);
  EC_STORE_ASSIGN_OR_RETURN(bool row, stmt.step());
  if (!row) return make_error(ErrorCode::NotFound, "no " + message_name(id));
  return outbox_from_row(stmt);
}

Result<OutboxMessage> SqliteTransaction::outbox_by_key(const std::string& key) {
  EC_STORE_ASSIGN_OR_RETURN(SqlStatement stmt, prepare("SELECT " EC_OUTBOX_COLUMNS
                                                       " FROM outbox WHERE idempotency_key = ?1"));
  stmt.bind_text(1, key);
  EC_STORE_ASSIGN_OR_RETURN(bool row, stmt.step());
  if (!row) return make_error(ErrorCode::NotFound, "no outbox message with key " + key);
  return outbox_from_row(stmt);
}

Result<OutboxMessage> SqliteTransaction::enqueue(const OutboxMessage& message) {
  if (message.idempotency_key.empty()) {
    return make_error(ErrorCode::InvalidArgument, "outbox message has no idempotency key");
  }
  // A new message always starts pending with no attempts, whatever the caller's struct says.
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt,
      prepare("INSERT INTO outbox (idempotency_key, case_id, channel, recipient, payload, state, "
              "attempts, next_attempt_at, last_error, delivery_ref, created_at, delivered_at) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, '', '', ?8, NULL) "
              "ON CONFLICT (idempotency_key) DO NOTHING"));
  stmt.bind_text(1, message.idempotency_key)
      .bind_text(2, message.case_id)
      .bind_text(3, message.channel)
      .bind_text(4, message.recipient)
      .bind_text(5, json_column(message.payload))
      .bind_text(6, outbox_state_name(OutboxState::Pending))
      .bind_optional_int64(7, to_millis(message.next_attempt_at))
      .bind_int64(8, to_millis(message.created_at));
  EC_RETURN_IF_ERROR(stmt.run());
  return outbox_by_key(message.idempotency_key);
}

Result<std::vector<OutboxMessage>> SqliteTransaction::due_messages(Timestamp now, int limit) {
  EC_STORE_ASSIGN_OR_RETURN(SqlStatement stmt,
                            prepare("SELECT " EC_OUTBOX_COLUMNS " FROM outbox WHERE state = ?1 "
                                    "AND (next_attempt_at IS NULL OR next_attempt_at <= ?2) "
                                    "ORDER BY created_at, id LIMIT ?3"));
  stmt.bind_text(1, outbox_state_name(OutboxState::Pending))
      .bind_int64(2, to_millis(now))
      .bind_int64(3, limit < 0 ? 0 : limit);
  return collect_outbox(stmt);
}

Result<std::vector<OutboxMessage>> SqliteTransaction::list_outbox(const std::string& case_id) {
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt,
      prepare("SELECT " EC_OUTBOX_COLUMNS " FROM outbox WHERE case_id = ?1 ORDER BY id"));
  stmt.bind_text(1, case_id);
  return collect_outbox(stmt);
}

Result<std::vector<OutboxMessage>> SqliteTransaction::all_outbox() {
  EC_STORE_ASSIGN_OR_RETURN(SqlStatement stmt, prepare("SELECT " EC_OUTBOX_COLUMNS
                                                       " FROM outbox ORDER BY case_id, id"));
  return collect_outbox(stmt);
}

Status SqliteTransaction::mark_delivered(std::int64_t id, const std::string& delivery_ref,
                                         Timestamp at) {
  EC_STORE_ASSIGN_OR_RETURN(OutboxMessage current, outbox_by_id(id));
  if (current.state != OutboxState::Pending) {
    return make_error(ErrorCode::FailedPrecondition,
                      message_name(id) + " is " + std::string(outbox_state_name(current.state)) +
                          ", not pending");
  }
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt,
      prepare("UPDATE outbox SET state = ?2, attempts = attempts + 1, delivery_ref = ?3, "
              "delivered_at = ?4, next_attempt_at = NULL WHERE id = ?1"));
  stmt.bind_int64(1, id)
      .bind_text(2, outbox_state_name(OutboxState::Delivered))
      .bind_text(3, delivery_ref)
      .bind_int64(4, to_millis(at));
  return run_changing_one(stmt, message_name(id));
}

Status SqliteTransaction::mark_attempt_failed(std::int64_t id, const std::string& error,
                                              std::optional<Timestamp> next_attempt_at) {
  EC_STORE_ASSIGN_OR_RETURN(OutboxMessage current, outbox_by_id(id));
  if (current.state != OutboxState::Pending) {
    return make_error(ErrorCode::FailedPrecondition,
                      message_name(id) + " is " + std::string(outbox_state_name(current.state)) +
                          ", not pending");
  }
  const OutboxState next = next_attempt_at ? OutboxState::Pending : OutboxState::Failed;
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt,
      prepare("UPDATE outbox SET state = ?2, attempts = attempts + 1, last_error = ?3, "
              "next_attempt_at = ?4 WHERE id = ?1"));
  stmt.bind_int64(1, id)
      .bind_text(2, outbox_state_name(next))
      .bind_text(3, error)
      .bind_optional_int64(4, to_millis(next_attempt_at));
  return run_changing_one(stmt, message_name(id));
}

#undef EC_OUTBOX_COLUMNS

}  // namespace ec::store
