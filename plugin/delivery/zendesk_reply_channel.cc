#include "plugin/delivery/zendesk_reply_channel.h"

#include <cctype>

#include <nlohmann/json.hpp>

#include "plugin/core/hash.h"

namespace ec::delivery {
namespace {

using nlohmann::json;

Status status_error(const HttpResponse& response, const std::string& what) {
  const std::string where = "zendesk " + what + ": HTTP " + std::to_string(response.status);
  if (response.status == 429 || response.status >= 500) {
    return make_error(ErrorCode::Unavailable, where);
  }
  if (response.status == 401) return make_error(ErrorCode::Unauthenticated, where);
  if (response.status == 403) return make_error(ErrorCode::PermissionDenied, where);
  if (response.status == 404) return make_error(ErrorCode::NotFound, where);
  return make_error(ErrorCode::InvalidArgument, where);
}

bool is_ticket_id(std::string_view id) {
  if (id.empty() || id.size() > 20) return false;
  for (const char c : id) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

Result<HttpResponse> ZendeskReplyChannel::call(std::string method, const std::string& path,
                                               std::string body) {
  HttpRequest request;
  request.method = std::move(method);
  request.url = options_.base_url + path;
  request.headers = {{"Authorization", options_.email.empty()
                                           ? "Bearer " + options_.token
                                           : basic_authorization(options_.email + "/token",
                                                                 options_.token)},
                     {"Accept", "application/json"}};
  if (!body.empty()) request.headers.emplace_back("Content-Type", "application/json");
  request.body = std::move(body);
  request.timeout = options_.timeout;
  return http_.send(request);
}

Result<DeliveryReceipt> ZendeskReplyChannel::deliver(const OutboxMessage& message) {
  if (!is_ticket_id(message.recipient)) {
    return make_error(ErrorCode::InvalidArgument,
                      "zendesk reply: recipient must be a numeric ticket id, got '" +
                          message.recipient + "'");
  }
  const json::json_pointer text_ptr("/message/text");
  if (!message.payload.contains(text_ptr) || !message.payload.at(text_ptr).is_string()) {
    return make_error(ErrorCode::InvalidArgument, "zendesk reply: payload has no message.text");
  }
  const std::string text = message.payload.at(text_ptr).get<std::string>();
  const std::string ticket_path = "/api/v2/tickets/" + message.recipient;
  const std::string reference = "ticket " + message.recipient + " comment ";

  // Already there (a redelivery after a crash)? Newest comments first.
  auto listed = call("GET", ticket_path + "/comments.json?sort_order=desc&per_page=100", "");
  if (!listed) return std::unexpected(listed.error());
  if (listed->status != 200) return std::unexpected(status_error(*listed, "comments").error());
  const json comments = json::parse(listed->body, nullptr, false);
  if (comments.is_discarded() || !comments.contains("comments")) {
    return make_error(ErrorCode::InvalidArgument, "zendesk comments: not the Comments API shape");
  }
  for (const json& c : comments["comments"]) {
    if (c.value("public", false) && c.value("body", std::string()) == text) {
      return DeliveryReceipt{reference + std::to_string(c.value("id", 0LL))};
    }
  }
  const json update = {{"ticket", {{"comment", {{"body", text}, {"public", true}}}}}};
  auto updated = call("PUT", ticket_path + ".json",
                      canonical_json(update));
  if (!updated) return std::unexpected(updated.error());
  if (updated->status != 200) return std::unexpected(status_error(*updated, "ticket update").error());
  // The update's audit carries the new comment's id.
  const json answer = json::parse(updated->body, nullptr, false);
  long long comment_id = 0;
  if (!answer.is_discarded() && answer.contains("audit") && answer["audit"].contains("events")) {
    for (const json& e : answer["audit"]["events"]) {
      if (e.value("type", "") == "Comment") comment_id = e.value("id", 0LL);
    }
  }
  return DeliveryReceipt{reference + std::to_string(comment_id)};
}

}  // namespace ec::delivery
