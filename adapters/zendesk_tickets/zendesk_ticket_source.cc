#include "adapters/zendesk_tickets/zendesk_ticket_source.h"

#include <fstream>
#include <sstream>

#include "adapters/common/config.h"
#include "adapters/common/report_builder.h"
#include "adapters/zendesk_tickets/audit_evidence.h"
#include "adapters/zendesk_tickets/zendesk_export.h"

namespace ec::adapters::zendesk_tickets {
namespace {

constexpr std::size_t kMaxExportBytes = 64 * 1024 * 1024;

Result<nlohmann::json> read_json_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return make_error(ErrorCode::InvalidArgument, "cannot open " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  if (text.str().size() > kMaxExportBytes) {
    return make_error(ErrorCode::InvalidArgument, file.string() + " is larger than 64 MiB");
  }
  auto parsed = nlohmann::json::parse(text.str(), nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return make_error(
        ErrorCode::InvalidArgument,
        file.string() + ": expected a JSON object {\"ticket\": ..., \"audits\": ...}");
  }
  return parsed;
}

}  // namespace

ZendeskTicketSource::ZendeskTicketSource(nlohmann::json export_json, TicketHistory history,
                                         std::string display, std::string label)
    : export_(std::move(export_json)),
      history_(std::move(history)),
      display_(std::move(display)),
      label_(std::move(label)) {}

Result<std::unique_ptr<ZendeskTicketSource>> ZendeskTicketSource::load(
    const std::filesystem::path& file, std::string display, std::string label) {
  const std::string key = common::config_key(label, "export");
  auto json = read_json_file(file);
  if (!json) return std::unexpected(json.error().with_context(key));
  auto history = ticket_history_from_export(*json);
  if (!history) return std::unexpected(history.error().with_context(key + " (" + display + ")"));
  return std::unique_ptr<ZendeskTicketSource>(new ZendeskTicketSource(
      std::move(*json), std::move(*history), std::move(display), std::move(label)));
}

std::string_view ZendeskTicketSource::kind() const { return kSourceKind; }

Result<SourceReport> ZendeskTicketSource::collect(const Subject& subject,
                                                  const TimeWindow& window) {
  common::ReportBuilder report(kSourceKind, label_);
  add_subject_audits(export_, history_.id, display_, subject, window, report);
  return report.finish();
}

Result<TicketHistory> ZendeskTicketSource::load_ticket(std::string_view ticket_ref) {
  if (ticket_ref.starts_with('#')) ticket_ref.remove_prefix(1);
  if (ticket_ref != history_.id) {
    return make_error(ErrorCode::NotFound, "ticket '" + std::string(ticket_ref) + "' is not in " +
                                               display_ + " (it holds #" + history_.id + ")");
  }
  return history_;
}

}  // namespace ec::adapters::zendesk_tickets
