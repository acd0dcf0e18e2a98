// Internal helpers shared by findings_builder.cc and open_questions.cc: evidence lookup by id,
// short descriptions of accesses and credentials. Not part of the copilot's public API.
// Pure functions; thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "plugin/core/correlation.h"
#include "plugin/core/evidence.h"
#include "plugin/core/finding.h"

namespace ec::copilot::detail {

using EvidenceIndex = std::map<std::string, const Evidence*>;
EvidenceIndex index_evidence(const std::vector<Evidence>& evidence);
const Evidence* lookup(const EvidenceIndex& index, const std::string& id);

// Appends ids not yet present, keeping order.
void add_ids(std::vector<std::string>& into, const std::vector<std::string>& ids);

// "invoice_backup_2024Q4.xlsx" from "support-attachments/tickets/48213/att_9f3c/invoice_…".
std::string object_name(const std::string& object);
std::vector<std::string> distinct_object_names(const std::vector<AttributedAccess>& accesses);

// "a lifetime of 7 days" for 604800 seconds.
std::string describe_duration(std::int64_t seconds);

// "product token refresh", "identity-provider token grant", ... for an evidence kind.
std::string credential_label(const Evidence& e);

// Presign lifetimes above this count as a control failure.
inline constexpr std::int64_t kMaxReasonablePresignSeconds = 3600;

// Evidence (access or chain) of presigned URLs whose lifetime exceeds the threshold.
std::vector<const Evidence*> long_lived_presigns(const Correlation& c, const EvidenceIndex& index);

// Open questions for the correlated case; ids assigned by the caller.
std::vector<OpenQuestion> open_questions(const Correlation& c, const EvidenceIndex& index,
                                         bool escalated);

}  // namespace ec::copilot::detail
