// SqliteTransaction: CaseRepository (table `cases`).
#include "plugin/store/row_codec.h"
#include "plugin/store/sqlite_transaction.h"
#include "plugin/store/store_macros.h"

namespace ec::store {
namespace {

// Column order shared by every SELECT below and by case_from_row().
#define EC_CASE_COLUMNS                                              \
  "id, ticket_ref, customer, subject_query, severity, lead, state, " \
  "security_acknowledged_by, security_acknowledged_at, created_at, updated_at"

Result<Case> case_from_row(const SqlStatement& row) {
  Case c;
  c.id = row.column_text(0);
  c.ticket_ref = row.column_text(1);
  c.customer = row.column_text(2);
  c.subject_query = row.column_text(3);
  EC_STORE_ASSIGN_OR_RETURN(c.severity, as_stored(parse_severity(row.column_text(4)), "case"));
  c.lead = row.column_text(5);
  EC_STORE_ASSIGN_OR_RETURN(c.state, as_stored(parse_case_state(row.column_text(6)), "case"));
  c.security_acknowledged_by = row.column_text(7);
  c.security_acknowledged_at = from_millis(row.column_optional_int64(8));
  c.created_at = from_millis(row.column_int64(9));
  c.updated_at = from_millis(row.column_int64(10));
  return c;
}

// Binds the columns of EC_CASE_COLUMNS, in order, as ?1..?11.
void bind_case(SqlStatement& stmt, const Case& c) {
  stmt.bind_text(1, c.id)
      .bind_text(2, c.ticket_ref)
      .bind_text(3, c.customer)
      .bind_text(4, c.subject_query)
      .bind_text(5, severity_name(c.severity))
      .bind_text(6, c.lead)
      .bind_text(7, case_state_name(c.state))
      .bind_text(8, c.security_acknowledged_by)
      .bind_optional_int64(9, to_millis(c.security_acknowledged_at))
      .bind_int64(10, to_millis(c.created_at))
      .bind_int64(11, to_millis(c.updated_at));
}

Result<std::vector<Case>> collect_cases(SqlStatement& stmt) {
  std::vector<Case> cases;
  for (;;) {
    EC_STORE_ASSIGN_OR_RETURN(bool row, stmt.step());
    if (!row) return cases;
    EC_STORE_ASSIGN_OR_RETURN(Case c, case_from_row(stmt));
    cases.push_back(std::move(c));
  }
}

}  // namespace

Status SqliteTransaction::insert_case(const Case& c) {
  EC_STORE_ASSIGN_OR_RETURN(SqlStatement stmt,
                            prepare("INSERT INTO cases (" EC_CASE_COLUMNS
                                    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"));
  bind_case(stmt, c);
  if (auto done = stmt.run(); !done)
    return std::unexpected(done.error().with_context("case " + c.id));
  return ok_status();
}

Result<Case> SqliteTransaction::get_case(const std::string& case_id) {
  EC_STORE_ASSIGN_OR_RETURN(SqlStatement stmt,
                            prepare("SELECT " EC_CASE_COLUMNS " FROM cases WHERE id = ?1"));
  stmt.bind_text(1, case_id);
  EC_STORE_ASSIGN_OR_RETURN(bool row, stmt.step());
  if (!row) return make_error(ErrorCode::NotFound, "no case " + case_id);
  return case_from_row(stmt);
}

Result<std::optional<Case>> SqliteTransaction::find_case_by_ticket(const std::string& ticket_ref) {
  // A ticket may have been opened more than once; the newest case wins.
  EC_STORE_ASSIGN_OR_RETURN(SqlStatement stmt,
                            prepare("SELECT " EC_CASE_COLUMNS " FROM cases WHERE ticket_ref = ?1 "
                                    "ORDER BY created_at DESC, rowid DESC LIMIT 1"));
  stmt.bind_text(1, ticket_ref);
  EC_STORE_ASSIGN_OR_RETURN(bool row, stmt.step());
  if (!row) return std::optional<Case>();
  EC_STORE_ASSIGN_OR_RETURN(Case c, case_from_row(stmt));
  return std::optional<Case>(std::move(c));
}

Result<std::vector<Case>> SqliteTransaction::list_cases() {
  EC_STORE_ASSIGN_OR_RETURN(SqlStatement stmt, prepare("SELECT " EC_CASE_COLUMNS
                                                       " FROM cases ORDER BY created_at, rowid"));
  return collect_cases(stmt);
}

Status SqliteTransaction::update_case(const Case& c) {
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt,
      prepare("UPDATE cases SET ticket_ref = ?2, customer = ?3, subject_query = ?4, "
              "severity = ?5, lead = ?6, state = ?7, security_acknowledged_by = ?8, "
              "security_acknowledged_at = ?9, created_at = ?10, updated_at = ?11 "
              "WHERE id = ?1"));
  bind_case(stmt, c);
  return run_changing_one(stmt, "case " + c.id);
}

#undef EC_CASE_COLUMNS

}  // namespace ec::store
