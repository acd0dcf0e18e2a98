#include "plugin/core/measures.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <sstream>

#include "plugin/core/grounding.h"
#include "plugin/core/word_diff.h"

namespace ec {
namespace {

// Words whose change alters how certain a sentence is.
constexpr std::array<std::string_view, 16> kCertaintyWords{
    "confirmed", "confirm", "definitely", "certainly", "no", "not", "never", "all",
    "may",       "might",   "possibly",   "likely",    "verified", "verifying", "proven", "sure"};

std::vector<std::string> words(const std::string& text) { return split_words(text); }

std::string normalized(std::string w) {
  std::string out;
  for (char ch : w) {
    if (std::isalnum(static_cast<unsigned char>(ch)) != 0) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
  }
  return out;
}

std::multiset<std::string> certainty_words(const std::string& text) {
  std::multiset<std::string> out;
  for (const std::string& w : words(text)) {
    const std::string n = normalized(w);
    if (std::find(kCertaintyWords.begin(), kCertaintyWords.end(), n) != kCertaintyWords.end()) {
      out.insert(n);
    }
  }
  return out;
}

std::vector<const Statement*> in_section(const DraftVersion& v, bool next_steps) {
  std::vector<const Statement*> out;
  for (const Statement& s : v.statements) {
    if ((s.section == Section::NextSteps || s.section == Section::Actions) == next_steps) {
      out.push_back(&s);
    }
  }
  return out;
}

bool texts_differ(const std::vector<const Statement*>& a, const std::vector<const Statement*>& b) {
  if (a.size() != b.size()) return true;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i]->text != b[i]->text) return true;
  }
  return false;
}

bool certainty_changed(const DraftVersion& agent, const DraftVersion& approved) {
  const auto a = in_section(agent, false);
  const auto b = in_section(approved, false);
  std::string a_text;
  std::string b_text;
  std::size_t a_hedged = 0;
  std::size_t b_hedged = 0;
  for (const Statement* s : a) {
    a_text += s->text + " ";
    if (is_hedged(s->text)) ++a_hedged;
  }
  for (const Statement* s : b) {
    b_text += s->text + " ";
    if (is_hedged(s->text)) ++b_hedged;
  }
  return a_hedged != b_hedged || certainty_words(a_text) != certainty_words(b_text);
}

const DraftVersion* agent_version_before(const std::vector<DraftVersion>& versions,
                                         const DraftVersion& approved) {
  const DraftVersion* best = nullptr;
  for (const DraftVersion& v : versions) {
    if (v.draft_id == approved.draft_id && v.version <= approved.version &&
        v.created_by == "copilot" && (best == nullptr || v.version > best->version)) {
      best = &v;
    }
  }
  return best;
}

bool names_owner(const std::string& text) {
  for (const char* owner : {"support", "engineering", "security", "owner", "lead"}) {
    if (normalized(text).find(owner) != std::string::npos) return true;
  }
  return false;
}

HandoffCompleteness completeness(const DraftVersion& v) {
  HandoffCompleteness h;
  h.draft_id = v.draft_id;
  h.version = v.version;
  for (const Statement& s : v.statements) {
    if (s.section == Section::Facts) {
      ++h.facts;
      if (!s.evidence.empty()) ++h.facts_with_evidence;
    } else if (s.section == Section::Questions) {
      ++h.questions;
      if (names_owner(s.text)) ++h.questions_with_owner;
    } else if (s.section == Section::Actions) {
      h.actions_present = true;
    }
  }
  int met = 0;
  if (h.facts > 0 && h.facts_with_evidence == h.facts) ++met;
  if (h.questions_with_owner == h.questions) ++met;
  if (h.actions_present) ++met;
  h.score = met / 3.0;
  return h;
}

}  // namespace

std::size_t word_edit_distance(const std::string& a, const std::string& b) {
  // Words become small integers first, so the O(n*m) table compares integers, not strings.
  std::map<std::string, std::size_t> ids;
  const auto encode = [&ids](const std::string& text) {
    std::vector<std::size_t> out;
    for (std::string& w : words(text)) {
      const std::size_t next = ids.size();
      out.push_back(ids.emplace(std::move(w), next).first->second);
    }
    return out;
  };
  auto x = encode(a);
  auto y = encode(b);
  // A common prefix and suffix never change the distance: drop them before the O(n*m) table
  // (an approved draft is usually the agent's with a few sentences changed).
  std::size_t head = 0;
  while (head < x.size() && head < y.size() && x[head] == y[head]) ++head;
  std::size_t tail = 0;
  while (tail < x.size() - head && tail < y.size() - head &&
         x[x.size() - 1 - tail] == y[y.size() - 1 - tail]) {
    ++tail;
  }
  x = std::vector<std::size_t>(x.begin() + static_cast<std::ptrdiff_t>(head),
                               x.end() - static_cast<std::ptrdiff_t>(tail));
  y = std::vector<std::size_t>(y.begin() + static_cast<std::ptrdiff_t>(head),
                               y.end() - static_cast<std::ptrdiff_t>(tail));
  std::vector<std::size_t> prev(y.size() + 1);
  std::vector<std::size_t> cur(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      const std::size_t replace = prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
      cur[j] = std::min(std::min(prev[j] + 1, cur[j - 1] + 1), replace);
    }
    std::swap(prev, cur);
  }
  return prev[y.size()];
}

CaseMeasures compute_measures(const Case& c, const std::vector<DraftVersion>& versions,
                              const std::vector<Approval>& approvals,
                              const std::vector<OutboxMessage>& outbox) {
  CaseMeasures m;
  const auto find_version = [&](const std::string& draft_id, int version) -> const DraftVersion* {
    for (const DraftVersion& v : versions) {
      if (v.draft_id == draft_id && v.version == version) return &v;
    }
    return nullptr;
  };
  for (const Approval& a : approvals) {
    const DraftVersion* approved = find_version(a.draft_id, a.version);
    if (approved == nullptr) continue;
    if (approved->kind == DraftKind::CustomerUpdate) {
      const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(a.approved_at -
                                                                            c.created_at).count();
      if (!m.seconds_to_first_approved_update || seconds < *m.seconds_to_first_approved_update) {
        m.seconds_to_first_approved_update = seconds;
      }
    }
    ApprovedEdit e;
    e.draft_id = a.draft_id;
    e.version = a.version;
    if (const DraftVersion* agent = agent_version_before(versions, *approved)) {
      e.agent_version = agent->version;
      const std::string agent_text = render_draft_text(*agent);
      e.agent_words = words(agent_text).size();
      e.edit_distance = word_edit_distance(agent_text, render_draft_text(*approved));
      e.touched_ownership =
          texts_differ(in_section(*agent, true), in_section(*approved, true));
      e.touched_certainty = certainty_changed(*agent, *approved);
    }
    m.approved_edits.push_back(e);
  }
  for (const DraftVersion& v : versions) {
    if (v.kind != DraftKind::Handoff) continue;
    if (!m.handoff || v.draft_id > m.handoff->draft_id ||
        (v.draft_id == m.handoff->draft_id && v.version > m.handoff->version)) {
      m.handoff = completeness(v);
    }
  }
  for (const OutboxMessage& msg : outbox) {
    SentClaims s;
    s.outbox_id = msg.id;
    s.draft_id = msg.payload.value("draft_id", "");
    s.version = msg.payload.value("version", 0);
    const DraftVersion* v = find_version(s.draft_id, s.version);
    if (v != nullptr) {
      std::set<std::string> ids;
      for (const Statement& st : v->statements) ids.insert(st.findings.begin(), st.findings.end());
      s.claims.assign(ids.begin(), ids.end());
      s.approved_before_send = std::any_of(approvals.begin(), approvals.end(), [&](const Approval& a) {
        return a.draft_id == v->draft_id && a.version == v->version &&
               a.content_hash == v->content_hash && a.approved_at <= msg.created_at;
      });
    }
    m.all_sent_claims_approved_first = m.all_sent_claims_approved_first && s.approved_before_send;
    m.sent.push_back(std::move(s));
  }
  return m;
}

nlohmann::json measures_to_json(const CaseMeasures& m) {
  nlohmann::json edits = nlohmann::json::array();
  for (const ApprovedEdit& e : m.approved_edits) {
    edits.push_back({{"draft_id", e.draft_id},
                     {"version", e.version},
                     {"agent_version", e.agent_version},
                     {"edit_distance_words", e.edit_distance},
                     {"agent_words", e.agent_words},
                     {"touched_certainty", e.touched_certainty},
                     {"touched_ownership", e.touched_ownership}});
  }
  nlohmann::json sent = nlohmann::json::array();
  for (const SentClaims& s : m.sent) {
    sent.push_back({{"outbox_id", s.outbox_id},
                    {"draft_id", s.draft_id},
                    {"version", s.version},
                    {"claims", s.claims},
                    {"approved_before_send", s.approved_before_send}});
  }
  nlohmann::json out = {
      {"seconds_to_first_approved_update",
       m.seconds_to_first_approved_update ? nlohmann::json(*m.seconds_to_first_approved_update)
                                          : nlohmann::json()},
      {"approved_edits", edits},
      {"sent", sent},
      {"all_sent_claims_approved_first", m.all_sent_claims_approved_first}};
  if (m.handoff) {
    out["handoff_completeness"] = {{"draft_id", m.handoff->draft_id},
                                   {"version", m.handoff->version},
                                   {"facts", m.handoff->facts},
                                   {"facts_with_evidence", m.handoff->facts_with_evidence},
                                   {"questions", m.handoff->questions},
                                   {"questions_with_owner", m.handoff->questions_with_owner},
                                   {"actions_present", m.handoff->actions_present},
                                   {"score", m.handoff->score}};
  } else {
    out["handoff_completeness"] = nullptr;
  }
  return out;
}

}  // namespace ec
