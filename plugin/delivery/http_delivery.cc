#include "plugin/delivery/http_delivery.h"

#include <utility>

#include "plugin/core/utf8_text.h"

namespace ec::delivery {
namespace {

constexpr std::size_t kExcerptChars = 300;

std::string body_excerpt(std::string_view body) {
  std::string out;
  for (const char c : body.substr(0, kExcerptChars)) {
    out += (static_cast<unsigned char>(c) < 0x20) ? ' ' : c;
  }
  if (body.size() > kExcerptChars) out += "...";
  return out;
}

ErrorCode code_for_status(int status) {
  if (status == 408 || status == 429 || status >= 500) return ErrorCode::Unavailable;
  if (status == 401 || status == 403) return ErrorCode::PermissionDenied;
  return ErrorCode::InvalidArgument;
}

}  // namespace

std::string cut_utf8(std::string text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  return std::string(utf8_prefix(text, max_bytes > 3 ? max_bytes - 3 : 0)) + "...";
}

std::string mask_secrets(std::string text, std::initializer_list<std::string_view> secrets) {
  static constexpr std::string_view kMask = "[redacted]";
  for (const std::string_view secret : secrets) {
    if (secret.empty()) continue;
    for (auto at = text.find(secret); at != std::string::npos;
         at = text.find(secret, at + kMask.size())) {
      text.replace(at, secret.size(), kMask);
    }
  }
  return text;
}

Result<HttpResponse> check_delivery_response(std::string_view channel, const HttpRequest& request,
                                             Result<HttpResponse> exchange, Timestamp now,
                                             std::initializer_list<std::string_view> secrets) {
  const std::string where = std::string(channel) + ": " + request.method + " " + request.url;
  if (!exchange) {
    Error error = exchange.error();
    error.message = mask_secrets(where + ": " + error.message, secrets);
    return std::unexpected(std::move(error));
  }
  const int status = exchange->status;
  if (status >= 200 && status < 300) return std::move(*exchange);
  Error error{code_for_status(status),
              mask_secrets(where + " answered " + std::to_string(status) + ": " +
                               body_excerpt(exchange->body),
                           secrets)};
  if (error.code == ErrorCode::Unavailable) {
    error.retry_after = retry_after(*exchange, now).value_or(std::chrono::milliseconds(0));
  }
  return std::unexpected(std::move(error));
}

}  // namespace ec::delivery
