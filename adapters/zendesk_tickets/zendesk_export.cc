#include "adapters/zendesk_tickets/zendesk_export.h"

#include <algorithm>

#include "adapters/common/json_fields.h"

namespace ec::adapters::zendesk_tickets {
namespace {

using common::get_id;
using common::get_string;

const nlohmann::json kEmptyArray = nlohmann::json::array();

const nlohmann::json& array_at(const nlohmann::json& value, const char* key) {
  const auto it = value.find(key);
  return (it == value.end() || !it->is_array()) ? kEmptyArray : *it;
}

std::vector<TicketAttachment> attachments_of(const nlohmann::json& comment) {
  std::vector<TicketAttachment> out;
  for (const auto& a : array_at(comment, "attachments")) {
    out.push_back({get_id(a, {"id"}), get_string(a, {"file_name"}), get_string(a, {"content_type"}),
                   common::get_int(a, {"size"}).value_or(0)});
  }
  return out;
}

TicketEntry comment_entry(const nlohmann::json& comment, TicketEntry base) {
  base.kind = TicketEntryKind::Comment;
  const std::string author = get_id(comment, {"author_id"});
  if (!author.empty()) base.author_id = author;
  const auto* is_public = common::find_path(comment, {"public"});
  base.is_public = is_public == nullptr || !is_public->is_boolean() || is_public->get<bool>();
  base.body = get_string(comment, {"body"});
  base.attachments = attachments_of(comment);
  return base;
}

std::string value_text(const nlohmann::json& event, const char* key) {
  const auto it = event.find(key);
  return it == event.end() ? std::string{} : common::scalar_text(*it);
}

std::optional<TicketEntry> entry_from_event(const nlohmann::json& event, const TicketEntry& base) {
  const std::string type = get_string(event, {"type"});
  TicketEntry entry = base;
  if (type == "Comment") return comment_entry(event, base);
  if (type == "Create" || type == "Change") {
    entry.kind = type == "Create" ? TicketEntryKind::Created : TicketEntryKind::FieldChange;
    entry.field = get_string(event, {"field_name"});
    entry.to_value = value_text(event, "value");
    entry.from_value = value_text(event, "previous_value");
    return entry;
  }
  if (type == "Notification") {
    entry.kind = TicketEntryKind::Notification;
    entry.body = get_string(event, {"subject"});
    return entry;
  }
  return std::nullopt;
}

std::vector<TicketPerson> people_of(const nlohmann::json& export_json) {
  std::vector<TicketPerson> people;
  for (const auto& u : array_at(export_json, "users")) {
    people.push_back({get_id(u, {"id"}), get_string(u, {"name"}), get_string(u, {"email"}),
                      get_string(u, {"role"})});
  }
  return people;
}

Status check_arrays(const nlohmann::json& export_json) {
  for (const char* key : {"audits", "comments", "users"}) {
    const auto it = export_json.find(key);
    if (it != export_json.end() && !it->is_array()) {
      return make_error(ErrorCode::InvalidArgument,
                        std::string("\"") + key + "\": expected an array");
    }
  }
  return ok_status();
}

void fill_ticket_fields(const nlohmann::json& t, TicketHistory& h) {
  h.id = get_id(t, {"id"});
  h.subject = get_string(t, {"subject"});
  h.status = get_string(t, {"status"});
  h.priority = get_string(t, {"priority"});
  h.requester_id = get_id(t, {"requester_id"});
  h.assignee_id = get_id(t, {"assignee_id"});
  h.organization_id = get_id(t, {"organization_id"});
  for (const auto& tag : array_at(t, "tags")) {
    if (tag.is_string()) h.tags.push_back(tag.get<std::string>());
  }
  h.created_at = common::get_time(t, {"created_at"}).value_or(Timestamp{});
}

TicketEntry comment_base(const nlohmann::json& comment) {
  TicketEntry base;
  base.time = common::get_time(comment, {"created_at"}).value_or(Timestamp{});
  base.channel = get_string(comment, {"via", "channel"});
  base.ip = get_string(comment, {"metadata", "system", "ip_address"});
  return base;
}

}  // namespace

std::vector<TicketEntry> entries_from_audit(const nlohmann::json& audit) {
  TicketEntry base;
  base.time = common::get_time(audit, {"created_at"}).value_or(Timestamp{});
  base.author_id = get_id(audit, {"author_id"});
  base.channel = get_string(audit, {"via", "channel"});
  base.ip = get_string(audit, {"metadata", "system", "ip_address"});
  std::vector<TicketEntry> out;
  for (const auto& event : array_at(audit, "events")) {
    if (auto entry = entry_from_event(event, base)) out.push_back(std::move(*entry));
  }
  return out;
}

Result<TicketHistory> ticket_history_from_export(const nlohmann::json& export_json) {
  const nlohmann::json* ticket = common::find_path(export_json, {"ticket"});
  if (ticket == nullptr || !ticket->is_object() || get_id(*ticket, {"id"}).empty()) {
    return make_error(ErrorCode::InvalidArgument,
                      "\"ticket\": expected the Zendesk ticket object with an \"id\"");
  }
  EC_RETURN_IF_ERROR(check_arrays(export_json));
  TicketHistory history;
  fill_ticket_fields(*ticket, history);
  history.people = people_of(export_json);
  for (const auto& audit : array_at(export_json, "audits")) {
    for (auto& entry : entries_from_audit(audit)) history.entries.push_back(std::move(entry));
  }
  if (array_at(export_json, "audits").empty()) {
    for (const auto& comment : array_at(export_json, "comments")) {
      history.entries.push_back(comment_entry(comment, comment_base(comment)));
    }
  }
  std::stable_sort(history.entries.begin(), history.entries.end(),
                   [](const TicketEntry& a, const TicketEntry& b) { return a.time < b.time; });
  return history;
}

}  // namespace ec::adapters::zendesk_tickets
