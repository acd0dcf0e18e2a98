// Maps SQLite result codes onto ec::Error codes, in one place, so every repository method reports
// the same code for the same failure (see the error contract in plugin/core/store.h).
// Pure functions; thread-safe as long as the connection is not used by another thread meanwhile.
#pragma once

#include <string_view>

#include <sqlite3.h>

#include "plugin/core/result.h"

namespace ec::store {

// The code for an (extended) SQLite result code:
//  BUSY, LOCKED, CANTOPEN, IOERR, FULL, READONLY  -> Unavailable (retryable, or an environment
//  fault) CONSTRAINT_UNIQUE / _PRIMARYKEY                -> AlreadyExists CONSTRAINT_FOREIGNKEY ->
//  NotFound (the referenced row does not exist) CONSTRAINT_TRIGGER and other constraints       ->
//  FailedPrecondition (e.g. append-only tables) CORRUPT, NOTADB                                ->
//  DataLoss anything else                                  -> Internal
ErrorCode error_code_for_sqlite(int extended_code);

// An Error for a failed call on `db`: "<what>: <sqlite message> (<code name>)".
// `db` may be null (e.g. when sqlite3_open_v2 could not allocate a handle).
Error sqlite_error(sqlite3* db, int rc, std::string_view what);

}  // namespace ec::store
