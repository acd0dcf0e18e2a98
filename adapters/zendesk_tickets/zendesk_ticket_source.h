// ZendeskTicketSource: one Zendesk ticket export file, kind "zendesk". As a TicketSource it
// gives the ticket history; as an EvidenceSource it returns what the subject itself did on the
// ticket (audits it authored). The export is read and checked once, at load().
// Not thread-safe; the caller owns the instance.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "plugin/core/evidence_source.h"

namespace ec::adapters::zendesk_tickets {

class ZendeskTicketSource final : public EvidenceSource, public TicketSource {
 public:
  // InvalidArgument naming "<label>.export" when the file cannot be read, is not JSON, or is not
  // a Zendesk ticket export.
  [[nodiscard]] static Result<std::unique_ptr<ZendeskTicketSource>> load(
      const std::filesystem::path& file, std::string display, std::string label);

  // EvidenceSource
  std::string_view kind() const override;
  // ticket.comment / ticket.change records for audits the subject authored within `window`
  // (names_subject = true); records_read counts all audits.
  Result<SourceReport> collect(const Subject& subject, const TimeWindow& window) override;

  // TicketSource
  // Accepts "48213" or "#48213". NotFound for any other ticket.
  Result<TicketHistory> load_ticket(std::string_view ticket_ref) override;

 private:
  ZendeskTicketSource(nlohmann::json export_json, TicketHistory history, std::string display,
                      std::string label);

  nlohmann::json export_;
  TicketHistory history_;
  std::string display_;
  std::string label_;
};

}  // namespace ec::adapters::zendesk_tickets
