// `demo`: the whole loop on the bundled scenario, offline, printing each turn.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "plugin/app/case_service.h"
#include "plugin/app/commands.h"
#include "plugin/app/demo_printer.h"
#include "plugin/app/timeline.h"
#include "plugin/delivery/file_sink_channel.h"
#include "plugin/delivery/outbox_worker.h"
#include "plugin/store/audit_verify.h"
#include "plugin/store/sqlite_store.h"

namespace ec::app {

// The placeholders standing for the ticket's own attachments (the customer's files).
Result<std::vector<std::string>> customer_attachment_placeholders(
    Store& store, const std::string& case_id, const std::optional<TicketHistory>& ticket);

namespace {

constexpr char kOutsider[] = "U0OUTSIDER";

Result<Config> demo_config(const DemoOptions& options) {
  if (options.config) return load_config(*options.config);
  return default_config();
}

// Fresh demo state each run: the demo's own database and sink, nothing else.
Status reset_demo_dir(const std::filesystem::path& dir) {
  std::error_code error;
  for (const char* name : {"copilot.db", "copilot.db-wal", "copilot.db-shm"}) {
    std::filesystem::remove(dir / name, error);
  }
  std::filesystem::remove_all(dir / "outbox", error);
  std::filesystem::create_directories(dir / "outbox", error);
  if (error) {
    return make_error(ErrorCode::Unavailable, dir.string() + ": " + error.message());
  }
  return ok_status();
}

struct DemoRun {
  DemoPrinter& print;
  CaseService& service;
  Store& store;
  delivery::OutboxWorker& worker;
  const Config& config;
  const CaseConfig& case_config;
};

Status approve_and_send(DemoRun& run, const std::string& case_id, const DraftVersion& draft,
                        const std::string& recipient) {
  auto approval = run.service.approve(case_id, draft.draft_id, draft.version,
                                      run.case_config.lead, draft.content_hash);
  if (!approval) {
    run.print.refusal(run.case_config.lead, approval.error());
    return std::unexpected(approval.error());
  }
  run.print.approval(*approval);
  auto message = run.service.send(case_id, draft.draft_id, draft.version, run.case_config.lead,
                                  "file", recipient);
  if (!message) return std::unexpected(message.error());
  auto round = run.worker.run_until_idle();
  if (!round) return std::unexpected(round.error());
  run.print.delivery(*message, round->delivered);
  return ok_status();
}

// Returns the demo case's id.
Result<std::string> run_loop(DemoRun& run) {
  const CaseConfig& cc = run.case_config;
  run.print.turn("intake", "/escalation open " + cc.ticket + " @" + cc.lead);
  auto opened = run.service.open_case({cc.ticket, cc.subject, cc.lead, cc.customer, cc.lead});
  if (!opened) return std::unexpected(opened.error());
  run.print.opened(*opened);

  run.print.turn("gather", "/escalation summary, evidence, compare");
  auto gathered = run.service.gather(opened->id, cc.lead);
  if (!gathered) return std::unexpected(gathered.error());
  run.print.summary(gathered->pipeline.summary);
  run.print.evidence(gathered->pipeline.analysis);
  run.print.findings(gathered->pipeline.analysis);
  run.print.decision(gathered->pipeline.analysis.decision, gathered->c);

  const DraftVersion& update = *gathered->pipeline.analysis.customer_update;
  const DraftVersion& handoff = *gathered->pipeline.analysis.handoff;
  run.print.turn("draft", "/escalation draft update");
  run.print.card(update);

  run.print.turn("approve", kOutsider + std::string(" presses Approve & send"));
  auto outsider = run.service.approve(opened->id, update.draft_id, update.version, kOutsider,
                                      update.content_hash);
  if (outsider) return make_error(ErrorCode::Internal, "an outsider's approval was accepted");
  run.print.refusal(kOutsider, outsider.error());

  if (gathered->c.state == CaseState::SecurityEscalated) {
    run.print.turn("approve", cc.lead + " presses Approve & send while the case is escalated");
    auto held = run.service.approve(opened->id, update.draft_id, update.version, cc.lead,
                                    update.content_hash);
    if (held) return make_error(ErrorCode::Internal, "a held customer update was approved");
    run.print.refusal(cc.lead, held.error());

    run.print.turn("handoff", "engineering and security handoff packet");
    run.print.card(handoff);
    EC_RETURN_IF_ERROR(approve_and_send(run, opened->id, handoff, "security-incident-queue"));

    const std::string security_owner = run.config.security_group.substr(
        0, run.config.security_group.find(','));
    run.print.turn("acknowledge", security_owner + " acknowledges the security escalation");
    auto acked = run.service.acknowledge_security(opened->id, security_owner);
    if (!acked) return std::unexpected(acked.error());
    run.print.acknowledged(*acked);
  }

  // The customer's own file names may go back to the customer: the lead reveals them, with a
  // reason that the audit trail keeps. Every other value (including other customers' file
  // names) stays a placeholder in the message.
  auto own = customer_attachment_placeholders(run.store, opened->id, gathered->pipeline.ticket);
  if (!own) return std::unexpected(own.error());
  for (const std::string& placeholder : *own) {
    if (render_draft_text(update).find(placeholder) == std::string::npos) continue;
    const std::string reason = "the customer's own attachment; they need to recognise it";
    run.print.turn("reveal", "/escalation reveal " + placeholder + " " + reason);
    EC_RETURN_IF_ERROR(run.service.reveal(opened->id, placeholder, reason, cc.lead));
    run.print.revealed(placeholder);
  }
  run.print.turn("approve", cc.lead + " (the assigned lead) presses Approve & send");
  EC_RETURN_IF_ERROR(approve_and_send(run, opened->id, update, "zendesk-ticket-" + cc.ticket));
  if (gathered->c.state != CaseState::SecurityEscalated) {
    run.print.turn("handoff", "engineering and security handoff packet");
    run.print.card(handoff);
    EC_RETURN_IF_ERROR(approve_and_send(run, opened->id, handoff, "engineering-queue"));
  }
  return opened->id;
}

}  // namespace

Result<std::vector<std::string>> customer_attachment_placeholders(
    Store& store, const std::string& case_id, const std::optional<TicketHistory>& ticket) {
  std::vector<std::string> placeholders;
  if (!ticket) return placeholders;
  auto tx = store.begin();
  if (!tx) return std::unexpected(tx.error());
  auto vault = (*tx)->list_vault(case_id);
  if (!vault) return std::unexpected(vault.error());
  for (const TicketEntry& entry : ticket->entries) {
    for (const TicketAttachment& attachment : entry.attachments) {
      for (const VaultEntry& v : *vault) {
        if (v.raw_value == attachment.file_name &&
            std::find(placeholders.begin(), placeholders.end(), v.placeholder) ==
                placeholders.end()) {
          placeholders.push_back(v.placeholder);
        }
      }
    }
  }
  return placeholders;
}

int run_demo(const DemoOptions& options, std::ostream& out, std::ostream& err) {
  auto config = demo_config(options);
  if (!config) {
    err << "demo: " << config.error().message << "\n";
    return 2;
  }
  if (!config->case_config) {
    err << "demo: " << config->file.string() << ": case: missing (the demo needs a case block)\n";
    return 2;
  }
  const std::filesystem::path dir = options.data_dir;
  if (auto reset = reset_demo_dir(dir); !reset) {
    err << "demo: " << reset.error().message << "\n";
    return 3;
  }
  const std::filesystem::path db = dir / "copilot.db";
  auto store = store::SqliteStore::open(db);
  if (!store) {
    err << "demo: " << store.error().message << "\n";
    return 3;
  }
  SystemClock clock;
  auto sources = SourceSet::build(*config, clock);
  if (!sources) {
    err << "demo: " << sources.error().message << "\n";
    return 2;
  }
  if (config->security_group.empty()) config->security_group = "U0SECURITY";
  CaseService service(**store, **sources, clock, *config);
  delivery::OutboxWorker worker(**store, clock);
  (void)worker.add_channel(std::make_unique<delivery::FileSinkChannel>(dir / "outbox"));
  DemoPrinter printer(out);
  DemoRun run{printer, service, **store, worker, *config, *config->case_config};
  printer.banner(*config);
  auto case_id = run_loop(run);
  if (!case_id) {
    err << "demo: " << case_id.error().to_string() << "\n";
    return 3;
  }
  auto verification = store::verify_audit(db.string());
  printer.turn("timeline", "the reviewer timeline, from the trace");
  auto tx = (*store)->begin();
  if (!tx) {
    err << "demo: " << tx.error().message << "\n";
    return 3;
  }
  auto timeline = load_timeline(**tx, *case_id, verification);
  if (!timeline) {
    err << "demo: " << timeline.error().message << "\n";
    return 3;
  }
  out << render_timeline_markdown(*timeline) << "\n";
  printer.closing(db, dir / "outbox", verification);
  return verification ? 0 : 1;
}

}  // namespace ec::app
