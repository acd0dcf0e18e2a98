// SqliteTransaction: PlatformRepository (tables `platform_events`, `channel_bindings` and
// `response_url_uses`).
#include "plugin/store/row_codec.h"
#include "plugin/store/sqlite_transaction.h"
#include "plugin/store/store_macros.h"

namespace ec::store {

Result<bool> SqliteTransaction::record_platform_event(const std::string& platform,
                                                      const std::string& event_id, Timestamp at) {
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt,
      prepare("INSERT INTO platform_events (platform, event_id, received_at) VALUES (?1, ?2, ?3) "
              "ON CONFLICT (platform, event_id) DO NOTHING"));
  stmt.bind_text(1, platform).bind_text(2, event_id).bind_int64(3, to_millis(at));
  EC_RETURN_IF_ERROR(stmt.run());
  return stmt.changes() == 1;
}

Status SqliteTransaction::bind_channel(const std::string& platform, const std::string& channel_id,
                                       const std::string& case_id, Timestamp at) {
  EC_RETURN_IF_ERROR(get_case(case_id));
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt,
      prepare("INSERT INTO channel_bindings (platform, channel_id, case_id, bound_at) "
              "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (platform, channel_id) DO UPDATE SET "
              "case_id = excluded.case_id, bound_at = excluded.bound_at"));
  stmt.bind_text(1, platform).bind_text(2, channel_id).bind_text(3, case_id).bind_int64(
      4, to_millis(at));
  return stmt.run();
}

Result<std::optional<std::string>> SqliteTransaction::case_for_channel(
    const std::string& platform, const std::string& channel_id) {
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt,
      prepare("SELECT case_id FROM channel_bindings WHERE platform = ?1 AND channel_id = ?2"));
  stmt.bind_text(1, platform).bind_text(2, channel_id);
  EC_STORE_ASSIGN_OR_RETURN(bool row, stmt.step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(stmt.column_text(0));
}

Result<bool> SqliteTransaction::take_reply_url_use(const std::string& url_key, Timestamp now,
                                                   int max_uses,
                                                   std::chrono::milliseconds lifetime) {
  const std::int64_t expired_before = to_millis(now) - lifetime.count();
  {
    EC_STORE_ASSIGN_OR_RETURN(
        SqlStatement purge, prepare("DELETE FROM response_url_uses WHERE first_use_at <= ?1"));
    purge.bind_int64(1, expired_before);
    EC_RETURN_IF_ERROR(purge.run());
  }
  // One statement: a new key starts at one use; a known key gains one while under the limit.
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt,
      prepare("INSERT INTO response_url_uses (url_hash, first_use_at, uses) VALUES (?1, ?2, 1) "
              "ON CONFLICT (url_hash) DO UPDATE SET uses = uses + 1 WHERE uses < ?3"));
  stmt.bind_text(1, url_key).bind_int64(2, to_millis(now)).bind_int64(3, max_uses);
  EC_RETURN_IF_ERROR(stmt.run());
  return stmt.changes() == 1;
}

}  // namespace ec::store
