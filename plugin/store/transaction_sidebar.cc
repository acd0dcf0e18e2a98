// SqliteTransaction: SidebarSessionRepository (table `sidebar_sessions`, migration 0007).
#include "plugin/store/row_codec.h"
#include "plugin/store/sqlite_transaction.h"
#include "plugin/store/store_macros.h"

namespace ec::store {

Status SqliteTransaction::insert_sidebar_session(const SidebarSession& session) {
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt,
      prepare("INSERT INTO sidebar_sessions (id_hash, csrf_token, zendesk_user, acting_user, "
              "ticket_ref, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
  stmt.bind_text(1, session.id_hash)
      .bind_text(2, session.csrf_token)
      .bind_text(3, session.zendesk_user)
      .bind_text(4, session.acting_user)
      .bind_text(5, session.ticket_ref)
      .bind_int64(6, to_millis(session.created_at))
      .bind_int64(7, to_millis(session.expires_at));
  return stmt.run();
}

Result<std::optional<SidebarSession>> SqliteTransaction::find_sidebar_session(
    const std::string& id_hash) {
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt,
      prepare("SELECT id_hash, csrf_token, zendesk_user, acting_user, ticket_ref, created_at, "
              "expires_at FROM sidebar_sessions WHERE id_hash = ?1"));
  stmt.bind_text(1, id_hash);
  EC_STORE_ASSIGN_OR_RETURN(bool row, stmt.step());
  if (!row) return std::optional<SidebarSession>();
  SidebarSession s;
  s.id_hash = stmt.column_text(0);
  s.csrf_token = stmt.column_text(1);
  s.zendesk_user = stmt.column_text(2);
  s.acting_user = stmt.column_text(3);
  s.ticket_ref = stmt.column_text(4);
  s.created_at = from_millis(stmt.column_int64(5));
  s.expires_at = from_millis(stmt.column_int64(6));
  return std::optional<SidebarSession>(std::move(s));
}

Result<int> SqliteTransaction::delete_expired_sidebar_sessions(Timestamp now) {
  EC_STORE_ASSIGN_OR_RETURN(SqlStatement stmt,
                            prepare("DELETE FROM sidebar_sessions WHERE expires_at <= ?1"));
  stmt.bind_int64(1, to_millis(now));
  EC_RETURN_IF_ERROR(stmt.run());
  return static_cast<int>(stmt.changes());
}

}  // namespace ec::store
