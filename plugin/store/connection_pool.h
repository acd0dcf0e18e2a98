// ConnectionPool: hands out read-write connections to one database file and keeps a few idle ones
// for reuse, so each transaction has a connection of its own and no sqlite3* is ever used by two
// threads at once. Thread-safe. Shared (shared_ptr) by the store and its open transactions, so a
// transaction may outlive the store that began it.
#pragma once

#include <cstddef>
#include <filesystem>
#include <mutex>
#include <vector>

#include "plugin/core/result.h"
#include "plugin/store/connection.h"

namespace ec::store {

class ConnectionPool {
 public:
  explicit ConnectionPool(std::filesystem::path path, std::size_t max_idle = 4,
                          Sync sync = Sync::Normal)
      : path_(std::move(path)), max_idle_(max_idle), sync_(sync) {}
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // An idle connection, or a new one (errors as Connection::open).
  [[nodiscard]] Result<ConnectionPtr> acquire();
  // Returns a connection that is outside any transaction; closes it when enough are idle.
  void release(ConnectionPtr connection);

  const std::filesystem::path& path() const { return path_; }

 private:
  const std::filesystem::path path_;
  const std::size_t max_idle_;
  const Sync sync_;
  std::mutex mutex_;
  std::vector<ConnectionPtr> idle_;  // guarded by mutex_
};

}  // namespace ec::store
