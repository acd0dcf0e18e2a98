// SqliteTransaction: TurnRepository (table `turns`, seq ascending per case from 1).
#include "plugin/store/row_codec.h"
#include "plugin/store/sqlite_transaction.h"
#include "plugin/store/store_macros.h"

namespace ec::store {
namespace {

Result<Turn> turn_from_row(const SqlStatement& row) {
  constexpr std::string_view kWhat = "turn";
  Turn t;
  t.case_id = row.column_text(0);
  t.seq = row.column_int64(1);
  t.time = from_millis(row.column_int64(2));
  t.actor = row.column_text(3);
  EC_STORE_ASSIGN_OR_RETURN(t.role, as_stored(parse_actor_role(row.column_text(4)), kWhat));
  t.action = row.column_text(5);
  t.request = row.column_text(6);
  EC_STORE_ASSIGN_OR_RETURN(t.output, parse_json_column(row.column_text(7), kWhat));
  return t;
}

}  // namespace

Result<std::int64_t> SqliteTransaction::append_turn(const Turn& turn) {
  // The transaction holds the write lock (BEGIN IMMEDIATE), so MAX(seq) + 1 cannot race.
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt,
      prepare("INSERT INTO turns (case_id, seq, time, actor, role, action, request, output) "
              "VALUES (?1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM turns WHERE case_id = ?1), "
              "?2, ?3, ?4, ?5, ?6, ?7) RETURNING seq"));
  stmt.bind_text(1, turn.case_id)
      .bind_int64(2, to_millis(turn.time))
      .bind_text(3, turn.actor)
      .bind_text(4, actor_role_name(turn.role))
      .bind_text(5, turn.action)
      .bind_text(6, turn.request)
      .bind_text(7, json_column(turn.output));
  auto row = stmt.step();
  if (!row) return std::unexpected(row.error().with_context("turn of case " + turn.case_id));
  if (!*row) return make_error(ErrorCode::Internal, "INSERT ... RETURNING returned no row");
  const std::int64_t seq = stmt.column_int64(0);
  EC_RETURN_IF_ERROR(stmt.run());  // finish the statement so the insert is complete
  return seq;
}

Result<std::vector<Turn>> SqliteTransaction::list_turns(const std::string& case_id) {
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt,
      prepare("SELECT case_id, seq, time, actor, role, action, request, output FROM turns "
              "WHERE case_id = ?1 ORDER BY seq"));
  stmt.bind_text(1, case_id);
  std::vector<Turn> out;
  for (;;) {
    EC_STORE_ASSIGN_OR_RETURN(bool row, stmt.step());
    if (!row) return out;
    EC_STORE_ASSIGN_OR_RETURN(Turn t, turn_from_row(stmt));
    out.push_back(std::move(t));
  }
}

}  // namespace ec::store
