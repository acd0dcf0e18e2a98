#include "plugin/app/chat_turns.h"

#include <spdlog/spdlog.h>

#include <map>

#include "plugin/app/draft_card_loader.h"
#include "plugin/app/timeline.h"
#include "plugin/copilot/question_register.h"
#include "plugin/store/audit_verify.h"

namespace ec::app {
namespace {

using nlohmann::json;


}  // namespace

std::string evidence_lines(const nlohmann::json& analysis, const std::string& source) {
  std::string out;
  int shown = 0;
  for (const json& e : analysis.value("evidence", json::array())) {
    if (!source.empty() && e.value("source", "") != source) continue;
    out += e.value("id", "") + "  " + e.value("source", "") + "  " + e.value("time", "") + "  " +
           e.value("summary", "") + "\n";
    ++shown;
  }
  if (shown == 0) {
    return source.empty() ? "No evidence was collected." : "No evidence from source " + source + ".";
  }
  return std::to_string(shown) + " evidence item(s):\n" + out;
}

ChatTurns::ChatTurns(CaseService& cases, Store& store, const Clock& clock, const Config& config,
                     ChatReplies& out, ChatSurfaceNames names)
    : cases_(cases),
      store_(store),
      clock_(clock),
      config_(config),
      out_(out),
      names_(std::move(names)) {}

void ChatTurns::say(const ChatContext& ctx, const std::string& text, ReplyVisibility v) {
  out_.reply(ctx, text, v);
}

void ChatTurns::reply_error(const ChatContext& ctx, const Error& error) {
  const bool internal = error.code == ErrorCode::Internal || error.code == ErrorCode::DataLoss;
  if (internal) spdlog::error("{}: {}", names_.platform, error.to_string());
  say(ctx, ":no_entry: " + (internal ? std::string("Something went wrong on our side; the error "
                                                   "was logged.")
                                     : error.message));
}

Result<std::string> ChatTurns::resolve_case(const ChatContext& ctx, const ChatCommand& command) {
  if (!command.case_id.empty()) return command.case_id;
  auto tx = store_.begin_read();
  if (!tx) return std::unexpected(tx.error());
  auto bound = (*tx)->case_for_channel(names_.platform, ctx.channel);
  if (!bound) return std::unexpected(bound.error());
  if (!bound->has_value()) {
    return make_error(ErrorCode::FailedPrecondition,
                      "No case is bound to this channel. Open one with `" + names_.command +
                          " open <ticket>` or name it: `" + names_.command +
                          " CASE-<ticket> status`.");
  }
  return **bound;
}

void ChatTurns::run(const ChatContext& ctx, const ChatCommand& command) {
  if (command.verb == CommandVerb::Help) return say(ctx, chat_command_help(names_.command));
  if (command.verb == CommandVerb::Open) return open(ctx, command);
  auto case_id = resolve_case(ctx, command);
  if (!case_id) return reply_error(ctx, case_id.error());
  switch (command.verb) {
    case CommandVerb::Summary: return summary(ctx, *case_id);
    case CommandVerb::Evidence: return evidence(ctx, *case_id, command);
    case CommandVerb::Compare: return compare(ctx, *case_id);
    case CommandVerb::Draft: return draft(ctx, *case_id, command);
    case CommandVerb::Rewrite: return rewrite(ctx, *case_id, command);
    case CommandVerb::CaseStatus: return status(ctx, *case_id);
    case CommandVerb::Timeline: return timeline(ctx, *case_id);
    case CommandVerb::Questions: return questions(ctx, *case_id, command);
    case CommandVerb::Reveal: return reveal(ctx, *case_id, command.placeholder, command.reason);
    default: return say(ctx, chat_command_help(names_.command));
  }
}

void ChatTurns::open(const ChatContext& ctx, const ChatCommand& command) {
  // The subject is the lead's to name; without one it is derived from the ticket's own data.
  std::string subject = command.subject;
  if (subject.empty()) {
    auto derived = cases_.subject_for_ticket(command.ticket);
    if (!derived) return reply_error(ctx, derived.error());
    subject = *derived;
  }
  // The customer's display name is only known from analyze's "case" block (tickets carry an
  // organization id, not a name); it is never used to pick the subject.
  const std::optional<CaseConfig>& known = config_.case_config;
  std::string customer = known && known->ticket == command.ticket ? known->customer : "";
  OpenCaseRequest request{command.ticket, subject, command.lead.empty() ? ctx.user : command.lead,
                          std::move(customer), ctx.user};
  auto c = cases_.open_case(request);
  if (!c) return reply_error(ctx, c.error());
  auto taken = [&]() -> Result<bool> {  // one channel per case
    auto tx = store_.begin_read();
    if (!tx) return std::unexpected(tx.error());
    auto bound = (*tx)->case_for_channel(names_.platform, ctx.channel);
    if (!bound) return std::unexpected(bound.error());
    return bound->has_value() && **bound != c->id;
  }();
  if (!taken) return reply_error(ctx, taken.error());
  auto channel = out_.escalation_channel(ctx, *c, *taken);
  if (!channel) return reply_error(ctx, channel.error());
  // No transaction may stay open across a reply: replying may count a response_url use in the
  // store, which would wait for this thread's own write lock.
  Status bound = [&]() -> Status {
    auto tx = store_.begin();
    if (!tx) return std::unexpected(tx.error());
    EC_RETURN_IF_ERROR((*tx)->bind_channel(names_.platform, *channel, c->id, clock_.now()));
    return (*tx)->commit();
  }();
  if (!bound) return reply_error(ctx, bound.error());
  const std::string link = out_.channel_link(*channel);
  say(ctx,
      "Opened " + c->id + " for ticket " + c->ticket_ref + ". Lead: " + out_.mention(c->lead) +
          "." + (link.empty() ? "" : " Escalation channel: " + link + ".") + " Next: `" +
          names_.command + " evidence`, then `" + names_.command + " draft update`.",
      ReplyVisibility::InChannel);
}

void ChatTurns::evidence(const ChatContext& ctx, const std::string& case_id,
                         const ChatCommand& command) {
  auto outcome = cases_.gather(case_id, ctx.user);
  if (!outcome) return reply_error(ctx, outcome.error());
  // Shown from the stored, minimized analysis (the transaction ends before the reply).
  auto stored = [&]() -> Result<std::optional<json>> {
    auto tx = store_.begin_read();
    if (!tx) return std::unexpected(tx.error());
    return (*tx)->get_analysis(case_id);
  }();
  if (!stored || !stored->has_value()) {
    return reply_error(ctx, stored ? Error{ErrorCode::NotFound, "no analysis stored"} : stored.error());
  }
  say(ctx, evidence_lines(**stored, command.source), ReplyVisibility::InChannel);
}

void ChatTurns::summary(const ChatContext& ctx, const std::string& case_id) {
  auto s = cases_.summarize(case_id, ctx.user);
  if (!s) return reply_error(ctx, s.error());
  say(ctx, copilot::render_summary(*s), ReplyVisibility::InChannel);
}

void ChatTurns::compare(const ChatContext& ctx, const std::string& case_id) {
  auto c = cases_.compare(case_id, ctx.user);
  if (!c) return reply_error(ctx, c.error());
  say(ctx, copilot::render_comparison(*c), ReplyVisibility::InChannel);
}

Status ChatTurns::ensure_gathered(const ChatContext& ctx, const std::string& case_id) {
  {
    auto tx = store_.begin_read();
    if (!tx) return std::unexpected(tx.error());
    auto stored = (*tx)->get_analysis(case_id);
    if (!stored) return std::unexpected(stored.error());
    if (stored->has_value()) return {};
  }
  auto outcome = cases_.gather(case_id, ctx.user, GatherDrafts::Skip);
  if (!outcome) return std::unexpected(outcome.error());
  return {};
}

void ChatTurns::draft(const ChatContext& ctx, const std::string& case_id,
                      const ChatCommand& command) {
  if (auto gathered = ensure_gathered(ctx, case_id); !gathered) {
    return reply_error(ctx, gathered.error());
  }
  auto outcome = command.draft_kind == "handoff"   ? cases_.draft_handoff(case_id, ctx.user)
                 : command.draft_kind == "holding" ? cases_.draft_holding(case_id, ctx.user)
                                                   : cases_.draft_update(case_id, ctx.user);
  if (!outcome) return reply_error(ctx, outcome.error());
  show_outcome(ctx, case_id, *outcome);
}

void ChatTurns::rewrite(const ChatContext& ctx, const std::string& case_id,
                        const ChatCommand& command) {
  auto tone = copilot::llm::parse_tone(command.tone);
  if (!tone) return reply_error(ctx, tone.error());
  auto outcome = cases_.rewrite(case_id, command.draft_id, *tone, ctx.user);
  if (outcome) return show_outcome(ctx, case_id, *outcome);
  if (outcome.error().code != ErrorCode::NotFound) return reply_error(ctx, outcome.error());
  // An unknown (or mistyped) draft: name the drafts there are to rewrite.
  std::string text = ":no_entry: Cannot rewrite " + command.draft_id + ": " +
                     outcome.error().message + ".";
  auto drafts = cases_.drafts(case_id);
  if (!drafts) return say(ctx, text);
  std::map<std::string, const DraftVersion*> newest;
  for (const DraftVersion& v : *drafts) {
    const DraftVersion*& n = newest[v.draft_id];
    if (n == nullptr || v.version > n->version) n = &v;
  }
  if (newest.empty()) {
    text += " The case has no draft yet; start one with `" + names_.command + " draft update`.";
  } else {
    text += " Drafts of " + case_id + ":";
    for (const auto& [id, v] : newest) {
      text += " " + id + " (" + std::string(draft_kind_name(v->kind)) + ", newest v" +
              std::to_string(v->version) + ")";
    }
    text += ". Usage: `" + names_.command +
            " rewrite <draft> careful|executive-brief|plain-language`.";
  }
  say(ctx, text);
}

void ChatTurns::show_outcome(const ChatContext& ctx, const std::string& case_id,
                             const DraftOutcome& outcome) {
  auto shown = card(case_id, outcome.version.draft_id, outcome.version.version);
  if (!shown) return reply_error(ctx, shown.error());
  out_.post_card(ctx, *shown);
  std::string note;
  if (!outcome.fallback_reason.empty()) {
    note += "Worded by the deterministic composer: " + outcome.fallback_reason + "\n";
  }
  for (const auto& d : outcome.dropped) note += "Dropped \"" + d.text + "\": " + d.reason + "\n";
  if (!note.empty()) say(ctx, note);
}

void ChatTurns::status(const ChatContext& ctx, const std::string& case_id) {
  auto c = cases_.get_case(case_id);
  if (!c) return reply_error(ctx, c.error());
  auto drafts = cases_.drafts(case_id);
  if (!drafts) return reply_error(ctx, drafts.error());
  std::string text = c->id + " · ticket " + c->ticket_ref + " · state " +
                     std::string(case_state_name(c->state)) + " · lead " + out_.mention(c->lead) +
                     "\n";
  if (c->security_hold()) text += "Customer updates are held until security acknowledges.\n";
  for (const DraftVersion& v : *drafts) {
    text += v.draft_id + " v" + std::to_string(v.version) + " (" +
            std::string(draft_kind_name(v.kind)) + ") hash " + v.content_hash.substr(0, 12) + "\n" +
            render_draft_text(v) + "\n";
  }
  say(ctx, text);
}

void ChatTurns::timeline(const ChatContext& ctx, const std::string& case_id) {
  const auto verification = store::verify_audit(config_.database.string());
  auto loaded = [&]() -> Result<json> {
    auto tx = store_.begin_read();
    if (!tx) return std::unexpected(tx.error());
    return load_timeline(**tx, case_id, verification);
  }();
  if (!loaded) return reply_error(ctx, loaded.error());
  say(ctx, render_timeline_markdown(*loaded));
}

void ChatTurns::questions(const ChatContext& ctx, const std::string& case_id,
                          const ChatCommand& command) {
  if (command.question_action == QuestionAction::List) {
    auto list = cases_.questions(case_id, ctx.user);
    if (!list) return reply_error(ctx, list.error());
    std::string text = list->empty()
                           ? "No open questions yet; run `" + names_.command + " evidence` first."
                           : "Open questions:\n";
    for (const OpenQuestion& q : *list) text += copilot::render_question(q);
    return say(ctx, text);
  }
  Result<OpenQuestion> changed = make_error(ErrorCode::Internal, "no question action");
  if (command.question_action == QuestionAction::Answer) {
    changed = cases_.answer_question(case_id, command.question_id, command.text, command.evidence,
                                     ctx.user);
  } else {
    auto owner = parse_owner(command.owner);
    if (!owner) return reply_error(ctx, owner.error());
    changed = command.question_action == QuestionAction::Add
                  ? cases_.add_question(case_id, command.text, *owner, false, ctx.user)
                  : cases_.reassign_question(case_id, command.question_id, *owner, ctx.user);
  }
  if (!changed) return reply_error(ctx, changed.error());
  const char* done = command.question_action == QuestionAction::Add      ? "Added"
                     : command.question_action == QuestionAction::Answer ? "Answered"
                                                                         : "Reassigned";
  say(ctx, std::string(done) + ":\n" + copilot::render_question(*changed));
}

void ChatTurns::reveal(const ChatContext& ctx, const std::string& case_id,
                       std::string placeholder, const std::string& reason) {
  if (!placeholder.empty() && placeholder.front() != '<') placeholder = "<" + placeholder + ">";
  auto revealed = cases_.reveal(case_id, placeholder, reason, ctx.user);
  if (!revealed) return reply_error(ctx, revealed.error());
  say(ctx, "Revealed " + placeholder + " for outbound messages of " + case_id +
               ". The reason is in the audit trail.");
}

Result<DraftCard> ChatTurns::card(const std::string& case_id, const std::string& draft_id,
                                  std::optional<int> version) {
  auto c = cases_.get_case(case_id);
  if (!c) return std::unexpected(c.error());
  return load_draft_card(store_, case_id, draft_id, version,
                         recipient_for(*c, names_.customer_channel));
}

void ChatTurns::refresh(const ChatContext& ctx, const std::string& case_id,
                        const std::string& draft_id, std::optional<int> version) {
  auto shown = card(case_id, draft_id, version);
  if (!shown) {
    return spdlog::warn("{}: refreshing the card of {} {}: {}", names_.platform, case_id,
                        draft_id, shown.error().message);
  }
  out_.refresh_card(ctx, *shown);
}

std::optional<ChatTurns::DraftForm> ChatTurns::form_for(const ChatContext& ctx,
                                                        const CardActionRef& ref) {
  auto latest = latest_draft_version(store_, ref.case_id, ref.draft_id);
  if (!latest) {
    reply_error(ctx, latest.error());
    return std::nullopt;
  }
  if (ref.kind != CardActionKind::Reveal && latest->version != ref.version) {
    say(ctx, ":no_entry: " + ref.draft_id + " v" + std::to_string(ref.version) +
                 " is not the newest version (v" + std::to_string(latest->version) +
                 "); the card was refreshed.");
    refresh(ctx, ref.case_id, ref.draft_id);
    return std::nullopt;
  }
  auto shown = card(ref.case_id, ref.draft_id, ref.version);
  if (!shown) {
    reply_error(ctx, shown.error());
    return std::nullopt;
  }
  return DraftForm{std::move(*shown), render_draft_text(*latest)};
}

void ChatTurns::approve(const ChatContext& ctx, const CardActionRef& ref) {
  auto approval =
      cases_.approve(ref.case_id, ref.draft_id, ref.version, ctx.user, ref.content_hash);
  if (!approval) {
    reply_error(ctx, approval.error());
    auto latest = latest_draft_version(store_, ref.case_id, ref.draft_id);
    if (approval.error().code == ErrorCode::FailedPrecondition && latest &&
        (latest->version != ref.version || latest->content_hash != ref.content_hash)) {
      refresh(ctx, ref.case_id, ref.draft_id);
    }
    return;
  }
  auto c = cases_.get_case(ref.case_id);
  if (!c) return reply_error(ctx, c.error());
  auto sent = cases_.send(ref.case_id, ref.draft_id, ref.version, ctx.user,
                          names_.customer_channel, c->ticket_ref);
  if (!sent) reply_error(ctx, sent.error());
  refresh(ctx, ref.case_id, ref.draft_id, ref.version);
}

void ChatTurns::edit(const ChatContext& ctx, const std::string& case_id,
                     const std::string& draft_id, const std::string& text) {
  auto next = cases_.edit_draft(case_id, draft_id, text, ctx.user);
  if (!next) return reply_error(ctx, next.error());
  refresh(ctx, case_id, draft_id, next->version);
}

void ChatTurns::request_changes(const ChatContext& ctx, const CardActionRef& ref,
                                const std::string& reason) {
  auto requested = cases_.request_changes(ref.case_id, ref.draft_id, ref.version,
                                          ref.content_hash, ctx.user, reason);
  if (!requested) return reply_error(ctx, requested.error());
  refresh(ctx, ref.case_id, ref.draft_id, requested->version);
  say(ctx, out_.mention(ctx.user) + " requested changes to " + ref.draft_id + " v" +
               std::to_string(ref.version) + " of " + ref.case_id + ": " + reason +
               ". Use Edit to write the new version.",
      ReplyVisibility::InChannel);
}

void ChatTurns::acknowledge_security(const ChatContext& ctx, const std::string& case_id) {
  auto acked = cases_.acknowledge_security(case_id, ctx.user);
  if (!acked) return reply_error(ctx, acked.error());
  say(ctx, ":shield: " + out_.mention(ctx.user) + " acknowledged the security escalation of " +
               case_id + ". Customer updates may be approved again.",
      ReplyVisibility::InChannel);
}

}  // namespace ec::app
