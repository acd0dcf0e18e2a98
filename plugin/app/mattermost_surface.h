// MattermostSurface: everything the Mattermost integration needs at run time, wired once by
// `serve` (and by the integration tests): the REST client over its own HTTPS client (CA bundle
// from mattermost.ca_file), the response_url budget, the app, the durable intake (writer and
// worker claiming the "mattermost" jobs; it starts at once and so also runs jobs an earlier
// process left) and the routes. Owns all of it; borrows the store, intake store, clock, config
// and CaseService, which must outlive it. Destroying it stops the intake (running turns finish;
// jobs not yet claimed stay in the intake store for the next start) before anything they use
// goes away.
#pragma once

#include <memory>
#include <optional>

#include "plugin/app/case_service.h"
#include "plugin/app/http_service.h"
#include "plugin/app/mattermost_app.h"
#include "plugin/app/mattermost_routes.h"
#include "plugin/app/mattermost_settings.h"
#include "plugin/app/response_url_budget.h"
#include "plugin/app/intake_worker.h"
#include "plugin/app/intake_writer.h"
#include "plugin/core/intake_store.h"
#include "plugin/core/http_client.h"
#include "plugin/delivery/mattermost_api.h"

namespace ec::app {

class MattermostSurface {
 public:
  // InvalidArgument when the settings are not enabled or the CA file cannot be read.
  [[nodiscard]] static Result<std::unique_ptr<MattermostSurface>> create(
      MattermostSettings settings, CaseService& cases, Store& store, IntakeStore& intake,
      const Clock& clock, const Config& config);
  ~MattermostSurface();
  MattermostSurface(const MattermostSurface&) = delete;
  MattermostSurface& operator=(const MattermostSurface&) = delete;

  // Adds POST /mattermost/commands, /mattermost/actions and /mattermost/dialogs.
  void register_routes(HttpService& service);
  delivery::MattermostApi& api() { return *api_; }
  IntakeWorker& intake() { return *worker_; }
  const MattermostSettings& settings() const { return settings_; }
  // Where security escalations are announced in Mattermost: the outbox's "mattermost" channel to
  // mattermost.security_channel, with a signed Acknowledge button; nullopt when it is not set.
  std::optional<AnnouncementTarget> announcement_target() const;

 private:
  MattermostSurface(MattermostSettings settings, std::unique_ptr<HttpClient> http, Store& store,
                    const Clock& clock);

  const MattermostSettings settings_;
  std::unique_ptr<HttpClient> http_;
  std::unique_ptr<delivery::MattermostApi> api_;
  ResponseUrlBudget budget_;
  std::unique_ptr<MattermostApp> app_;
  std::unique_ptr<IntakeWorker> worker_;  // stopped after the writer, before the app
  std::unique_ptr<IntakeWriter> writer_;
  std::unique_ptr<MattermostRoutesDeps> deps_;
};

}  // namespace ec::app
