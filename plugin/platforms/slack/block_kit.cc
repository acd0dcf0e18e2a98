#include "plugin/platforms/slack/block_kit.h"

#include "plugin/platforms/slack/block_kit_limits.h"
#include "plugin/platforms/slack/slack_inbound.h"

namespace ec::platforms::slack {
namespace {

using nlohmann::json;
using L = BlockKitLimits;

json plain(std::string_view text, std::size_t max) {
  return {{"type", "plain_text"}, {"text", fit_text(text, max)}, {"emoji", true}};
}

json mrkdwn(std::string_view text) { return {{"type", "mrkdwn"}, {"text", std::string(text)}}; }

json section(std::string_view text) {
  return {{"type", "section"}, {"text", mrkdwn(fit_text(text, L::kSectionText))}};
}

json context(std::string_view text) {
  return {{"type", "context"}, {"elements", json::array({mrkdwn(fit_text(text, L::kContextText))})}};
}

std::string_view authorship_label(Authorship a) {
  switch (a) {
    case Authorship::Agent: return "agent-drafted";
    case Authorship::Human: return "human-written";
    case Authorship::HumanEdited: return "human-edited";
  }
  return "";
}

std::string action_id_for(CardActionKind kind) {
  switch (kind) {
    case CardActionKind::Approve: return std::string(kApproveAction);
    case CardActionKind::RequestChanges: return std::string(kRequestChangesAction);
    case CardActionKind::Edit: return std::string(kEditAction);
    case CardActionKind::Reveal: return std::string(kRevealAction);
    case CardActionKind::AcknowledgeSecurity: return std::string(kAckSecurityAction);
  }
  return "";
}

// Appends lines to section blocks of at most 3000 characters each.
class SectionWriter {
 public:
  explicit SectionWriter(std::vector<json>& out) : out_(out) {}
  void line(const std::string& text) {
    const std::string piece = fit_text(text, L::kSectionText - 1);
    if (!current_.empty() && char_count(current_) + 1 + char_count(piece) > L::kSectionText) flush();
    current_ += (current_.empty() ? "" : "\n") + piece;
  }
  void flush() {
    if (!current_.empty()) out_.push_back(section(current_));
    current_.clear();
  }

 private:
  std::vector<json>& out_;
  std::string current_;
};

json button(const CardAction& action) {
  json b = {{"type", "button"},
            {"action_id", action_id_for(action.kind)},
            {"text", plain(action.label, L::kButtonText)},
            {"value", encode_action_ref(action.ref)}};
  if (action.primary) b["style"] = "primary";
  if (action.confirm) {
    b["confirm"] = {{"title", plain(action.confirm->title, L::kConfirmTitle)},
                    {"text", plain(action.confirm->text, L::kConfirmText)},
                    {"confirm", plain(action.confirm->confirm, L::kConfirmButton)},
                    {"deny", plain(action.confirm->deny, L::kConfirmButton)}};
  }
  return b;
}

std::string block_id(const DraftCard& card, std::string_view what) {
  return fit_text(std::string(what) + ":" + card.case_id + ":" + card.draft_id + ":v" +
                      std::to_string(card.version), L::kId, "");
}

}  // namespace

json render_card_message(const DraftCard& card, std::string_view full_text_hint) {
  std::vector<json> head;
  head.push_back({{"type", "header"},
                  {"block_id", block_id(card, "card")},
                  {"text", plain(card.state_label + " · " + card.title, L::kHeaderText)}});
  head.push_back(context("Case *" + escape_text(card.case_id) + "* · content hash `" +
                         card.content_hash.substr(0, 12) + "` · recipient: " +
                         escape_text(card.recipient)));
  if (card.hold) head.push_back(section(":lock: *Held:* " + escape_text(*card.hold)));
  if (card.changes_requested) {
    head.push_back(section(fit_text(":memo: *Changes requested by <@" +
                                        escape_text(card.changes_requested->requested_by) +
                                        ">:* " + escape_text(card.changes_requested->reason) +
                                        " (this version can no longer be approved; Edit makes "
                                        "the next one)",
                                    L::kSectionText)));
  }

  std::vector<json> body;
  SectionWriter writer(body);
  for (const CardSection& s : card.sections) {
    writer.line("*" + escape_text(s.title) + "*");
    for (const CardStatement& st : s.statements) {
      std::string line = "• " + escape_text(st.text) + "  _(" +
                         std::string(authorship_label(st.author)) + ")_";
      if (!st.evidence.empty()) {
        std::string ids;
        for (const std::string& e : st.evidence) ids += (ids.empty() ? "" : ", ") + e;
        line += " [" + escape_text(ids) + "]";
      }
      writer.line(line);
    }
    writer.flush();
  }
  if (!card.lint.empty()) {
    writer.line("*Linter findings (" + std::to_string(card.lint.size()) + ")*");
    for (const CardLintNote& n : card.lint) {
      writer.line(std::string(n.blocking ? ":no_entry: " : ":warning: ") + "`" +
                  escape_text(n.rule_id) + "` " + escape_text(n.reason) + "\n> " +
                  escape_text(n.sentence));
    }
    writer.flush();
  }
  if (!card.blocking_issues.empty()) {
    writer.line("*Blocking approval (" + std::to_string(card.blocking_issues.size()) +
                "): Approve will be refused until these are fixed*");
    for (const std::string& issue : card.blocking_issues) {
      writer.line(":no_entry: " + escape_text(issue));
    }
    writer.flush();
  }

  std::vector<json> tail;
  if (card.approval) {
    tail.push_back(section(":white_check_mark: *Approved* by <@" + escape_text(card.approval->approver) +
                           "> — " + card.draft_id + " v" + std::to_string(card.approval->version) +
                           " at " + format_rfc3339(card.approval->approved_at) +
                           ", content hash `" + card.approval->content_hash + "`"));
  }
  if (!card.delivered_to.empty()) {
    tail.push_back(context(":outbox_tray: Delivered to " + escape_text(card.delivered_to)));
  }
  if (!card.actions.empty()) {
    json elements = json::array();
    for (const CardAction& a : card.actions) elements.push_back(button(a));
    tail.push_back({{"type", "actions"}, {"block_id", block_id(card, "actions")},
                    {"elements", elements}});
  }

  const std::size_t room = L::kMessageBlocks - head.size() - tail.size() - 1;
  json blocks = json::array();
  for (json& b : head) blocks.push_back(std::move(b));
  if (body.size() > room) {
    const std::size_t hidden = body.size() - (room - 1);
    body.resize(room - 1);
    body.push_back(context("… " + std::to_string(hidden) + " more part(s) not shown. Full text: " +
                           escape_text(full_text_hint)));
  }
  for (json& b : body) blocks.push_back(std::move(b));
  blocks.push_back({{"type", "divider"}});
  for (json& b : tail) blocks.push_back(std::move(b));
  return {{"text", fit_text(card.state_label + ": " + card.title, L::kMessageText)},
          {"blocks", blocks}};
}

Result<json> render_edit_modal(const DraftCard& card, std::string_view draft_text,
                               std::string_view private_metadata) {
  json blocks = json::array();
  blocks.push_back(context("Editing " + escape_text(card.title) +
                           ". Saving makes a new version; it is re-linted and needs approval."));
  // Split on code point boundaries into inputs of at most 3000 characters.
  std::size_t part = 0;
  std::string_view rest = draft_text;
  do {
    if (blocks.size() == L::kModalBlocks) {
      return make_error(ErrorCode::InvalidArgument,
                        "the draft is longer than an edit modal holds (" +
                            std::to_string((L::kModalBlocks - 1) * L::kPlainTextInput) +
                            " characters); edit it in parts with the CLI");
    }
    std::string chunk = fit_text(rest, L::kPlainTextInput, "");
    rest.remove_prefix(chunk.size());
    json input = {{"type", "plain_text_input"},
                  {"action_id", std::string(kTextInputAction)},
                  {"multiline", true},
                  {"max_length", L::kPlainTextInput},
                  {"initial_value", chunk}};
    blocks.push_back({{"type", "input"},
                      {"block_id", std::string(kEditBlockPrefix) + std::to_string(part)},
                      {"optional", part > 0},
                      {"label", plain(part == 0 ? "Draft text" : "Draft text (continued)",
                                      L::kInputLabel)},
                      {"element", input}});
    ++part;
  } while (!rest.empty());
  return json{{"type", "modal"},
              {"callback_id", std::string(kEditCallback)},
              {"title", plain("Edit draft", L::kViewTitle)},
              {"submit", plain("Save version", L::kViewTitle)},
              {"close", plain("Cancel", L::kViewTitle)},
              {"notify_on_close", true},
              {"private_metadata", fit_text(private_metadata, L::kPrivateMetadata, "")},
              {"blocks", blocks}};
}

std::string edited_text_from(const std::map<std::string, std::string>& values) {
  std::string text;
  for (int part = 0;; ++part) {
    const auto it = values.find(std::string(kEditBlockPrefix) + std::to_string(part) + "." +
                                std::string(kTextInputAction));
    if (it == values.end()) return text;
    text += it->second;
  }
}

json render_reveal_modal(const DraftCard& card, std::string_view private_metadata) {
  json blocks = json::array();
  blocks.push_back(section("Reveal one placeholder of *" + escape_text(card.case_id) +
                           "* for outbound messages. The reveal and its reason are recorded in "
                           "the audit trail; the value itself is not."));
  blocks.push_back({{"type", "input"},
                    {"block_id", std::string(kPlaceholderBlock)},
                    {"label", plain("Placeholder (for example <EMAIL_1>)", L::kInputLabel)},
                    {"element", {{"type", "plain_text_input"},
                                 {"action_id", std::string(kTextInputAction)},
                                 {"max_length", 64}}}});
  blocks.push_back({{"type", "input"},
                    {"block_id", std::string(kReasonBlock)},
                    {"label", plain("Reason", L::kInputLabel)},
                    {"element", {{"type", "plain_text_input"},
                                 {"action_id", std::string(kTextInputAction)},
                                 {"multiline", true},
                                 {"max_length", 1000}}}});
  return {{"type", "modal"},
          {"callback_id", std::string(kRevealCallback)},
          {"title", plain("Reveal a value", L::kViewTitle)},
          {"submit", plain("Reveal", L::kViewTitle)},
          {"close", plain("Cancel", L::kViewTitle)},
          {"private_metadata", fit_text(private_metadata, L::kPrivateMetadata, "")},
          {"blocks", blocks}};
}

json render_request_changes_modal(const DraftCard& card, std::string_view private_metadata) {
  json blocks = json::array();
  blocks.push_back(section(fit_text("Request changes to *" + escape_text(card.title) +
                                        "*. The reason is shown on the card and recorded; this "
                                        "version can then no longer be approved.",
                                    L::kSectionText)));
  blocks.push_back({{"type", "input"},
                    {"block_id", std::string(kReasonBlock)},
                    {"label", plain("What should change, and why", L::kInputLabel)},
                    {"element", {{"type", "plain_text_input"},
                                 {"action_id", std::string(kTextInputAction)},
                                 {"multiline", true},
                                 {"max_length", 1000}}}});
  return {{"type", "modal"},
          {"callback_id", std::string(kRequestChangesCallback)},
          {"title", plain("Request changes", L::kViewTitle)},
          {"submit", plain("Request", L::kViewTitle)},
          {"close", plain("Cancel", L::kViewTitle)},
          {"private_metadata", fit_text(private_metadata, L::kPrivateMetadata, "")},
          {"blocks", blocks}};
}

json render_security_message(const SecurityAnnouncement& a) {
  std::vector<json> blocks;
  blocks.push_back({{"type", "header"},
                    {"text", plain("Security escalation: " + a.ticket_ref, L::kHeaderText)}});
  SectionWriter writer(blocks);
  writer.line("Case *" + escape_text(a.case_id) + "* is `security_escalated` (severity " +
              std::string(severity_name(a.severity)) +
              "). Customer updates are held until a member of the security group acknowledges; "
              "the lead may still send the holding statement.");
  writer.line("*Rules that fired* (rule file " + escape_text(a.rule_set_version) + "):");
  for (const RuleMatch& r : a.rules) {
    std::string evidence;
    for (const std::string& id : r.evidence) evidence += (evidence.empty() ? "" : ", ") + id;
    writer.line("• `" + escape_text(r.rule_id) + "` (" + std::string(severity_name(r.severity)) +
                ") " + escape_text(r.description) + ": " + escape_text(r.reason) +
                (evidence.empty() ? std::string() : " [" + escape_text(evidence) + "]"));
  }
  std::string evidence;
  for (const std::string& id : a.evidence_ids) evidence += (evidence.empty() ? "" : ", ") + id;
  writer.line("*Evidence:* " + (evidence.empty() ? std::string("none listed") : escape_text(evidence)));
  writer.flush();
  if (blocks.size() > L::kMessageBlocks - 1) blocks.resize(L::kMessageBlocks - 1);
  CardAction ack{CardActionKind::AcknowledgeSecurity, "Acknowledge",
                 CardActionRef{CardActionKind::AcknowledgeSecurity, a.case_id, "", 0, ""},
                 std::nullopt, true};
  json ack_button = button(ack);
  blocks.push_back({{"type", "actions"}, {"elements", json::array({ack_button})}});
  return {{"text", fit_text("Security escalation for " + a.ticket_ref + " (" + a.case_id + ")",
                            L::kMessageText)},
          {"blocks", blocks}};
}

// After escape_text(): turns "&lt;@U123&gt;" and "&lt;#C123&gt;" back into Slack mentions, so a
// reply can name users and channels. Placeholders such as "&lt;EMAIL_1&gt;" stay escaped.
std::string restore_mentions(std::string text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 4, "&lt;") == 0 && i + 5 < text.size() &&
        (text[i + 4] == '@' || text[i + 4] == '#')) {
      std::size_t j = i + 5;
      while (j < text.size() && ((text[j] >= 'A' && text[j] <= 'Z') || (text[j] >= '0' && text[j] <= '9'))) ++j;
      if (j - (i + 5) >= 2 && text.compare(j, 4, "&gt;") == 0) {
        out += "<" + text.substr(i + 4, j - (i + 4)) + ">";
        i = j + 4;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

json render_text_message(std::string_view text, std::string_view response_type) {
  std::vector<json> blocks;
  SectionWriter writer(blocks);
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    writer.line(restore_mentions(escape_text(text.substr(start, end - start))));
    start = end + 1;
  }
  writer.flush();
  if (blocks.size() > L::kMessageBlocks) {
    blocks.resize(L::kMessageBlocks - 1);
    blocks.push_back(context("… truncated"));
  }
  return {{"response_type", std::string(response_type)},
          {"text", fit_text(restore_mentions(escape_text(text)), L::kMessageText)},
          {"blocks", blocks}};
}

Result<CardActionKind> action_kind_for(std::string_view action_id) {
  for (CardActionKind k : {CardActionKind::Approve, CardActionKind::RequestChanges,
                           CardActionKind::Edit, CardActionKind::Reveal,
                           CardActionKind::AcknowledgeSecurity}) {
    if (action_id == action_id_for(k)) return k;
  }
  return make_error(ErrorCode::InvalidArgument, "unknown action_id " + std::string(action_id));
}

}  // namespace ec::platforms::slack
