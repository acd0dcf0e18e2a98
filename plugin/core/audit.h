// The audit trail's hash chain: each record holds the SHA-256 of the previous record and of its
// own canonical JSON, so any change, deletion, insertion or reordering is detected. The store
// keeps the records; hashing and verification live here, once. Pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugin/core/result.h"
#include "plugin/core/time.h"

namespace ec {

inline constexpr char kAuditGenesisHash[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

struct AuditEntry {
  std::string case_id;
  Timestamp time{};
  std::string actor;     // platform user id or "copilot" or "system"
  std::string action;    // "turn", "tool_call", "artifact", "decision", "reveal", "delivery", ...
  nlohmann::json payload = nlohmann::json::object();  // redacted
};

struct AuditRecord {
  std::int64_t seq = 0;  // 1, 2, 3, ... with no gaps
  AuditEntry entry;
  std::string prev_hash;
  std::string hash;      // sha256(canonical_json({seq, prev_hash, case_id, time, actor, action, payload}))
};

// The canonical JSON the hash is computed over.
nlohmann::json audit_record_body(std::int64_t seq, const AuditEntry& entry,
                                 const std::string& prev_hash);

// Builds the next record of the chain after `previous` (nullptr for the first record).
AuditRecord chain_next(const AuditRecord* previous, AuditEntry entry);

struct AuditVerification {
  std::int64_t records = 0;
  std::string head_hash;  // hash of the last record: publish it to detect tail truncation
};

// Checks records in stored order. DataLoss naming the first bad record's seq and what is wrong
// (changed content, gap, reordering, wrong link).
[[nodiscard]] Result<AuditVerification> verify_audit_chain(const std::vector<AuditRecord>& records);

}  // namespace ec
