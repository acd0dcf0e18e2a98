// The product access log's live mode: ExportApiSource -> HttplibClient (real TLS) -> a loopback
// HTTPS server playing the console's export endpoint (JSON Lines pages, X-Next-Cursor) over the
// bundled scenario's console log, with a malformed line, 429 Retry-After and a 500 storm.
#include "adapters/product_access_log/export_api_source.h"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <map>

#include "adapters/product_access_log/config.h"
#include "plugin/net/httplib_client.h"
#include "tests/adapters/adapter_test_util.h"
#include "tests/adapters/live_source_test.h"
#include "tests/fakes/https_test_server.h"

namespace ec::adapters::product_access_log {
namespace {

using ec::adapters::testing::LiveSourceTest;
using ec::adapters::testing::context_for;
using ec::adapters::testing::contractor;
using ec::adapters::testing::diagnostics_text;
using ec::adapters::testing::scenario_sources;
using ec::testing::scenario_dir;
using std::chrono::milliseconds;

constexpr char kToken[] = "console-export-SECRET-9f31";

std::vector<std::string> scenario_rows() {
  std::ifstream in(scenario_dir() / "console" / "access.jsonl");
  std::vector<std::string> rows;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) rows.push_back(line);
  }
  return rows;
}

class ExportApi : public LiveSourceTest {
 protected:
  ExportApi() : LiveSourceTest("CONSOLE_EXPORT_TOKEN", kToken) {}

  // Pages of `page_size` rows; the cursor is the index of the next row.
  void serve(std::size_t page_size) {
    https_.server().Get("/api/v1/access-log/export", [this, page_size](const httplib::Request& req,
                                                                       httplib::Response& res) {
      if (req.get_header_value("Authorization") != std::string("Bearer ") + kToken) {
        res.status = 401;
        return;
      }
      const std::size_t from =
          req.has_param("cursor") ? std::stoul(req.get_param_value("cursor")) : 0;
      std::string body;
      for (std::size_t i = from; i < from + page_size && i < rows_.size(); ++i) {
        body += rows_[i] + "\n";
      }
      if (from + page_size < rows_.size()) {
        res.set_header("X-Next-Cursor", std::to_string(from + page_size));
      }
      res.set_content(body, "application/x-ndjson");
    });
  }

  BuiltSource build() {
    SourceContext context = live_context(scenario_dir(), "sources.access[0]");
    ProductLiveOptions options;
    options.sleep = recording_sleep();
    const nlohmann::json config = {{"kind", "product_access_log"},
                                   {"base_url", https_.base_url()},
                                   {"token_env", "CONSOLE_EXPORT_TOKEN"}};
    auto built = create_product_access_log_source(config, context, options);
    EXPECT_TRUE(built.has_value()) << built.error().to_string();
    return std::move(*built);
  }

  std::vector<std::string> rows_ = scenario_rows();
};

TEST_F(ExportApi, ReadsEveryCursorPageAndTheSameEvidenceAsTheFile) {
  serve(3);
  start();
  BuiltSource built = build();
  auto report = built.evidence->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(report.has_value()) << report.error().to_string();
  EXPECT_TRUE(report->complete) << diagnostics_text(*report);
  const auto requests = https_.requests();
  ASSERT_EQ(requests.size(), 3u);  // 8 rows, 3 per page
  EXPECT_EQ(requests[0].param("since"), "2025-02-09T16:45:12Z");  // deprovisioned - 30 days
  EXPECT_EQ(requests[0].param("until"), "2025-03-20T00:00:00Z");
  EXPECT_EQ(requests[0].param("limit"), "5000");
  EXPECT_FALSE(requests[0].param("cursor").has_value());
  EXPECT_EQ(requests[1].param("cursor"), "3");
  EXPECT_EQ(requests[2].param("cursor"), "6");

  auto files = create_product_access_log_source(scenario_sources()["access"][0],
                                                context_for(scenario_dir(), "sources.access[0]"));
  ASSERT_TRUE(files.has_value());
  auto expected = files->evidence->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(expected.has_value());
  ASSERT_EQ(report->evidence.size(), expected->evidence.size());
  for (std::size_t i = 0; i < expected->evidence.size(); ++i) {
    EXPECT_EQ(report->evidence[i].content_hash, expected->evidence[i].content_hash);
    EXPECT_EQ(report->evidence[i].kind, expected->evidence[i].kind);
    EXPECT_EQ(report->evidence[i].names_subject, expected->evidence[i].names_subject);
    EXPECT_EQ(report->evidence[i].credential_issued_at, expected->evidence[i].credential_issued_at);
  }
  EXPECT_TRUE(report->evidence[0].origin.starts_with(https_.base_url() +
                                                     "/api/v1/access-log/export?since="));
}

TEST_F(ExportApi, MalformedLinesAreCountedWithPageUrlAndLine) {
  rows_.insert(rows_.begin() + 1, R"({"ts":"2025-03-10T14:03:06Z","svc":"support-con)");
  rows_.insert(rows_.begin() + 2, R"({"ts":"not a time","event":"login"})");
  serve(100);
  start();
  BuiltSource built = build();
  auto report = built.evidence->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->complete);
  EXPECT_EQ(report->records_read, 10);
  EXPECT_EQ(report->records_skipped, 2);
  EXPECT_EQ(report->evidence.size(), 8u);
  ASSERT_EQ(report->diagnostics.size(), 2u);
  EXPECT_TRUE(report->diagnostics[0].location.ends_with("&limit=5000:2"))
      << report->diagnostics[0].location;
  EXPECT_EQ(report->diagnostics[0].message, "expected one JSON object per line");
  EXPECT_TRUE(report->diagnostics[1].location.ends_with("&limit=5000:3"));
}

TEST_F(ExportApi, WaitsForRetryAfterThenReadsOn) {
  std::atomic<int> calls{0};
  https_.server().Get("/api/v1/access-log/export", [&](const httplib::Request& req,
                                                       httplib::Response& res) {
    if (req.has_param("cursor") && calls++ == 0) {
      res.status = 429;
      res.set_header("Retry-After", "5");
      return;
    }
    const std::size_t from = req.has_param("cursor") ? 4 : 0;
    std::string body;
    for (std::size_t i = from; i < from + 4 && i < rows_.size(); ++i) body += rows_[i] + "\n";
    if (from == 0) res.set_header("X-Next-Cursor", "c-4");
    res.set_content(body, "application/x-ndjson");
  });
  start();
  BuiltSource built = build();
  auto report = built.evidence->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->complete) << diagnostics_text(*report);
  EXPECT_EQ(sleeps_, (std::vector<milliseconds>{milliseconds{5'000}}));
  EXPECT_EQ(report->evidence.size(), 8u);
}

TEST_F(ExportApi, ServerErrorStormKeepsEarlierPagesAndMarksTheSourceIncomplete) {
  https_.server().Get("/api/v1/access-log/export", [&](const httplib::Request& req,
                                                       httplib::Response& res) {
    if (req.has_param("cursor")) {
      res.status = 500;
      res.set_content("upstream timeout", "text/plain");
      return;
    }
    res.set_header("X-Next-Cursor", "2");
    res.set_content(rows_[0] + "\n" + rows_[1] + "\n", "application/x-ndjson");
  });
  start();
  BuiltSource built = build();
  auto report = built.evidence->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(report.has_value());
  EXPECT_FALSE(report->complete);
  EXPECT_EQ(report->evidence.size(), 2u);
  ASSERT_EQ(report->diagnostics.size(), 1u);
  EXPECT_TRUE(report->diagnostics[0].location.ends_with("&cursor=2 -> 500"))
      << report->diagnostics[0].location;
  EXPECT_EQ(report->diagnostics[0].message, "server error; gave up after 4 attempts");
  EXPECT_EQ(diagnostics_text(*report).find(kToken), std::string::npos);
}

}  // namespace
}  // namespace ec::adapters::product_access_log
