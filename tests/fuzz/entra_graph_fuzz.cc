// Fuzz target: Microsoft Entra ID exports in Graph's shapes (adapters/entra_id/graph_records.h):
// users, directory audits and sign-ins, one JSON value per line (JSON Lines; an array, or a page
// {"value": [...]}, holds several), parsed without exceptions; every record is tried as each of
// the three. Properties: an audit becomes evidence exactly when it has a string
// activityDisplayName and an RFC 3339 activityDateTime, with that time and the kind its effect
// gives; a sign-in exactly when it has an RFC 3339 createdDateTime, a string userId and an
// integer status.errorCode, a success only for errorCode 0, naming that user; a user object
// becomes a Subject exactly when it has a string id, deprovisioned only when disabled or deleted;
// DeprovisionClock gives a deprovisioning time after every reactivation, whatever the order the
// audits come in.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/common/json_fields.h"
#include "adapters/entra_id/graph_records.h"
#include "tests/fuzz/adapter_checks.h"

namespace entra = ec::adapters::entra_id;
namespace common = ec::adapters::common;

namespace {

std::string_view kind_for(entra::AuditEffect effect) {
  switch (effect) {
    case entra::AuditEffect::Deprovision:
      return ec::evidence_kind::kDeprovision;
    case entra::AuditEffect::RevokeTokens:
      return ec::evidence_kind::kTokenRevoke;
    default:
      return ec::evidence_kind::kIdentityOther;
  }
}

void check_audit(const nlohmann::json& audit) {
  const std::string activity = common::get_string(audit, {"activityDisplayName"});
  const auto when = common::get_time(audit, {"activityDateTime"});
  auto evidence = entra::audit_to_evidence(audit, "entra/audits.json[0]", "hash");
  FUZZ_CHECK(evidence.has_value() == (!activity.empty() && when.has_value()));
  if (!evidence) return ec::fuzz::check_error(evidence.error());
  ec::fuzz::check_evidence(*evidence, entra::kSourceKind);
  FUZZ_CHECK(evidence->time == *when);
  FUZZ_CHECK(evidence->kind == kind_for(entra::audit_effect(audit)));
  FUZZ_CHECK(evidence->action == activity);
}

void check_sign_in(const nlohmann::json& sign_in) {
  const auto when = common::get_time(sign_in, {"createdDateTime"});
  const std::string user_id = common::get_string(sign_in, {"userId"});
  const auto code = common::get_int(sign_in, {"status", "errorCode"});
  auto evidence = entra::sign_in_to_evidence(sign_in, "entra/sign_ins.jsonl:1", "hash");
  FUZZ_CHECK(evidence.has_value() == (when && !user_id.empty() && code));
  if (!evidence) return ec::fuzz::check_error(evidence.error());
  ec::fuzz::check_evidence(*evidence, entra::kSourceKind);
  FUZZ_CHECK(evidence->time == *when);
  FUZZ_CHECK((evidence->outcome == ec::Outcome::Success) == (*code == 0));
  FUZZ_CHECK(evidence->outcome != ec::Outcome::Unknown);
  FUZZ_CHECK(evidence->kind == ec::evidence_kind::kTokenGrant ||
             evidence->kind == ec::evidence_kind::kSessionStart);
  FUZZ_CHECK(entra::sign_in_names_subject(sign_in, ec::fuzz::subject_with(user_id)));
}

void check_user(const nlohmann::json& user, std::optional<ec::Timestamp> deprovisioned) {
  const std::string id = common::get_string(user, {"id"});
  auto subject = entra::subject_from_user(user, deprovisioned);
  FUZZ_CHECK(subject.has_value() == !id.empty());
  if (!subject) return ec::fuzz::check_error(subject.error());
  FUZZ_CHECK(subject->id == id && entra::user_matches(user, id));
  FUZZ_CHECK(subject->status == "ACTIVE" || subject->status == "DISABLED" ||
             subject->status == "DELETED");
  if (subject->status == "ACTIVE") FUZZ_CHECK(!subject->deprovisioned_at);
  if (subject->status == "DISABLED" && deprovisioned) {
    FUZZ_CHECK(subject->deprovisioned_at == deprovisioned);
  }
  ec::fuzz::check_time(subject->deprovisioned_at);
  const ec::Evidence evidence = entra::user_to_evidence(user, *subject, "entra/users.json", "h");
  ec::fuzz::check_evidence(evidence, entra::kSourceKind);
  FUZZ_CHECK(evidence.kind == ec::evidence_kind::kIdentityUser);
  if (subject->deprovisioned_at) FUZZ_CHECK(evidence.time == *subject->deprovisioned_at);
}

// The audits that move `user_id`'s standing: succeeded, target the user, have a time.
void check_clock(const std::vector<const nlohmann::json*>& audits, const std::string& user_id) {
  entra::DeprovisionClock forward(user_id), backward(user_id);
  for (const auto* audit : audits) forward.add(*audit);
  for (auto it = audits.rbegin(); it != audits.rend(); ++it) backward.add(**it);
  const auto at = forward.at();
  FUZZ_CHECK(at == backward.at());
  if (!at) return;
  bool is_a_deprovision = false;
  for (const auto* audit : audits) {
    const auto when = common::get_time(*audit, {"activityDateTime"});
    if (!when || common::get_string(*audit, {"result"}) != "success" ||
        !entra::audit_targets_user(*audit, user_id)) {
      continue;
    }
    const auto effect = entra::audit_effect(*audit);
    if (effect == entra::AuditEffect::Reactivate) FUZZ_CHECK(*when < *at);
    if (effect == entra::AuditEffect::Deprovision && *when == *at) is_a_deprovision = true;
  }
  FUZZ_CHECK(is_a_deprovision);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<nlohmann::json> values;
  for (const std::string_view line : ec::fuzz::plain_lines(text)) {
    auto value = nlohmann::json::parse(line, nullptr, false);
    if (!value.is_discarded()) values.push_back(std::move(value));
  }
  // Also the whole input as one (pretty-printed) document.
  if (auto whole = nlohmann::json::parse(text, nullptr, false); !whole.is_discarded()) {
    values.push_back(std::move(whole));
  }
  std::vector<const nlohmann::json*> records;
  for (const auto& value : values) {
    const nlohmann::json* page = common::find_path(value, {"value"});
    const nlohmann::json& list = page != nullptr && page->is_array() ? *page : value;
    if (list.is_array()) {
      for (const auto& element : list) records.push_back(&element);
    } else {
      records.push_back(&value);
    }
  }
  // The clock runs for the first user an audit targets.
  std::string user_id;
  for (const auto* record : records) {
    check_audit(*record);
    check_sign_in(*record);
    check_user(*record, std::nullopt);
    check_user(*record, ec::make_utc(2025, 3, 11, 16, 0, 0));
    const nlohmann::json* targets = common::find_path(*record, {"targetResources"});
    if (user_id.empty() && targets != nullptr && targets->is_array() && !targets->empty()) {
      user_id = common::get_string((*targets)[0], {"id"});
    }
  }
  if (!user_id.empty()) check_clock(records, user_id);
  return 0;
}
