#include "plugin/store/connection.h"

#include <string>
#include <system_error>
#include <thread>

#include "plugin/store/sqlite_error.h"

namespace ec::store {

Status ensure_parent_dir(const std::filesystem::path& path) {
  const auto parent = path.parent_path();
  if (parent.empty()) return ok_status();
  std::error_code ec;
  std::filesystem::create_directories(parent, ec);
  if (ec) {
    return make_error(ErrorCode::Unavailable,
                      "cannot create folder " + parent.string() + ": " + ec.message());
  }
  return ok_status();
}

Result<ConnectionPtr> Connection::open(const std::filesystem::path& path, OpenMode mode,
                                       Sync sync) {
  if (mode == OpenMode::ReadOnly) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      return make_error(ErrorCode::NotFound, "no database file at " + path.string());
    }
  }
  const int flags = mode == OpenMode::ReadOnly ? SQLITE_OPEN_READONLY
                                               : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Error error = sqlite_error(db, rc, "open " + path.string());
    sqlite3_close_v2(db);
    return std::unexpected(std::move(error));
  }
  ConnectionPtr connection(new Connection(db));
  if (auto configured = connection->configure(mode, sync); !configured) {
    return std::unexpected(configured.error().with_context(path.string()));
  }
  return connection;
}

Connection::~Connection() {
  // A statement still borrowed here outlived its connection (a bug): close_v2 keeps the handle
  // until it is finalized, and it never is. Every other cached statement is finalized first.
  for (auto& [text, cached] : statements_) {
    if (!cached.in_use) sqlite3_finalize(cached.stmt);
  }
  sqlite3_close_v2(db_);
}

Result<SqlStatement> Connection::prepare(std::string_view sql) {
  if (auto found = statements_.find(sql); found != statements_.end()) {
    CachedStatement& cached = found->second;
    if (cached.in_use) return SqlStatement::prepare(db_, sql);  // the same text, twice at once
    cached.in_use = true;
    return SqlStatement::borrow(db_, cached.stmt, &cached.in_use);
  }
  auto stmt = SqlStatement::compile(db_, sql, SQLITE_PREPARE_PERSISTENT);
  if (!stmt) return std::unexpected(stmt.error());
  auto inserted = statements_.emplace(std::string(sql), CachedStatement{*stmt, true}).first;
  return SqlStatement::borrow(db_, *stmt, &inserted->second.in_use);
}

Status Connection::run(std::string_view sql, std::string_view what) {
  auto stmt = prepare(sql);
  if (!stmt) return std::unexpected(stmt.error().with_context(what));
  return stmt->run(what);
}

Status Connection::configure(OpenMode mode, Sync sync) {
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, static_cast<int>(kBusyTimeout.count()));
  if (mode == OpenMode::ReadOnly) {
    // Reading sqlite_master proves the file is a database at all (NOTADB otherwise).
    return exec("PRAGMA query_only = ON; SELECT count(*) FROM sqlite_master;", "configure");
  }
  EC_RETURN_IF_ERROR(enable_wal());
  return exec(sync == Sync::Full ? "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"
                                 : "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;",
              "configure");
}

Status Connection::enable_wal() {
  // Switching a new file to WAL needs an exclusive lock, and SQLite reports BUSY for it without
  // calling the busy handler when another opener holds a lock; so retry until kBusyTimeout.
  // Once the file is in WAL mode (persistent) the pragma is a no-op and never busy.
  const auto deadline = std::chrono::steady_clock::now() + kBusyTimeout;
  for (;;) {
    auto done = exec("PRAGMA journal_mode = WAL", "enable WAL");
    if (done || done.error().code != ErrorCode::Unavailable ||
        std::chrono::steady_clock::now() >= deadline) {
      return done;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

Status Connection::exec(std::string_view sql, std::string_view what) {
  char* message = nullptr;
  const std::string text(sql);
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);  // the same text is available from sqlite3_errmsg
  if (rc != SQLITE_OK) return std::unexpected(sqlite_error(db_, rc, what));
  return ok_status();
}

}  // namespace ec::store
