#include "plugin/net/httplib_client.h"

#include <httplib.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <string_view>

#include "plugin/net/url.h"

namespace ec::net {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr std::array<std::string_view, 6> kMethods = {"GET",   "POST",   "PUT",
                                                      "PATCH", "DELETE", "HEAD"};

// What the body receiver stopped for, if anything.
enum class Abort { None, TooLarge, Deadline };

std::string describe(httplib::Error error) {
  switch (error) {
    case httplib::Error::Connection:
      return "cannot connect";
    case httplib::Error::ConnectionTimeout:
      return "connect timed out";
    case httplib::Error::SSLConnection:
      return "TLS handshake failed";
    case httplib::Error::SSLLoadingCerts:
      return "cannot load the CA bundle";
    case httplib::Error::SSLServerVerification:
      return "TLS certificate verification failed";
    case httplib::Error::Read:
      return "connection closed or failed while reading the response";
    case httplib::Error::Write:
      return "connection closed or failed while sending the request";
    default:
      return "request failed (" + httplib::to_string(error) + ")";
  }
}

std::unique_ptr<httplib::ClientImpl> make_client(const Url& url,
                                                 const HttplibClientOptions& options,
                                                 milliseconds connect_timeout,
                                                 milliseconds read_timeout) {
  std::unique_ptr<httplib::ClientImpl> client;
  if (url.is_https()) {
    auto tls = std::make_unique<httplib::SSLClient>(url.host, url.port);
    tls->set_ca_cert_path(options.ca_file.c_str());
    tls->enable_server_certificate_verification(true);
    client = std::move(tls);
  } else {
    client = std::make_unique<httplib::ClientImpl>(url.host, url.port);
  }
  client->set_connection_timeout(connect_timeout);
  client->set_read_timeout(read_timeout);
  client->set_write_timeout(read_timeout);
  client->set_follow_location(false);
  client->set_url_encode(false);  // the URL is sent as written (paging links verbatim)
  client->set_keep_alive(false);
  return client;
}

// cpp-httplib 0.11.4 percent-decodes every response header value but Location, so a Link
// header's URLs arrive with %22, %3A, %20 ... turned back into '"', ':', ' '. Re-encode what
// cannot stand in a URI, inside each <...>. Reserved characters the server had escaped (%26,
// %2B, %3D) cannot be told apart and stay decoded; later httplib releases keep values verbatim.
std::string restore_link_header(const std::string& value) {
  std::string out;
  std::size_t pos = 0;
  while (pos < value.size()) {
    const auto open = value.find('<', pos);
    const auto close = open == std::string::npos ? open : value.find('>', open);
    if (close == std::string::npos) break;
    out.append(value, pos, open + 1 - pos);
    out += encode_non_uri_chars(std::string_view(value).substr(open + 1, close - open - 1));
    pos = close;
  }
  out.append(value, pos, std::string::npos);
  return out;
}

HttpResponse to_response(httplib::Response& res, std::string body) {
  HttpResponse out;
  out.status = res.status;
  out.headers.reserve(res.headers.size());
  for (auto& [name, value] : res.headers) {
    const httplib::detail::ci less;
    const bool link = !less(name, "link") && !less("link", name);
    out.headers.emplace_back(name, link ? restore_link_header(value) : value);
  }
  out.body = std::move(body);
  return out;
}

}  // namespace

Result<std::unique_ptr<HttplibClient>> HttplibClient::create(HttplibClientOptions options) {
  std::error_code ec;
  if (options.ca_file != kSystemCaBundle &&
      (!std::filesystem::is_regular_file(options.ca_file, ec) ||
       !std::ifstream(options.ca_file).good())) {
    return make_error(ErrorCode::InvalidArgument,
                      "CA file '" + options.ca_file + "' is not a readable file");
  }
  return std::unique_ptr<HttplibClient>(new HttplibClient(std::move(options)));
}

Result<HttpResponse> HttplibClient::send(const HttpRequest& request) {
  const std::string what = request.method + " " + request.url;
  auto url = parse_url(request.url);
  if (!url) return std::unexpected(url.error());
  if (!url->is_https() && !url->is_loopback()) {
    return make_error(ErrorCode::InvalidArgument,
                      what + ": plain http is only allowed to loopback hosts");
  }
  if (std::find(kMethods.begin(), kMethods.end(), request.method) == kMethods.end()) {
    return make_error(ErrorCode::InvalidArgument, what + ": unsupported method");
  }
  for (const auto& [name, value] : request.headers) {
    if (name.empty() || name.find_first_of("\r\n:") != std::string::npos ||
        value.find_first_of("\r\n") != std::string::npos) {
      return make_error(ErrorCode::InvalidArgument,
                        what + ": header '" + name + "' has a line break or bad name");
    }
  }
  const milliseconds timeout = std::max(request.timeout, milliseconds{1});
  const milliseconds connect_timeout = std::min(options_.connect_timeout, timeout);
  auto client = make_client(*url, options_, connect_timeout, timeout);

  httplib::Request req;
  req.method = request.method;
  req.path = url->target;
  for (const auto& [name, value] : request.headers) req.headers.emplace(name, value);
  req.body = request.body;
  std::string body;
  Abort abort = Abort::None;
  const auto start = Clock::now();
  const auto deadline = start + timeout;
  req.content_receiver = [&](const char* data, std::size_t length, std::uint64_t, std::uint64_t) {
    if (body.size() + length > options_.max_response_bytes) {
      abort = Abort::TooLarge;
      return false;
    }
    if (Clock::now() > deadline) {
      abort = Abort::Deadline;
      return false;
    }
    body.append(data, length);
    return true;
  };

  httplib::Response res;
  httplib::Error error = httplib::Error::Success;
  const bool ok = client->send(req, res, error);
  if (ok && error == httplib::Error::Success) return to_response(res, std::move(body));

  const auto elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
  if (abort == Abort::TooLarge) {
    return make_error(ErrorCode::Unavailable,
                      what + ": response too large (over " +
                          std::to_string(options_.max_response_bytes) + " bytes)");
  }
  const milliseconds budget =
      error == httplib::Error::Connection ? connect_timeout : timeout;
  if (abort == Abort::Deadline || error == httplib::Error::ConnectionTimeout ||
      elapsed * 10 >= budget * 9) {
    return make_error(ErrorCode::DeadlineExceeded,
                      what + ": timed out after " + std::to_string(elapsed.count()) + " ms");
  }
  std::string message = what + ": " + describe(error);
  if (error == httplib::Error::SSLServerVerification || error == httplib::Error::SSLLoadingCerts) {
    message += " (CA file " + options_.ca_file + ")";
  }
  return make_error(ErrorCode::Unavailable, std::move(message));
}

}  // namespace ec::net
