#include "plugin/core/draft_card.h"

#include <cctype>
#include <charconv>

namespace ec {
namespace {

constexpr std::string_view kRefPrefix = "ec1";

struct ActionName {
  CardActionKind kind;
  std::string_view name;
};
constexpr ActionName kActionNames[] = {
    {CardActionKind::Approve, "approve"},
    {CardActionKind::RequestChanges, "request_changes"},
    {CardActionKind::Edit, "edit"},
    {CardActionKind::Reveal, "reveal"},
    {CardActionKind::AcknowledgeSecurity, "ack_security"},
};

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t pos = s.find(sep, start);
    parts.push_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos
                                                                  : pos - start));
    if (pos == std::string_view::npos) return parts;
    start = pos + 1;
  }
}

bool is_safe_id(std::string_view s) {
  if (s.empty() || s.size() > 100) return false;
  for (const char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
      return false;
    }
  }
  return true;
}

bool is_hex64(std::string_view s) {
  if (s.size() != 64) return false;
  for (const char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && (c < 'a' || c > 'f')) return false;
  }
  return true;
}

std::string kind_title(DraftKind kind) {
  switch (kind) {
    case DraftKind::CustomerUpdate: return "Customer update";
    case DraftKind::Handoff: return "Engineering and security handoff";
    case DraftKind::HoldingStatement: return "Holding statement";
  }
  return "Draft";
}

const Approval* approval_of(const DraftVersion& v, const std::vector<Approval>* approvals) {
  if (approvals == nullptr) return nullptr;
  for (const Approval& a : *approvals) {
    if (a.draft_id == v.draft_id && a.version == v.version && a.content_hash == v.content_hash) {
      return &a;
    }
  }
  return nullptr;
}

}  // namespace

std::string_view card_action_name(CardActionKind kind) {
  for (const ActionName& a : kActionNames) {
    if (a.kind == kind) return a.name;
  }
  return "unknown";
}

std::string encode_action_ref(const CardActionRef& ref) {
  return std::string(kRefPrefix) + "|" + std::string(card_action_name(ref.kind)) + "|" +
         ref.case_id + "|" + ref.draft_id + "|" + std::to_string(ref.version) + "|" +
         ref.content_hash;
}

Result<CardActionRef> parse_action_ref(std::string_view value) {
  const auto parts = split(value, '|');
  if (parts.size() != 6 || parts[0] != kRefPrefix) {
    return make_error(ErrorCode::InvalidArgument,
                      "action value: expected ec1|action|case|draft|version|hash");
  }
  CardActionRef ref;
  bool known = false;
  for (const ActionName& a : kActionNames) {
    if (a.name == parts[1]) {
      ref.kind = a.kind;
      known = true;
    }
  }
  if (!known) return make_error(ErrorCode::InvalidArgument, "action value: unknown action");
  if (!is_safe_id(parts[2])) return make_error(ErrorCode::InvalidArgument, "action value: case");
  ref.case_id = std::string(parts[2]);
  // The security acknowledgement names only the case.
  if (ref.kind != CardActionKind::AcknowledgeSecurity || !parts[3].empty()) {
    if (!is_safe_id(parts[3])) return make_error(ErrorCode::InvalidArgument, "action value: draft");
    const auto [end, ec] =
        std::from_chars(parts[4].data(), parts[4].data() + parts[4].size(), ref.version);
    if (ec != std::errc() || end != parts[4].data() + parts[4].size() || ref.version < 1) {
      return make_error(ErrorCode::InvalidArgument, "action value: version");
    }
    if (!is_hex64(parts[5])) return make_error(ErrorCode::InvalidArgument, "action value: hash");
    ref.draft_id = std::string(parts[3]);
    ref.content_hash = std::string(parts[5]);
  }
  return ref;
}

std::string sentence_at(std::string_view text, std::size_t at) {
  if (at > text.size()) at = text.size();
  std::size_t begin = 0;
  for (std::size_t i = at; i > 0; --i) {
    const char c = text[i - 1];
    if (c == '\n' || ((c == ' ') && i >= 2 &&
                      (text[i - 2] == '.' || text[i - 2] == '!' || text[i - 2] == '?'))) {
      begin = i;
      break;
    }
  }
  std::size_t end = text.size();
  for (std::size_t i = at; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      end = i;
      break;
    }
    if ((c == '.' || c == '!' || c == '?') && (i + 1 == text.size() || text[i + 1] == ' ' ||
                                               text[i + 1] == '\n')) {
      end = i + 1;
      break;
    }
  }
  std::string_view s = text.substr(begin, end - begin);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

DraftCard build_draft_card(const DraftCardInput& input) {
  const Case& c = *input.c;
  const DraftVersion& v = *input.version;
  DraftCard card;
  card.case_id = c.id;
  card.ticket = c.ticket_ref;
  card.draft_id = v.draft_id;
  card.kind = v.kind;
  card.version = v.version;
  card.content_hash = v.content_hash;
  card.recipient = input.recipient;
  card.lint = input.lint;
  card.blocking_issues = input.blocking_issues;
  card.delivered_to = input.delivered_to;
  card.title = kind_title(v.kind) + " " + v.draft_id + " v" + std::to_string(v.version) +
               " for " + c.ticket_ref;
  for (const Statement& s : v.statements) {
    const std::string title(section_title(s.section));
    if (card.sections.empty() || card.sections.back().title != title) {
      card.sections.push_back({title, {}});
    }
    card.sections.back().statements.push_back({s.text, s.author, s.evidence});
  }
  if (v.kind == DraftKind::CustomerUpdate && c.security_hold()) {
    card.hold = "The case is security_escalated: a customer update cannot be approved until a "
                "member of the security group acknowledges the escalation.";
  }
  if (const Approval* a = approval_of(v, input.approvals)) card.approval = *a;
  if (input.change_requests != nullptr && !card.approval) {
    card.changes_requested = change_request_for(v, *input.change_requests);
  }
  card.state_label = !card.delivered_to.empty() ? "SENT"
                     : card.approval            ? "APPROVED"
                     : card.changes_requested   ? "CHANGES REQUESTED"
                                                : "UNAPPROVED";
  if (card.approval) {
    card.blocking_issues.clear();  // decided: nothing blocks an approved version any more
    return card;
  }

  const auto ref = [&](CardActionKind kind) {
    return CardActionRef{kind, c.id, v.draft_id, v.version, v.content_hash};
  };
  CardAction approve{CardActionKind::Approve, "Approve & send", ref(CardActionKind::Approve),
                     CardConfirm{"Approve and send?",
                                 "Approve " + v.draft_id + " v" + std::to_string(v.version) +
                                     " exactly as shown and send it to " + input.recipient + ".",
                                 "Approve & send", "Cancel"},
                     true};
  if (!card.changes_requested) {
    card.actions.push_back(std::move(approve));
    card.actions.push_back({CardActionKind::RequestChanges, "Request changes",
                            ref(CardActionKind::RequestChanges), std::nullopt, false});
  }
  card.actions.push_back({CardActionKind::Edit, "Edit", ref(CardActionKind::Edit), std::nullopt,
                          false});
  card.actions.push_back({CardActionKind::Reveal, "Reveal a value", ref(CardActionKind::Reveal),
                          std::nullopt, false});
  return card;
}

}  // namespace ec
