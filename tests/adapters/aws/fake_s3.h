// FakeS3: one bucket served path-style on an HttpsTestServer, for the AWS sources' live tests.
// Every request's SigV4 Authorization is VERIFIED: the fake recomputes the signature from the
// request as received (method, raw path and query, the signed headers, x-amz-content-sha256)
// with its own copy of the secret; a mismatch answers 403 SignatureDoesNotMatch and is counted
// (signature_failures()), so a client signing with the wrong secret fails. ListObjectsV2 pages
// of page_size keys (prefix, start-after, continuation-token, IsTruncated), GetObject with the
// stored bytes, and injected faults: one 503 SlowDown, 403 AccessDenied or 404 NoSuchKey for
// chosen keys, 403 on listing. Thread-safe (handlers run on httplib's pool); configure before
// start().
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "tests/fakes/https_test_server.h"

namespace ec::adapters::aws::testing {

class FakeS3 {
 public:
  FakeS3(std::string bucket, std::string access_key_id, std::string secret,
         std::string session_token = "");

  void put(const std::string& key, std::string bytes) { objects_[key] = std::move(bytes); }
  void set_page_size(std::size_t n) { page_size_ = n; }
  // The next request for `key` (or the next listing when key is "") answers 503 SlowDown once.
  void slow_down_once(const std::string& key) { slow_once_.insert(key); }
  // Listed, but GetObject answers 403 AccessDenied.
  void deny(const std::string& key) { denied_.insert(key); }
  // Listed, but GetObject answers 404 NoSuchKey (deleted between listing and reading).
  void vanish(const std::string& key) { vanished_.insert(key); }
  void deny_listing() { deny_listing_ = true; }

  void start();
  std::string base_url() const { return https_.base_url(); }
  const std::filesystem::path& ca_file() const { return https_.ca_file(); }
  std::vector<ec::testing::RecordedRequest> requests() const { return https_.requests(); }
  int signature_failures() const { return signature_failures_.load(); }
  std::string last_signature_problem() const;
  // Keys fetched with GetObject (successfully or not), in order.
  std::vector<std::string> fetched() const;

 private:
  void handle(const httplib::Request& req, httplib::Response& res);
  // "" when the signature verifies, else what is wrong.
  std::string verify(const httplib::Request& req) const;
  void list(const httplib::Request& req, httplib::Response& res);
  bool take_slow_down(const std::string& key);

  ec::testing::HttpsTestServer https_;
  std::string bucket_;
  std::string access_key_id_;
  std::string secret_;
  std::string session_token_;
  std::map<std::string, std::string> objects_;
  std::size_t page_size_ = 1000;
  std::set<std::string> denied_;
  std::set<std::string> vanished_;
  bool deny_listing_ = false;
  mutable std::mutex mutex_;
  std::set<std::string> slow_once_;   // guarded by mutex_
  std::vector<std::string> fetched_;  // guarded by mutex_
  std::string last_problem_;          // guarded by mutex_
  std::atomic<int> signature_failures_{0};
};

// gzip of `text` (one member), as S3 and CloudTrail deliver log files.
std::string gzip(std::string_view text);

}  // namespace ec::adapters::aws::testing
