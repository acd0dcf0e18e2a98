#include "plugin/store/connection_pool.h"

#include <utility>

namespace ec::store {

Result<ConnectionPtr> ConnectionPool::acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      ConnectionPtr connection = std::move(idle_.back());
      idle_.pop_back();
      return connection;
    }
  }
  return Connection::open(path_, OpenMode::ReadWrite, sync_);
}

void ConnectionPool::release(ConnectionPtr connection) {
  if (connection == nullptr) return;
  std::lock_guard lock(mutex_);
  if (idle_.size() < max_idle_) idle_.push_back(std::move(connection));
}  // A connection not kept closes here, as `connection` goes out of scope.

}  // namespace ec::store
