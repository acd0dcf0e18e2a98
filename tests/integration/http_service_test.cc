// Starts the real HTTP service on a loopback port and talks HTTP to it.
#include "plugin/app/http_service.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <thread>

#include "plugin/store/sqlite_store.h"
#include "tests/fakes/temp_dir.h"

namespace ec::app {
namespace {

class RunningService {
 public:
  explicit RunningService(Store& store) : service_(store) {
    auto port = service_.bind("127.0.0.1", 0);
    EXPECT_TRUE(port.has_value());
    port_ = port.value_or(0);
    thread_ = std::thread([this] { service_.listen(); });
    for (int i = 0; i < 500 && !service_.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }
  ~RunningService() {
    service_.stop();
    thread_.join();
  }
  int port() const { return port_; }

 private:
  HttpService service_;
  int port_ = 0;
  std::thread thread_;
};

TEST(HttpService, HealthzAndMetricsAnswerOnLoopback) {
  ec::testing::TempDir dir;
  auto store = store::SqliteStore::open(dir / "copilot.db");
  ASSERT_TRUE(store.has_value());
  RunningService running(**store);
  httplib::Client client("127.0.0.1", running.port());
  auto health = client.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_NE(health->body.find("\"ok\""), std::string::npos);

  auto metrics = client.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_EQ(metrics->status, 200);
  EXPECT_NE(metrics->body.find("ec_http_requests_total{route=\"/healthz\",method=\"GET\","
                               "status_class=\"2xx\"} 1\n"),
            std::string::npos)
      << metrics->body;
  EXPECT_NE(metrics->body.find("ec_store_up 1\n"), std::string::npos) << metrics->body;

  auto missing = client.Get("/nope");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

TEST(HttpService, OversizedBodiesAreRefused) {
  ec::testing::TempDir dir;
  auto store = store::SqliteStore::open(dir / "copilot.db");
  ASSERT_TRUE(store.has_value());
  RunningService running(**store);
  httplib::Client client("127.0.0.1", running.port());
  auto response = client.Post("/healthz", std::string(2 << 20, 'x'), "text/plain");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
}

}  // namespace
}  // namespace ec::app
