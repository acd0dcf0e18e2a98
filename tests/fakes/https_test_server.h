// HttpsTestServer: a real HTTPS server on 127.0.0.1 (port 0) for tests of anything that talks
// HTTP through ec::HttpClient (Okta, Slack, PagerDuty, Jira, LLM providers). At construction it
// generates a throw-away CA and a server certificate for IP:127.0.0.1 and DNS:localhost (EC
// P-256, OpenSSL C API), writes them as PEM to a TempDir, and binds httplib::SSLServer. Trust
// it by giving ca_file() to the client (HttplibClientOptions::ca_file).
//
//   HttpsTestServer https;
//   https.server().Get("/api/v1/users/(.*)", [](const httplib::Request& req, httplib::Response& res) {
//     res.set_content(R"({"id":"00u1"})", "application/json");
//   });
//   https.start();  // after registering handlers: httplib's routing tables are not locked
//   ... client.send({.url = https.base_url() + "/api/v1/users/00u1"}) ...
//   EXPECT_EQ(https.requests().at(0).header("Authorization"), "SSWS test-token");
//
// Handlers run on httplib's worker threads; requests() and request_count() are thread-safe.
// The destructor stops the server, joins its thread and frees the port (even if never started,
// so a destroyed fixture's port refuses connections). Setup failures throw (test code only).
#pragma once

#include <httplib.h>

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "tests/fakes/temp_dir.h"

namespace ec::testing {

// One request as the server received it, recorded before its response was written.
struct RecordedRequest {
  std::string method;
  std::string path;    // decoded path, no query: "/api/v1/logs"
  std::string target;  // path and query as sent: "/api/v1/logs?since=...%3A..."
  std::vector<std::pair<std::string, std::string>> params;   // decoded query parameters
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // First value of a header (case-insensitive) or of a query parameter, or nullopt.
  std::optional<std::string> header(std::string_view name) const;
  std::optional<std::string> param(std::string_view name) const;
};

// A CA plus a leaf certificate it signed, as PEM files.
struct TestCertificates {
  std::filesystem::path ca_file;    // the CA certificate: what clients trust
  std::filesystem::path cert_file;  // server certificate (SAN IP:127.0.0.1, DNS:localhost)
  std::filesystem::path key_file;   // server private key
};

// Generates a fresh CA and server certificate into `dir`. Throws std::runtime_error on failure.
TestCertificates generate_test_certificates(const std::filesystem::path& dir);

class HttpsTestServer {
 public:
  // Generates certificates and binds 127.0.0.1 on a free port; not yet serving (see start()).
  HttpsTestServer();
  ~HttpsTestServer();
  HttpsTestServer(const HttpsTestServer&) = delete;
  HttpsTestServer& operator=(const HttpsTestServer&) = delete;

  // Register handlers here before start(). Unmatched paths answer 404.
  httplib::Server& server() { return *server_; }
  // Starts serving on a background thread and returns once the server is running.
  void start();

  std::string base_url() const { return "https://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }
  const std::filesystem::path& ca_file() const { return certs_.ca_file; }
  const std::filesystem::path& dir() const { return dir_.path(); }

  std::vector<RecordedRequest> requests() const;
  std::size_t request_count() const;

 private:
  TempDir dir_;
  TestCertificates certs_;
  std::unique_ptr<httplib::SSLServer> server_;
  int port_ = 0;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<RecordedRequest> requests_;  // guarded by mutex_
};

}  // namespace ec::testing
