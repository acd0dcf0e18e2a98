#include "plugin/app/slack_app.h"

#include <spdlog/spdlog.h>

#include <cctype>
#include <map>

#include "plugin/app/chat_turns.h"
#include "plugin/app/slack_cards.h"
#include "plugin/app/timeline.h"
#include "plugin/copilot/question_register.h"
#include "plugin/platforms/slack/block_kit.h"
#include "plugin/store/audit_verify.h"

namespace ec::app {
namespace {

using nlohmann::json;
namespace sk = platforms::slack;

std::string full_text_hint(const SlackSettings& s, const std::string& case_id) {
  return s.command + " " + case_id + " status";
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Escalation channels are private (they carry sensitive findings).
// "esc-<ticket>" in Slack's channel-name alphabet (lower-case letters, digits, - and _), <= 80.
std::string channel_name_for(const std::string& ticket) {
  std::string name = "esc-";
  for (const char c : lower(ticket)) {
    name += (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-') ? c : '-';
  }
  return name.substr(0, 80);
}


json ephemeral(const std::string& text) { return sk::render_text_message(text, "ephemeral"); }

}  // namespace

void SlackApp::reply_text(const Ctx& ctx, const std::string& text, bool in_channel) {
  json message = sk::render_text_message(text, in_channel ? "in_channel" : "ephemeral");
  // A reply to a button click must never take the card's place (refresh_card() replaces it).
  message["replace_original"] = false;
  auto sent = d_.responder.reply(ctx.target, std::move(message));
  if (!sent) spdlog::warn("slack: reply failed: {}", sent.error().message);
}

void SlackApp::reply_error(const Ctx& ctx, const Error& error) {
  const std::string text = error.code == ErrorCode::Internal || error.code == ErrorCode::DataLoss
                               ? "Something went wrong on our side; the error was logged."
                               : error.message;
  if (error.code == ErrorCode::Internal || error.code == ErrorCode::DataLoss) {
    spdlog::error("slack: {}", error.to_string());
  }
  reply_text(ctx, ":no_entry: " + text);
}

Result<std::string> SlackApp::resolve_case(const Ctx& ctx, const ChatCommand& command) {
  if (!command.case_id.empty()) return command.case_id;
  auto tx = d_.store.begin();
  if (!tx) return std::unexpected(tx.error());
  auto bound = (*tx)->case_for_channel(kSlackPlatform, ctx.channel);
  if (!bound) return std::unexpected(bound.error());
  if (!bound->has_value()) {
    return make_error(ErrorCode::FailedPrecondition,
                      "No case is bound to this channel. Open one with `" + d_.settings.command +
                          " open <ticket>` or name it: `" + d_.settings.command +
                          " CASE-<ticket> status`.");
  }
  return **bound;
}

void SlackApp::run_command(const sk::SlashCommand& slash, const ChatCommand& command) {
  const Ctx ctx{{slash.response_url, slash.channel_id, slash.user_id}, slash.user_id,
                slash.channel_id};
  if (command.verb == CommandVerb::Help) return reply_text(ctx, chat_command_help(slash.command));
  if (command.verb == CommandVerb::Open) return open(ctx, command);
  auto case_id = resolve_case(ctx, command);
  if (!case_id) return reply_error(ctx, case_id.error());
  switch (command.verb) {
    case CommandVerb::Summary: return summary(ctx, *case_id);
    case CommandVerb::Evidence: return evidence(ctx, *case_id, command);
    case CommandVerb::Compare: return compare(ctx, *case_id);
    case CommandVerb::Draft: return draft(ctx, *case_id, command);
    case CommandVerb::Rewrite: return rewrite(ctx, *case_id, command);
    case CommandVerb::Status: return status(ctx, *case_id);
    case CommandVerb::Timeline: return timeline(ctx, *case_id);
    case CommandVerb::Questions: return questions(ctx, *case_id, command);
    case CommandVerb::Reveal: return reveal(ctx, *case_id, command);
    default: return reply_text(ctx, chat_command_help(slash.command));
  }
}

void SlackApp::open(const Ctx& ctx, const ChatCommand& command) {
  // The subject is the lead's to name; without one it is derived from the ticket's own data.
  std::string subject = command.subject;
  if (subject.empty()) {
    auto derived = d_.cases.subject_for_ticket(command.ticket);
    if (!derived) return reply_error(ctx, derived.error());
    subject = *derived;
  }
  // The customer's display name is only known from analyze's "case" block (tickets carry an
  // organization id, not a name); it is never used to pick the subject.
  const std::optional<CaseConfig>& known = d_.config.case_config;
  std::string customer = known && known->ticket == command.ticket ? known->customer : "";
  OpenCaseRequest request{command.ticket, subject, command.lead.empty() ? ctx.user : command.lead,
                          std::move(customer), ctx.user};
  auto c = d_.cases.open_case(request);
  if (!c) return reply_error(ctx, c.error());
  std::string channel = ctx.channel;
  {
    auto tx = d_.store.begin();
    if (!tx) return reply_error(ctx, tx.error());
    auto bound = (*tx)->case_for_channel(kSlackPlatform, ctx.channel);
    if (!bound) return reply_error(ctx, bound.error());
    if (bound->has_value() && **bound != c->id) channel.clear();  // one channel per case
  }
  if (channel.empty()) {
    auto created = d_.api.create_conversation(channel_name_for(c->ticket_ref), true);
    if (!created) return reply_error(ctx, created.error());
    channel = created->value("/channel/id"_json_pointer, std::string());
    std::string users = c->lead;
    if (ctx.user != c->lead) users += "," + ctx.user;
    if (auto invited = d_.api.invite(channel, users); !invited) {
      spdlog::warn("slack: inviting to {}: {}", channel, invited.error().message);
    }
  }
  // No transaction may stay open across a reply: replying counts a response_url use in the
  // store, which would wait for this thread's own write lock.
  Status bound = [&]() -> Status {
    auto tx = d_.store.begin();
    if (!tx) return std::unexpected(tx.error());
    EC_RETURN_IF_ERROR((*tx)->bind_channel(kSlackPlatform, channel, c->id, d_.clock.now()));
    return (*tx)->commit();
  }();
  if (!bound) return reply_error(ctx, bound.error());
  reply_text(ctx,
             "Opened " + c->id + " for ticket " + c->ticket_ref + ". Lead: <@" + c->lead +
                 ">. Escalation channel: <#" + channel + ">. Next: `" + d_.settings.command +
                 " evidence`, then `" + d_.settings.command + " draft update`.",
             true);
}

void SlackApp::evidence(const Ctx& ctx, const std::string& case_id, const ChatCommand& command) {
  auto outcome = d_.cases.gather(case_id, ctx.user);
  if (!outcome) return reply_error(ctx, outcome.error());
  // Shown from the stored, minimized analysis (the transaction ends before the reply).
  auto stored = [&]() -> Result<std::optional<json>> {
    auto tx = d_.store.begin();
    if (!tx) return std::unexpected(tx.error());
    return (*tx)->get_analysis(case_id);
  }();
  if (!stored || !stored->has_value()) {
    return reply_error(ctx, stored ? Error{ErrorCode::NotFound, "no analysis stored"} : stored.error());
  }
  reply_text(ctx, evidence_lines(**stored, command.source), true);
}

void SlackApp::summary(const Ctx& ctx, const std::string& case_id) {
  auto s = d_.cases.summarize(case_id, ctx.user);
  if (!s) return reply_error(ctx, s.error());
  reply_text(ctx, copilot::render_summary(*s), true);
}

void SlackApp::compare(const Ctx& ctx, const std::string& case_id) {
  auto c = d_.cases.compare(case_id, ctx.user);
  if (!c) return reply_error(ctx, c.error());
  reply_text(ctx, copilot::render_comparison(*c), true);
}

Status SlackApp::ensure_gathered(const Ctx& ctx, const std::string& case_id) {
  {
    auto tx = d_.store.begin();
    if (!tx) return std::unexpected(tx.error());
    auto stored = (*tx)->get_analysis(case_id);
    if (!stored) return std::unexpected(stored.error());
    if (stored->has_value()) return {};
  }
  // The drafting turn that follows makes the one new version.
  auto outcome = d_.cases.gather(case_id, ctx.user, GatherDrafts::Skip);
  if (!outcome) return std::unexpected(outcome.error());
  return {};
}

void SlackApp::draft(const Ctx& ctx, const std::string& case_id, const ChatCommand& command) {
  if (auto gathered = ensure_gathered(ctx, case_id); !gathered) {
    return reply_error(ctx, gathered.error());
  }
  auto outcome = command.draft_kind == "handoff"   ? d_.cases.draft_handoff(case_id, ctx.user)
                 : command.draft_kind == "holding" ? d_.cases.draft_holding(case_id, ctx.user)
                                                   : d_.cases.draft_update(case_id, ctx.user);
  if (!outcome) return reply_error(ctx, outcome.error());
  show_outcome(ctx, case_id, *outcome);
}

void SlackApp::rewrite(const Ctx& ctx, const std::string& case_id, const ChatCommand& command) {
  auto tone = copilot::llm::parse_tone(command.tone);
  if (!tone) return reply_error(ctx, tone.error());
  auto outcome = d_.cases.rewrite(case_id, command.draft_id, *tone, ctx.user);
  if (outcome) return show_outcome(ctx, case_id, *outcome);
  if (outcome.error().code != ErrorCode::NotFound) return reply_error(ctx, outcome.error());
  // An unknown (or mistyped) draft: name the drafts there are to rewrite.
  std::string text = ":no_entry: Cannot rewrite " + command.draft_id + ": " +
                     outcome.error().message + ".";
  auto drafts = d_.cases.drafts(case_id);
  if (!drafts) return reply_text(ctx, text);
  std::map<std::string, const DraftVersion*> newest;
  for (const DraftVersion& v : *drafts) {
    const DraftVersion*& n = newest[v.draft_id];
    if (n == nullptr || v.version > n->version) n = &v;
  }
  if (newest.empty()) {
    text += " The case has no draft yet; start one with `" + d_.settings.command +
            " draft update`.";
  } else {
    text += " Drafts of " + case_id + ":";
    for (const auto& [id, v] : newest) {
      text += " " + id + " (" + std::string(draft_kind_name(v->kind)) + ", newest v" +
              std::to_string(v->version) + ")";
    }
    text += ". Usage: `" + d_.settings.command + " rewrite <draft> careful|executive-brief|" +
            "plain-language`.";
  }
  reply_text(ctx, text);
}

void SlackApp::show_outcome(const Ctx& ctx, const std::string& case_id,
                            const DraftOutcome& outcome) {
  post_card(ctx, case_id, outcome.version.draft_id, outcome.version.version);
  std::string note;
  if (!outcome.fallback_reason.empty()) {
    note += "Worded by the deterministic composer: " + outcome.fallback_reason + "\n";
  }
  for (const auto& d : outcome.dropped) {
    note += "Dropped \"" + d.text + "\": " + d.reason + "\n";
  }
  if (!note.empty()) reply_text(ctx, note);
}

void SlackApp::status(const Ctx& ctx, const std::string& case_id) {
  auto c = d_.cases.get_case(case_id);
  if (!c) return reply_error(ctx, c.error());
  auto drafts = d_.cases.drafts(case_id);
  if (!drafts) return reply_error(ctx, drafts.error());
  std::string text = c->id + " · ticket " + c->ticket_ref + " · state " +
                     std::string(case_state_name(c->state)) + " · lead <@" + c->lead + ">\n";
  if (c->security_hold()) text += "Customer updates are held until security acknowledges.\n";
  for (const DraftVersion& v : *drafts) {
    text += v.draft_id + " v" + std::to_string(v.version) + " (" +
            std::string(draft_kind_name(v.kind)) + ") hash " + v.content_hash.substr(0, 12) + "\n" +
            render_draft_text(v) + "\n";
  }
  reply_text(ctx, text);
}

void SlackApp::timeline(const Ctx& ctx, const std::string& case_id) {
  const auto verification = store::verify_audit(d_.config.database.string());
  auto loaded = [&]() -> Result<json> {
    auto tx = d_.store.begin();
    if (!tx) return std::unexpected(tx.error());
    return load_timeline(**tx, case_id, verification);
  }();
  if (!loaded) return reply_error(ctx, loaded.error());
  reply_text(ctx, render_timeline_markdown(*loaded));
}

void SlackApp::questions(const Ctx& ctx, const std::string& case_id, const ChatCommand& command) {
  if (command.question_action == QuestionAction::List) {
    auto list = d_.cases.questions(case_id, ctx.user);
    if (!list) return reply_error(ctx, list.error());
    std::string text = list->empty() ? "No open questions yet; run `" + d_.settings.command +
                                           " evidence` first."
                                     : "Open questions:\n";
    for (const OpenQuestion& q : *list) text += copilot::render_question(q);
    return reply_text(ctx, text);
  }
  Result<OpenQuestion> changed = make_error(ErrorCode::Internal, "no question action");
  if (command.question_action == QuestionAction::Answer) {
    changed = d_.cases.answer_question(case_id, command.question_id, command.text,
                                       command.evidence, ctx.user);
  } else {
    auto owner = parse_owner(command.owner);
    if (!owner) return reply_error(ctx, owner.error());
    changed = command.question_action == QuestionAction::Add
                  ? d_.cases.add_question(case_id, command.text, *owner, false, ctx.user)
                  : d_.cases.reassign_question(case_id, command.question_id, *owner, ctx.user);
  }
  if (!changed) return reply_error(ctx, changed.error());
  const char* done = command.question_action == QuestionAction::Add      ? "Added"
                     : command.question_action == QuestionAction::Answer ? "Answered"
                                                                         : "Reassigned";
  reply_text(ctx, std::string(done) + ":\n" + copilot::render_question(*changed));
}

void SlackApp::reveal(const Ctx& ctx, const std::string& case_id, const ChatCommand& command) {
  auto revealed = d_.cases.reveal(case_id, command.placeholder, command.reason, ctx.user);
  if (!revealed) return reply_error(ctx, revealed.error());
  reply_text(ctx, "Revealed " + command.placeholder +
                      " for outbound messages of " + case_id + ". The reason is in the audit trail.");
}

Result<json> SlackApp::card_message(const std::string& case_id, const std::string& draft_id,
                                    std::optional<int> version) {
  auto c = d_.cases.get_case(case_id);
  if (!c) return std::unexpected(c.error());
  auto card = load_draft_card(d_.store, case_id, draft_id, version,
                              recipient_for(*c, d_.settings.customer_channel));
  if (!card) return std::unexpected(card.error());
  return sk::render_card_message(*card, full_text_hint(d_.settings, case_id));
}

void SlackApp::post_card(const Ctx& ctx, const std::string& case_id, const std::string& draft_id,
                         std::optional<int> version) {
  auto message = card_message(case_id, draft_id, version);
  if (!message) return reply_error(ctx, message.error());
  auto posted = d_.api.post_message(ctx.channel, *message);
  if (!posted) return reply_error(ctx, posted.error());
}

void SlackApp::refresh_card(const sk::BlockActions& click, const std::string& case_id,
                            const std::string& draft_id, std::optional<int> version) {
  auto message = card_message(case_id, draft_id, version);
  if (!message) {
    spdlog::warn("slack: refreshing card: {}", message.error().message);
    return;
  }
  if (!click.channel_id.empty() && !click.message_ts.empty()) {
    auto updated = d_.api.update_message(click.channel_id, click.message_ts, *message);
    if (updated) return;
    spdlog::warn("slack: chat.update failed ({}); trying response_url", updated.error().message);
  }
  json replace = *message;
  replace["replace_original"] = true;
  if (d_.responder.take_use(click.response_url)) {
    if (auto sent = d_.api.post_response_url(click.response_url, replace); !sent) {
      spdlog::warn("slack: response_url: {}", sent.error().message);
    }
  }
}

void SlackApp::run_block_actions(const sk::BlockActions& click) {
  const Ctx ctx{{click.response_url, click.channel_id, click.user_id}, click.user_id,
                click.channel_id};
  for (const sk::BlockAction& action : click.actions) {
    auto kind = sk::action_kind_for(action.action_id);
    auto ref = parse_action_ref(action.value);
    if (!kind || !ref || ref->kind != *kind) {
      spdlog::warn("slack: ignoring an action we did not issue ({})", action.action_id);
      continue;
    }
    switch (*kind) {
      case CardActionKind::Approve: approve(ctx, click, *ref); break;
      case CardActionKind::Edit:
      case CardActionKind::RequestChanges:
      case CardActionKind::Reveal: open_modal(ctx, click, *ref); break;
      case CardActionKind::AcknowledgeSecurity: {
        auto acked = d_.cases.acknowledge_security(ref->case_id, ctx.user);
        if (!acked) {
          reply_error(ctx, acked.error());
          break;
        }
        reply_text(ctx, ":shield: <@" + ctx.user + "> acknowledged the security escalation of " +
                            ref->case_id + ". Customer updates may be approved again.", true);
        break;
      }
    }
  }
}

void SlackApp::approve(const Ctx& ctx, const sk::BlockActions& click, const CardActionRef& ref) {
  auto approval = d_.cases.approve(ref.case_id, ref.draft_id, ref.version, ctx.user,
                                   ref.content_hash);
  if (!approval) {
    reply_error(ctx, approval.error());
    // A stale version or a changed hash: show the current card. Anything else (not the lead,
    // security hold) leaves the card as it is.
    auto latest = latest_draft_version(d_.store, ref.case_id, ref.draft_id);
    if (approval.error().code == ErrorCode::FailedPrecondition && latest &&
        (latest->version != ref.version || latest->content_hash != ref.content_hash)) {
      refresh_card(click, ref.case_id, ref.draft_id);
    }
    return;
  }
  auto c = d_.cases.get_case(ref.case_id);
  if (!c) return reply_error(ctx, c.error());
  auto sent = d_.cases.send(ref.case_id, ref.draft_id, ref.version, ctx.user,
                            d_.settings.customer_channel, c->ticket_ref);
  if (!sent) reply_error(ctx, sent.error());
  refresh_card(click, ref.case_id, ref.draft_id, ref.version);
}

void SlackApp::open_modal(const Ctx& ctx, const sk::BlockActions& click, const CardActionRef& ref) {
  auto latest = latest_draft_version(d_.store, ref.case_id, ref.draft_id);
  if (!latest) return reply_error(ctx, latest.error());
  if (ref.kind != CardActionKind::Reveal && latest->version != ref.version) {
    reply_text(ctx, ":no_entry: " + ref.draft_id + " v" + std::to_string(ref.version) +
                        " is not the newest version (v" + std::to_string(latest->version) +
                        "); the card was refreshed.");
    return refresh_card(click, ref.case_id, ref.draft_id);
  }
  auto c = d_.cases.get_case(ref.case_id);
  if (!c) return reply_error(ctx, c.error());
  auto card = load_draft_card(d_.store, ref.case_id, ref.draft_id, ref.version,
                              recipient_for(*c, d_.settings.customer_channel));
  if (!card) return reply_error(ctx, card.error());
  const json metadata = {{"case", ref.case_id}, {"draft", ref.draft_id}, {"version", ref.version},
                         {"hash", ref.content_hash}, {"channel", click.channel_id},
                         {"ts", click.message_ts}};
  const json view =
      ref.kind == CardActionKind::Edit
          ? sk::render_edit_modal(*card, render_draft_text(*latest), metadata.dump())
      : ref.kind == CardActionKind::RequestChanges
          ? sk::render_request_changes_modal(*card, metadata.dump())
          : sk::render_reveal_modal(*card, metadata.dump());
  auto opened = d_.api.open_view(click.trigger_id, view);
  if (!opened) reply_error(ctx, opened.error());
}

void SlackApp::run_view_submission(const sk::ViewSubmission& view) {
  const json meta = json::parse(view.private_metadata, nullptr, false);
  if (meta.is_discarded() || !meta.is_object()) {
    spdlog::warn("slack: view submission without our metadata ({})", view.callback_id);
    return;
  }
  const std::string case_id = meta.value("case", "");
  const std::string draft_id = meta.value("draft", "");
  const std::string channel = meta.value("channel", "");
  const std::string ts = meta.value("ts", "");
  const Ctx ctx{{"", channel, view.user_id}, view.user_id, channel};
  if (view.callback_id == sk::kEditCallback) {
    auto next = d_.cases.edit_draft(case_id, draft_id, sk::edited_text_from(view.values), view.user_id);
    if (!next) return reply_error(ctx, next.error());
    auto message = card_message(case_id, draft_id, next->version);
    if (!message) return reply_error(ctx, message.error());
    auto shown = channel.empty() || ts.empty() ? d_.api.post_message(channel, *message)
                                               : d_.api.update_message(channel, ts, *message);
    if (!shown) reply_error(ctx, shown.error());
    return;
  }
  if (view.callback_id == sk::kRequestChangesCallback) {
    const auto reason = view.values.find(std::string(sk::kReasonBlock) + "." +
                                         std::string(sk::kTextInputAction));
    auto requested = d_.cases.request_changes(
        case_id, draft_id, meta.value("version", 0), meta.value("hash", ""), view.user_id,
        reason == view.values.end() ? std::string() : reason->second);
    if (!requested) return reply_error(ctx, requested.error());
    auto message = card_message(case_id, draft_id, requested->version);
    if (!message) return reply_error(ctx, message.error());
    auto shown = channel.empty() || ts.empty() ? d_.api.post_message(channel, *message)
                                               : d_.api.update_message(channel, ts, *message);
    if (!shown) reply_error(ctx, shown.error());
    return;
  }
  if (view.callback_id == sk::kRevealCallback) {
    ChatCommand command;
    command.placeholder = view.values.count(std::string(sk::kPlaceholderBlock) + "." + std::string(sk::kTextInputAction))
                              ? view.values.at(std::string(sk::kPlaceholderBlock) + "." + std::string(sk::kTextInputAction))
                              : "";
    if (!command.placeholder.empty() && command.placeholder.front() != '<') {
      command.placeholder = "<" + command.placeholder + ">";
    }
    const auto reason = view.values.find(std::string(sk::kReasonBlock) + "." + std::string(sk::kTextInputAction));
    command.reason = reason == view.values.end() ? "" : reason->second;
    return reveal(ctx, case_id, command);
  }
}

void SlackApp::run_event(const sk::EventCallback& event) {
  if (event.type == "app_mention") {
    const std::string channel = event.event.value("channel", "");
    if (channel.empty()) return;
    auto posted = d_.api.post_message(
        channel, sk::render_text_message(chat_command_help(d_.settings.command), "in_channel"));
    if (!posted) spdlog::warn("slack: answering a mention: {}", posted.error().message);
  }
}

}  // namespace ec::app
