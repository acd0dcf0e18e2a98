// SqliteTransaction: VaultRepository (table `vault`, keyed by case and placeholder). Raw values
// are stored as given and never logged here.
#include "plugin/store/row_codec.h"
#include "plugin/store/sqlite_transaction.h"
#include "plugin/store/store_macros.h"

namespace ec::store {

Status SqliteTransaction::put_vault_entry(const VaultEntry& entry) {
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt,
      prepare("INSERT INTO vault (case_id, placeholder, kind, raw_value, revealed, revealed_by, "
              "reveal_reason, revealed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
              "ON CONFLICT (case_id, placeholder) DO UPDATE SET kind = excluded.kind, "
              "raw_value = excluded.raw_value, revealed = excluded.revealed, "
              "revealed_by = excluded.revealed_by, reveal_reason = excluded.reveal_reason, "
              "revealed_at = excluded.revealed_at"));
  stmt.bind_text(1, entry.case_id)
      .bind_text(2, entry.placeholder)
      .bind_text(3, entry.kind)
      .bind_text(4, entry.raw_value)
      .bind_int64(5, entry.revealed ? 1 : 0)
      .bind_text(6, entry.revealed_by)
      .bind_text(7, entry.reveal_reason)
      .bind_optional_int64(8, to_millis(entry.revealed_at));
  if (auto done = stmt.run(); !done) {
    // The message names the placeholder, never the raw value.
    return std::unexpected(done.error().with_context("vault entry " + entry.placeholder));
  }
  return ok_status();
}

Result<std::vector<VaultEntry>> SqliteTransaction::list_vault(const std::string& case_id) {
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt,
      prepare("SELECT case_id, placeholder, kind, raw_value, revealed, revealed_by, "
              "reveal_reason, revealed_at FROM vault WHERE case_id = ?1 ORDER BY rowid"));
  stmt.bind_text(1, case_id);
  std::vector<VaultEntry> out;
  for (;;) {
    EC_STORE_ASSIGN_OR_RETURN(bool row, stmt.step());
    if (!row) return out;
    VaultEntry e;
    e.case_id = stmt.column_text(0);
    e.placeholder = stmt.column_text(1);
    e.kind = stmt.column_text(2);
    e.raw_value = stmt.column_text(3);
    e.revealed = stmt.column_int64(4) != 0;
    e.revealed_by = stmt.column_text(5);
    e.reveal_reason = stmt.column_text(6);
    e.revealed_at = from_millis(stmt.column_optional_int64(7));
    out.push_back(std::move(e));
  }
}

}  // namespace ec::store
