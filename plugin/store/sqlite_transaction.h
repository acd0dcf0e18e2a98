// SqliteTransaction: ec::Transaction on one pooled connection of the case database inside BEGIN
// IMMEDIATE (a TransactionScope). Destroying it without commit() rolls back; the connection then
// returns to the pool. Used by one thread.
// The repository methods are implemented one area per file (transaction_cases.cc,
// transaction_evidence.cc, transaction_drafts.cc, transaction_turns.cc, transaction_audit.cc,
// transaction_outbox.cc, transaction_vault.cc, transaction_platform.cc,
// transaction_metrics.cc). Beyond store.h's contracts: any method called
// after commit() is FailedPrecondition; a write naming a case that does not exist is NotFound.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plugin/core/store.h"
#include "plugin/store/connection.h"
#include "plugin/store/connection_pool.h"
#include "plugin/store/sql_statement.h"
#include "plugin/store/transaction_scope.h"

namespace ec::store {

class SqliteTransaction final : public Transaction {
 public:
  // Takes a connection from `pool` and begins a transaction on it. Unavailable when busy.
  [[nodiscard]] static Result<TransactionPtr> begin(std::shared_ptr<ConnectionPool> pool,
                                                    Locking locking = Locking::Immediate);

  ~SqliteTransaction() override;
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;

  // Transaction
  [[nodiscard]] Status commit() override;

  // CaseRepository. find_case_by_ticket returns the newest case when a ticket was opened twice.
  [[nodiscard]] Status insert_case(const Case& c) override;
  [[nodiscard]] Result<Case> get_case(const std::string& case_id) override;
  [[nodiscard]] Result<std::optional<Case>> find_case_by_ticket(
      const std::string& ticket_ref) override;
  [[nodiscard]] Result<std::vector<Case>> list_cases() override;
  [[nodiscard]] Status update_case(const Case& c) override;

  // EvidenceRepository. Lists keep the order given to replace_*; questions keep first-insert order.
  [[nodiscard]] Status replace_evidence(const std::string& case_id,
                                        const std::vector<Evidence>& evidence) override;
  [[nodiscard]] Result<std::vector<Evidence>> list_evidence(const std::string& case_id) override;
  [[nodiscard]] Status replace_findings(const std::string& case_id,
                                        const std::vector<Finding>& findings) override;
  [[nodiscard]] Result<std::vector<Finding>> list_findings(const std::string& case_id) override;
  [[nodiscard]] Status upsert_question(const std::string& case_id,
                                       const OpenQuestion& question) override;
  [[nodiscard]] Result<std::vector<OpenQuestion>> list_questions(
      const std::string& case_id) override;
  [[nodiscard]] Status put_analysis(const std::string& case_id,
                                    const nlohmann::json& analysis) override;
  [[nodiscard]] Result<std::optional<nlohmann::json>> get_analysis(
      const std::string& case_id) override;

  // DraftRepository. insert_draft_version: InvalidArgument when the version is not sealed.
  [[nodiscard]] Status insert_draft_version(const DraftVersion& version) override;
  [[nodiscard]] Result<DraftVersion> get_draft_version(const std::string& case_id,
                                                       const std::string& draft_id,
                                                       int version) override;
  [[nodiscard]] Result<std::vector<DraftVersion>> list_draft_versions(
      const std::string& case_id) override;
  // NotFound when the approved draft version is not stored.
  [[nodiscard]] Status insert_approval(const Approval& approval) override;
  [[nodiscard]] Result<std::vector<Approval>> list_approvals(const std::string& case_id) override;
  [[nodiscard]] Status insert_change_request(const ChangeRequest& request) override;
  [[nodiscard]] Result<std::vector<ChangeRequest>> list_change_requests(
      const std::string& case_id) override;

  // TurnRepository
  [[nodiscard]] Result<std::int64_t> append_turn(const Turn& turn) override;
  [[nodiscard]] Result<std::vector<Turn>> list_turns(const std::string& case_id) override;

  // AuditRepository
  [[nodiscard]] Result<AuditRecord> append_audit(AuditEntry entry) override;
  [[nodiscard]] Result<std::vector<AuditRecord>> list_audit() override;

  // OutboxRepository. enqueue stores a new message as pending with no attempts (whatever the
  // struct says) and keeps created_at and next_attempt_at; InvalidArgument for an empty key.
  // mark_*: NotFound for an unknown id; FailedPrecondition when the message is not pending
  // (a delivered message is never marked again).
  [[nodiscard]] Result<OutboxMessage> enqueue(const OutboxMessage& message) override;
  [[nodiscard]] Result<std::vector<OutboxMessage>> due_messages(Timestamp now, int limit) override;
  [[nodiscard]] Result<std::vector<OutboxMessage>> list_outbox(const std::string& case_id) override;
  [[nodiscard]] Status mark_delivered(std::int64_t id, const std::string& delivery_ref,
                                      Timestamp at) override;
  [[nodiscard]] Status mark_attempt_failed(std::int64_t id, const std::string& error,
                                           std::optional<Timestamp> next_attempt_at) override;

  // VaultRepository
  [[nodiscard]] Status put_vault_entry(const VaultEntry& entry) override;
  [[nodiscard]] Result<std::vector<VaultEntry>> list_vault(const std::string& case_id) override;

  // PlatformRepository (transaction_platform.cc; tables of migration 0003)
  [[nodiscard]] Result<bool> record_platform_event(const std::string& platform,
                                                   const std::string& event_id,
                                                   Timestamp at) override;
  [[nodiscard]] Status bind_channel(const std::string& platform, const std::string& channel_id,
                                    const std::string& case_id, Timestamp at) override;
  [[nodiscard]] Result<std::optional<std::string>> case_for_channel(
      const std::string& platform, const std::string& channel_id) override;
  [[nodiscard]] Result<bool> take_reply_url_use(const std::string& url_key, Timestamp now,
                                                int max_uses,
                                                std::chrono::milliseconds lifetime) override;

  // SidebarSessionRepository (transaction_sidebar.cc; table of migration 0007)
  [[nodiscard]] Status insert_sidebar_session(const SidebarSession& session) override;
  [[nodiscard]] Result<std::optional<SidebarSession>> find_sidebar_session(
      const std::string& id_hash) override;
  [[nodiscard]] Result<int> delete_expired_sidebar_sessions(Timestamp now) override;
  // MetricsRepository (transaction_metrics.cc): GROUP BY counts, and the case traces from one
  // query per table (cases, draft_versions, approvals, outbox).
  [[nodiscard]] Result<std::vector<CaseStateCount>> count_cases_by_state() override;
  [[nodiscard]] Result<std::vector<OutboxTally>> tally_outbox() override;
  [[nodiscard]] Result<std::int64_t> count_turns(std::string_view action) override;
  [[nodiscard]] Result<std::vector<CaseTrace>> list_case_traces() override;

 private:
  explicit SqliteTransaction(TransactionScope scope);

  // Prepares SQL on this transaction's connection; FailedPrecondition once committed.
  [[nodiscard]] Result<SqlStatement> prepare(std::string_view sql);
  // Runs a prepared statement that must change exactly one row; NotFound naming `what` if none.
  [[nodiscard]] Status run_changing_one(SqlStatement& stmt, std::string_view what);
  // The newest audit record, if any (transaction_audit.cc).
  [[nodiscard]] Result<std::optional<AuditRecord>> audit_head();
  // The outbox message with `id`, NotFound otherwise (transaction_outbox.cc).
  [[nodiscard]] Result<OutboxMessage> outbox_by_id(std::int64_t id);
  [[nodiscard]] Result<OutboxMessage> outbox_by_key(const std::string& key);
  // Every row of a table, over all cases, each decoded by its file's one row decoder
  // (transaction_drafts.cc, transaction_outbox.cc); ordered by case id, then as the per-case
  // lists order them.
  [[nodiscard]] Result<std::vector<DraftVersion>> all_draft_versions();
  [[nodiscard]] Result<std::vector<Approval>> all_approvals();
  [[nodiscard]] Result<std::vector<OutboxMessage>> all_outbox();

  TransactionScope scope_;
};

}  // namespace ec::store
