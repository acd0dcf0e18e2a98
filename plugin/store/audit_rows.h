// Reading audit_log rows into core AuditRecords, shared by the transaction (list_audit, the chain
// head for append_audit) and by verify_audit(). Pure functions over a prepared statement; the
// statement's connection must not be used by another thread meanwhile.
#pragma once

#include <string_view>
#include <vector>

#include "plugin/core/audit.h"
#include "plugin/core/result.h"
#include "plugin/store/sql_statement.h"

namespace ec::store {

// Every record in stored (seq = rowid) order.
inline constexpr std::string_view kSelectAuditInOrder =
    "SELECT seq, case_id, time, actor, action, payload, prev_hash, hash FROM audit_log "
    "ORDER BY seq";
// The newest record (the chain head), if any.
inline constexpr std::string_view kSelectAuditHead =
    "SELECT seq, case_id, time, actor, action, payload, prev_hash, hash FROM audit_log "
    "ORDER BY seq DESC LIMIT 1";

enum class PayloadDecoding {
  Strict,   // a payload that is not JSON is DataLoss naming the record's seq
  Lenient,  // such a payload is kept as a JSON string, so the chain check flags that record
};

// Reads all remaining rows of a statement prepared from one of the queries above.
[[nodiscard]] Result<std::vector<AuditRecord>> read_audit_rows(SqlStatement& stmt,
                                                               PayloadDecoding decoding);

}  // namespace ec::store
