#include "plugin/app/mattermost_surface.h"

#include "plugin/app/mattermost_jobs.h"
#include "plugin/delivery/mattermost_channel.h"
#include "plugin/net/httplib_client.h"
#include "plugin/platforms/mattermost/attachments.h"

namespace ec::app {

MattermostSurface::MattermostSurface(MattermostSettings settings, std::unique_ptr<HttpClient> http,
                                     Store& store, const Clock& clock)
    : settings_(std::move(settings)),
      http_(std::move(http)),
      budget_(store, clock, settings_.response_url_prefix()) {}

MattermostSurface::~MattermostSurface() {
  deps_.reset();
  writer_.reset();
  worker_.reset();
}

Result<std::unique_ptr<MattermostSurface>> MattermostSurface::create(MattermostSettings settings,
                                                                    CaseService& cases,
                                                                    Store& store,
                                                                    IntakeStore& intake,
                                                                    const Clock& clock,
                                                                    const Config& config) {
  if (!settings.enabled) {
    return make_error(ErrorCode::InvalidArgument,
                      "mattermost is disabled: " + settings.disabled_reason);
  }
  net::HttplibClientOptions options;
  if (!settings.ca_file.empty()) options.ca_file = settings.ca_file;
  auto http = net::HttplibClient::create(options);
  if (!http) return std::unexpected(http.error().with_context("mattermost.ca_file"));
  std::unique_ptr<MattermostSurface> s(
      new MattermostSurface(std::move(settings), std::move(*http), store, clock));
  s->api_ = std::make_unique<delivery::MattermostApi>(
      *s->http_, clock,
      delivery::MattermostApiOptions{s->settings_.api_base_url, s->settings_.bot_token});
  s->app_ = std::make_unique<MattermostApp>(
      MattermostAppDeps{cases, store, *s->api_, s->budget_, clock, config, s->settings_});
  IntakeWorkerOptions intake_options;
  intake_options.platform = kMattermostJobPlatform;
  intake_options.threads = s->settings_.workers;
  intake_options.nice = s->settings_.worker_nice;
  MattermostApp* app = s->app_.get();
  const MattermostSettings* settings_of = &s->settings_;
  s->worker_ = std::make_unique<IntakeWorker>(
      intake, clock,
      [app, settings_of](const IntakeJob& job) { run_mattermost_job(*app, *settings_of, job); },
      intake_options);
  s->writer_ = std::make_unique<IntakeWriter>(intake, *s->worker_, IntakeCommit::GroupCommit);
  s->deps_ = std::make_unique<MattermostRoutesDeps>(
      MattermostRoutesDeps{s->settings_, clock, *s->writer_});
  s->worker_->start();
  return s;
}

std::optional<AnnouncementTarget> MattermostSurface::announcement_target() const {
  if (settings_.security_channel.empty()) return std::nullopt;
  const platforms::mattermost::RenderTarget target{settings_.actions_url(), settings_.action_secret};
  return AnnouncementTarget{std::string(delivery::kMattermostChannelName), settings_.security_channel,
                            [target](const SecurityAnnouncement& a) {
                              return platforms::mattermost::render_security_post(a, target);
                            }};
}

void MattermostSurface::register_routes(HttpService& service) {
  service.add_routes(
      [this](httplib::Server& server) { register_mattermost_routes(server, *deps_); });
}

}  // namespace ec::app
