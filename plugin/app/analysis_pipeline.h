// The analysis pipeline shared by `analyze`, `demo` and the service's gather turn: resolve the
// subject, load the ticket, collect every source, number the evidence, correlate, apply the
// security policy, build findings and questions, summarize the ticket and draft the customer
// update and the handoff. Not thread-safe (sources are not); callers serialize.
#pragma once

#include <optional>
#include <string>

#include "plugin/app/source_set.h"
#include "plugin/copilot/redactor.h"
#include "plugin/copilot/summarizer.h"
#include "plugin/core/analysis.h"
#include "plugin/core/case.h"
#include "plugin/core/policy.h"
#include "plugin/core/ticket.h"

namespace ec::app {

struct PipelineResult {
  Analysis analysis;
  std::optional<TicketHistory> ticket;
  copilot::TicketSummary summary;
};

// Errors: NotFound when the subject is unknown to the identity source; InvalidArgument when the
// identity or ticket export cannot be read. An evidence source that fails is reported in
// analysis.sources as incomplete and the rest is still analyzed.
[[nodiscard]] Result<PipelineResult> run_pipeline(SourceSet& sources,
                                                  const CorrelationOptions& options,
                                                  const PolicyRuleSet& policy,
                                                  const Case& c, copilot::Redactor& redactor,
                                                  Timestamp now);

}  // namespace ec::app
