#include "plugin/copilot/findings_util.h"

#include <algorithm>

namespace ec::copilot::detail {

EvidenceIndex index_evidence(const std::vector<Evidence>& evidence) {
  EvidenceIndex index;
  for (const Evidence& e : evidence) index.emplace(e.id, &e);
  return index;
}

const Evidence* lookup(const EvidenceIndex& index, const std::string& id) {
  const auto it = index.find(id);
  return it == index.end() ? nullptr : it->second;
}

void add_ids(std::vector<std::string>& into, const std::vector<std::string>& ids) {
  for (const std::string& id : ids) {
    if (!id.empty() && std::find(into.begin(), into.end(), id) == into.end()) into.push_back(id);
  }
}

std::string object_name(const std::string& object) {
  const std::size_t slash = object.rfind('/');
  return slash == std::string::npos ? object : object.substr(slash + 1);
}

std::vector<std::string> distinct_object_names(const std::vector<AttributedAccess>& accesses) {
  std::vector<std::string> names;
  for (const AttributedAccess& a : accesses) {
    std::string name = object_name(a.object);
    if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) {
      names.push_back(std::move(name));
    }
  }
  return names;
}

std::string describe_duration(std::int64_t seconds) {
  constexpr std::int64_t kDay = 86400;
  constexpr std::int64_t kHour = 3600;
  if (seconds % kDay == 0) {
    return std::to_string(seconds / kDay) + (seconds == kDay ? " day" : " days");
  }
  if (seconds % kHour == 0) {
    return std::to_string(seconds / kHour) + (seconds == kHour ? " hour" : " hours");
  }
  return std::to_string(seconds) + " seconds";
}

std::string credential_label(const Evidence& e) {
  if (e.kind == evidence_kind::kAppTokenRefresh) return "product token refresh";
  if (e.kind == evidence_kind::kTokenGrant) return "identity-provider token grant";
  if (e.kind == evidence_kind::kSso)
    return "single sign-on with the earlier identity-provider session";
  if (e.kind == evidence_kind::kSessionStart) return "identity-provider sign-in";
  if (e.kind == evidence_kind::kAppLogin) return "product login";
  if (e.kind == evidence_kind::kAppView) return "product request with the earlier session";
  if (e.kind == evidence_kind::kTicketComment || e.kind == evidence_kind::kTicketChange) {
    return "helpdesk action with the earlier session";
  }
  if (e.kind == evidence_kind::kObjectAccess) return "storage request";
  return "use of an earlier credential";
}

std::vector<const Evidence*> long_lived_presigns(const Correlation& c, const EvidenceIndex& index) {
  std::vector<std::string> ids;
  for (const auto* list : {&c.post_deprovision_access, &c.attempts, &c.cannot_rule_out}) {
    for (const AttributedAccess& a : *list) {
      add_ids(ids, {a.evidence_id});
      add_ids(ids, a.chain);
    }
  }
  std::vector<const Evidence*> out;
  for (const std::string& id : ids) {
    const Evidence* e = lookup(index, id);
    if (e != nullptr && e->credential_ttl_seconds &&
        *e->credential_ttl_seconds > kMaxReasonablePresignSeconds &&
        (e->auth == AuthMethod::PresignedUrl || e->kind == evidence_kind::kAppPresign)) {
      out.push_back(e);
    }
  }
  return out;
}

}  // namespace ec::copilot::detail
