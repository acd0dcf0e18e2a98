#include "adapters/zendesk_tickets/audit_evidence.h"

#include "adapters/common/json_fields.h"
#include "plugin/core/hash.h"

namespace ec::adapters::zendesk_tickets {
namespace {

using common::get_id;
using common::get_string;

std::string email_of(const nlohmann::json& users, std::string_view user_id) {
  if (!users.is_array()) return {};
  for (const auto& user : users) {
    if (get_id(user, {"id"}) == user_id) return get_string(user, {"email"});
  }
  return {};
}

AuthMethod auth_for(std::string_view channel) {
  if (channel == "web") return AuthMethod::Session;
  if (channel == "api") return AuthMethod::Token;
  return AuthMethod::Unknown;
}

Evidence base_evidence(const nlohmann::json& audit, std::string_view ticket_id) {
  Evidence e;
  e.source = kSourceKind;
  e.time = common::get_time(audit, {"created_at"}).value_or(Timestamp{});
  e.outcome = Outcome::Success;
  e.principal = get_id(audit, {"author_id"});
  e.object = std::string(ticket_id);
  const std::string channel = get_string(audit, {"via", "channel"});
  e.auth = auth_for(channel);
  e.ip = get_string(audit, {"metadata", "system", "ip_address"});
  e.user_agent = get_string(audit, {"metadata", "system", "client"});
  e.attributes = {{"audit_id", get_id(audit, {"id"})}, {"channel", channel}};
  const std::string location = get_string(audit, {"metadata", "system", "location"});
  if (!location.empty()) e.attributes["location"] = location;
  return e;
}

bool describe_event(const nlohmann::json& event, std::string_view ticket_id, Evidence& e) {
  const std::string type = get_string(event, {"type"});
  if (type == "Comment") {
    const auto* is_public = common::find_path(event, {"public"});
    const bool pub = is_public == nullptr || !is_public->is_boolean() || is_public->get<bool>();
    e.kind = evidence_kind::kTicketComment;
    e.action = "comment";
    e.attributes["public"] = pub;
    e.summary = std::string(pub ? "Public" : "Internal") + " comment on #" +
                std::string(ticket_id) + " by " + e.principal;
    return true;
  }
  if (type != "Change" && type != "Create") return false;
  const std::string field = get_string(event, {"field_name"});
  const auto value = event.find("value");
  const auto previous = event.find("previous_value");
  e.kind = evidence_kind::kTicketChange;
  e.action = type == "Create" ? "create" : "change";
  e.attributes["field"] = field;
  e.attributes["to"] = value == event.end() ? "" : common::scalar_text(*value);
  e.attributes["from"] = previous == event.end() ? "" : common::scalar_text(*previous);
  e.summary = (type == "Create" ? "Created #" : "Changed #") + std::string(ticket_id) + " " +
              field + " by " + e.principal;
  return true;
}

}  // namespace

bool audit_by_subject(const nlohmann::json& audit, const nlohmann::json& users,
                      const Subject& subject) {
  const std::string author = get_id(audit, {"author_id"});
  if (author.empty()) return false;
  return subject.matches(author) || subject.matches(email_of(users, author));
}

std::vector<Evidence> audit_to_evidence(const nlohmann::json& audit, std::string_view ticket_id,
                                        std::string_view origin) {
  std::vector<Evidence> out;
  const auto* events = common::find_path(audit, {"events"});
  if (events == nullptr || !events->is_array()) return out;
  const Evidence base = base_evidence(audit, ticket_id);
  for (std::size_t i = 0; i < events->size(); ++i) {
    const auto& event = (*events)[i];
    Evidence e = base;
    if (!describe_event(event, ticket_id, e)) continue;
    e.request_id = get_id(event, {"id"});
    e.origin = std::string(origin) + ".events[" + std::to_string(i) + "]";
    e.content_hash = sha256_hex(canonical_json(event));
    out.push_back(std::move(e));
  }
  return out;
}

void add_subject_audits(const nlohmann::json& export_json, std::string_view ticket_id,
                        std::string_view display, const Subject& subject,
                        const TimeWindow& window, common::ReportBuilder& report) {
  const auto audits = export_json.find("audits");
  const nlohmann::json users = export_json.value("users", nlohmann::json::array());
  if (audits == export_json.end() || !audits->is_array()) return;
  for (std::size_t i = 0; i < audits->size(); ++i) {
    const auto& audit = (*audits)[i];
    const std::string origin = std::string(display) + "#audits[" + std::to_string(i) + "]";
    report.count_read();
    if (!audit.is_object() || !common::get_time(audit, {"created_at"})) {
      report.skip(origin, "expected an audit object with an RFC 3339 \"created_at\"");
      continue;
    }
    auto records = audit_to_evidence(audit, ticket_id, origin);
    if (!records.empty()) report.saw_time(records.front().time);
    if (!audit_by_subject(audit, users, subject)) continue;
    for (Evidence& e : records) {
      if (!window.contains(e.time)) continue;
      e.names_subject = true;
      report.add(std::move(e));
    }
  }
}

}  // namespace ec::adapters::zendesk_tickets
