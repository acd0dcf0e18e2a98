#include "plugin/app/slack_surface.h"

#include "plugin/app/slack_jobs.h"
#include "plugin/delivery/slack_channel.h"
#include "plugin/platforms/slack/block_kit.h"
#include "plugin/net/httplib_client.h"

namespace ec::app {

SlackSurface::SlackSurface(SlackSettings settings, std::unique_ptr<HttpClient> http)
    : settings_(std::move(settings)), http_(std::move(http)) {}

SlackSurface::~SlackSurface() {
  deps_.reset();
  writer_.reset();
  worker_.reset();
}

Result<std::unique_ptr<SlackSurface>> SlackSurface::create(SlackSettings settings,
                                                          CaseService& cases, Store& store,
                                                          IntakeStore& intake, const Clock& clock,
                                                          const Config& config,
                                                          delivery::SlackWebApi::Sleeper sleeper) {
  if (!settings.enabled) {
    return make_error(ErrorCode::InvalidArgument, "slack is disabled: " + settings.disabled_reason);
  }
  net::HttplibClientOptions options;
  if (!settings.ca_file.empty()) options.ca_file = settings.ca_file;
  auto http = net::HttplibClient::create(options);
  if (!http) return std::unexpected(http.error().with_context("slack.ca_file"));
  std::unique_ptr<SlackSurface> s(new SlackSurface(std::move(settings), std::move(*http)));
  delivery::SlackWebApiOptions api_options;
  api_options.base_url = s->settings_.api_base_url;
  api_options.bot_token = s->settings_.bot_token;
  s->api_ = std::make_unique<delivery::SlackWebApi>(*s->http_, api_options, std::move(sleeper));
  s->responder_ =
      std::make_unique<SlackResponder>(*s->api_, store, clock, s->settings_.response_url_prefix);
  s->app_ = std::make_unique<SlackApp>(
      SlackAppDeps{cases, store, *s->api_, *s->responder_, clock, config, s->settings_});
  IntakeWorkerOptions intake_options;
  intake_options.platform = kSlackJobPlatform;
  intake_options.threads = s->settings_.workers;
  intake_options.nice = s->settings_.worker_nice;
  intake_options.lease = std::chrono::seconds(s->settings_.job_lease_seconds);
  intake_options.poll = std::chrono::milliseconds(s->settings_.intake_poll_ms);
  intake_options.max_attempts = s->settings_.max_job_attempts;
  SlackApp* app = s->app_.get();
  s->worker_ = std::make_unique<IntakeWorker>(
      intake, clock, [app](const IntakeJob& job) { run_slack_job(*app, job); }, intake_options);
  s->writer_ = std::make_unique<IntakeWriter>(
      intake, *s->worker_,
      s->settings_.intake_group_commit ? IntakeCommit::GroupCommit : IntakeCommit::Direct);
  s->deps_ = std::make_unique<SlackRoutesDeps>(SlackRoutesDeps{s->settings_, clock, *s->writer_});
  s->worker_->start();
  return s;
}

std::optional<AnnouncementTarget> SlackSurface::announcement_target() const {
  if (settings_.security_channel.empty()) return std::nullopt;
  return AnnouncementTarget{std::string(delivery::kSlackChannelName), settings_.security_channel,
                            [](const SecurityAnnouncement& a) {
                              return platforms::slack::render_security_message(a);
                            }};
}

void SlackSurface::register_routes(HttpService& service) {
  deps_->metrics = &service.metrics();
  service.add_routes([this](httplib::Server& server) { register_slack_routes(server, *deps_); });
}

}  // namespace ec::app
