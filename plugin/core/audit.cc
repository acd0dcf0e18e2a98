#include "plugin/core/audit.h"

#include "plugin/core/hash.h"

namespace ec {

nlohmann::json audit_record_body(std::int64_t seq, const AuditEntry& entry,
                                 const std::string& prev_hash) {
  return {
      {"seq", seq},
      {"prev_hash", prev_hash},
      {"case_id", entry.case_id},
      {"time", format_rfc3339(entry.time)},
      {"actor", entry.actor},
      {"action", entry.action},
      {"payload", entry.payload},
  };
}

AuditRecord chain_next(const AuditRecord* previous, AuditEntry entry) {
  AuditRecord record;
  record.seq = previous ? previous->seq + 1 : 1;
  record.prev_hash = previous ? previous->hash : std::string(kAuditGenesisHash);
  record.entry = std::move(entry);
  record.hash = sha256_hex(canonical_json(audit_record_body(record.seq, record.entry,
                                                            record.prev_hash)));
  return record;
}

Result<AuditVerification> verify_audit_chain(const std::vector<AuditRecord>& records) {
  std::string expected_prev = kAuditGenesisHash;
  std::int64_t expected_seq = 1;
  for (const AuditRecord& record : records) {
    const auto bad = [&](const std::string& what) {
      return make_error(ErrorCode::DataLoss,
                        "audit record " + std::to_string(record.seq) + " (position " +
                            std::to_string(expected_seq) + "): " + what);
    };
    if (record.seq != expected_seq) {
      return bad(record.seq > expected_seq
                     ? "records are missing before it (expected seq " +
                           std::to_string(expected_seq) + ")"
                     : "out of order or inserted (expected seq " + std::to_string(expected_seq) +
                           ")");
    }
    if (record.prev_hash != expected_prev) {
      return bad("does not link to the previous record (a record was removed, inserted or "
                 "reordered)");
    }
    const std::string actual = sha256_hex(
        canonical_json(audit_record_body(record.seq, record.entry, record.prev_hash)));
    if (actual != record.hash) {
      return bad("content does not match its hash (the record was changed)");
    }
    expected_prev = record.hash;
    ++expected_seq;
  }
  AuditVerification verification;
  verification.records = static_cast<std::int64_t>(records.size());
  verification.head_hash = records.empty() ? std::string(kAuditGenesisHash) : records.back().hash;
  return verification;
}

}  // namespace ec
