#include "plugin/store/sql_statement.h"

#include <utility>

#include "plugin/store/sqlite_error.h"

namespace ec::store {

Result<sqlite3_stmt*> SqlStatement::compile(sqlite3* db, std::string_view sql, unsigned flags) {
  sqlite3_stmt* stmt = nullptr;
  const int rc =
      sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), flags, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return std::unexpected(sqlite_error(db, rc, "prepare"));
  }
  if (stmt == nullptr) {
    return make_error(ErrorCode::Internal, "prepare: empty SQL statement");
  }
  return stmt;
}

Result<SqlStatement> SqlStatement::prepare(sqlite3* db, std::string_view sql) {
  auto stmt = compile(db, sql, 0);
  if (!stmt) return std::unexpected(stmt.error());
  return SqlStatement(db, *stmt);
}

SqlStatement::SqlStatement(SqlStatement&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      stmt_(std::exchange(other.stmt_, nullptr)),
      in_use_(std::exchange(other.in_use_, nullptr)),
      bind_error_(std::move(other.bind_error_)) {}

SqlStatement& SqlStatement::operator=(SqlStatement&& other) noexcept {
  if (this != &other) {
    release();
    db_ = std::exchange(other.db_, nullptr);
    stmt_ = std::exchange(other.stmt_, nullptr);
    in_use_ = std::exchange(other.in_use_, nullptr);
    bind_error_ = std::move(other.bind_error_);
  }
  return *this;
}

SqlStatement::~SqlStatement() { release(); }

void SqlStatement::release() {
  if (stmt_ == nullptr) return;
  if (in_use_ == nullptr) {
    sqlite3_finalize(stmt_);
  } else {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    *in_use_ = false;
  }
  stmt_ = nullptr;
  in_use_ = nullptr;
}

void SqlStatement::note_bind(int rc, int index) {
  if (rc != SQLITE_OK && !bind_error_) {
    bind_error_ = sqlite_error(db_, rc, "bind parameter " + std::to_string(index));
  }
}

SqlStatement& SqlStatement::bind_text(int index, std::string_view value) {
  note_bind(
      sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
      index);
  return *this;
}

SqlStatement& SqlStatement::bind_int64(int index, std::int64_t value) {
  note_bind(sqlite3_bind_int64(stmt_, index, value), index);
  return *this;
}

SqlStatement& SqlStatement::bind_null(int index) {
  note_bind(sqlite3_bind_null(stmt_, index), index);
  return *this;
}

SqlStatement& SqlStatement::bind_optional_int64(int index, std::optional<std::int64_t> value) {
  return value ? bind_int64(index, *value) : bind_null(index);
}

Result<bool> SqlStatement::step(std::string_view what) {
  if (bind_error_) return std::unexpected(*bind_error_);
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return std::unexpected(sqlite_error(db_, rc, what));
}

Status SqlStatement::run(std::string_view what) {
  auto row = step(what);
  if (!row) return std::unexpected(std::move(row).error());
  if (*row) return make_error(ErrorCode::Internal, "statement returned rows where none expected");
  return ok_status();
}

std::string SqlStatement::column_text(int index) const {
  const unsigned char* text = sqlite3_column_text(stmt_, index);
  if (text == nullptr) return {};
  const int size = sqlite3_column_bytes(stmt_, index);
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

std::int64_t SqlStatement::column_int64(int index) const {
  return sqlite3_column_int64(stmt_, index);
}

bool SqlStatement::column_is_null(int index) const {
  return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

std::optional<std::int64_t> SqlStatement::column_optional_int64(int index) const {
  if (column_is_null(index)) return std::nullopt;
  return column_int64(index);
}

}  // namespace ec::store
