// What the integration tests start, once: the bundled scenario as a service process would run
// it. ScenarioCases is the config (database and outbox in a temp folder, a given security
// group), a real SQLite store, the scenario's sources and the CaseService over them.
// LoopbackHttp is the real HttpService with whatever routes a test registers, listening on an
// ephemeral 127.0.0.1 port on its own thread.
// Failures to start are reported as gtest failures (ADD_FAILURE) and leave the member empty.
#pragma once

#include <httplib.h>

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "plugin/app/case_service.h"
#include "plugin/app/config.h"
#include "plugin/app/http_service.h"
#include "plugin/app/source_set.h"
#include "plugin/core/intake_store.h"
#include "plugin/core/store.h"
#include "tests/fakes/temp_dir.h"

namespace ec::testing {

class ScenarioCases {
 public:
  // Loads the scenario's config, opens the store under `dir_` and builds sources and cases.
  explicit ScenarioCases(const std::string& security_group,
                         Timestamp now = make_utc(2025, 3, 12, 9, 50, 0));
  // Opens the same database file again (a restarted process) with a new CaseService.
  void reopen();
  // Opens the intake file as `serve` does (moving jobs an older version left in the case
  // database); null after a gtest failure.
  IntakeStorePtr open_intake();

  TempDir dir;
  FakeClock clock;
  app::Config config;
  StorePtr store;
  std::unique_ptr<app::SourceSet> sources;
  std::unique_ptr<app::CaseService> cases;
};

class LoopbackHttp {
 public:
  LoopbackHttp() = default;
  ~LoopbackHttp() { stop(); }
  LoopbackHttp(const LoopbackHttp&) = delete;
  LoopbackHttp& operator=(const LoopbackHttp&) = delete;

  // Creates the service over `store`, lets `routes` register on it, binds 127.0.0.1:0 and
  // listens on a thread; returns once it accepts requests.
  void start(Store& store, const std::function<void(app::HttpService&)>& routes);
  void stop();

  int port() const { return port_; }
  app::HttpService& service() { return *http_; }
  httplib::Client client() const;
  httplib::Result post(const std::string& path, const std::string& body,
                       const httplib::Headers& headers = {},
                       const char* type = "application/x-www-form-urlencoded") const;

 private:
  std::unique_ptr<app::HttpService> http_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace ec::testing
