// Fuzz target: Zendesk ticket export files (adapters/zendesk_tickets), read whole by
// ZendeskTicketSource::load, plus the export and audit parsers on the same JSON.
// Properties: load() fails only with InvalidArgument naming "<label>.export", exactly when the
// file is not a JSON object or ticket_history_from_export() refuses it; that refusal is
// InvalidArgument naming the field ("ticket", "audits", "comments", "users") exactly when the
// header says; a history has the ticket's id, one person per sideloaded user, its entries
// ascending by time (audit entries when there are audits, else one per comment), every time
// one RFC 3339 writes; load_ticket() finds "<id>" and "#<id>" and nothing else (NotFound).
// Each audit's Comment/Change/Create entries and its evidence records agree in number; collect()
// counts every audit, skips exactly those without an object and an RFC 3339 created_at, and
// returns exactly the subject's records, each named as the subject's and surviving the store.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

#include "adapters/common/json_fields.h"
#include "adapters/zendesk_tickets/audit_evidence.h"
#include "adapters/zendesk_tickets/zendesk_export.h"
#include "adapters/zendesk_tickets/zendesk_ticket_source.h"
#include "tests/fuzz/adapter_checks.h"
#include "tests/fuzz/fuzz_support.h"

namespace zd = ec::adapters::zendesk_tickets;
namespace common = ec::adapters::common;

namespace {

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

const nlohmann::json* array_member(const nlohmann::json& value, const char* key) {
  const auto it = value.find(key);
  return it == value.end() || !it->is_array() ? nullptr : &*it;
}

// The refusal ticket_history_from_export() promises for `json`, or "" for none.
std::string expected_refusal(const nlohmann::json& json) {
  const nlohmann::json* ticket = common::find_path(json, {"ticket"});
  if (ticket == nullptr || !ticket->is_object() || common::get_id(*ticket, {"id"}).empty()) {
    return "\"ticket\"";
  }
  for (const char* key : {"audits", "comments", "users"}) {
    const auto it = json.find(key);
    if (it != json.end() && !it->is_array()) return std::string("\"") + key + "\"";
  }
  return {};
}

std::size_t changes_and_comments(const std::vector<ec::TicketEntry>& entries) {
  std::size_t n = 0;
  for (const auto& e : entries) n += e.kind != ec::TicketEntryKind::Notification ? 1 : 0;
  return n;
}

void check_history(const nlohmann::json& json, const ec::TicketHistory& history) {
  FUZZ_CHECK(!history.id.empty());
  FUZZ_CHECK(history.id == common::get_id(json.at("ticket"), {"id"}));
  ec::fuzz::check_time(history.created_at);
  const nlohmann::json* users = array_member(json, "users");
  FUZZ_CHECK(history.people.size() == (users == nullptr ? 0 : users->size()));
  const nlohmann::json* audits = array_member(json, "audits");
  const nlohmann::json* comments = array_member(json, "comments");
  std::size_t expected_entries = 0;
  if (audits != nullptr && !audits->empty()) {
    for (const auto& audit : *audits) expected_entries += zd::entries_from_audit(audit).size();
  } else if (comments != nullptr) {
    expected_entries = comments->size();
  }
  FUZZ_CHECK(history.entries.size() == expected_entries);
  for (std::size_t i = 0; i < history.entries.size(); ++i) {
    ec::fuzz::check_time(history.entries[i].time);
    if (i > 0) FUZZ_CHECK(history.entries[i - 1].time <= history.entries[i].time);
  }
}

void check_audits(const nlohmann::json& json, const ec::TicketHistory& history,
                  zd::ZendeskTicketSource& source) {
  const nlohmann::json* audits = array_member(json, "audits");
  const nlohmann::json users = json.value("users", nlohmann::json::array());
  // The subject: the first audit's author, so collect() has something to return.
  std::string author = "1";
  if (audits != nullptr && !audits->empty()) {
    const std::string first = common::get_id((*audits)[0], {"author_id"});
    if (!first.empty()) author = first;
  }
  const ec::Subject subject = ec::fuzz::subject_with(author);
  std::int64_t skipped = 0;
  std::size_t expected = 0;
  if (audits != nullptr) {
    for (std::size_t i = 0; i < audits->size(); ++i) {
      const auto& audit = (*audits)[i];
      const std::string origin = "t.json#audits[" + std::to_string(i) + "]";
      const auto records = zd::audit_to_evidence(audit, history.id, origin);
      FUZZ_CHECK(records.size() == changes_and_comments(zd::entries_from_audit(audit)));
      for (const auto& e : records) {
        ec::fuzz::check_evidence(e, zd::kSourceKind);
        FUZZ_CHECK(e.kind == ec::evidence_kind::kTicketComment ||
                   e.kind == ec::evidence_kind::kTicketChange);
        FUZZ_CHECK(e.origin.starts_with(origin + ".events[") && !e.names_subject);
        FUZZ_CHECK(e.object == history.id);
      }
      if (!audit.is_object() || !common::get_time(audit, {"created_at"})) {
        ++skipped;
      } else if (zd::audit_by_subject(audit, users, subject)) {
        expected += records.size();
      }
    }
  }
  const auto report = source.collect(subject, ec::TimeWindow{});
  FUZZ_CHECK(report.has_value());
  ec::fuzz::check_report(*report, zd::kSourceKind);
  FUZZ_CHECK(report->records_read == (audits == nullptr ? 0 : static_cast<std::int64_t>(
                                                                  audits->size())));
  FUZZ_CHECK(report->records_skipped == skipped);
  FUZZ_CHECK(report->evidence.size() == expected);
  for (const auto& e : report->evidence) FUZZ_CHECK(e.names_subject);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto file = ec::fuzz::write_input(bytes, "input.json");
  auto loaded = zd::ZendeskTicketSource::load(file, "t.json", "sources.ticket");
  const auto json = nlohmann::json::parse(bytes, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    FUZZ_CHECK(!loaded.has_value());
  } else {
    const auto history = zd::ticket_history_from_export(json);
    const std::string refusal = expected_refusal(json);
    FUZZ_CHECK(history.has_value() == refusal.empty());
    FUZZ_CHECK(loaded.has_value() == history.has_value());
    if (!history) {
      FUZZ_CHECK(history.error().code == ec::ErrorCode::InvalidArgument);
      FUZZ_CHECK(contains(history.error().message, refusal));
    } else {
      check_history(json, *history);
      const auto by_ref = (*loaded)->load_ticket("#" + history->id);
      FUZZ_CHECK(by_ref.has_value() && by_ref->id == history->id);
      FUZZ_CHECK(by_ref->entries.size() == history->entries.size());
      FUZZ_CHECK((*loaded)->load_ticket(history->id).has_value());
      const auto other = (*loaded)->load_ticket(history->id + "0");
      FUZZ_CHECK(!other && other.error().code == ec::ErrorCode::NotFound);
      ec::fuzz::check_error(other.error());
      check_audits(json, *history, **loaded);
    }
  }
  if (!loaded) {
    FUZZ_CHECK(loaded.error().code == ec::ErrorCode::InvalidArgument);
    ec::fuzz::check_error(loaded.error());
    FUZZ_CHECK(contains(loaded.error().message, "sources.ticket.export"));
  }
  return 0;
}
