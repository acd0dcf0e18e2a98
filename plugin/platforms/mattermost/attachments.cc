#include "plugin/platforms/mattermost/attachments.h"

#include "plugin/core/time.h"
#include "plugin/platforms/common/text_fit.h"
#include "plugin/platforms/mattermost/action_context.h"

namespace ec::platforms::mattermost {
namespace {

using nlohmann::json;

constexpr char kUnapprovedColor[] = "#F2A900";
constexpr char kApprovedColor[] = "#2E7D32";
constexpr char kHeldColor[] = "#C62828";

std::string_view authorship_label(Authorship a) {
  switch (a) {
    case Authorship::Agent: return "agent-drafted";
    case Authorship::Human: return "human-written";
    case Authorship::HumanEdited: return "human-edited";
  }
  return "";
}

json button(const CardAction& action, const RenderTarget& target) {
  json b = {{"id", action_id_for(action.kind)},
            {"type", "button"},
            {"name", action.label},
            {"integration",
             {{"url", target.actions_url}, {"context", sign_action_context(action.ref, target.secret)}}}};
  b["style"] = action.primary ? "primary" : "default";
  return b;
}

std::string card_body(const DraftCard& card) {
  std::string text;
  for (const CardSection& s : card.sections) {
    text += "**" + escape_markdown(s.title) + "**\n";
    for (const CardStatement& st : s.statements) {
      text += "- " + escape_markdown(st.text) + " *(" + std::string(authorship_label(st.author)) + ")*";
      if (!st.evidence.empty()) {
        std::string ids;
        for (const std::string& e : st.evidence) ids += (ids.empty() ? "" : ", ") + e;
        text += " \\[" + escape_markdown(ids) + "\\]";
      }
      text += "\n";
    }
    text += "\n";
  }
  if (!card.lint.empty()) {
    text += "**Linter findings (" + std::to_string(card.lint.size()) + ")**\n";
    for (const CardLintNote& n : card.lint) {
      text += std::string(n.blocking ? ":no_entry: " : ":warning: ") + "`" +
              escape_markdown(n.rule_id) + "` " + escape_markdown(n.reason) + "\n> " +
              escape_markdown(n.sentence) + "\n\n";
    }
  }
  if (!card.blocking_issues.empty()) {
    text += "**Blocking approval (" + std::to_string(card.blocking_issues.size()) +
            "): Approve will be refused until these are fixed**\n";
    for (const std::string& issue : card.blocking_issues) {
      text += ":no_entry: " + escape_markdown(issue) + "\n";
    }
  }
  return text;
}

}  // namespace

std::string escape_markdown(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (const char c : text) {
    switch (c) {
      case '\\': case '*': case '_': case '`': case '[': case ']': case '#': case '|':
      case '~': case '<': case '>':
        out += '\\';
        out += c;
        break;
      case '@': out += "@\u200B"; break;  // a zero-width space: "@channel" pings nobody
      default: out += c;
    }
  }
  return out;
}

std::string action_id_for(CardActionKind kind) {
  switch (kind) {
    case CardActionKind::Approve: return "approve";
    case CardActionKind::RequestChanges: return "requestchanges";
    case CardActionKind::Edit: return "edit";
    case CardActionKind::Reveal: return "reveal";
    case CardActionKind::AcknowledgeSecurity: return "acksecurity";
  }
  return "";
}

json render_card_post(const DraftCard& card, const RenderTarget& target,
                      std::string_view full_text_hint) {
  std::string body = card_body(card);
  if (char_count(body) > kAttachmentText) {
    body = fit_text(body, kAttachmentText - 200, "") + "\n\n… cut here. Full text: `" +
           std::string(full_text_hint) + "`";
  }
  if (card.approval) {
    body += "\n:white_check_mark: **Approved** by " + escape_markdown(card.approval->approver) +
            " — " + card.draft_id + " v" + std::to_string(card.approval->version) + " at " +
            format_rfc3339(card.approval->approved_at) + ", content hash `" +
            card.approval->content_hash + "`";
  }
  if (!card.delivered_to.empty()) {
    body += "\n:outbox_tray: Delivered to " + escape_markdown(card.delivered_to);
  }
  json fields = json::array(
      {{{"short", true}, {"title", "Case"}, {"value", escape_markdown(card.case_id)}},
       {{"short", true}, {"title", "Content hash"}, {"value", "`" + card.content_hash.substr(0, 12) + "`"}},
       {{"short", false}, {"title", "Recipient"}, {"value", escape_markdown(card.recipient)}}});
  json attachment = {{"fallback", card.state_label + ": " + card.title},
                     {"color", card.hold ? kHeldColor : card.approval ? kApprovedColor : kUnapprovedColor},
                     {"title", card.state_label + " · " + card.title},
                     {"text", body},
                     {"fields", fields}};
  if (card.hold) attachment["pretext"] = ":lock: **Held:** " + escape_markdown(*card.hold);
  json actions = json::array();
  for (const CardAction& a : card.actions) actions.push_back(button(a, target));
  attachment["actions"] = actions;  // empty once approved: the buttons go away on patch
  return {{"message", ""}, {"props", {{"attachments", json::array({attachment})}}}};
}

json render_security_post(const SecurityAnnouncement& a, const RenderTarget& target) {
  std::string text = "Case **" + escape_markdown(a.case_id) + "** is `security_escalated` (severity " +
                     std::string(severity_name(a.severity)) +
                     "). Customer updates are held until a member of the security group "
                     "acknowledges; the lead may still send the holding statement.\n\n"
                     "**Rules that fired** (rule file " + escape_markdown(a.rule_set_version) +
                     "):\n";
  for (const RuleMatch& r : a.rules) {
    std::string evidence;
    for (const std::string& id : r.evidence) evidence += (evidence.empty() ? "" : ", ") + id;
    text += "- `" + escape_markdown(r.rule_id) + "` (" + std::string(severity_name(r.severity)) +
            ") " + escape_markdown(r.description) + ": " + escape_markdown(r.reason) +
            (evidence.empty() ? std::string() : " [" + escape_markdown(evidence) + "]") + "\n";
  }
  std::string evidence;
  for (const std::string& id : a.evidence_ids) evidence += (evidence.empty() ? "" : ", ") + id;
  text += "\n**Evidence:** " + (evidence.empty() ? std::string("none listed") : escape_markdown(evidence));
  const CardAction ack{CardActionKind::AcknowledgeSecurity, "Acknowledge",
                       CardActionRef{CardActionKind::AcknowledgeSecurity, a.case_id, "", 0, ""},
                       std::nullopt, true};
  json attachment = {{"fallback", "Security escalation for " + a.ticket_ref},
                     {"color", kHeldColor},
                     {"title", "Security escalation: " + a.ticket_ref},
                     {"text", fit_text(text, kAttachmentText)},
                     {"actions", json::array({button(ack, target)})}};
  return {{"text", ""}, {"props", {{"attachments", json::array({attachment})}}}};
}

Result<json> render_edit_dialog(const DraftCard& card, std::string_view draft_text,
                                std::string_view state) {
  json elements = json::array();
  std::string_view rest = draft_text;
  std::size_t part = 0;
  do {
    if (part == kMaxDialogTextareas) {
      return make_error(ErrorCode::InvalidArgument,
                        "the draft is longer than an edit dialog holds (" +
                            std::to_string(kMaxDialogTextareas * kDialogTextarea) +
                            " characters); edit it in parts with the CLI");
    }
    const std::string chunk = fit_text(rest, kDialogTextarea, "");
    rest.remove_prefix(chunk.size());
    elements.push_back({{"display_name", part == 0 ? "Draft text" : "Draft text (cont.)"},
                        {"name", std::string(kEditElementPrefix) + std::to_string(part)},
                        {"type", "textarea"},
                        {"default", chunk},
                        {"optional", part > 0},
                        {"max_length", kDialogTextarea}});
    ++part;
  } while (!rest.empty());
  return json{{"callback_id", std::string(kEditCallback)},
              {"title", fit_text("Edit " + card.draft_id + " v" + std::to_string(card.version),
                                 kDialogTitle)},
              {"introduction_text", "Editing " + escape_markdown(card.title) +
                                        ". Saving makes a new version; it is re-linted and "
                                        "needs approval."},
              {"elements", elements},
              {"submit_label", "Save version"},
              {"notify_on_cancel", false},
              {"state", std::string(state)}};
}

json render_reveal_dialog(const DraftCard& card, std::string_view state) {
  json elements = json::array(
      {{{"display_name", "Placeholder"},
        {"name", std::string(kPlaceholderElement)},
        {"type", "text"},
        {"placeholder", "<EMAIL_1>"},
        {"max_length", 64}},
       {{"display_name", "Reason"},
        {"name", std::string(kReasonElement)},
        {"type", "textarea"},
        {"help_text", "Recorded in the audit trail; the value itself is not."},
        {"max_length", 1000}}});
  return {{"callback_id", std::string(kRevealCallback)},
          {"title", "Reveal a value"},
          {"introduction_text", "Reveal one placeholder of **" + escape_markdown(card.case_id) +
                                    "** for outbound messages."},
          {"elements", elements},
          {"submit_label", "Reveal"},
          {"notify_on_cancel", false},
          {"state", std::string(state)}};
}

json render_request_changes_dialog(const DraftCard& card, std::string_view state) {
  json elements = json::array({{{"display_name", "What should change"},
                                {"name", std::string(kReasonElement)},
                                {"type", "textarea"},
                                {"help_text", "Recorded on this exact version; it can no longer be "
                                              "approved. Edit makes the next version."},
                                {"max_length", 1000}}});
  return {{"callback_id", std::string(kRequestChangesCallback)},
          {"title", fit_text("Changes to " + card.draft_id + " v" + std::to_string(card.version),
                             kDialogTitle)},
          {"introduction_text", "Request changes to " + escape_markdown(card.title) + "."},
          {"elements", elements},
          {"submit_label", "Request changes"},
          {"notify_on_cancel", false},
          {"state", std::string(state)}};
}

std::string edited_text_from(const std::map<std::string, std::string>& submission) {
  std::string text;
  for (std::size_t part = 0;; ++part) {
    const auto it = submission.find(std::string(kEditElementPrefix) + std::to_string(part));
    if (it == submission.end()) return text;
    text += it->second;
  }
}

json render_text_response(std::string_view text, std::string_view response_type) {
  return {{"response_type", std::string(response_type)}, {"text", fit_text(text, kMessage)}};
}

}  // namespace ec::platforms::mattermost
