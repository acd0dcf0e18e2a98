// Prints the demo's turns for a human watching a terminal: intake, summary, evidence, findings,
// decision, cards, refusals, approvals, deliveries. Presentation only. Not thread-safe.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>

#include "plugin/app/config.h"
#include "plugin/copilot/summarizer.h"
#include "plugin/core/analysis.h"
#include "plugin/core/approval.h"
#include "plugin/core/audit.h"
#include "plugin/core/case.h"
#include "plugin/core/outbox.h"

namespace ec::app {

class DemoPrinter {
 public:
  explicit DemoPrinter(std::ostream& out) : out_(out) {}

  void banner(const Config& config);
  void turn(const std::string& action, const std::string& request);
  void opened(const Case& c);
  void summary(const copilot::TicketSummary& summary);
  void evidence(const Analysis& analysis);
  void findings(const Analysis& analysis);
  void decision(const SecurityDecision& decision, const Case& c);
  void card(const DraftVersion& draft);
  void refusal(const std::string& who, const Error& error);
  void approval(const Approval& approval);
  void acknowledged(const Case& c);
  void revealed(const std::string& placeholder);
  void delivery(const OutboxMessage& message, int delivered);
  void closing(const std::filesystem::path& db, const std::filesystem::path& outbox,
               const Result<AuditVerification>& verification);

 private:
  std::ostream& out_;
  int turn_ = 0;
};

}  // namespace ec::app
