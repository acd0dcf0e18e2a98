// `case <turn>`: the lead's turns from the command line, each one CaseService call on a database
// file with the config's sources. Text output for people, --format json for scripts.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>
#include <iterator>

#include "plugin/app/case_service.h"
#include "plugin/app/commands.h"
#include "plugin/app/llm_config.h"
#include "plugin/copilot/question_register.h"
#include "plugin/store/sqlite_store.h"

namespace ec::app {
namespace {

void print_json(std::ostream& out, const nlohmann::json& j) {
  out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

nlohmann::json outcome_json(const DraftOutcome& o) {
  nlohmann::json dropped = nlohmann::json::array();
  for (const auto& d : o.dropped) dropped.push_back({{"text", d.text}, {"reason", d.reason}});
  return {{"draft_id", o.version.draft_id},
          {"kind", draft_kind_name(o.version.kind)},
          {"version", o.version.version},
          {"content_hash", o.version.content_hash},
          {"text", render_draft_text(o.version)},
          {"generator", o.generator},
          {"fallback_reason", o.fallback_reason},
          {"dropped", dropped},
          {"blocking_issues", o.blocking_issues}};
}

void print_outcome(std::ostream& out, const DraftOutcome& o) {
  out << draft_kind_name(o.version.kind) << " " << o.version.draft_id << " v"
      << o.version.version << " (unapproved, worded by " << o.generator << ", sha256 "
      << o.version.content_hash << ")\n\n"
      << render_draft_text(o.version);
  if (!o.fallback_reason.empty()) out << "\nFallback: " << o.fallback_reason << "\n";
  for (const auto& d : o.dropped) out << "\nDropped: \"" << d.text << "\": " << d.reason << "\n";
  if (o.blocking_issues.empty()) {
    out << "\nGrounding and linter: no blocking issue; the lead may approve it.\n";
  } else {
    out << "\nBlocking issues (approval will be refused):\n";
    for (const auto& i : o.blocking_issues) out << "- " << i << "\n";
  }
}

void print_questions(std::ostream& out, const std::vector<OpenQuestion>& questions) {
  for (const OpenQuestion& q : questions) out << copilot::render_question(q);
}

// Runs one turn; returns the JSON form and prints the text form when asked.
Result<nlohmann::json> run_turn(CaseService& service, const CaseOptions& o, std::istream& in,
                                std::ostream& out, bool text) {
  const std::string& id = o.case_id;
  if (o.turn == "open") {
    auto c = service.open_case({o.ticket, o.subject, o.lead, o.customer, o.actor});
    if (!c) return std::unexpected(c.error());
    if (text) out << "opened case " << c->id << " for ticket " << c->ticket_ref << ", lead " << c->lead << "\n";
    return nlohmann::json{{"case_id", c->id}, {"ticket", c->ticket_ref}, {"lead", c->lead}};
  }
  if (o.turn == "gather") {
    auto g = service.gather(id, o.actor);
    if (!g) return std::unexpected(g.error());
    const Analysis& a = g->pipeline.analysis;
    if (text) {
      out << "case " << id << ": " << case_state_name(g->c.state) << "; " << a.evidence.size()
          << " evidence records, " << a.findings.size() << " findings, " << a.questions.size()
          << " questions; drafts " << a.customer_update->draft_id << " v"
          << a.customer_update->version << " and " << a.handoff->draft_id << " v"
          << a.handoff->version << "\n";
    }
    return nlohmann::json{{"state", case_state_name(g->c.state)},
                          {"escalated_now", g->escalated_now},
                          {"evidence", a.evidence.size()},
                          {"findings", a.findings.size()},
                          {"questions", a.questions.size()}};
  }
  if (o.turn == "summarize") {
    auto s = service.summarize(id, o.actor);
    if (!s) return std::unexpected(s.error());
    if (text) out << copilot::render_summary(*s);
    nlohmann::json lines = nlohmann::json::array();
    for (const auto& l : s->lines) lines.push_back(l.text);
    const auto list = [](const std::vector<copilot::SummaryLine>& v) {
      nlohmann::json j = nlohmann::json::array();
      for (const auto& l : v) j.push_back(l.text);
      return j;
    };
    return nlohmann::json{{"headline", s->headline},
                          {"lines", lines},
                          {"severity_changes", list(s->severity_changes)},
                          {"escalations", list(s->escalations)},
                          {"promises", list(s->promises)},
                          {"unanswered_questions", list(s->unanswered_questions)}};
  }
  if (o.turn == "compare") {
    auto c = service.compare(id, o.actor);
    if (!c) return std::unexpected(c.error());
    if (text) out << copilot::render_comparison(*c);
    return copilot::comparison_to_json(*c);
  }
  if (o.turn == "questions") {
    Result<OpenQuestion> changed = make_error(ErrorCode::InvalidArgument, "unreachable");
    if (o.sub == "list") {
      auto list = service.questions(id, o.actor);
      if (!list) return std::unexpected(list.error());
      if (text) print_questions(out, *list);
      nlohmann::json j = nlohmann::json::array();
      for (const auto& q : *list) j.push_back(copilot::question_to_json(q));
      return j;
    }
    auto owner = parse_owner(o.owner);
    if (!owner) return std::unexpected(owner.error().with_context("--owner"));
    if (o.sub == "add") {
      changed = service.add_question(id, o.text, *owner, o.blocking, o.actor);
    } else if (o.sub == "answer") {
      changed = service.answer_question(id, o.question_id, o.text, o.evidence, o.actor);
    } else {
      changed = service.reassign_question(id, o.question_id, *owner, o.actor);
    }
    if (!changed) return std::unexpected(changed.error());
    if (text) print_questions(out, {*changed});
    return copilot::question_to_json(*changed);
  }
  if (o.turn == "draft" || o.turn == "rewrite") {
    Result<DraftOutcome> outcome = make_error(ErrorCode::InvalidArgument, "unreachable");
    if (o.turn == "rewrite") {
      auto tone = copilot::llm::parse_tone(o.tone);
      if (!tone) return std::unexpected(tone.error());
      outcome = service.rewrite(id, o.draft_id, *tone, o.actor);
    } else if (o.sub == "update") {
      outcome = service.draft_update(id, o.actor);
    } else if (o.sub == "holding") {
      outcome = service.draft_holding(id, o.actor);
    } else {
      outcome = service.draft_handoff(id, o.actor);
    }
    if (!outcome) return std::unexpected(outcome.error());
    if (text) print_outcome(out, *outcome);
    return outcome_json(*outcome);
  }
  if (o.turn == "edit") {
    const std::string body{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    auto v = service.edit_draft(id, o.draft_id, body, o.actor);
    if (!v) return std::unexpected(v.error());
    if (text) out << "stored " << v->draft_id << " v" << v->version << " (unapproved)\n";
    return nlohmann::json{{"draft_id", v->draft_id}, {"version", v->version},
                          {"content_hash", v->content_hash}};
  }
  if (o.turn == "acknowledge") {
    auto c = service.acknowledge_security(id, o.actor);
    if (!c) return std::unexpected(c.error());
    if (text) out << "case " << c->id << ": escalation acknowledged by " << o.actor << "\n";
    return nlohmann::json{{"case_id", c->id}, {"acknowledged_by", c->security_acknowledged_by}};
  }
  if (o.turn == "close") {
    auto c = service.close_security(id, o.actor, o.text);
    if (!c) return std::unexpected(c.error());
    if (text) out << "case " << c->id << ": security escalation closed by " << o.actor << "\n";
    return nlohmann::json{{"case_id", c->id}, {"state", case_state_name(c->state)}};
  }
  auto approval = service.approve(id, o.draft_id, o.version, o.actor, std::nullopt);
  if (!approval) return std::unexpected(approval.error());
  if (text) {
    out << "approved " << approval->draft_id << " v" << approval->version << " (sha256 "
        << approval->content_hash << ")\n";
  }
  return nlohmann::json{{"draft_id", approval->draft_id}, {"version", approval->version},
                        {"content_hash", approval->content_hash}};
}

}  // namespace

int run_case(const CaseOptions& options, std::istream& in, std::ostream& out, std::ostream& err) {
  const std::string what = "case " + options.turn;
  // stdout carries the turn's result (JSON for scripts); log lines go to stderr.
  spdlog::set_default_logger(std::make_shared<spdlog::logger>(
      "case", std::make_shared<spdlog::sinks::stderr_color_sink_mt>()));
  auto config = load_config(options.config);
  if (!config) {
    err << what << ": " << config.error().message << "\n";
    return 2;
  }
  auto llm = load_llm_settings(*config);
  if (!llm) {
    err << what << ": " << llm.error().message << "\n";
    return 2;
  }
  auto store = store::SqliteStore::open(options.db);
  if (!store) {
    err << what << ": " << options.db.string() << ": " << store.error().message << "\n";
    return 2;
  }
  SystemClock clock;
  auto sources = SourceSet::build(*config, clock);
  if (!sources) {
    err << what << ": " << options.config.string() << ": " << sources.error().message << "\n";
    return 2;
  }
  CaseService service(**store, **sources, clock, *config);
  auto generator = make_text_generator(*llm, (*sources)->http());
  if (generator) service.set_text_generator(*generator);
  auto result = run_turn(service, options, in, out, options.format == "text");
  if (!result) {
    err << what << ": " << result.error().message << "\n";
    const ErrorCode code = result.error().code;
    return code == ErrorCode::InvalidArgument || code == ErrorCode::NotFound ? 2 : 1;
  }
  if (options.format == "json") print_json(out, *result);
  return 0;
}

}  // namespace ec::app
