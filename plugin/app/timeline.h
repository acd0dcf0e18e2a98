// The reviewer timeline of one case, reconstructed from the store: every turn in order, each
// draft version with its statements' authorship, approvals, deliveries, and the audit chain's
// verification at export time, and the case's measures (core's measures.h). Rendered as JSON, Markdown or a self-contained HTML page.
// Pure rendering over loaded data; thread-safe.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "plugin/core/audit.h"
#include "plugin/core/store.h"

namespace ec::app {

// Loads everything the timeline shows. NotFound when the case does not exist.
[[nodiscard]] Result<nlohmann::json> load_timeline(Transaction& tx, const std::string& case_id,
                                                   const Result<AuditVerification>& audit);

// The "Measures" block of the Markdown (and HTML) timeline, from timeline["measures"].
std::string render_measures_markdown(const nlohmann::json& measures);
std::string render_timeline_markdown(const nlohmann::json& timeline);
std::string render_timeline_html(const nlohmann::json& timeline);

}  // namespace ec::app
