// The "zendesk" block's outbound part: where approved customer updates are posted as public
// ticket comments (delivery::ZendeskReplyChannel). Read once by `serve`.
//
//   "zendesk": { "base_url": "https://acme.zendesk.com", "email": "agent@acme.com",
//                "token_env": "ZENDESK_API_TOKEN", "ca_file": "certs/ca.pem" }
//
// Without base_url the channel is not configured; without the token in the environment it is
// disabled with a reason for the log line (never unauthenticated).
#pragma once

#include <optional>
#include <string>

#include "plugin/app/config.h"
#include "plugin/app/slack_settings.h"
#include "plugin/core/result.h"
#include "plugin/delivery/zendesk_reply_channel.h"

namespace ec::app {

struct ZendeskReplySettings {
  bool enabled = false;
  std::string disabled_reason;
  std::string ca_file;                 // empty: the system bundle
  delivery::ZendeskReplyOptions options;
};

// InvalidArgument naming "zendesk.<key>" for a malformed block.
[[nodiscard]] Result<ZendeskReplySettings> load_zendesk_reply_settings(const Config& config,
                                                                       const SecretLookup& secret);

}  // namespace ec::app
