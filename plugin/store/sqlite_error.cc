#include "plugin/store/sqlite_error.h"

#include <string>

namespace ec::store {

ErrorCode error_code_for_sqlite(int extended_code) {
  switch (extended_code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return ErrorCode::AlreadyExists;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return ErrorCode::NotFound;
    default:
      break;
  }
  switch (extended_code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_PROTOCOL:
      return ErrorCode::Unavailable;
    case SQLITE_CONSTRAINT:
      return ErrorCode::FailedPrecondition;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return ErrorCode::DataLoss;
    default:
      return ErrorCode::Internal;
  }
}

Error sqlite_error(sqlite3* db, int rc, std::string_view what) {
  // The connection's extended code is more precise than `rc` when it belongs to the same call.
  int code = rc;
  std::string detail = sqlite3_errstr(rc);
  if (db != nullptr && (sqlite3_extended_errcode(db) & 0xff) == (rc & 0xff)) {
    code = sqlite3_extended_errcode(db);
    detail = sqlite3_errmsg(db);
  }
  std::string message(what);
  message += ": ";
  message += detail;
  message += " (";
  message += sqlite3_errstr(code);
  message += ")";
  return Error{error_code_for_sqlite(code), std::move(message)};
}

}  // namespace ec::store
