// SqliteTransaction: DraftRepository (tables `draft_versions`, `approvals`). Draft versions are
// immutable: UNIQUE(case_id, draft_id, version) refuses a second insert and a trigger refuses
// UPDATE.
#include "plugin/store/row_codec.h"
#include "plugin/store/sqlite_transaction.h"
#include "plugin/store/store_macros.h"

namespace ec::store {
namespace {

#define EC_DRAFT_COLUMNS \
  "case_id, draft_id, version, kind, statements, created_by, created_at, content_hash"

Result<DraftVersion> draft_from_row(const SqlStatement& row) {
  constexpr std::string_view kWhat = "draft version";
  DraftVersion v;
  v.case_id = row.column_text(0);
  v.draft_id = row.column_text(1);
  v.version = static_cast<int>(row.column_int64(2));
  EC_STORE_ASSIGN_OR_RETURN(v.kind, as_stored(parse_draft_kind(row.column_text(3)), kWhat));
  EC_STORE_ASSIGN_OR_RETURN(nlohmann::json statements,
                            parse_json_column(row.column_text(4), kWhat));
  EC_STORE_ASSIGN_OR_RETURN(v.statements, statements_from_json(statements));
  v.created_by = row.column_text(5);
  v.created_at = from_millis(row.column_int64(6));
  v.content_hash = row.column_text(7);
  return v;
}

Approval approval_from_row(const SqlStatement& row) {
  Approval a;
  a.case_id = row.column_text(0);
  a.draft_id = row.column_text(1);
  a.version = static_cast<int>(row.column_int64(2));
  a.content_hash = row.column_text(3);
  a.approver = row.column_text(4);
  a.approved_at = from_millis(row.column_int64(5));
  a.lint_verdict = row.column_text(6);
  return a;
}

std::string version_name(const std::string& case_id, const std::string& draft_id, int version) {
  return "draft " + case_id + "/" + draft_id + " v" + std::to_string(version);
}

}  // namespace

Status SqliteTransaction::insert_draft_version(const DraftVersion& version) {
  const std::string name = version_name(version.case_id, version.draft_id, version.version);
  if (version.content_hash.empty()) {
    return make_error(ErrorCode::InvalidArgument, name + " is not sealed (no content hash)");
  }
  EC_STORE_ASSIGN_OR_RETURN(SqlStatement stmt,
                            prepare("INSERT INTO draft_versions (" EC_DRAFT_COLUMNS
                                    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
  stmt.bind_text(1, version.case_id)
      .bind_text(2, version.draft_id)
      .bind_int64(3, version.version)
      .bind_text(4, draft_kind_name(version.kind))
      .bind_text(5, json_column(statements_to_json(version.statements)))
      .bind_text(6, version.created_by)
      .bind_int64(7, to_millis(version.created_at))
      .bind_text(8, version.content_hash);
  if (auto done = stmt.run(); !done) return std::unexpected(done.error().with_context(name));
  return ok_status();
}

Result<DraftVersion> SqliteTransaction::get_draft_version(const std::string& case_id,
                                                          const std::string& draft_id,
                                                          int version) {
  EC_STORE_ASSIGN_OR_RETURN(SqlStatement stmt,
                            prepare("SELECT " EC_DRAFT_COLUMNS " FROM draft_versions "
                                    "WHERE case_id = ?1 AND draft_id = ?2 AND version = ?3"));
  stmt.bind_text(1, case_id).bind_text(2, draft_id).bind_int64(3, version);
  EC_STORE_ASSIGN_OR_RETURN(bool row, stmt.step());
  if (!row)
    return make_error(ErrorCode::NotFound, "no " + version_name(case_id, draft_id, version));
  return draft_from_row(stmt);
}

Result<std::vector<DraftVersion>> SqliteTransaction::list_draft_versions(
    const std::string& case_id) {
  EC_STORE_ASSIGN_OR_RETURN(SqlStatement stmt, prepare("SELECT " EC_DRAFT_COLUMNS
                                                       " FROM draft_versions WHERE case_id = ?1 "
                                                       "ORDER BY draft_id, version"));
  stmt.bind_text(1, case_id);
  std::vector<DraftVersion> out;
  for (;;) {
    EC_STORE_ASSIGN_OR_RETURN(bool row, stmt.step());
    if (!row) return out;
    EC_STORE_ASSIGN_OR_RETURN(DraftVersion v, draft_from_row(stmt));
    out.push_back(std::move(v));
  }
}

Result<std::vector<DraftVersion>> SqliteTransaction::all_draft_versions() {
  EC_STORE_ASSIGN_OR_RETURN(SqlStatement stmt,
                            prepare("SELECT " EC_DRAFT_COLUMNS " FROM draft_versions "
                                    "ORDER BY case_id, draft_id, version"));
  std::vector<DraftVersion> out;
  for (;;) {
    EC_STORE_ASSIGN_OR_RETURN(bool row, stmt.step());
    if (!row) return out;
    EC_STORE_ASSIGN_OR_RETURN(DraftVersion v, draft_from_row(stmt));
    out.push_back(std::move(v));
  }
}

Status SqliteTransaction::insert_approval(const Approval& approval) {
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt,
      prepare("INSERT INTO approvals (case_id, draft_id, version, content_hash, approver, "
              "approved_at, lint_verdict) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
  stmt.bind_text(1, approval.case_id)
      .bind_text(2, approval.draft_id)
      .bind_int64(3, approval.version)
      .bind_text(4, approval.content_hash)
      .bind_text(5, approval.approver)
      .bind_int64(6, to_millis(approval.approved_at))
      .bind_text(7, approval.lint_verdict);
  if (auto done = stmt.run(); !done) {
    return std::unexpected(done.error().with_context(
        "approval of " + version_name(approval.case_id, approval.draft_id, approval.version)));
  }
  return ok_status();
}

Result<std::vector<Approval>> SqliteTransaction::list_approvals(const std::string& case_id) {
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt,
      prepare("SELECT case_id, draft_id, version, content_hash, approver, approved_at, "
              "lint_verdict FROM approvals WHERE case_id = ?1 ORDER BY id"));
  stmt.bind_text(1, case_id);
  std::vector<Approval> out;
  for (;;) {
    EC_STORE_ASSIGN_OR_RETURN(bool row, stmt.step());
    if (!row) return out;
    out.push_back(approval_from_row(stmt));
  }
}

Result<std::vector<Approval>> SqliteTransaction::all_approvals() {
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt,
      prepare("SELECT case_id, draft_id, version, content_hash, approver, approved_at, "
              "lint_verdict FROM approvals ORDER BY case_id, id"));
  std::vector<Approval> out;
  for (;;) {
    EC_STORE_ASSIGN_OR_RETURN(bool row, stmt.step());
    if (!row) return out;
    out.push_back(approval_from_row(stmt));
  }
}

Status SqliteTransaction::insert_change_request(const ChangeRequest& request) {
  EC_RETURN_IF_ERROR(get_draft_version(request.case_id, request.draft_id, request.version));
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt,
      prepare("INSERT INTO draft_change_requests (case_id, draft_id, version, content_hash, "
              "requested_by, reason, requested_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
              "ON CONFLICT DO NOTHING"));
  stmt.bind_text(1, request.case_id)
      .bind_text(2, request.draft_id)
      .bind_int64(3, request.version)
      .bind_text(4, request.content_hash)
      .bind_text(5, request.requested_by)
      .bind_text(6, request.reason)
      .bind_int64(7, to_millis(request.requested_at));
  return stmt.run();
}

Result<std::vector<ChangeRequest>> SqliteTransaction::list_change_requests(
    const std::string& case_id) {
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt,
      prepare("SELECT case_id, draft_id, version, content_hash, requested_by, reason, "
              "requested_at FROM draft_change_requests WHERE case_id = ?1 "
              "ORDER BY requested_at, rowid"));
  stmt.bind_text(1, case_id);
  std::vector<ChangeRequest> out;
  for (;;) {
    EC_STORE_ASSIGN_OR_RETURN(bool row, stmt.step());
    if (!row) return out;
    ChangeRequest r;
    r.case_id = stmt.column_text(0);
    r.draft_id = stmt.column_text(1);
    r.version = static_cast<int>(stmt.column_int64(2));
    r.content_hash = stmt.column_text(3);
    r.requested_by = stmt.column_text(4);
    r.reason = stmt.column_text(5);
    r.requested_at = from_millis(stmt.column_int64(6));
    out.push_back(std::move(r));
  }
}

#undef EC_DRAFT_COLUMNS

}  // namespace ec::store
