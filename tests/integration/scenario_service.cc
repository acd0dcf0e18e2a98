#include "tests/integration/scenario_service.h"

#include <gtest/gtest.h>

#include "plugin/store/sqlite_intake_store.h"
#include "plugin/store/sqlite_store.h"

namespace ec::testing {

ScenarioCases::ScenarioCases(const std::string& security_group, Timestamp now) : clock(now) {
  auto loaded = app::load_config(scenario_dir() / "config.json");
  if (!loaded) {
    ADD_FAILURE() << loaded.error().message;
    return;
  }
  config = *loaded;
  config.security_group = security_group;
  config.database = dir / "copilot.db";
  config.outbox_dir = dir / "outbox";
  reopen();
}

void ScenarioCases::reopen() {
  cases.reset();
  store.reset();
  auto opened = store::SqliteStore::open(config.database);
  if (!opened) {
    ADD_FAILURE() << opened.error().message;
    return;
  }
  store = std::move(*opened);
  if (!sources) {
    auto built = app::SourceSet::build(config, clock);
    if (!built) {
      ADD_FAILURE() << built.error().message;
      return;
    }
    sources = std::move(*built);
  }
  cases = std::make_unique<app::CaseService>(*store, *sources, clock, config);
}

IntakeStorePtr ScenarioCases::open_intake() {
  auto opened = store::SqliteIntakeStore::open(app::intake_database_path(config), config.database);
  if (!opened) {
    ADD_FAILURE() << opened.error().message;
    return nullptr;
  }
  return std::move(*opened);
}

void LoopbackHttp::start(Store& store, const std::function<void(app::HttpService&)>& routes) {
  stop();
  http_ = std::make_unique<app::HttpService>(store);
  routes(*http_);
  auto port = http_->bind("127.0.0.1", 0);
  if (!port) {
    ADD_FAILURE() << port.error().message;
    return;
  }
  port_ = *port;
  thread_ = std::thread([this] { http_->listen(); });
  for (int i = 0; i < 500 && !http_->is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

void LoopbackHttp::stop() {
  if (http_) http_->stop();
  if (thread_.joinable()) thread_.join();
  http_.reset();
}

httplib::Client LoopbackHttp::client() const {
  httplib::Client c("127.0.0.1", port_);
  c.set_read_timeout(10, 0);
  return c;
}

httplib::Result LoopbackHttp::post(const std::string& path, const std::string& body,
                                   const httplib::Headers& headers, const char* type) const {
  return client().Post(path, headers, body, type);
}

}  // namespace ec::testing
