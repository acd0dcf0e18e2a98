// SqliteTransaction: MetricsRepository. Counts are GROUP BY queries the database answers without
// decoding rows; the case traces are four queries (cases, draft_versions, approvals, outbox),
// each table read once through its own file's row decoder and grouped here by case id.
#include <map>

#include "plugin/store/row_codec.h"
#include "plugin/store/sqlite_transaction.h"
#include "plugin/store/store_macros.h"

namespace ec::store {

Result<std::vector<CaseStateCount>> SqliteTransaction::count_cases_by_state() {
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt,
      prepare("SELECT state, COUNT(*), SUM(security_acknowledged_by = '') FROM cases "
              "GROUP BY state ORDER BY state"));
  std::vector<CaseStateCount> out;
  for (;;) {
    EC_STORE_ASSIGN_OR_RETURN(bool row, stmt.step());
    if (!row) return out;
    CaseStateCount count;
    EC_STORE_ASSIGN_OR_RETURN(count.state,
                              as_stored(parse_case_state(stmt.column_text(0)), "case"));
    count.cases = stmt.column_int64(1);
    count.unacknowledged = stmt.column_int64(2);
    out.push_back(count);
  }
}

Result<std::vector<OutboxTally>> SqliteTransaction::tally_outbox() {
  // A delivered message's last attempt succeeded; every other attempt failed.
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt,
      prepare("SELECT channel, state, COUNT(*), "
              "SUM(attempts) - SUM(CASE WHEN state = ?1 THEN 1 ELSE 0 END) "
              "FROM outbox GROUP BY channel, state ORDER BY channel, state"));
  stmt.bind_text(1, outbox_state_name(OutboxState::Delivered));
  std::vector<OutboxTally> out;
  for (;;) {
    EC_STORE_ASSIGN_OR_RETURN(bool row, stmt.step());
    if (!row) return out;
    OutboxTally tally;
    tally.channel = stmt.column_text(0);
    EC_STORE_ASSIGN_OR_RETURN(tally.state,
                              as_stored(parse_outbox_state(stmt.column_text(1)), "outbox message"));
    tally.messages = stmt.column_int64(2);
    tally.failed_attempts = stmt.column_int64(3);
    out.push_back(std::move(tally));
  }
}

Result<std::int64_t> SqliteTransaction::count_turns(std::string_view action) {
  EC_STORE_ASSIGN_OR_RETURN(SqlStatement stmt,
                            prepare("SELECT COUNT(*) FROM turns WHERE action = ?1"));
  stmt.bind_text(1, action);
  EC_STORE_ASSIGN_OR_RETURN(bool row, stmt.step());
  if (!row) return make_error(ErrorCode::Internal, "COUNT(*) returned no row");
  return stmt.column_int64(0);
}

Result<std::vector<CaseTrace>> SqliteTransaction::list_case_traces() {
  EC_STORE_ASSIGN_OR_RETURN(std::vector<DraftVersion> versions, all_draft_versions());
  std::map<std::string, CaseTrace> by_case;
  for (DraftVersion& v : versions) {
    const std::string case_id = v.case_id;
    by_case[case_id].versions.push_back(std::move(v));
  }
  if (by_case.empty()) return std::vector<CaseTrace>{};
  EC_STORE_ASSIGN_OR_RETURN(std::vector<Approval> approvals, all_approvals());
  for (Approval& a : approvals) {
    if (auto it = by_case.find(a.case_id); it != by_case.end()) {
      it->second.approvals.push_back(std::move(a));
    }
  }
  EC_STORE_ASSIGN_OR_RETURN(std::vector<OutboxMessage> outbox, all_outbox());
  for (OutboxMessage& m : outbox) {
    if (auto it = by_case.find(m.case_id); it != by_case.end()) {
      it->second.outbox.push_back(std::move(m));
    }
  }
  EC_STORE_ASSIGN_OR_RETURN(std::vector<Case> cases, list_cases());
  std::vector<CaseTrace> out;
  out.reserve(by_case.size());
  for (Case& c : cases) {  // list_cases() orders by creation
    auto it = by_case.find(c.id);
    if (it == by_case.end()) continue;
    it->second.c = std::move(c);
    out.push_back(std::move(it->second));
  }
  return out;
}

}  // namespace ec::store
