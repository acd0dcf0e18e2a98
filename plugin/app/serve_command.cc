// `serve`: the service. HTTP endpoints on the configured address and the outbox worker loop.
#include <spdlog/spdlog.h>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <thread>

#include "plugin/app/commands.h"
#include "plugin/app/config.h"
#include "plugin/app/case_service.h"
#include "plugin/app/http_service.h"
#include "plugin/app/incident_channels.h"
#include "plugin/app/mattermost_settings.h"
#include "plugin/app/mattermost_surface.h"
#include "plugin/app/slack_settings.h"
#include "plugin/app/slack_surface.h"
#include "plugin/app/source_set.h"
#include "plugin/app/zendesk_reply_settings.h"
#include "plugin/app/zendesk_sidebar_routes.h"
#include "plugin/app/zendesk_sidebar_settings.h"
#include "plugin/delivery/file_sink_channel.h"
#include "plugin/delivery/mattermost_channel.h"
#include "plugin/delivery/slack_channel.h"
#include "plugin/delivery/zendesk_reply_channel.h"
#include "plugin/net/httplib_client.h"
#include "plugin/delivery/outbox_worker.h"
#include "plugin/store/sqlite_intake_store.h"
#include "plugin/store/sqlite_store.h"

namespace ec::app {
namespace {

std::atomic<HttpService*> g_service{nullptr};

void handle_signal(int) {
  if (HttpService* service = g_service.load()) service->stop();
}

// Runs the outbox worker every second until `stop` is set.
void outbox_loop(delivery::OutboxWorker& worker, std::atomic<bool>& stop) {
  while (!stop.load()) {
    if (auto round = worker.run_once(50); !round) {
      spdlog::warn("outbox: {}", round.error().to_string());
    }
    for (int i = 0; i < 10 && !stop.load(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
}

}  // namespace

int run_serve(const ServeOptions& options) {
  auto config = options.config ? load_config(*options.config) : default_config();
  if (!config) {
    spdlog::error("serve: {}", config.error().message);
    return 2;
  }
  auto store = store::SqliteStore::open(config->database);
  if (!store) {
    spdlog::error("serve: database {}: {}", config->database.string(), store.error().message);
    return 2;
  }
  SystemClock clock;
  delivery::OutboxWorker worker(**store, clock);
  (void)worker.add_channel(std::make_unique<delivery::FileSinkChannel>(config->outbox_dir));

  auto slack_settings = load_slack_settings(*config, environment_secrets());
  if (!slack_settings) {
    spdlog::error("serve: {}", slack_settings.error().message);
    return 2;
  }
  auto mattermost_settings = load_mattermost_settings(*config, environment_secrets());
  if (!mattermost_settings) {
    spdlog::error("serve: {}", mattermost_settings.error().message);
    return 2;
  }
  auto zendesk = load_zendesk_reply_settings(*config, environment_secrets());
  if (!zendesk) {
    spdlog::error("serve: {}", zendesk.error().message);
    return 2;
  }
  std::unique_ptr<net::HttplibClient> zendesk_http;
  if (zendesk->enabled) {
    net::HttplibClientOptions client_options;
    if (!zendesk->ca_file.empty()) client_options.ca_file = zendesk->ca_file;
    auto http = net::HttplibClient::create(client_options);
    if (!http) {
      spdlog::error("serve: zendesk.ca_file: {}", http.error().message);
      return 2;
    }
    zendesk_http = std::move(*http);
    (void)worker.add_channel(
        std::make_unique<delivery::ZendeskReplyChannel>(*zendesk_http, zendesk->options));
    spdlog::info("serve: customer replies go to {} as public ticket comments",
                 zendesk->options.base_url);
  } else {
    spdlog::info("serve: zendesk_reply channel off: {}", zendesk->disabled_reason);
  }
  auto sources = SourceSet::build(*config, clock);
  if (!sources) {
    spdlog::error("serve: {}", sources.error().message);
    return 2;
  }
  CaseService cases(**store, **sources, clock, *config);
  HttpService service(**store);
  IntakeStorePtr intake;  // outlives the surfaces that write and run its jobs
  if (slack_settings->enabled || mattermost_settings->enabled) {
    const auto intake_path = intake_database_path(*config);
    auto opened = store::SqliteIntakeStore::open(intake_path, config->database);
    if (!opened) {
      spdlog::error("serve: intake database {}: {}", intake_path.string(), opened.error().message);
      return 2;
    }
    intake = std::move(*opened);
  }
  std::unique_ptr<SlackSurface> slack;
  if (!slack_settings->enabled) {
    spdlog::warn("serve: Slack surface disabled: {}", slack_settings->disabled_reason);
  } else {
    auto created = SlackSurface::create(*slack_settings, cases, **store, *intake, clock, *config);
    if (!created) {
      spdlog::error("serve: {}", created.error().message);
      return 2;
    }
    slack = std::move(*created);
    slack->register_routes(service);
    (void)worker.add_channel(std::make_unique<delivery::SlackChannel>(slack->api()));
    if (auto target = slack->announcement_target()) {
      cases.add_security_announcement(std::move(*target));
      spdlog::info("serve: security escalations are announced in Slack channel {}",
                   slack_settings->security_channel);
    } else {
      spdlog::warn("serve: slack.security_channel is not set: security escalations are not "
                   "announced in Slack");
    }
    spdlog::info("serve: Slack surface enabled (commands, interactivity, events)");
  }
  std::unique_ptr<MattermostSurface> mattermost;
  if (!mattermost_settings->enabled) {
    spdlog::warn("serve: Mattermost surface disabled: {}", mattermost_settings->disabled_reason);
  } else {
    auto created =
        MattermostSurface::create(*mattermost_settings, cases, **store, *intake, clock, *config);
    if (!created) {
      spdlog::error("serve: {}", created.error().message);
      return 2;
    }
    mattermost = std::move(*created);
    mattermost->register_routes(service);
    (void)worker.add_channel(std::make_unique<delivery::MattermostChannel>(mattermost->api()));
    if (auto target = mattermost->announcement_target()) {
      cases.add_security_announcement(std::move(*target));
      spdlog::info("serve: security escalations are announced in Mattermost channel {}",
                   mattermost_settings->security_channel);
    } else {
      spdlog::warn("serve: mattermost.security_channel is not set: security escalations are not "
                   "announced in Mattermost");
    }
    spdlog::info("serve: Mattermost surface enabled (commands, actions, dialogs)");
  }
  auto sidebar_settings = load_zendesk_sidebar_settings(*config);
  if (!sidebar_settings) {
    spdlog::error("serve: {}", sidebar_settings.error().message);
    return 2;
  }
  const ZendeskSidebarDeps sidebar_deps{*sidebar_settings, cases, **store, clock};
  if (sidebar_settings->enabled) {
    service.add_routes(
        [&](httplib::Server& server) { register_zendesk_sidebar_routes(server, sidebar_deps); });
    spdlog::info("serve: Zendesk sidebar enabled (issuer {})", sidebar_settings->expect.issuer);
  } else {
    spdlog::info("serve: Zendesk sidebar off: no zendesk_sidebar block in the config");
  }
  auto incident_channels =
      build_incident_channels(*config, (*sources)->http(), clock, environment_secrets());
  if (!incident_channels) {
    spdlog::error("serve: {}", incident_channels.error().message);
    return 2;
  }
  std::vector<std::string> incident_targets;
  for (auto& channel : *incident_channels) {
    spdlog::info("serve: incident channel {} enabled", channel->name());
    incident_targets.emplace_back(channel->name());
    if (auto added = worker.add_channel(std::move(channel)); !added) {
      spdlog::error("serve: {}", added.error().message);
      return 2;
    }
  }
  cases.set_incident_targets(std::move(incident_targets));

  auto port = service.bind(config->listen_host, config->listen_port);
  if (!port) {
    spdlog::error("serve: {}", port.error().message);
    return 2;
  }
  spdlog::info("serve: listening on http://{}:{} (database {})", config->listen_host, *port,
               config->database.string());
  g_service.store(&service);
  std::signal(SIGINT, handle_signal);
  std::signal(SIGTERM, handle_signal);
  std::atomic<bool> stop{false};
  std::thread outbox([&] { outbox_loop(worker, stop); });
  service.listen();
  stop.store(true);
  outbox.join();
  g_service.store(nullptr);
  spdlog::info("serve: stopped");
  return 0;
}

}  // namespace ec::app
