// Connection: RAII owner of one sqlite3* handle, opened with the store's settings (WAL,
// foreign_keys=ON, busy_timeout, synchronous NORMAL or FULL), or read-only for verification,
// and of the statements prepared on it: each SQL text is compiled once per connection and
// reused (the store runs a fixed set of literal statements, so the cache stays small).
// Not thread-safe: one thread uses a connection at a time (the pool hands each transaction its
// own), so the handle is opened without SQLite's own per-call mutex.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include <sqlite3.h>

#include "plugin/core/result.h"
#include "plugin/store/sql_statement.h"

namespace ec::store {

enum class OpenMode {
  ReadWrite,  // creates the file when missing and applies the store's pragmas
  ReadOnly,   // never creates or writes; NotFound when the file does not exist
};

// How a read-write connection's commits reach the disk (SQLite's `synchronous`, in WAL mode):
//  - Normal: a commit survives a crash of the process, not of the machine; the WAL is fsynced
//    only at checkpoints.
//  - Full: every commit fsyncs the WAL first, so it survives a power loss too.
enum class Sync { Normal, Full };

inline constexpr std::chrono::milliseconds kBusyTimeout{5000};

// Creates the folder a database file goes in (the case database and the intake file alike);
// Unavailable naming the folder when it cannot be created.
[[nodiscard]] Status ensure_parent_dir(const std::filesystem::path& path);

class Connection {
 public:
  // Unavailable when the file cannot be opened; NotFound (ReadOnly) when it does not exist;
  // DataLoss when it is not a SQLite database.
  [[nodiscard]] static Result<std::unique_ptr<Connection>> open(const std::filesystem::path& path,
                                                                OpenMode mode,
                                                                Sync sync = Sync::Normal);

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // Runs fixed SQL text (one or more statements, no values), e.g. a migration or BEGIN IMMEDIATE.
  [[nodiscard]] Status exec(std::string_view sql, std::string_view what);
  // Runs fixed SQL text of one statement without values through the statement cache (BEGIN,
  // COMMIT, ROLLBACK: every transaction runs them).
  [[nodiscard]] Status run(std::string_view sql, std::string_view what);
  // The cached statement for `sql` (one statement), compiled on first use. While a previous
  // SqlStatement for the same text is still alive, a separate one is compiled for this call.
  [[nodiscard]] Result<SqlStatement> prepare(std::string_view sql);
  sqlite3* handle() { return db_; }

 private:
  struct CachedStatement {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;  // a borrowed SqlStatement holds it
  };
  // Heterogeneous lookup: finding a string_view's statement allocates nothing.
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept {
      return std::hash<std::string_view>{}(text);
    }
  };

  explicit Connection(sqlite3* db) : db_(db) {}
  [[nodiscard]] Status configure(OpenMode mode, Sync sync);
  [[nodiscard]] Status enable_wal();

  sqlite3* db_ = nullptr;
  // Node-based: an entry's address (its in_use flag) stays put while others are added.
  std::unordered_map<std::string, CachedStatement, TextHash, std::equal_to<>> statements_;
};
using ConnectionPtr = std::unique_ptr<Connection>;

}  // namespace ec::store
