// Fuzz target: Okta exports (adapters/okta): System Log LogEvents and user objects, one JSON
// value per line (JSON Lines; an array line is a page of them), parsed without exceptions as the
// readers do; and each line as a Link header value. Properties: a LogEvent becomes evidence
// exactly when it has a string eventType and an RFC 3339 published, with that time, the kind
// evidence_kind_for() gives and the outcome outcome_for() gives; an event names the subject
// whose id is its actor's; a learned session links the event back; a user object becomes a
// Subject exactly when it has a string id, and matches its own id, login and email; links have
// a URL and lower-case relations, and find_next_link() picks the first "next" one.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/common/json_fields.h"
#include "adapters/common/text.h"
#include "adapters/okta/link_header.h"
#include "adapters/okta/okta_user.h"
#include "adapters/okta/subject_links.h"
#include "adapters/okta/system_log_event.h"
#include "tests/fuzz/adapter_checks.h"

namespace okta = ec::adapters::okta;
namespace common = ec::adapters::common;

namespace {

void check_event(const nlohmann::json& event) {
  const std::string type = common::get_string(event, {"eventType"});
  const auto published = common::get_time(event, {"published"});
  auto evidence = okta::log_event_to_evidence(event, "okta/system_log.jsonl:1", "hash");
  FUZZ_CHECK(evidence.has_value() == (!type.empty() && published.has_value()));
  if (!evidence) {
    FUZZ_CHECK(evidence.error().code == ec::ErrorCode::InvalidArgument);
    return ec::fuzz::check_error(evidence.error());
  }
  ec::fuzz::check_evidence(*evidence, "okta");
  FUZZ_CHECK(evidence->time == *published);
  FUZZ_CHECK(evidence->kind == okta::evidence_kind_for(type));
  FUZZ_CHECK(evidence->outcome ==
             okta::outcome_for(common::get_string(event, {"outcome", "result"})));
  FUZZ_CHECK(!evidence->names_subject);

  const std::string actor = common::get_string(event, {"actor", "id"});
  if (!actor.empty()) FUZZ_CHECK(okta::event_names_subject(event, ec::fuzz::subject_with(actor)));
  if (okta::event_names_no_user(event)) {
    FUZZ_CHECK(common::get_string(event, {"actor", "type"}) != "User");
  }
  okta::SubjectLinks links;
  links.learn(event);
  const std::string session =
      common::get_string(event, {"authenticationContext", "externalSessionId"});
  const std::string_view link = links.link_of(event, evidence->kind);
  FUZZ_CHECK(link.empty() || link == "session" || link == "transaction" || link == "client_app");
  if (!session.empty()) FUZZ_CHECK(link == "session");
}

void check_user(const nlohmann::json& user) {
  const std::string id = common::get_string(user, {"id"});
  auto subject = okta::subject_from_user(user);
  FUZZ_CHECK(subject.has_value() == !id.empty());
  const ec::Evidence evidence = okta::user_to_evidence(user, "okta/users.json[0]", "hash");
  ec::fuzz::check_evidence(evidence, "okta");
  FUZZ_CHECK(evidence.kind == ec::evidence_kind::kIdentityUser);
  if (!subject) return ec::fuzz::check_error(subject.error());
  FUZZ_CHECK(subject->id == id);
  ec::fuzz::check_time(subject->deprovisioned_at);
  if (subject->deprovisioned_at) {
    FUZZ_CHECK(subject->status == "DEPROVISIONED" || subject->status == "SUSPENDED");
  }
  FUZZ_CHECK(okta::user_matches(user, id));
  if (!subject->login.empty()) {
    FUZZ_CHECK(okta::user_matches(user, common::to_lower(subject->login)));
  }
  if (!subject->email.empty()) FUZZ_CHECK(okta::user_matches(user, subject->email));
  FUZZ_CHECK(!okta::user_matches(user, ""));
}

void check_value(const nlohmann::json& value) {
  (void)okta::event_names_no_user(value);
  check_event(value);
  check_user(value);
}

void check_link_header(std::string_view line) {
  const auto links = okta::parse_link_header(line);
  const std::optional<std::string> next = okta::find_next_link({std::string(line)});
  std::optional<std::string> first_next;
  for (const auto& link : links) {
    FUZZ_CHECK(!link.url.empty() && link.url.find('>') == std::string::npos);
    for (const auto& rel : link.rels) {
      FUZZ_CHECK(!rel.empty() && rel.find(' ') == std::string::npos);
      FUZZ_CHECK(rel == common::to_lower(rel));
      if (rel == "next" && !first_next) first_next = link.url;
    }
  }
  FUZZ_CHECK(next == first_next);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const std::string_view line : ec::fuzz::plain_lines(text)) {
    check_link_header(line);
    const auto value = nlohmann::json::parse(line, nullptr, false);
    if (value.is_discarded()) continue;
    if (value.is_array()) {
      for (const auto& element : value) check_value(element);
    } else {
      check_value(value);
    }
  }
  return 0;
}
