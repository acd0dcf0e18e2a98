// Schema migrations: numbered SQL scripts (plugin/store/migrations/NNNN_name.sql) embedded in the
// binary at build time, and the function that brings a database up to date in one transaction.
// Applied versions are recorded in schema_migrations(version, applied_at). Thread-safe: concurrent
// openers serialize on BEGIN IMMEDIATE and each applies only what is still missing.
#pragma once

#include <span>
#include <string_view>

#include "plugin/core/result.h"
#include "plugin/store/connection.h"

namespace ec::store {

struct Migration {
  int version = 0;        // 1, 2, 3, ... increasing; a gap is allowed until a merge fills it
  std::string_view name;  // "0001_initial"
  std::string_view sql;   // fixed SQL text, one or more statements
};

// The migrations this binary knows, in version order (generated from migrations/*.sql).
std::span<const Migration> embedded_migrations();
// The intake database's migrations (its own numbering, from intake_migrations/*.sql).
std::span<const Migration> embedded_intake_migrations();

// The newest schema version this binary knows.
int latest_schema_version();

// Applies every migration not yet recorded in schema_migrations, all in one IMMEDIATE transaction.
// FailedPrecondition when the database's version is newer than the newest of `migrations`
// (written by a newer binary); Internal when versions do not strictly increase; otherwise the
// SQLite error mapped by sqlite_error(). Returns the schema version after applying.
[[nodiscard]] Result<int> apply_migrations(Connection& connection,
                                           std::span<const Migration> migrations);

}  // namespace ec::store
