// SlackSurface: everything the Slack app needs at run time, wired once by `serve` (and by the
// integration tests): the Web API client over its own HTTPS client (CA bundle from
// slack.ca_file), the responder, the dispatcher, the durable intake (writer and worker, which
// starts at once and so also runs jobs an earlier process left; its jobs live in the intake store)
// and the routes. Owns all of it; borrows the stores, clock, config and CaseService, which must
// outlive it.
// Destroying it stops the intake (running turns finish; jobs not yet claimed stay in the store
// for the next start) before anything they use goes away.
#pragma once

#include <memory>
#include <optional>

#include "plugin/app/case_service.h"
#include "plugin/app/http_service.h"
#include "plugin/app/intake_worker.h"
#include "plugin/app/intake_writer.h"
#include "plugin/app/slack_app.h"
#include "plugin/app/slack_responder.h"
#include "plugin/app/slack_routes.h"
#include "plugin/app/slack_settings.h"
#include "plugin/core/http_client.h"
#include "plugin/core/intake_store.h"
#include "plugin/delivery/slack_web_api.h"

namespace ec::app {

class SlackSurface {
 public:
  // InvalidArgument when the settings are not enabled or the CA file cannot be read.
  [[nodiscard]] static Result<std::unique_ptr<SlackSurface>> create(
      SlackSettings settings, CaseService& cases, Store& store, IntakeStore& intake,
      const Clock& clock,
      const Config& config, delivery::SlackWebApi::Sleeper sleeper = {});
  ~SlackSurface();
  SlackSurface(const SlackSurface&) = delete;
  SlackSurface& operator=(const SlackSurface&) = delete;

  // Adds POST /slack/commands, /slack/interactivity and /slack/events.
  void register_routes(HttpService& service);
  delivery::SlackWebApi& api() { return *api_; }
  IntakeWorker& intake() { return *worker_; }
  const SlackSettings& settings() const { return settings_; }
  // Where security escalations are announced in Slack: the outbox's "slack" channel to
  // slack.security_channel (Block Kit with the Acknowledge button); nullopt when it is not set.
  std::optional<AnnouncementTarget> announcement_target() const;

 private:
  SlackSurface(SlackSettings settings, std::unique_ptr<HttpClient> http);

  const SlackSettings settings_;
  std::unique_ptr<HttpClient> http_;
  std::unique_ptr<delivery::SlackWebApi> api_;
  std::unique_ptr<SlackResponder> responder_;
  std::unique_ptr<SlackApp> app_;
  std::unique_ptr<IntakeWorker> worker_;  // stopped after the writer, before the app
  std::unique_ptr<IntakeWriter> writer_;
  std::unique_ptr<SlackRoutesDeps> deps_;
};

}  // namespace ec::app
