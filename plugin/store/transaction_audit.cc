// SqliteTransaction: AuditRepository (table `audit_log`, append-only by trigger). The chain head
// is read inside this IMMEDIATE transaction, so two appenders can never link to the same head.
#include "plugin/core/audit.h"
#include "plugin/store/audit_rows.h"
#include "plugin/store/row_codec.h"
#include "plugin/store/sqlite_transaction.h"
#include "plugin/store/store_macros.h"

namespace ec::store {

Result<std::optional<AuditRecord>> SqliteTransaction::audit_head() {
  EC_STORE_ASSIGN_OR_RETURN(SqlStatement stmt, prepare(kSelectAuditHead));
  EC_STORE_ASSIGN_OR_RETURN(std::vector<AuditRecord> head,
                            read_audit_rows(stmt, PayloadDecoding::Strict));
  if (head.empty()) return std::optional<AuditRecord>();
  return std::optional<AuditRecord>(std::move(head.front()));
}

Result<AuditRecord> SqliteTransaction::append_audit(AuditEntry entry) {
  EC_STORE_ASSIGN_OR_RETURN(std::optional<AuditRecord> head, audit_head());
  AuditRecord record = chain_next(head ? &*head : nullptr, std::move(entry));
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt,
      prepare("INSERT INTO audit_log (seq, case_id, time, actor, action, payload, prev_hash, hash) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
  stmt.bind_int64(1, record.seq)
      .bind_text(2, record.entry.case_id)
      .bind_int64(3, to_millis(record.entry.time))
      .bind_text(4, record.entry.actor)
      .bind_text(5, record.entry.action)
      .bind_text(6, json_column(record.entry.payload))
      .bind_text(7, record.prev_hash)
      .bind_text(8, record.hash);
  if (auto done = stmt.run(); !done) {
    return std::unexpected(done.error().with_context("audit record " + std::to_string(record.seq)));
  }
  return record;
}

Result<std::vector<AuditRecord>> SqliteTransaction::list_audit() {
  EC_STORE_ASSIGN_OR_RETURN(SqlStatement stmt, prepare(kSelectAuditInOrder));
  return read_audit_rows(stmt, PayloadDecoding::Strict);
}

}  // namespace ec::store
