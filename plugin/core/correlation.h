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

// `evidence` must already carry ids (assign_evidence_ids). `reports` gives coverage for gaps.
Correlation correlate(const Subject& subject, const std::vector<Evidence>& evidence,
                      const std::vector<SourceReport>& reports, const CorrelationOptions& options);

}  // namespace ec
