// SqliteIntakeTransaction (sqlite_intake_store.h): IntakeRepository on the intake file's table
// `intake_jobs`. A claim is a read and an update in one BEGIN IMMEDIATE transaction. Each query
// reads the (state, id) index in order, so a claim costs the same with 100,000 jobs waiting as
// with one (it skips other platforms' jobs on the way, which wait only while their own workers
// are busy).
#include "plugin/store/row_codec.h"
#include "plugin/store/sqlite_intake_store.h"
#include "plugin/store/store_macros.h"

namespace ec::store {
namespace {

#define EC_INTAKE_COLUMNS                                                                      \
  "id, platform, kind, dedup_key, payload, state, owner, lease_until, attempts, received_at, " \
  "finished_at"

Result<IntakeJob> intake_from_row(const SqlStatement& row) {
  IntakeJob job;
  job.id = row.column_int64(0);
  job.platform = row.column_text(1);
  job.kind = row.column_text(2);
  job.dedup_key = row.column_text(3);
  job.payload = row.column_text(4);
  EC_STORE_ASSIGN_OR_RETURN(job.state,
                            as_stored(parse_intake_state(row.column_text(5)), "intake job"));
  job.owner = row.column_text(6);
  job.lease_until = from_millis(row.column_optional_int64(7));
  job.attempts = static_cast<int>(row.column_int64(8));
  job.received_at = from_millis(row.column_int64(9));
  job.finished_at = from_millis(row.column_optional_int64(10));
  return job;
}

}  // namespace

Result<std::optional<std::int64_t>> SqliteIntakeTransaction::insert_intake(const IntakeJob& job) {
  if (job.platform.empty() || job.dedup_key.empty()) {
    return make_error(ErrorCode::InvalidArgument, "intake job needs a platform and a dedup key");
  }
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt,
      scope_.prepare(
          "INSERT INTO intake_jobs (platform, kind, dedup_key, payload, state, received_at) "
          "VALUES (?1, ?2, ?3, ?4, 'pending', ?5) ON CONFLICT (platform, dedup_key) DO NOTHING "
          "RETURNING id"));
  stmt.bind_text(1, job.platform)
      .bind_text(2, job.kind)
      .bind_text(3, job.dedup_key)
      .bind_text(4, job.payload)
      .bind_int64(5, to_millis(job.received_at));
  EC_STORE_ASSIGN_OR_RETURN(bool inserted, stmt.step());
  if (!inserted) return std::optional<std::int64_t>();  // a redelivery
  return std::optional<std::int64_t>(stmt.column_int64(0));
}

Result<std::optional<IntakeJob>> SqliteIntakeTransaction::claim_intake(const std::string& owner,
                                                                       const std::string& platform,
                                                                       Timestamp now,
                                                                       Timestamp lease_until,
                                                                       int max_attempts) {
  const std::int64_t now_ms = to_millis(now);
  {
    // Jobs that died with their owner max_attempts times are given up (a poison request).
    EC_STORE_ASSIGN_OR_RETURN(
        SqlStatement give_up,
        scope_.prepare("UPDATE intake_jobs SET state = 'failed', finished_at = ?1 WHERE state = "
                       "'running' AND lease_until <= ?1 AND attempts >= ?2"));
    give_up.bind_int64(1, now_ms).bind_int64(2, max_attempts);
    EC_RETURN_IF_ERROR(give_up.run());
  }
  // Two index-ordered reads, not one `pending OR expired` query: SQLite answers the OR with a
  // multi-index scan and a sort of every waiting job, on each claim, inside the write lock.
  EC_STORE_ASSIGN_OR_RETURN(std::optional<IntakeJob> pending,
                            oldest("state = 'pending' AND platform = ?2 ORDER BY id LIMIT 1",
                                   now_ms, platform));
  EC_STORE_ASSIGN_OR_RETURN(
      std::optional<IntakeJob> expired,
      oldest("state = 'running' AND lease_until <= ?1 AND platform = ?2 ORDER BY id LIMIT 1",
             now_ms, platform));
  if (!pending && !expired) return std::optional<IntakeJob>();
  IntakeJob job =
      std::move(pending && (!expired || pending->id < expired->id) ? *pending : *expired);
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement claim,
      scope_.prepare("UPDATE intake_jobs SET state = 'running', owner = ?2, lease_until = ?3, "
                     "attempts = attempts + 1 WHERE id = ?1"));
  claim.bind_int64(1, job.id).bind_text(2, owner).bind_int64(3, to_millis(lease_until));
  EC_RETURN_IF_ERROR(scope_.run_changing_one(claim, "intake job " + std::to_string(job.id)));
  job.state = IntakeState::Running;
  job.owner = owner;
  job.lease_until = lease_until;
  ++job.attempts;
  return std::optional<IntakeJob>(std::move(job));
}

Status SqliteIntakeTransaction::finish_intake(std::int64_t id, const std::string& owner,
                                              Timestamp at) {
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt,
      scope_.prepare("UPDATE intake_jobs SET state = 'done', finished_at = ?3, lease_until = NULL "
                     "WHERE id = ?1 AND state = 'running' AND owner = ?2"));
  stmt.bind_int64(1, id).bind_text(2, owner).bind_int64(3, to_millis(at));
  EC_RETURN_IF_ERROR(stmt.run());
  if (stmt.changes() == 1) return ok_status();
  EC_STORE_ASSIGN_OR_RETURN(SqlStatement exists,
                            scope_.prepare("SELECT 1 FROM intake_jobs WHERE id = ?1"));
  exists.bind_int64(1, id);
  EC_STORE_ASSIGN_OR_RETURN(bool found, exists.step());
  if (!found) return make_error(ErrorCode::NotFound, "no intake job " + std::to_string(id));
  return make_error(ErrorCode::FailedPrecondition,
                    "intake job " + std::to_string(id) + " is not running for " + owner);
}

Result<std::optional<IntakeJob>> SqliteIntakeTransaction::oldest(std::string_view where,
                                                                 std::int64_t now_ms,
                                                                 const std::string& platform) {
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement pick,
      scope_.prepare("SELECT " EC_INTAKE_COLUMNS " FROM intake_jobs WHERE " + std::string(where)));
  if (where.find("?1") != std::string_view::npos) pick.bind_int64(1, now_ms);
  pick.bind_text(2, platform);
  EC_STORE_ASSIGN_OR_RETURN(bool row, pick.step());
  if (!row) return std::optional<IntakeJob>();
  EC_STORE_ASSIGN_OR_RETURN(IntakeJob job, intake_from_row(pick));
  return std::optional<IntakeJob>(std::move(job));
}

Result<std::int64_t> SqliteIntakeTransaction::purge_intake(Timestamp before) {
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt,
      scope_.prepare("DELETE FROM intake_jobs WHERE finished_at < ?1 AND state IN ('done', "
                     "'failed')"));
  stmt.bind_int64(1, to_millis(before));
  EC_RETURN_IF_ERROR(stmt.run());
  return stmt.changes();
}

Result<std::vector<IntakeJob>> SqliteIntakeTransaction::list_intake(IntakeState state, int limit) {
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt,
      scope_.prepare("SELECT " EC_INTAKE_COLUMNS " FROM intake_jobs WHERE state = "
                            "?1 ORDER BY id LIMIT ?2"));
  stmt.bind_text(1, std::string(intake_state_name(state))).bind_int64(2, limit);
  std::vector<IntakeJob> out;
  for (;;) {
    EC_STORE_ASSIGN_OR_RETURN(bool row, stmt.step());
    if (!row) return out;
    EC_STORE_ASSIGN_OR_RETURN(IntakeJob job, intake_from_row(stmt));
    out.push_back(std::move(job));
  }
}

#undef EC_INTAKE_COLUMNS

}  // namespace ec::store
