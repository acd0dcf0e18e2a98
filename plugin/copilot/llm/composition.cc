#include "plugin/copilot/llm/composition.h"

#include <algorithm>
#include <set>

#include "plugin/copilot/claim_ledger.h"
#include "plugin/copilot/llm/deterministic_composer.h"

namespace ec::copilot::llm {
namespace {

std::set<std::string> cited(const DraftVersion& v) {
  std::set<std::string> ids;
  for (const Statement& s : v.statements) ids.insert(s.findings.begin(), s.findings.end());
  return ids;
}

// Why `s` may not enter the new version, or "" when it may.
std::string rejection(const Statement& s, const std::set<std::string>& allowed,
                      const ComposeContext& ctx, DraftKind kind) {
  for (const std::string& id : s.findings) {
    if (allowed.count(id) == 0) {
      return "cites " + id + ", a claim the previous version did not have";
    }
  }
  DraftVersion single;
  single.kind = kind;
  single.statements.push_back(s);
  const auto issues = grounding_issues(single, *ctx.claims);
  if (!issues.empty()) return issues.front().reason;
  for (const LintFinding& f : lint(s.text, ctx.lint)) {
    if (f.severity == LintSeverity::Error) return "linter " + f.rule_id + ": " + f.reason;
  }
  return "";
}

DraftVersion next_version(const DraftVersion& base, const ComposeContext& ctx) {
  DraftVersion v;
  v.case_id = base.case_id;
  v.draft_id = base.draft_id;
  v.kind = base.kind;
  v.version = base.version + 1;
  v.created_by = ctx.author;
  v.created_at = ctx.now;
  return v;
}

// Keeps what passes; returns the number kept.
std::size_t admit(const Composition& composition, const DraftVersion& base,
                  const ComposeContext& ctx, CheckedComposition& out) {
  const std::set<std::string> allowed = cited(base);
  std::size_t kept = 0;
  for (const ComposedStatement& c : composition.statements) {
    Statement s;
    s.section = c.section;
    s.text = c.text;
    s.author = Authorship::Agent;
    s.findings = c.claims;
    for (const std::string& id : c.claims) {
      for (const Finding& f : *ctx.claims) {
        if (f.id != id) continue;
        for (const std::string& e : f.evidence) {
          if (std::find(s.evidence.begin(), s.evidence.end(), e) == s.evidence.end()) {
            s.evidence.push_back(e);
          }
        }
      }
    }
    if (const std::string why = rejection(s, allowed, ctx, base.kind); !why.empty()) {
      out.dropped.push_back({c.text, why});
      continue;
    }
    out.version.statements.push_back(std::move(s));
    ++kept;
  }
  return kept;
}

}  // namespace

std::vector<std::string> added_claims(const DraftVersion& previous, const DraftVersion& next) {
  const std::set<std::string> before = cited(previous);
  std::vector<std::string> added;
  for (const std::string& id : cited(next)) {
    if (before.count(id) == 0) added.push_back(id);
  }
  return added;
}

CheckedComposition compose_checked(TextGenerator& generator, const DraftVersion& base, Tone tone,
                                   const ComposeContext& ctx) {
  CheckedComposition out;
  out.version = next_version(base, ctx);
  const CompositionRequest request{tone, &base, ctx.claims};
  auto composed = generator.compose(request);
  if (composed) {
    out.trace = composed->trace;
    out.generator = composed->generator;
    if (admit(*composed, base, ctx, out) > 0) {
      seal(out.version);
      return out;
    }
    out.fallback_reason = "nothing " + std::string(generator.name()) +
                          " wrote passed the grounding check and the linter";
  } else {
    out.fallback_reason = std::string(generator.name()) + " failed: " + composed.error().message;
    out.trace = {{"generator", generator.name()},
                 {"error", composed.error().message},
                 {"code", error_code_name(composed.error().code)}};
  }
  // The deterministic composer never fails and only rewords statements the base already has.
  DeterministicComposer fallback;
  out.version.statements.clear();
  auto deterministic = fallback.compose(request);
  out.generator = "deterministic";
  std::vector<DroppedStatement> model_dropped = std::move(out.dropped);
  out.dropped.clear();
  admit(*deterministic, base, ctx, out);
  out.dropped.insert(out.dropped.begin(), model_dropped.begin(), model_dropped.end());
  seal(out.version);
  return out;
}

}  // namespace ec::copilot::llm
