#include "tests/fakes/https_test_server.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>

namespace ec::testing {
namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct X509Free {
  void operator()(X509* p) const { X509_free(p); }
};
struct BioFree {
  void operator()(BIO* p) const { BIO_free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test certificates: ") + what);
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

PkeyPtr make_key() {
  PkeyPtr key(EVP_EC_gen("P-256"));
  check(key != nullptr, "EVP_EC_gen");
  return key;
}

void add_extension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  check(ext != nullptr, "X509V3_EXT_conf_nid");
  const int added = X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  check(added == 1, "X509_add_ext");
}

// A certificate for `key` named CN=`common_name`, valid from an hour ago for a day, with a
// random serial; issuer fields are set by the caller.
X509Ptr make_certificate(EVP_PKEY* key, const std::string& common_name) {
  X509Ptr cert(X509_new());
  check(cert != nullptr, "X509_new");
  check(X509_set_version(cert.get(), 2) == 1, "X509_set_version");
  unsigned char serial[16];
  check(RAND_bytes(serial, sizeof serial) == 1, "RAND_bytes");
  serial[0] &= 0x7F;  // positive
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  check(bn != nullptr && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get())) != nullptr,
        "serial");
  BN_free(bn);
  check(X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) != nullptr, "notBefore");
  check(X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600) != nullptr, "notAfter");
  check(X509_set_pubkey(cert.get(), key) == 1, "X509_set_pubkey");
  X509_NAME* name = X509_get_subject_name(cert.get());
  check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char*>(common_name.c_str()),
                                   -1, -1, 0) == 1,
        "subject name");
  return cert;
}

void write_pem(const std::filesystem::path& path, X509* cert, EVP_PKEY* key) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new_file(path.c_str(), "w"));
  check(bio != nullptr, "BIO_new_file");
  if (cert != nullptr) check(PEM_write_bio_X509(bio.get(), cert) == 1, "PEM_write_bio_X509");
  if (key != nullptr) {
    check(PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
          "PEM_write_bio_PrivateKey");
  }
}

std::string random_suffix() {
  unsigned char bytes[4];
  check(RAND_bytes(bytes, sizeof bytes) == 1, "RAND_bytes");
  char text[9];
  std::snprintf(text, sizeof text, "%02x%02x%02x%02x", bytes[0], bytes[1], bytes[2], bytes[3]);
  return text;
}

RecordedRequest record(const httplib::Request& req) {
  RecordedRequest r;
  r.method = req.method;
  r.path = req.path;
  r.target = req.target;
  for (const auto& [key, value] : req.params) r.params.emplace_back(key, value);
  for (const auto& [key, value] : req.headers) r.headers.emplace_back(key, value);
  r.body = req.body;
  return r;
}

}  // namespace

std::optional<std::string> RecordedRequest::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return value;
  }
  return std::nullopt;
}

std::optional<std::string> RecordedRequest::param(std::string_view name) const {
  for (const auto& [key, value] : params) {
    if (key == name) return value;
  }
  return std::nullopt;
}

TestCertificates generate_test_certificates(const std::filesystem::path& dir) {
  const std::string suffix = random_suffix();
  PkeyPtr ca_key = make_key();
  X509Ptr ca = make_certificate(ca_key.get(), "escalation-copilot test CA " + suffix);
  check(X509_set_issuer_name(ca.get(), X509_get_subject_name(ca.get())) == 1, "CA issuer");
  add_extension(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE");
  add_extension(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
  add_extension(ca.get(), ca.get(), NID_subject_key_identifier, "hash");
  check(X509_sign(ca.get(), ca_key.get(), EVP_sha256()) > 0, "sign CA");

  PkeyPtr key = make_key();
  X509Ptr cert = make_certificate(key.get(), "localhost");
  check(X509_set_issuer_name(cert.get(), X509_get_subject_name(ca.get())) == 1, "issuer");
  add_extension(cert.get(), ca.get(), NID_basic_constraints, "critical,CA:FALSE");
  add_extension(cert.get(), ca.get(), NID_key_usage, "critical,digitalSignature");
  add_extension(cert.get(), ca.get(), NID_ext_key_usage, "serverAuth");
  add_extension(cert.get(), ca.get(), NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost");
  add_extension(cert.get(), ca.get(), NID_authority_key_identifier, "keyid:always");
  check(X509_sign(cert.get(), ca_key.get(), EVP_sha256()) > 0, "sign server certificate");

  TestCertificates out{dir / "ca.pem", dir / "server.pem", dir / "server.key"};
  write_pem(out.ca_file, ca.get(), nullptr);
  write_pem(out.cert_file, cert.get(), nullptr);
  write_pem(out.key_file, nullptr, key.get());
  return out;
}

HttpsTestServer::HttpsTestServer() : certs_(generate_test_certificates(dir_.path())) {
  server_ = std::make_unique<httplib::SSLServer>(certs_.cert_file.c_str(),
                                                 certs_.key_file.c_str());
  if (!server_->is_valid()) throw std::runtime_error("HttpsTestServer: invalid TLS setup");
  server_->set_post_routing_handler([this](const httplib::Request& req, httplib::Response&) {
    RecordedRequest r = record(req);
    std::lock_guard lock(mutex_);
    requests_.push_back(std::move(r));
  });
  port_ = server_->bind_to_any_port("127.0.0.1");
  if (port_ <= 0) throw std::runtime_error("HttpsTestServer: cannot bind 127.0.0.1");
}

void HttpsTestServer::start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!server_->is_running()) {
    if (std::chrono::steady_clock::now() > give_up) {
      throw std::runtime_error("HttpsTestServer: server did not start");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

HttpsTestServer::~HttpsTestServer() {
  // httplib's stop() only closes the socket of a running server: run it so the port is freed.
  if (!thread_.joinable()) start();
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

std::vector<RecordedRequest> HttpsTestServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

std::size_t HttpsTestServer::request_count() const {
  std::lock_guard lock(mutex_);
  return requests_.size();
}

}  // namespace ec::testing
