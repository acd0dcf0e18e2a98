// Storage interfaces the domain needs. The SQLite store (plugin/store) implements them today and
// a PostgreSQL store will tomorrow, so nothing here assumes one process: every read and write
// happens inside an explicit transaction, and all shared state lives in the store.
// A Store is thread-safe (each begin() gets its own connection or serializes); a Transaction is
// used by one thread and rolls back when destroyed without commit().
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plugin/core/approval.h"
#include "plugin/core/audit.h"
#include "plugin/core/case.h"
#include "plugin/core/draft.h"
#include "plugin/core/evidence.h"
#include "plugin/core/finding.h"
#include "plugin/core/outbox.h"
#include "plugin/core/result.h"
#include "plugin/core/sidebar_session.h"
#include "plugin/core/turn.h"
#include "plugin/core/vault.h"

namespace ec {

// Errors common to every method: Unavailable when the database cannot be reached or is busy past
// its timeout; DataLoss when stored data cannot be decoded; Internal for anything else.

class CaseRepository {
 public:
  virtual ~CaseRepository() = default;
  virtual Status insert_case(const Case& c) = 0;                       // AlreadyExists on id clash
  virtual Result<Case> get_case(const std::string& case_id) = 0;       // NotFound
  virtual Result<std::optional<Case>> find_case_by_ticket(const std::string& ticket_ref) = 0;
  virtual Result<std::vector<Case>> list_cases() = 0;
  virtual Status update_case(const Case& c) = 0;                       // NotFound
};

class EvidenceRepository {
 public:
  virtual ~EvidenceRepository() = default;
  // Replaces the case's evidence, findings, questions and subject with a new analysis snapshot.
  virtual Status replace_evidence(const std::string& case_id, const std::vector<Evidence>& evidence) = 0;
  virtual Result<std::vector<Evidence>> list_evidence(const std::string& case_id) = 0;
  virtual Status replace_findings(const std::string& case_id, const std::vector<Finding>& findings) = 0;
  virtual Result<std::vector<Finding>> list_findings(const std::string& case_id) = 0;
  virtual Status upsert_question(const std::string& case_id, const OpenQuestion& question) = 0;
  virtual Result<std::vector<OpenQuestion>> list_questions(const std::string& case_id) = 0;
  // Free-form analysis document (the analysis JSON of the last gathering), for rendering.
  virtual Status put_analysis(const std::string& case_id, const nlohmann::json& analysis) = 0;
  virtual Result<std::optional<nlohmann::json>> get_analysis(const std::string& case_id) = 0;
};

class DraftRepository {
 public:
  virtual ~DraftRepository() = default;
  // AlreadyExists when (case, draft_id, version) is taken: versions are immutable.
  virtual Status insert_draft_version(const DraftVersion& version) = 0;
  virtual Result<DraftVersion> get_draft_version(const std::string& case_id,
                                                 const std::string& draft_id, int version) = 0;
  // All versions of all drafts of the case, ordered by draft id then version.
  virtual Result<std::vector<DraftVersion>> list_draft_versions(const std::string& case_id) = 0;
  // AlreadyExists when the same version already has an approval with the same hash.
  virtual Status insert_approval(const Approval& approval) = 0;
  virtual Result<std::vector<Approval>> list_approvals(const std::string& case_id) = 0;
  // Records "changes requested" on one version. NotFound when the version is not stored.
  virtual Status insert_change_request(const ChangeRequest& request) = 0;
  // Every change request of the case, oldest first.
  virtual Result<std::vector<ChangeRequest>> list_change_requests(const std::string& case_id) = 0;
};

class TurnRepository {
 public:
  virtual ~TurnRepository() = default;
  // Assigns and returns the turn's seq.
  virtual Result<std::int64_t> append_turn(const Turn& turn) = 0;
  virtual Result<std::vector<Turn>> list_turns(const std::string& case_id) = 0;
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // Links the entry to the current head with chain_next() and stores it.
  virtual Result<AuditRecord> append_audit(AuditEntry entry) = 0;
  // Every record in seq order (all cases: the chain is global).
  virtual Result<std::vector<AuditRecord>> list_audit() = 0;
};

class OutboxRepository {
 public:
  virtual ~OutboxRepository() = default;
  // Returns the stored message; when the idempotency key already exists, returns the existing
  // message unchanged (enqueueing is idempotent).
  virtual Result<OutboxMessage> enqueue(const OutboxMessage& message) = 0;
  // Pending messages whose next_attempt_at is unset or <= now, oldest first.
  virtual Result<std::vector<OutboxMessage>> due_messages(Timestamp now, int limit) = 0;
  virtual Result<std::vector<OutboxMessage>> list_outbox(const std::string& case_id) = 0;
  virtual Status mark_delivered(std::int64_t id, const std::string& delivery_ref, Timestamp at) = 0;
  // Records a failed attempt; `next_attempt_at` empty means permanently failed.
  virtual Status mark_attempt_failed(std::int64_t id, const std::string& error,
                                     std::optional<Timestamp> next_attempt_at) = 0;
};

class VaultRepository {
 public:
  virtual ~VaultRepository() = default;
  virtual Status put_vault_entry(const VaultEntry& entry) = 0;   // upsert by (case, placeholder)
  virtual Result<std::vector<VaultEntry>> list_vault(const std::string& case_id) = 0;
};

// Chat platform state: delivery de-duplication and the channel <-> case binding.
class PlatformRepository {
 public:
  virtual ~PlatformRepository() = default;
  // Records that `platform` delivered `event_id`; true when it is new, false for a repeat.
  virtual Result<bool> record_platform_event(const std::string& platform,
                                             const std::string& event_id, Timestamp at) = 0;
  // Binds a channel to a case, replacing an earlier binding of that channel. NotFound: no case.
  virtual Status bind_channel(const std::string& platform, const std::string& channel_id,
                              const std::string& case_id, Timestamp at) = 0;
  virtual Result<std::optional<std::string>> case_for_channel(const std::string& platform,
                                                              const std::string& channel_id) = 0;
  // Takes one use of a reply URL (keyed by `url_key`, e.g. a hash of Slack's response_url) if it
  // has had fewer than `max_uses` since its first use and that first use is less than
  // `lifetime` ago; false otherwise. Forgets keys older than `lifetime`.
  virtual Result<bool> take_reply_url_use(const std::string& url_key, Timestamp now, int max_uses,
                                          std::chrono::milliseconds lifetime) = 0;
};

// Helpdesk sidebar sessions (the Zendesk ticket sidebar page), shared by all replicas.
class SidebarSessionRepository {
 public:
  virtual ~SidebarSessionRepository() = default;
  // AlreadyExists when the id hash is taken.
  virtual Status insert_sidebar_session(const SidebarSession& session) = 0;
  // The session with this id hash, nullopt when there is none (expired ones are returned: the
  // caller decides with SidebarSession::expired()).
  virtual Result<std::optional<SidebarSession>> find_sidebar_session(const std::string& id_hash) = 0;
  // Deletes sessions that expired before `now`; returns how many.
  virtual Result<int> delete_expired_sidebar_sessions(Timestamp now) = 0;
};

// Read models for live measures (GET /metrics): counts the database computes itself, so that
// every replica sharing one database reports the same values.
struct CaseStateCount {
  CaseState state = CaseState::Open;
  std::int64_t cases = 0;
  std::int64_t unacknowledged = 0;  // of those, cases with no security acknowledgement
};
struct OutboxTally {
  std::string channel;
  OutboxState state = OutboxState::Pending;
  std::int64_t messages = 0;
  std::int64_t failed_attempts = 0;  // attempts that did not deliver (all but a delivery's last)
};
// What compute_measures() (plugin/core/measures.h) takes for one case.
struct CaseTrace {
  Case c;
  std::vector<DraftVersion> versions;  // ordered by draft id then version
  std::vector<Approval> approvals;     // in approval order
  std::vector<OutboxMessage> outbox;   // in enqueue order
};

class MetricsRepository {
 public:
  virtual ~MetricsRepository() = default;
  // One row per state that has cases.
  virtual Result<std::vector<CaseStateCount>> count_cases_by_state() = 0;
  // One row per (channel, state) that has messages.
  virtual Result<std::vector<OutboxTally>> tally_outbox() = 0;
  // Turns with this action over all cases ("escalate", "acknowledge", ...).
  virtual Result<std::int64_t> count_turns(std::string_view action) = 0;
  // The trace of every case that has a draft version, read in a fixed number of queries (not one
  // per case), ordered by case creation.
  virtual Result<std::vector<CaseTrace>> list_case_traces() = 0;
};

class Transaction : public CaseRepository,
                    public EvidenceRepository,
                    public DraftRepository,
                    public TurnRepository,
                    public AuditRepository,
                    public OutboxRepository,
                    public VaultRepository,
                    public PlatformRepository,
                    public SidebarSessionRepository,
                    public MetricsRepository {
 public:
  // Makes every write of this transaction durable at once. After commit() the object is spent.
  virtual Status commit() = 0;
};
using TransactionPtr = std::unique_ptr<Transaction>;

class Store {
 public:
  virtual ~Store() = default;
  // Starts a write transaction (SQLite: BEGIN IMMEDIATE).
  virtual Result<TransactionPtr> begin() = 0;
  // Starts a transaction meant for reads (SQLite: a deferred BEGIN that takes no write lock and
  // reads one consistent snapshot). A write through it may fail with Unavailable while another
  // writer holds the lock. Stores without a cheaper read mode begin a write transaction.
  virtual Result<TransactionPtr> begin_read() { return begin(); }
};
using StorePtr = std::unique_ptr<Store>;

}  // namespace ec
