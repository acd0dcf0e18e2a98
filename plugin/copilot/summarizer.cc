#include "plugin/copilot/summarizer.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <utility>

#include "plugin/copilot/text_util.h"

namespace ec::copilot {
namespace {

constexpr std::size_t kMaxBodyBytes = 180;
constexpr std::array<std::string_view, 10> kPromisePhrases{
    "we will",         "we'll",     "i will",         "i'll",       "we are going to",
    "get back to you", "follow up", "you can expect", "we promise", "we aim to"};
// Words that mark an escalation in a tag or a comment ("exec_escalation", "Escalating to ...").
constexpr std::array<std::string_view, 4> kEscalationWords{"escalat", "executive", "exec_",
                                                           "security_review"};

bool mentions_escalation(std::string_view text) {
  return std::any_of(kEscalationWords.begin(), kEscalationWords.end(),
                     [&](std::string_view w) { return icontains(text, w); });
}

enum class Role { Customer, Agent, Unknown };

struct Author {
  Role role = Role::Unknown;
  std::string label;  // redacted
};

const TicketPerson* find_person(const TicketHistory& t, const std::string& id) {
  for (const TicketPerson& p : t.people) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

void register_people(const TicketHistory& t, Redactor& r) {
  for (const TicketPerson& p : t.people) {
    if (!trim(p.name).empty()) (void)r.register_person(p.name);
    if (!p.email.empty()) (void)r.register_value(SensitiveKind::Email, p.email);
    if (!p.id.empty()) (void)r.register_value(SensitiveKind::Account, p.id);
  }
  for (const std::string* id : {&t.requester_id, &t.assignee_id}) {
    if (!id->empty()) (void)r.register_value(SensitiveKind::Account, *id);
  }
}

Author author_of(const TicketHistory& t, const std::string& id, Redactor& r) {
  const TicketPerson* p = find_person(t, id);
  const std::string role = p != nullptr ? to_lower_ascii(p->role) : "";
  if (role == "end-user" || (role.empty() && !id.empty() && id == t.requester_id)) {
    return {Role::Customer, "customer (end-user)"};
  }
  const std::string who = p != nullptr && !p->name.empty() ? p->name : id;
  if (role == "agent" || role == "admin") {
    return {Role::Agent, r.redact(role + " " + who + " (" + role + ")")};
  }
  if (id.empty()) return {Role::Unknown, "system"};
  return {Role::Unknown, r.redact("user " + who)};
}

std::string body_text(std::string_view body, Redactor& r) {
  std::string flat(trim(body));
  std::replace(flat.begin(), flat.end(), '\n', ' ');
  return truncate_words(r.redact(flat), kMaxBodyBytes);
}

std::string channel_note(const TicketEntry& e, Redactor& r) {
  std::string note;
  if (!e.channel.empty()) note += "via " + e.channel;
  if (!e.ip.empty()) note += (note.empty() ? "from " : " from ") + r.redact(e.ip);
  return note.empty() ? "" : " (" + note + ")";
}

std::vector<std::string> split_values(const std::string& value) {
  std::vector<std::string> out;
  const auto parsed = nlohmann::json::parse(value, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_array()) {
    for (const auto& v : parsed) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
    return out;
  }
  std::string cur;
  for (char c : value + " ") {
    if (c == ' ' || c == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

std::string describe_tags(const TicketEntry& e) {
  const auto before = split_values(e.from_value);
  const auto after = split_values(e.to_value);
  std::vector<std::string> added;
  std::vector<std::string> removed;
  for (const auto& t : after) {
    if (std::find(before.begin(), before.end(), t) == before.end()) added.push_back(t);
  }
  for (const auto& t : before) {
    if (std::find(after.begin(), after.end(), t) == after.end()) removed.push_back(t);
  }
  std::string out = "tags changed:";
  if (!added.empty()) out += " added " + join_list(added);
  if (!removed.empty())
    out += std::string(added.empty() ? "" : ";") + " removed " + join_list(removed);
  if (added.empty() && removed.empty()) out += " unchanged";
  return out;
}

std::string describe_change(const TicketHistory& t, const TicketEntry& e, Redactor& r) {
  if (e.field == "tags") return r.redact(describe_tags(e));
  auto value = [&](const std::string& v) {
    if (e.field.find("assignee") != std::string::npos) {
      const TicketPerson* p = find_person(t, v);
      if (p != nullptr && !p->name.empty()) return r.redact(p->name);
    }
    return r.redact(v.empty() ? "(none)" : v);
  };
  std::string field = e.field;
  if (field == "assignee_id") field = "assignee";
  if (e.from_value.empty()) return field + " set to " + value(e.to_value);
  return field + " changed from " + value(e.from_value) + " to " + value(e.to_value);
}

std::vector<std::string> matching_sentences(const std::string& text, bool questions) {
  std::vector<std::string> out;
  for (const Span& s : sentence_spans(text)) {
    const std::string_view sentence = trim(std::string_view(text).substr(s.begin, s.end - s.begin));
    bool hit = false;
    if (questions) {
      hit = sentence.find('?') != std::string_view::npos;
    } else {
      hit = find_deadline_phrase(sentence).has_value() ||
            std::any_of(kPromisePhrases.begin(), kPromisePhrases.end(),
                        [&](std::string_view p) { return icontains(sentence, p); });
    }
    if (hit) out.emplace_back(sentence);
  }
  return out;
}

// Walks the time-ordered entries once, building lines, promises and unanswered questions.
class SummaryBuilder {
 public:
  SummaryBuilder(const TicketHistory& ticket, Redactor& redactor)
      : ticket_(ticket), redactor_(redactor), entries_(ticket.entries) {
    std::stable_sort(entries_.begin(), entries_.end(),
                     [](const TicketEntry& a, const TicketEntry& b) { return a.time < b.time; });
  }

  void run(TicketSummary& summary) {
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      summary.lines.push_back(line_for(i, summary));
    }
  }

 private:
  SummaryLine line_for(std::size_t i, TicketSummary& summary) {
    const TicketEntry& e = entries_[i];
    const Author author = author_of(ticket_, e.author_id, redactor_);
    const std::string at = format_rfc3339(e.time) + " ";
    switch (e.kind) {
      case TicketEntryKind::Created:
        return {e.time, SummaryLineKind::Created,
                at + "ticket created by " + author.label + channel_note(e, redactor_)};
      case TicketEntryKind::FieldChange: {
        SummaryLine line{e.time, SummaryLineKind::FieldChange,
                         at + author.label + ": " + describe_change(ticket_, e, redactor_)};
        if (e.field == "priority" || e.field == "severity") summary.severity_changes.push_back(line);
        if (e.field == "tags" && mentions_escalation(e.to_value) &&
            !mentions_escalation(e.from_value)) {
          summary.escalations.push_back(line);
        }
        return line;
      }
      case TicketEntryKind::Notification:
        return {e.time, SummaryLineKind::Other,
                at + "notification sent: " + body_text(e.body, redactor_)};
      case TicketEntryKind::Comment:
        break;
    }
    if (e.is_public && author.role != Role::Customer) {
      for (const auto& s : matching_sentences(e.body, false)) {
        summary.promises.push_back({e.time, SummaryLineKind::Promise,
                                    at + author.label + " promised: " + body_text(s, redactor_)});
      }
    }
    if (e.is_public && author.role == Role::Customer && !answered_later(i)) {
      for (const auto& s : matching_sentences(e.body, true)) {
        summary.unanswered_questions.push_back(
            {e.time, SummaryLineKind::UnansweredQuestion,
             at + "customer (end-user) asked, no public reply yet: " + body_text(s, redactor_)});
      }
    }
    SummaryLine line = comment_line(e, author, at);
    if (mentions_escalation(e.body)) summary.escalations.push_back(line);
    return line;
  }

  SummaryLine comment_line(const TicketEntry& e, const Author& author, const std::string& at) {
    SummaryLine line{e.time, SummaryLineKind::AgentReply, ""};
    std::string verb = " replied publicly";
    if (!e.is_public) {
      line.kind = SummaryLineKind::InternalNote;
      verb = " added an internal note";
    } else if (author.role == Role::Customer) {
      line.kind = SummaryLineKind::CustomerComment;
      verb = std::exchange(customer_reported_, true) ? " wrote" : " reported";
    }
    line.text =
        at + author.label + verb + channel_note(e, redactor_) + ": " + body_text(e.body, redactor_);
    if (!e.attachments.empty()) {
      std::vector<std::string> names;
      for (const auto& a : e.attachments) names.push_back(redactor_.redact(a.file_name));
      line.text += " [attached: " + join_list(names) + "]";
    }
    return line;
  }

  // A later public comment by anyone but the customer answers a customer's question.
  bool answered_later(std::size_t i) {
    return std::any_of(entries_.begin() + static_cast<std::ptrdiff_t>(i) + 1, entries_.end(),
                       [&](const TicketEntry& later) {
                         return later.kind == TicketEntryKind::Comment && later.is_public &&
                                author_of(ticket_, later.author_id, redactor_).role !=
                                    Role::Customer;
                       });
  }

  const TicketHistory& ticket_;
  Redactor& redactor_;
  std::vector<TicketEntry> entries_;
  bool customer_reported_ = false;
};

}  // namespace

TicketSummary summarize_ticket(const TicketHistory& ticket, Redactor& redactor) {
  register_people(ticket, redactor);
  TicketSummary summary;
  summary.ticket_id = ticket.id;
  summary.headline = "Ticket " + ticket.id + " (" +
                     (ticket.status.empty() ? "unknown" : ticket.status) + ", priority " +
                     (ticket.priority.empty() ? "unset" : ticket.priority) +
                     "): " + body_text(ticket.subject, redactor);
  SummaryBuilder(ticket, redactor).run(summary);
  return summary;
}

std::string render_summary(const TicketSummary& summary) {
  std::string out = summary.headline + "\n";
  for (const auto& l : summary.lines) out += "- " + l.text + "\n";
  if (!summary.severity_changes.empty()) {
    out += "Severity changes:\n";
    for (const auto& l : summary.severity_changes) out += "- " + l.text + "\n";
  }
  if (!summary.escalations.empty()) {
    out += "Escalations:\n";
    for (const auto& l : summary.escalations) out += "- " + l.text + "\n";
  }
  if (!summary.promises.empty()) {
    out += "Promises made to the customer:\n";
    for (const auto& l : summary.promises) out += "- " + l.text + "\n";
  }
  if (!summary.unanswered_questions.empty()) {
    out += "Unanswered customer questions:\n";
    for (const auto& l : summary.unanswered_questions) out += "- " + l.text + "\n";
  }
  return out;
}

}  // namespace ec::copilot
