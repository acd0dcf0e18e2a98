#include "plugin/copilot/comparator.h"

#include <algorithm>

#include "plugin/copilot/findings_util.h"
#include "plugin/copilot/text_util.h"

namespace ec::copilot {
namespace {

using detail::EvidenceIndex;

std::string count_of(std::size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string describe_access(const AttributedAccess& a, const EvidenceIndex& index,
                            std::optional<Timestamp> deprovisioned_at) {
  std::string text = a.evidence_id + " at " + format_rfc3339(a.time) + ": " + a.action;
  if (!a.object.empty()) text += " of " + detail::object_name(a.object);
  text += " via " + std::string(via_name(a.via));
  const Evidence* e = detail::lookup(index, a.evidence_id);
  if (e != nullptr && e->credential_issued_at) {
    text += ", credential issued " + format_rfc3339(*e->credential_issued_at);
    if (deprovisioned_at) {
      text += *e->credential_issued_at < *deprovisioned_at ? " (before deprovisioning)"
                                                           : " (after deprovisioning)";
    }
  }
  if (!a.reasoning.empty()) text += "; " + a.reasoning;
  return text;
}

std::vector<std::string> ids_of(const std::vector<AttributedAccess>& accesses) {
  std::vector<std::string> ids;
  for (const AttributedAccess& a : accesses) ids.push_back(a.evidence_id);
  return ids;
}

void add_access_summary(Comparison& out, const Correlation& c, const EvidenceIndex& index,
                        const std::string& since, Redactor& r) {
  const auto& accesses = c.post_deprovision_access;
  if (accesses.empty()) return;
  std::size_t presigned_before = 0;
  for (const AttributedAccess& a : accesses) {
    const Evidence* e = detail::lookup(index, a.evidence_id);
    if (a.via == Via::PresignedUrl && e != nullptr && e->credential_issued_at &&
        c.subject.deprovisioned_at && *e->credential_issued_at < *c.subject.deprovisioned_at) {
      ++presigned_before;
    }
  }
  std::string text = "the storage audit shows " + count_of(accesses.size(), "successful access", "successful accesses") +
                     " attributed to the subject after " + since;
  if (presigned_before > 0) {
    text += ", " + std::to_string(presigned_before) + " of them through a presigned URL issued "
            "before " + since;
  }
  out.contradictions.push_back({r.redact(text), ids_of(accesses)});
  for (const AttributedAccess& a : accesses) {
    out.contradictions.push_back(
        {r.redact(describe_access(a, index, c.subject.deprovisioned_at)),
         a.chain.empty() ? std::vector<std::string>{a.evidence_id} : a.chain});
  }
}

}  // namespace

Comparison compare_evidence(const Correlation& c, const std::vector<Evidence>& evidence,
                            std::chrono::seconds skew_tolerance, Redactor& r) {
  Comparison out;
  out.skew_tolerance = skew_tolerance;
  const EvidenceIndex index = detail::index_evidence(evidence);
  std::vector<std::string> deprovision_ids;
  for (const Evidence& e : evidence) {
    if (e.kind == evidence_kind::kDeprovision) deprovision_ids.push_back(e.id);
  }
  const std::string since =
      c.subject.deprovisioned_at ? format_rfc3339(*c.subject.deprovisioned_at) : "(unknown)";
  out.identity = r.redact(
      "the identity provider shows the account " + c.subject.id + " with status " +
      (c.subject.status.empty() ? "unknown" : c.subject.status) +
      (c.subject.deprovisioned_at ? ", deprovisioned at " + since : ", with no deprovisioning time") +
      (deprovision_ids.empty() ? "" : " (" + join_list(deprovision_ids) + ")"));

  add_access_summary(out, c, index, since, r);
  for (const std::string& id : c.credential_use_after) {
    const Evidence* e = detail::lookup(index, id);
    const std::string what = e != nullptr ? detail::credential_label(*e) + " (" + e->summary + ")"
                                          : "credential use";
    out.contradictions.push_back(
        {r.redact(id + ": " + what + " after deprovisioning, by a session or token that "
                  "outlived it"), {id}});
  }
  for (const AttributedAccess& a : c.attempts) {
    out.agreements.push_back(
        {r.redact(describe_access(a, index, c.subject.deprovisioned_at) +
                  "; refused, consistent with the deprovisioning"),
         {a.evidence_id}});
  }
  for (const Evidence& e : evidence) {
    if (e.kind == evidence_kind::kTokenRevoke || e.kind == evidence_kind::kSessionClear) {
      out.agreements.push_back(
          {r.redact(e.id + " at " + format_rfc3339(e.time) + ": " + e.summary), {e.id}});
    }
  }
  if (c.post_deprovision_access.empty() && c.credential_use_after.empty() &&
      c.subject.deprovisioned_at) {
    out.agreements.push_back(
        {r.redact("no successful storage access and no credential use is attributed to the "
                  "subject after " + since + " in the records read"),
         deprovision_ids});
  }
  for (const std::string& id : c.boundary_events) {
    const Evidence* e = detail::lookup(index, id);
    out.within_tolerance.push_back(
        {r.redact(id + (e != nullptr ? " at " + format_rfc3339(e->time) + ": " + e->summary : "") +
                  " lies within the " + std::to_string(skew_tolerance.count()) +
                  " s clock-skew tolerance of the deprovisioning; it is neither counted for nor "
                  "against"),
         {id}});
  }
  for (const AttributedAccess& a : c.cannot_rule_out) {
    out.unattributed.push_back(
        {r.redact(describe_access(a, index, c.subject.deprovisioned_at)), {a.evidence_id}});
  }
  for (const std::string& gap : c.gaps) out.data_gaps.push_back(r.redact(gap));
  return out;
}

nlohmann::json comparison_to_json(const Comparison& comparison) {
  const auto items = [](const std::vector<ComparisonItem>& list) {
    nlohmann::json out = nlohmann::json::array();
    for (const ComparisonItem& i : list) {
      out.push_back({{"statement", i.statement}, {"evidence", i.evidence}});
    }
    return out;
  };
  return {{"identity", comparison.identity},
          {"agreements", items(comparison.agreements)},
          {"contradictions", items(comparison.contradictions)},
          {"within_tolerance", items(comparison.within_tolerance)},
          {"unattributed", items(comparison.unattributed)},
          {"skew_tolerance_seconds", comparison.skew_tolerance.count()},
          {"data_gaps", comparison.data_gaps}};
}

std::string render_comparison(const Comparison& comparison) {
  std::string out = "Identity: " + comparison.identity + "\n";
  const auto block = [&](const char* title, const std::vector<ComparisonItem>& list) {
    out += std::string(title) + " (" + std::to_string(list.size()) + "):\n";
    for (const ComparisonItem& i : list) {
      out += "- " + i.statement + " [" + join_list(i.evidence) + "]\n";
    }
  };
  block("Contradictions", comparison.contradictions);
  block("Agreements", comparison.agreements);
  block("Within the clock-skew tolerance", comparison.within_tolerance);
  block("Cannot be attributed", comparison.unattributed);
  out += "Clock-skew tolerance: " + std::to_string(comparison.skew_tolerance.count()) + " s\n";
  out += "Data gaps (" + std::to_string(comparison.data_gaps.size()) + "):\n";
  for (const std::string& gap : comparison.data_gaps) out += "- " + gap + "\n";
  return out;
}

}  // namespace ec::copilot
