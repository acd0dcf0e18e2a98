// ZendeskReplyChannel ("zendesk_reply"): delivers an approved customer update as a public
// comment on the helpdesk ticket through the Zendesk Tickets API
// (PUT {base_url}/api/v2/tickets/{id}.json with {"ticket":{"comment":{"body":...,"public":true}}}).
// The recipient is the ticket id; the text is payload.message.text (make_outbox_message_for_draft).
//
// Exactly once: before updating, the ticket's newest comments are read
// (GET .../comments.json?sort_order=desc) and when a public comment with exactly this body is
// there, its id is returned and nothing is written. A crash after Zendesk accepted the comment
// but before the outbox recorded it therefore still yields one public reply.
// Auth: "email/token:<api token>" as HTTP Basic when `email` is set, else the token as an OAuth
// Bearer token. Errors: 429/5xx/network -> Unavailable (retried by the worker); 401/403 ->
// Unauthenticated/PermissionDenied; 404 -> NotFound; other 4xx -> InvalidArgument (permanent).
// Thread-safe: no mutable state; the HttpClient is shared and thread-safe. Never logs the token.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "plugin/core/http_client.h"
#include "plugin/core/outbox.h"

namespace ec::delivery {

inline constexpr std::string_view kZendeskReplyChannelName = "zendesk_reply";

struct ZendeskReplyOptions {
  std::string base_url;   // "https://acme.zendesk.com", no trailing slash
  std::string email;      // agent email for API-token auth; empty: OAuth bearer token
  std::string token;      // never logged
  std::chrono::milliseconds timeout{15'000};
};

class ZendeskReplyChannel final : public OutboundChannel {
 public:
  ZendeskReplyChannel(HttpClient& http, ZendeskReplyOptions options)
      : http_(http), options_(std::move(options)) {}

  std::string_view name() const override { return kZendeskReplyChannelName; }
  // The receipt's reference is "ticket <id> comment <comment id>".
  Result<DeliveryReceipt> deliver(const OutboxMessage& message) override;

 private:
  [[nodiscard]] Result<HttpResponse> call(std::string method, const std::string& path,
                                          std::string body);

  HttpClient& http_;
  const ZendeskReplyOptions options_;
};

}  // namespace ec::delivery
