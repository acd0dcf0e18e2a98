// The exposition writer: label and HELP escaping, number spelling, cumulative histograms; and
// ProcessMetrics' request and verification families.
#include "plugin/app/metrics_text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "plugin/app/process_metrics.h"

namespace ec::app {
namespace {

TEST(MetricsText, LabelValuesEscapeBackslashQuoteAndNewline) {
  EXPECT_EQ(escape_label_value("plain"), "plain");
  EXPECT_EQ(escape_label_value("a\\b\"c\nd"), "a\\\\b\\\"c\\nd");
}

TEST(MetricsText, NumbersAreShortestDecimalsAndSpecialValuesAreSpelledOut) {
  EXPECT_EQ(format_metric_value(0), "0");
  EXPECT_EQ(format_metric_value(42), "42");
  EXPECT_EQ(format_metric_value(0.005), "0.005");
  EXPECT_EQ(format_metric_value(1.0 / 3.0), "0.3333333333333333");
  EXPECT_EQ(format_metric_value(HUGE_VAL), "+Inf");
  EXPECT_EQ(format_metric_value(-HUGE_VAL), "-Inf");
  EXPECT_EQ(format_metric_value(std::numeric_limits<double>::quiet_NaN()), "NaN");
}

TEST(MetricsText, FamilyWritesHelpAndTypeThenSamples) {
  ExpositionWriter w;
  w.family("ec_x_total", "counter", "Things\\stuff\nsecond line.");
  w.sample("ec_x_total", {{"route", "/a\"b"}, {"method", "GET"}}, 3);
  w.sample("ec_x_total", {}, 1);
  EXPECT_EQ(w.str(),
            "# HELP ec_x_total Things\\\\stuff\\nsecond line.\n"
            "# TYPE ec_x_total counter\n"
            "ec_x_total{route=\"/a\\\"b\",method=\"GET\"} 3\n"
            "ec_x_total 1\n");
}

TEST(MetricsText, HistogramBucketsAreCumulativeWithInfSumAndCount) {
  Histogram h({1, 5});
  for (const double v : {0.5, 1.0, 3.0, 7.0}) h.observe(v);
  ExpositionWriter w;
  h.write(w, "ec_h_seconds", {{"route", "/r"}});
  EXPECT_EQ(w.str(),
            "ec_h_seconds_bucket{route=\"/r\",le=\"1\"} 2\n"
            "ec_h_seconds_bucket{route=\"/r\",le=\"5\"} 3\n"
            "ec_h_seconds_bucket{route=\"/r\",le=\"+Inf\"} 4\n"
            "ec_h_seconds_sum{route=\"/r\"} 11.5\n"
            "ec_h_seconds_count{route=\"/r\"} 4\n");
}

TEST(ProcessMetrics, RequestsAreCountedByStatusClassAndTimedWhenRouted) {
  ProcessMetrics m;
  m.record_request("/slack/events", "POST", 200, 0.002);
  m.record_request("/slack/events", "POST", 204, 0.3);
  m.record_request("/slack/events", "POST", 401, 0.001);
  m.record_request("unmatched", "GET", 400, std::nullopt);
  m.record_verification_failure("slack", "mismatch");
  m.record_verification_failure("slack", "mismatch");
  ExpositionWriter w;
  m.write(w);
  const std::string text = w.str();
  for (const char* line : {
           "ec_http_requests_total{route=\"/slack/events\",method=\"POST\",status_class=\"2xx\"} 2\n",
           "ec_http_requests_total{route=\"/slack/events\",method=\"POST\",status_class=\"4xx\"} 1\n",
           "ec_http_requests_total{route=\"unmatched\",method=\"GET\",status_class=\"4xx\"} 1\n",
           "ec_http_request_duration_seconds_bucket{route=\"/slack/events\",method=\"POST\","
           "status_class=\"2xx\",le=\"0.005\"} 1\n",
           "ec_http_request_duration_seconds_bucket{route=\"/slack/events\",method=\"POST\","
           "status_class=\"2xx\",le=\"0.5\"} 2\n",
           "ec_http_request_duration_seconds_count{route=\"/slack/events\",method=\"POST\","
           "status_class=\"2xx\"} 2\n",
           "ec_request_verification_failures_total{surface=\"slack\",reason=\"mismatch\"} 2\n"}) {
    EXPECT_NE(text.find(line), std::string::npos) << line << "\nin:\n" << text;
  }
  // A request that never reached routing is counted but not timed.
  EXPECT_EQ(text.find("ec_http_request_duration_seconds_count{route=\"unmatched\""),
            std::string::npos);
  EXPECT_EQ(status_class(503), "5xx");
  EXPECT_EQ(status_class(-1), "other");
}

}  // namespace
}  // namespace ec::app
