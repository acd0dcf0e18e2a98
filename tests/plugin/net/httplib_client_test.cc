#include "plugin/net/httplib_client.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "tests/fakes/https_test_server.h"

namespace ec::net {
namespace {

using ec::testing::HttpsTestServer;
using std::chrono::milliseconds;

std::unique_ptr<HttplibClient> client_trusting(const std::filesystem::path& ca_file,
                                               std::size_t max_bytes = 64 * 1024 * 1024) {
  HttplibClientOptions options;
  options.ca_file = ca_file.string();
  options.max_response_bytes = max_bytes;
  auto client = HttplibClient::create(options);
  EXPECT_TRUE(client.has_value()) << client.error().to_string();
  return std::move(*client);
}

HttpRequest get(const std::string& url, milliseconds timeout = milliseconds{5'000}) {
  HttpRequest request;
  request.url = url;
  request.timeout = timeout;
  return request;
}

TEST(HttplibClient, GetsOverVerifiedTlsAndSendsHeadersVerbatim) {
  HttpsTestServer https;
  https.server().Get("/api/v1/logs", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Link", "<https://x/self>; rel=\"self\"");
    res.set_header("Link", "<https://x/next>; rel=\"next\"");
    res.set_content(R"([{"uuid":"1"}])", "application/json");
  });
  https.start();
  auto client = client_trusting(https.ca_file());
  HttpRequest request = get(https.base_url() + "/api/v1/logs?filter=target.id+eq+%2200u%22&x=a%3Ab");
  request.headers = {{"Authorization", "SSWS secret-token"}, {"Accept", "application/json"}};
  auto response = client->send(request);
  ASSERT_TRUE(response.has_value()) << response.error().to_string();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, R"([{"uuid":"1"}])");
  EXPECT_EQ(response->header("content-type"), "application/json");
  EXPECT_EQ(response->header_values("link").size(), 2u);
  ASSERT_EQ(https.request_count(), 1u);
  const auto received = https.requests().at(0);
  EXPECT_EQ(received.method, "GET");
  EXPECT_EQ(received.header("Authorization"), "SSWS secret-token");
  EXPECT_EQ(received.target, "/api/v1/logs?filter=target.id+eq+%2200u%22&x=a%3Ab");
  EXPECT_EQ(received.param("x"), "a:b");
}

TEST(HttplibClient, LinkHeaderUrlsKeepTheirEscapes) {
  // cpp-httplib 0.11.4 decodes header values; the client re-encodes what a URI cannot hold.
  HttpsTestServer https;
  https.server().Get("/page", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Link",
                   "<https://o.example/l?filter=id+eq+%2200u%22&q=a%20b>; rel=\"next\"");
    res.set_header("X-Other", "plain value");
  });
  https.start();
  auto client = client_trusting(https.ca_file());
  auto response = client->send(get(https.base_url() + "/page"));
  ASSERT_TRUE(response.has_value()) << response.error().to_string();
  EXPECT_EQ(response->header("link"),
            "<https://o.example/l?filter=id+eq+%2200u%22&q=a%20b>; rel=\"next\"");
  EXPECT_EQ(response->header("x-other"), "plain value");
}

TEST(HttplibClient, ErrorStatusesAndRedirectsAreResponsesNotErrors) {
  HttpsTestServer https;
  https.server().Get("/missing", [](const httplib::Request&, httplib::Response& res) {
    res.status = 500;
    res.set_content("boom", "text/plain");
  });
  https.server().Get("/moved", [](const httplib::Request&, httplib::Response& res) {
    res.set_redirect("https://elsewhere.example/");
  });
  https.start();
  auto client = client_trusting(https.ca_file());
  auto error = client->send(get(https.base_url() + "/missing"));
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->status, 500);
  auto unknown = client->send(get(https.base_url() + "/nothing-here"));
  ASSERT_TRUE(unknown.has_value());
  EXPECT_EQ(unknown->status, 404);
  auto moved = client->send(get(https.base_url() + "/moved"));
  ASSERT_TRUE(moved.has_value());
  EXPECT_EQ(moved->status, 302);
  EXPECT_EQ(moved->header("Location"), "https://elsewhere.example/");
}

TEST(HttplibClient, PostsABody) {
  HttpsTestServer https;
  https.server().Post("/enqueue", [](const httplib::Request& req, httplib::Response& res) {
    res.status = 202;
    res.set_content(req.body, "application/json");
  });
  https.start();
  auto client = client_trusting(https.ca_file());
  HttpRequest request = get(https.base_url() + "/enqueue");
  request.method = "POST";
  request.headers = {{"Content-Type", "application/json"}};
  request.body = R"({"event_action":"trigger"})";
  auto response = client->send(request);
  ASSERT_TRUE(response.has_value()) << response.error().to_string();
  EXPECT_EQ(response->status, 202);
  EXPECT_EQ(response->body, request.body);
  EXPECT_EQ(https.requests().at(0).body, request.body);
}

TEST(HttplibClient, UntrustedCertificateIsUnavailable) {
  HttpsTestServer https;
  HttpsTestServer other;  // a different CA
  https.start();
  auto client = client_trusting(other.ca_file());
  auto response = client->send(get(https.base_url() + "/"));
  ASSERT_FALSE(response.has_value());
  EXPECT_EQ(response.error().code, ErrorCode::Unavailable);
  EXPECT_NE(response.error().message.find("TLS"), std::string::npos) << response.error().message;
  EXPECT_EQ(https.request_count(), 0u);
}

TEST(HttplibClient, LocalhostMatchesTheCertificateName) {
  HttpsTestServer https;  // the certificate names IP:127.0.0.1 and DNS:localhost
  https.start();
  auto client = client_trusting(https.ca_file());
  auto ok = client->send(get("https://localhost:" + std::to_string(https.port()) + "/"));
  ASSERT_TRUE(ok.has_value()) << ok.error().to_string();
  EXPECT_EQ(ok->status, 404);
}

TEST(HttplibClient, RefusedConnectionIsUnavailable) {
  int port = 0;
  {
    HttpsTestServer closed;  // bound, then released: nothing listens there any more
    port = closed.port();
  }
  auto client = client_trusting(HttpsTestServer().ca_file());
  auto response = client->send(get("https://127.0.0.1:" + std::to_string(port) + "/"));
  ASSERT_FALSE(response.has_value());
  EXPECT_EQ(response.error().code, ErrorCode::Unavailable) << response.error().to_string();
}

TEST(HttplibClient, SlowServerIsDeadlineExceeded) {
  HttpsTestServer https;
  std::atomic<bool> release{false};
  https.server().Get("/slow", [&](const httplib::Request&, httplib::Response& res) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!release && std::chrono::steady_clock::now() < give_up) {
      std::this_thread::sleep_for(milliseconds{10});
    }
    res.set_content("late", "text/plain");
  });
  https.start();
  auto client = client_trusting(https.ca_file());
  auto response = client->send(get(https.base_url() + "/slow", milliseconds{300}));
  release = true;
  ASSERT_FALSE(response.has_value());
  EXPECT_EQ(response.error().code, ErrorCode::DeadlineExceeded) << response.error().to_string();
}

TEST(HttplibClient, OversizedBodyIsUnavailable) {
  HttpsTestServer https;
  https.server().Get("/big", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(64 * 1024, 'x'), "text/plain");
  });
  https.server().Get("/small", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(1024, 'x'), "text/plain");
  });
  https.start();
  auto client = client_trusting(https.ca_file(), 4096);
  auto big = client->send(get(https.base_url() + "/big"));
  ASSERT_FALSE(big.has_value());
  EXPECT_EQ(big.error().code, ErrorCode::Unavailable);
  EXPECT_NE(big.error().message.find("response too large"), std::string::npos);
  auto small = client->send(get(https.base_url() + "/small"));
  ASSERT_TRUE(small.has_value());
  EXPECT_EQ(small->body.size(), 1024u);
}

TEST(HttplibClient, RefusesPlainHttpToRemoteHostsAndBadUrls) {
  auto client = client_trusting(HttpsTestServer().ca_file());
  for (const char* url : {"http://example.com/", "not a url", "ftp://example.com/"}) {
    auto response = client->send(get(url));
    ASSERT_FALSE(response.has_value()) << url;
    EXPECT_EQ(response.error().code, ErrorCode::InvalidArgument) << url;
  }
  HttpRequest odd = get("https://127.0.0.1:1/");
  odd.method = "BREW";
  EXPECT_EQ(client->send(odd).error().code, ErrorCode::InvalidArgument);
  HttpRequest injected = get("https://127.0.0.1:1/");
  injected.headers = {{"Authorization", "SSWS secret\r\nX-Evil: 1"}};
  auto refused = client->send(injected);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(refused.error().message.find("secret"), std::string::npos);
}

TEST(HttplibClient, MissingCaFileIsRefusedAtCreation) {
  HttplibClientOptions options;
  options.ca_file = "/nonexistent/ca.pem";
  auto client = HttplibClient::create(options);
  ASSERT_FALSE(client.has_value());
  EXPECT_EQ(client.error().code, ErrorCode::InvalidArgument);
}

TEST(HttplibClient, ConcurrentSendsFromManyThreads) {
  HttpsTestServer https;
  https.server().Get("/n/(\\d+)", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(req.matches[1].str(), "text/plain");
  });
  https.start();
  auto client = client_trusting(https.ca_file());
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i) {
        const std::string n = std::to_string(t * 10 + i);
        auto response = client->send(get(https.base_url() + "/n/" + n));
        if (response && response->body == n) ++ok;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ok.load(), 20);
}

}  // namespace
}  // namespace ec::net
