// Customer update drafting (draft_handoff lives in handoff_drafter.cc).
#include "plugin/copilot/drafter.h"

#include <algorithm>
#include <array>

#include "plugin/copilot/draft_util.h"

namespace ec::copilot {
namespace {

using detail::lower_first;
using detail::make_statement;

bool is_open(const OpenQuestion& q) { return q.state != QuestionState::Answered; }

// Findings speak of "the customer"; the update speaks to them.
std::string customer_voice(const std::string& statement) {
  static constexpr std::string_view kPrefix = "The customer reports: ";
  if (statement.starts_with(kPrefix)) return "You reported: " + statement.substr(kPrefix.size());
  return statement;
}

std::string team(Owner owner) { return std::string(owner_name(owner)) + " team"; }

// A statement that does not lint clean is replaced by a neutral pointer to its finding, so the
// agent never proposes wording the linter would flag; the lead still sees the finding itself.
void keep_clean(Statement& s, const LintContext& ctx, const std::string& fallback,
                Redactor& redactor) {
  if (lint(s.text, ctx).empty()) return;
  s.text = redactor.redact(fallback);
}

void add_confirmed(DraftVersion& v, const std::vector<Finding>& findings, const LintContext& ctx,
                   Redactor& r) {
  bool any = false;
  for (const Finding& f : findings) {
    std::string text;
    if (f.status == FindingStatus::Confirmed) {
      text = f.statement;
    } else if (f.status == FindingStatus::Refuted) {
      text = "Our records contradict the following possibility, so we have ruled it out: " +
             lower_first(f.statement);
    } else {
      continue;
    }
    Statement s = make_statement(Section::Confirmed, text, r, f.evidence, {f.id});
    keep_clean(s, ctx, "A confirmed finding (" + f.id + ") is being worded by our support team.",
               r);
    v.statements.push_back(std::move(s));
    any = true;
  }
  if (!any) {
    v.statements.push_back(make_statement(
        Section::Confirmed, "We have not confirmed any findings from our records yet.", r));
  }
}

void add_being_verified(DraftVersion& v, const std::vector<Finding>& findings,
                        const std::vector<OpenQuestion>& questions, const LintContext& ctx,
                        Redactor& r) {
  for (const Finding& f : findings) {
    std::string text;
    if (f.status == FindingStatus::Hypothesis) {
      text = "We are still verifying the following and have not concluded it: " +
             lower_first(f.statement);
    } else if (f.status == FindingStatus::Unverified) {
      text = "We are checking this information, which we have not verified yet. " +
             customer_voice(f.statement);
    } else {
      continue;
    }
    Statement s = make_statement(Section::BeingVerified, text, r, f.evidence, {f.id});
    keep_clean(s, ctx,
               "We are checking a further point (" + f.id + ") and have not concluded it yet.", r);
    v.statements.push_back(std::move(s));
  }
  const bool blocking = std::any_of(questions.begin(), questions.end(),
                                    [](const OpenQuestion& q) { return is_open(q) && q.blocking; });
  if (blocking || ctx.access_unresolved) {
    v.statements.push_back(make_statement(
        Section::BeingVerified,
        "Storage logs can miss or delay records, so our security team is checking further "
        "sources before drawing any final conclusion about access to your files.",
        r));
  }
}

void add_next_steps(DraftVersion& v, const Case& c, const std::vector<OpenQuestion>& questions,
                    const SecurityDecision& decision, const DraftOptions& options, Redactor& r) {
  // Without a drafting time (DraftOptions::now unset) an absolute date would be wrong; say
  // "within N hours" instead, which is still a deadline owned by the sentence's team.
  const std::string by = options.now == Timestamp{}
                             ? "within " + std::to_string(options.next_update_in.count()) + " hours"
                             : "by " + format_rfc3339(options.now + options.next_update_in);
  static constexpr std::array<std::pair<Owner, std::string_view>, 2> kTopics{{
      {Owner::Security, "access to your files and any further measures needed"},
      {Owner::Engineering, "the access controls involved"},
  }};
  for (const auto& [owner, topic] : kTopics) {
    const auto n = std::count_if(questions.begin(), questions.end(), [&](const OpenQuestion& q) {
      return is_open(q) && q.owner == owner;
    });
    if (n == 0) continue;
    v.statements.push_back(make_statement(
        Section::NextSteps,
        "Our " + team(owner) + " owns " + std::to_string(n) + " open question" +
            (n == 1 ? "" : "s") + " about " + std::string(topic) + ", and the " + team(owner) +
            " will report its progress to our support team " + by + ".",
        r));
  }
  if (decision.escalate || c.state == CaseState::SecurityEscalated) {
    v.statements.push_back(make_statement(
        Section::NextSteps,
        "Our security team is leading this investigation, and our support team will send you "
        "updates once the security team has reviewed them.",
        r));
  }
  v.statements.push_back(make_statement(
      Section::NextSteps,
      "Our support team remains your point of contact and will send you the next update " + by +
          ".",
      r));
}

}  // namespace

LintContext lint_context_for(const Case& c, const std::vector<Finding>& findings,
                             const std::vector<OpenQuestion>& questions,
                             const SecurityDecision& decision) {
  LintContext ctx;
  const bool blocking = std::any_of(questions.begin(), questions.end(),
                                    [](const OpenQuestion& q) { return is_open(q) && q.blocking; });
  const bool hypothesis = std::any_of(findings.begin(), findings.end(), [](const Finding& f) {
    return f.status == FindingStatus::Hypothesis;
  });
  ctx.access_unresolved =
      decision.escalate || c.state == CaseState::SecurityEscalated || blocking || hypothesis;
  ctx.security_decided = c.state == CaseState::Resolved || c.state == CaseState::Closed;
  ctx.root_cause_confirmed = false;
  return ctx;
}

DraftVersion draft_customer_update(const Case& c, const std::vector<Finding>& findings,
                                   const std::vector<OpenQuestion>& questions,
                                   const SecurityDecision& decision, Redactor& redactor,
                                   const DraftOptions& options) {
  DraftVersion v = detail::new_draft(c, DraftKind::CustomerUpdate, options.now);
  const LintContext ctx = lint_context_for(c, findings, questions, decision);
  add_confirmed(v, findings, ctx, redactor);
  add_being_verified(v, findings, questions, ctx, redactor);
  add_next_steps(v, c, questions, decision, options, redactor);
  seal(v);
  return v;
}

}  // namespace ec::copilot
