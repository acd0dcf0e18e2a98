#include "adapters/zendesk_tickets/zendesk_live_source.h"

#include <algorithm>
#include <set>
#include <utility>

#include "adapters/common/json_fields.h"
#include "adapters/common/json_pages.h"
#include "adapters/common/report_builder.h"
#include "adapters/zendesk_tickets/audit_evidence.h"
#include "adapters/zendesk_tickets/zendesk_export.h"

namespace ec::adapters::zendesk_tickets {
namespace {

using common::get_id;
using common::get_string;

bool is_ticket_number(std::string_view text) {
  return !text.empty() && text.size() <= 19 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Adds the sideloaded users of a response, once per id.
void merge_users(const nlohmann::json& body, nlohmann::json& users) {
  const nlohmann::json* more = common::find_path(body, {"users"});
  if (more == nullptr || !more->is_array()) return;
  std::set<std::string> known;
  for (const auto& u : users) known.insert(get_id(u, {"id"}));
  for (const auto& u : *more) {
    if (u.is_object() && known.insert(get_id(u, {"id"})).second) users.push_back(u);
  }
}

}  // namespace

std::string_view ZendeskLiveSource::kind() const { return kSourceKind; }

bool ZendeskLiveSource::read_list(const std::string& url, const char* key, Loaded& loaded) {
  common::ReportBuilder report(kSourceKind, settings_.label);
  nlohmann::json& items = loaded.export_json[key];
  const auto on_page = [&](const common::JsonPage& page) -> std::string {
    const nlohmann::json* list = common::find_path(page.body, {key});
    if (list == nullptr || !list->is_array()) {
      return std::string("expected a Zendesk page {\"") + key + "\": [...], \"meta\": ...}";
    }
    for (const auto& item : *list) items.push_back(item);
    merge_users(page.body, loaded.export_json["users"]);
    return {};
  };
  const auto next = [](const common::JsonPage& page) -> std::optional<std::string> {
    const nlohmann::json* more = common::find_path(page.body, {"meta", "has_more"});
    if (more == nullptr || !more->is_boolean() || !more->get<bool>()) return std::nullopt;
    const std::string link = get_string(page.body, {"links", "next"});
    if (link.empty()) return std::nullopt;
    return link;
  };
  const bool complete =
      common::walk_json_pages(api_, url, on_page, next, report, settings_.max_pages);
  SourceReport partial = report.finish();
  for (auto& d : partial.diagnostics) loaded.problems.push_back(std::move(d));
  return complete;
}

Result<ZendeskLiveSource::Loaded> ZendeskLiveSource::fetch(const std::string& id) {
  api_.begin_operation();
  const std::string ticket_url = settings_.base_url + "/api/v2/tickets/" + id;
  const std::string url = ticket_url + ".json?include=users";
  auto got = api_.get(url);
  if (!got) return std::unexpected(got.error().with_context(settings_.label));
  const int status = got->response.status;
  const std::string where = common::response_location(url, status);
  if (status == 404) {
    return make_error(ErrorCode::NotFound,
                      "ticket '" + id + "' does not exist at " + settings_.base_url);
  }
  if (status == 401) {
    return make_error(ErrorCode::Unauthenticated,
                      where + ": Zendesk rejected the credentials from " + settings_.token_env);
  }
  if (status == 403) {
    return make_error(ErrorCode::PermissionDenied,
                      api_.redact(where + ": the credentials from " + settings_.token_env +
                                  " may not read this ticket: " + common::status_problem(*got)));
  }
  if (!got->ok()) {
    return make_error(ErrorCode::Unavailable,
                      api_.redact(where + ": " + common::status_problem(*got)));
  }
  auto body = nlohmann::json::parse(got->response.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return make_error(ErrorCode::InvalidArgument, where + ": the response is not valid JSON");
  }
  Loaded loaded;
  loaded.id = id;
  loaded.export_json = {{"ticket", body.value("ticket", nlohmann::json())},
                        {"comments", nlohmann::json::array()},
                        {"audits", nlohmann::json::array()},
                        {"users", nlohmann::json::array()}};
  merge_users(body, loaded.export_json["users"]);
  const std::string page = "page%5Bsize%5D=" + std::to_string(settings_.page_size);
  read_list(ticket_url + "/comments.json?" + page + "&include=users", "comments", loaded);
  read_list(ticket_url + "/audits.json?" + page, "audits", loaded);
  auto history = ticket_history_from_export(loaded.export_json);
  if (!history) {
    return make_error(ErrorCode::InvalidArgument, where + ": " + history.error().message);
  }
  loaded.history = std::move(*history);
  return loaded;
}

Result<TicketHistory> ZendeskLiveSource::load_ticket(std::string_view ticket_ref) {
  if (ticket_ref.starts_with('#')) ticket_ref.remove_prefix(1);
  if (!is_ticket_number(ticket_ref)) {
    return make_error(ErrorCode::InvalidArgument,
                      "ticket '" + std::string(ticket_ref) + "': expected a Zendesk ticket number");
  }
  auto loaded = fetch(std::string(ticket_ref));
  if (!loaded) return std::unexpected(loaded.error());
  loaded_ = std::move(*loaded);
  return loaded_->history;
}

Result<SourceReport> ZendeskLiveSource::collect(const Subject& subject, const TimeWindow& window) {
  if (!loaded_) {
    if (settings_.ticket.empty()) {
      return make_error(ErrorCode::FailedPrecondition,
                        settings_.label + ": no ticket loaded and no \"ticket\" configured");
    }
    auto loaded = load_ticket(settings_.ticket);
    if (!loaded) return std::unexpected(loaded.error());
  }
  common::ReportBuilder report(kSourceKind, settings_.label);
  for (const SourceDiagnostic& problem : loaded_->problems) {
    report.mark_incomplete();
    report.note(problem.location, problem.message);
  }
  add_subject_audits(loaded_->export_json, loaded_->history.id,
                     settings_.base_url + "/api/v2/tickets/" + loaded_->id, subject, window,
                     report);
  return report.finish();
}

}  // namespace ec::adapters::zendesk_tickets
