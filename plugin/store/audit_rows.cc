#include "plugin/store/audit_rows.h"

#include <string>

#include "plugin/store/row_codec.h"
#include "plugin/store/store_macros.h"

namespace ec::store {
namespace {

Result<AuditRecord> audit_record_from_row(const SqlStatement& row, PayloadDecoding decoding) {
  AuditRecord r;
  r.seq = row.column_int64(0);
  r.entry.case_id = row.column_text(1);
  r.entry.time = from_millis(row.column_int64(2));
  r.entry.actor = row.column_text(3);
  r.entry.action = row.column_text(4);
  const std::string payload = row.column_text(5);
  auto parsed = parse_json_column(payload, "audit record seq " + std::to_string(r.seq));
  if (parsed) {
    r.entry.payload = std::move(*parsed);
  } else if (decoding == PayloadDecoding::Lenient) {
    r.entry.payload = payload;
  } else {
    return std::unexpected(parsed.error());
  }
  r.prev_hash = row.column_text(6);
  r.hash = row.column_text(7);
  return r;
}

}  // namespace

Result<std::vector<AuditRecord>> read_audit_rows(SqlStatement& stmt, PayloadDecoding decoding) {
  std::vector<AuditRecord> records;
  for (;;) {
    EC_STORE_ASSIGN_OR_RETURN(bool row, stmt.step());
    if (!row) return records;
    EC_STORE_ASSIGN_OR_RETURN(AuditRecord record, audit_record_from_row(stmt, decoding));
    records.push_back(std::move(record));
  }
}

}  // namespace ec::store
