#include "plugin/store/audit_verify.h"

#include <array>
#include <map>
#include <string_view>

#include "plugin/store/audit_rows.h"
#include "plugin/store/connection.h"
#include "plugin/store/store_macros.h"

namespace ec::store {
namespace {

struct ExpectedTrigger {
  std::string_view name;
  std::string_view sql;  // as in migrations/0001_initial.sql, white space collapsed
};

constexpr std::array<ExpectedTrigger, 2> kAuditTriggers{{
    {"audit_log_no_update",
     "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, "
     "'audit_log is append-only'); END"},
    {"audit_log_no_delete",
     "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, "
     "'audit_log is append-only'); END"},
}};

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  bool in_space = false;
  for (char ch : text) {
    const bool space = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
    if (space) {
      in_space = !out.empty();
      continue;
    }
    if (in_space) out.push_back(' ');
    in_space = false;
    out.push_back(ch);
  }
  return out;
}

Result<bool> table_exists(Connection& connection, std::string_view table) {
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt,
      connection.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1"));
  stmt.bind_text(1, table);
  return stmt.step();
}

// DataLoss when a trigger that keeps audit_log append-only is gone or no longer refuses writes.
Status check_triggers(Connection& connection) {
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt, connection.prepare("SELECT name, sql FROM sqlite_master "
                                            "WHERE type = 'trigger' AND tbl_name = 'audit_log'"));
  std::map<std::string, std::string> present;
  for (;;) {
    EC_STORE_ASSIGN_OR_RETURN(bool row, stmt.step());
    if (!row) break;
    present[stmt.column_text(0)] = collapse_whitespace(stmt.column_text(1));
  }
  for (const ExpectedTrigger& expected : kAuditTriggers) {
    const auto it = present.find(std::string(expected.name));
    if (it == present.end()) {
      return make_error(ErrorCode::DataLoss, "audit_log triggers are missing (tampering): no " +
                                                 std::string(expected.name));
    }
    if (it->second != expected.sql) {
      return make_error(ErrorCode::DataLoss, "audit_log trigger " + std::string(expected.name) +
                                                 " was altered (tampering)");
    }
  }
  return ok_status();
}

Status check_schema(Connection& connection) {
  EC_STORE_ASSIGN_OR_RETURN(bool ours, table_exists(connection, "schema_migrations"));
  if (!ours) {
    return make_error(ErrorCode::InvalidArgument,
                      "not an escalation-copilot database (no schema_migrations table)");
  }
  EC_STORE_ASSIGN_OR_RETURN(bool audit, table_exists(connection, "audit_log"));
  if (!audit) return make_error(ErrorCode::DataLoss, "audit_log table is missing (tampering)");
  return ok_status();
}

Result<AuditVerification> verify_open(Connection& connection) {
  EC_RETURN_IF_ERROR(check_schema(connection));
  EC_STORE_ASSIGN_OR_RETURN(SqlStatement stmt, connection.prepare(kSelectAuditInOrder));
  EC_STORE_ASSIGN_OR_RETURN(std::vector<AuditRecord> records,
                            read_audit_rows(stmt, PayloadDecoding::Lenient));
  // The chain first, so a broken chain is reported by its first bad record.
  auto chain = verify_audit_chain(records);
  auto triggers = check_triggers(connection);
  if (!chain) {
    Error error = chain.error();
    if (!triggers) error.message += "; also " + triggers.error().message;
    return std::unexpected(std::move(error));
  }
  if (!triggers) return std::unexpected(triggers.error());
  return chain;
}

}  // namespace

Result<AuditVerification> verify_audit(const std::string& db_path) {
  EC_STORE_ASSIGN_OR_RETURN(ConnectionPtr connection,
                            Connection::open(db_path, OpenMode::ReadOnly));
  auto verified = verify_open(*connection);
  if (!verified) return std::unexpected(verified.error().with_context(db_path));
  return verified;
}

}  // namespace ec::store
