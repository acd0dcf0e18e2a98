// Correlation: puts every source's evidence on one timeline and decides what the subject (or
// anything acting for it: a session, a token, a presigned URL) did after deprovisioning, with
// the attribution chain and a confidence. Absence of logs is reported as a gap, never as absence
// of access. Pure functions over evidence; thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "plugin/core/evidence.h"
#include "plugin/core/presign_index.h"
#include "plugin/core/record_coverage.h"
#include "plugin/core/time.h"

namespace ec {

enum class Via { Direct, Session, ApiToken, PresignedUrl, RoleSession, Unknown };
std::string_view via_name(Via via);

enum class Confidence { High, Medium, Low, None };
std::string_view confidence_name(Confidence confidence);

struct AttributedAccess {
  std::string evidence_id;
  Timestamp time{};
  std::string object;                // "bucket/key"
  std::string action;                // "download", "preview", "head", ...
  Via via = Via::Unknown;
  Confidence confidence = Confidence::None;
  std::vector<std::string> chain;    // evidence ids from the credential's origin to the access
  std::string reasoning;             // one sentence: why this is attributed (or why it cannot be)
  bool succeeded = false;            // 2xx with bytes served; failures are attempts
  bool near_boundary = false;        // within the clock-skew tolerance of the deprovision time
};

struct CorrelationOptions {
  std::chrono::seconds clock_skew{120};
  // Storage reads of this action count as data access; others (HEAD, PUT) are listed as noise.
  std::vector<std::string> data_actions{"download", "preview"};
  // Principals that are the product's own backend (role sessions serving the product); their
  // reads are not attributed to the subject.
  std::vector<std::string> service_principals;
  // A storage source silent for longer than this after deprovisioning is reported as a gap.
  std::chrono::hours gap_threshold{6};
};

struct Correlation {
  Subject subject;
  std::vector<AttributedAccess> post_deprovision_access;  // succeeded and attributed
  std::vector<AttributedAccess> attempts;                 // attributed, but failed (403, expired)
  std::vector<AttributedAccess> cannot_rule_out;          // after deprovision, not attributable
  std::vector<std::string> credential_use_after;          // evidence: session/token used after
  std::vector<std::string> boundary_events;               // evidence within the skew tolerance
  std::vector<std::string> gaps;                          // "no s3_access_log records between …"
  std::vector<std::string> timeline;                      // every evidence id, time-ordered
  // The subject's own non-storage actions after deprovisioning (product views, logins, presigns,
  // ticket comments and changes); their ids are also in credential_use_after.
  std::vector<AttributedAccess> activity_after;
};

// What a streamed analysis knows of the records it read but does not list in its evidence.
struct StreamSummary {
  // The times of every record the sources produced; bucket width at most the gap threshold.
  RecordCoverage coverage;
  // Presigns minted for other users, for the join (they are routine: not listed).
  ForeignPresigns foreign_presigns;
};

// `evidence` must already carry ids (assign_evidence_ids). `reports` gives completeness and
// coverage for gaps; `summary` what is known of the records not in `evidence`.
Correlation correlate(const Subject& subject, const std::vector<Evidence>& evidence,
                      const std::vector<SourceReport>& reports, const StreamSummary& summary,
                      const CorrelationOptions& options);

// The same, when `evidence` is every record read: coverage is taken from it (and from any
// evidence the reports still hold).
Correlation correlate(const Subject& subject, const std::vector<Evidence>& evidence,
                      const std::vector<SourceReport>& reports, const CorrelationOptions& options);

// Storage sources (s3_access_log, cloudtrail, cloudfront): their reads are what correlation
// attributes, and their coverage decides the gaps.
bool is_storage_source(std::string_view source);

// True when the record itself names the subject (flag set by the adapter, or the principal).
bool record_names_subject(const Evidence& e, const Subject& subject);

// The part of may_concern_subject() that needs only a storage read's time, action and
// principal: true when correlate() is sure to ignore the read whatever its other fields (no
// deprovisioning time, before the clock-skew tolerance of deprovisioning, not a data read, or by
// a service principal). Lets a source skip building a record that can only be counted.
bool storage_read_is_routine(Timestamp time, std::string_view action, std::string_view principal,
                             const Subject& subject, const CorrelationOptions& options);

// For a storage.object_access record: false only when correlate() is sure to ignore it: a read
// before the clock-skew tolerance of deprovisioning, not a data read (HEAD, PUT), by a service
// principal, by another principal with its own credentials, with a presigned URL that
// `subject_presigns` and `foreign` show was minted only for other users, or a failed read that
// nothing links to the subject (anonymous, or an unjoined presigned URL). True for every other
// record. The indexes must hold every presign correlate() will see for the answer to be exact;
// with fewer it only keeps more. What the analysis pipeline keeps of a stream.
bool may_concern_subject(const Evidence& e, const Subject& subject,
                         const CorrelationOptions& options, const PresignIndex& subject_presigns,
                         const ForeignPresigns& foreign);

}  // namespace ec
