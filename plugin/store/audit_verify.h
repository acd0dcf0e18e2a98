// verify_audit: the `audit verify --db FILE` check. Opens the database file read-only (never
// creates it, never migrates or writes), loads every audit record in stored order, checks the
// hash chain with core's verify_audit_chain() and checks that the append-only triggers are intact.
// Thread-safe: each call uses a connection of its own.
#pragma once

#include <string>

#include "plugin/core/audit.h"
#include "plugin/core/result.h"

namespace ec::store {

// Errors:
//  NotFound         no file at `db_path`;
//  InvalidArgument  the file is a SQLite database but not one of ours (no schema_migrations);
//  DataLoss         the chain is broken (core's message names the first bad record's seq; when the
//                   triggers are also gone, the message says so too), or the chain is intact but
//                   the audit_log triggers are missing or altered, or audit_log itself is missing;
//                   or the file is not a SQLite database;
//  Unavailable      the file cannot be read.
[[nodiscard]] Result<AuditVerification> verify_audit(const std::string& db_path);

}  // namespace ec::store
