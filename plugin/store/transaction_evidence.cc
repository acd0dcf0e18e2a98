// SqliteTransaction: EvidenceRepository (tables `evidence`, `findings`, `questions`, `analysis`).
#include "plugin/store/row_codec.h"
#include "plugin/store/sqlite_transaction.h"
#include "plugin/store/store_macros.h"

namespace ec::store {
namespace {

Result<Finding> finding_from_row(const SqlStatement& row) {
  constexpr std::string_view kWhat = "finding";
  Finding f;
  f.id = row.column_text(0);
  f.statement = row.column_text(1);
  EC_STORE_ASSIGN_OR_RETURN(f.status, as_stored(parse_finding_status(row.column_text(2)), kWhat));
  EC_STORE_ASSIGN_OR_RETURN(f.owner, as_stored(parse_owner(row.column_text(3)), kWhat));
  EC_STORE_ASSIGN_OR_RETURN(f.evidence, parse_string_list_column(row.column_text(4), kWhat));
  return f;
}

Result<OpenQuestion> question_from_row(const SqlStatement& row) {
  constexpr std::string_view kWhat = "open question";
  OpenQuestion q;
  q.id = row.column_text(0);
  q.question = row.column_text(1);
  EC_STORE_ASSIGN_OR_RETURN(q.owner, as_stored(parse_owner(row.column_text(2)), kWhat));
  EC_STORE_ASSIGN_OR_RETURN(q.state, as_stored(parse_question_state(row.column_text(3)), kWhat));
  q.blocking = row.column_int64(4) != 0;
  q.answer = row.column_text(5);
  EC_STORE_ASSIGN_OR_RETURN(q.answer_evidence, parse_string_list_column(row.column_text(6), kWhat));
  EC_STORE_ASSIGN_OR_RETURN(q.answer_basis, parse_string_list_column(row.column_text(7), kWhat));
  q.note = row.column_text(8);
  return q;
}

}  // namespace

Status SqliteTransaction::replace_evidence(const std::string& case_id,
                                           const std::vector<Evidence>& evidence) {
  EC_STORE_ASSIGN_OR_RETURN(SqlStatement clear, prepare("DELETE FROM evidence WHERE case_id = ?1"));
  clear.bind_text(1, case_id);
  EC_RETURN_IF_ERROR(clear.run());
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement insert,
      prepare("INSERT INTO evidence (case_id, id, position, json) VALUES (?1, ?2, ?3, ?4)"));
  std::int64_t position = 0;
  for (const Evidence& e : evidence) {
    insert.bind_text(1, case_id)
        .bind_text(2, e.id)
        .bind_int64(3, position++)
        .bind_text(4, json_column(evidence_to_json(e)));
    if (auto done = insert.run(); !done) {
      return std::unexpected(done.error().with_context("evidence " + e.id));
    }
    insert.reset();
  }
  return ok_status();
}

Result<std::vector<Evidence>> SqliteTransaction::list_evidence(const std::string& case_id) {
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt, prepare("SELECT json FROM evidence WHERE case_id = ?1 ORDER BY position"));
  stmt.bind_text(1, case_id);
  std::vector<Evidence> out;
  for (;;) {
    EC_STORE_ASSIGN_OR_RETURN(bool row, stmt.step());
    if (!row) return out;
    EC_STORE_ASSIGN_OR_RETURN(nlohmann::json json,
                              parse_json_column(stmt.column_text(0), "evidence"));
    EC_STORE_ASSIGN_OR_RETURN(Evidence e, as_stored(evidence_from_json(json), "evidence"));
    out.push_back(std::move(e));
  }
}

Status SqliteTransaction::replace_findings(const std::string& case_id,
                                           const std::vector<Finding>& findings) {
  EC_STORE_ASSIGN_OR_RETURN(SqlStatement clear, prepare("DELETE FROM findings WHERE case_id = ?1"));
  clear.bind_text(1, case_id);
  EC_RETURN_IF_ERROR(clear.run());
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement insert,
      prepare("INSERT INTO findings (case_id, id, position, statement, status, owner, evidence) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
  std::int64_t position = 0;
  for (const Finding& f : findings) {
    insert.bind_text(1, case_id)
        .bind_text(2, f.id)
        .bind_int64(3, position++)
        .bind_text(4, f.statement)
        .bind_text(5, finding_status_name(f.status))
        .bind_text(6, owner_name(f.owner))
        .bind_text(7, string_list_column(f.evidence));
    if (auto done = insert.run(); !done) {
      return std::unexpected(done.error().with_context("finding " + f.id));
    }
    insert.reset();
  }
  return ok_status();
}

Result<std::vector<Finding>> SqliteTransaction::list_findings(const std::string& case_id) {
  EC_STORE_ASSIGN_OR_RETURN(SqlStatement stmt,
                            prepare("SELECT id, statement, status, owner, evidence FROM findings "
                                    "WHERE case_id = ?1 ORDER BY position"));
  stmt.bind_text(1, case_id);
  std::vector<Finding> out;
  for (;;) {
    EC_STORE_ASSIGN_OR_RETURN(bool row, stmt.step());
    if (!row) return out;
    EC_STORE_ASSIGN_OR_RETURN(Finding f, finding_from_row(stmt));
    out.push_back(std::move(f));
  }
}

Status SqliteTransaction::upsert_question(const std::string& case_id,
                                          const OpenQuestion& question) {
  // ON CONFLICT ... DO UPDATE keeps the row (and its rowid), so listing order is first insertion.
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt,
      prepare("INSERT INTO questions "
              "(case_id, id, question, owner, state, blocking, answer, answer_evidence, "
              "answer_basis, note) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
              "ON CONFLICT (case_id, id) DO UPDATE SET question = excluded.question, "
              "owner = excluded.owner, state = excluded.state, blocking = excluded.blocking, "
              "answer = excluded.answer, answer_evidence = excluded.answer_evidence, "
              "answer_basis = excluded.answer_basis, note = excluded.note"));
  stmt.bind_text(1, case_id)
      .bind_text(2, question.id)
      .bind_text(3, question.question)
      .bind_text(4, owner_name(question.owner))
      .bind_text(5, question_state_name(question.state))
      .bind_int64(6, question.blocking ? 1 : 0)
      .bind_text(7, question.answer)
      .bind_text(8, string_list_column(question.answer_evidence))
      .bind_text(9, string_list_column(question.answer_basis))
      .bind_text(10, question.note);
  return stmt.run();
}

Result<std::vector<OpenQuestion>> SqliteTransaction::list_questions(const std::string& case_id) {
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt,
      prepare("SELECT id, question, owner, state, blocking, answer, answer_evidence, "
              "answer_basis, note FROM questions WHERE case_id = ?1 ORDER BY rowid"));
  stmt.bind_text(1, case_id);
  std::vector<OpenQuestion> out;
  for (;;) {
    EC_STORE_ASSIGN_OR_RETURN(bool row, stmt.step());
    if (!row) return out;
    EC_STORE_ASSIGN_OR_RETURN(OpenQuestion q, question_from_row(stmt));
    out.push_back(std::move(q));
  }
}

Status SqliteTransaction::put_analysis(const std::string& case_id, const nlohmann::json& analysis) {
  EC_STORE_ASSIGN_OR_RETURN(SqlStatement stmt,
                            prepare("INSERT INTO analysis (case_id, json) VALUES (?1, ?2) "
                                    "ON CONFLICT (case_id) DO UPDATE SET json = excluded.json"));
  stmt.bind_text(1, case_id).bind_text(2, json_column(analysis));
  return stmt.run();
}

Result<std::optional<nlohmann::json>> SqliteTransaction::get_analysis(const std::string& case_id) {
  EC_STORE_ASSIGN_OR_RETURN(SqlStatement stmt,
                            prepare("SELECT json FROM analysis WHERE case_id = ?1"));
  stmt.bind_text(1, case_id);
  EC_STORE_ASSIGN_OR_RETURN(bool row, stmt.step());
  if (!row) return std::optional<nlohmann::json>();
  EC_STORE_ASSIGN_OR_RETURN(nlohmann::json json,
                            parse_json_column(stmt.column_text(0), "analysis"));
  return std::optional<nlohmann::json>(std::move(json));
}

}  // namespace ec::store
