// The "mattermost" block of the config and the Mattermost secrets from the environment. Read
// once at start; immutable afterwards and safe to share. The surface is off without the block;
// with it, a missing command token, bot token or action secret disables it (with a reason for
// the log line naming the variable); there is no unverified mode.
//
//   "mattermost": { "api_base_url": "https://chat.example.com",
//                   "public_base_url": "https://copilot.example.com", "ca_file": "certs/ca.pem",
//                   "command_token_env": "MATTERMOST_COMMAND_TOKEN",
//                   "bot_token_env": "MATTERMOST_BOT_TOKEN",
//                   "action_secret_env": "MATTERMOST_ACTION_SECRET",
//                   "command": "/escalation", "security_channel": "<channel id>",
//                   "customer_channel": "file", "max_body_bytes": 65536, "workers": 4,
//                   "worker_nice": 10 }
#pragma once

#include <cstddef>
#include <string>

#include "plugin/app/config.h"
#include "plugin/core/result.h"

namespace ec::app {

struct MattermostSettings {
  bool enabled = false;
  std::string disabled_reason;             // names the block or env var, never a value
  std::string api_base_url;                // the Mattermost server (REST API and hooks)
  std::string public_base_url;             // this service as Mattermost reaches it
  std::string ca_file;                     // empty: the system bundle
  std::string command_token_env = "MATTERMOST_COMMAND_TOKEN";
  std::string bot_token_env = "MATTERMOST_BOT_TOKEN";
  std::string action_secret_env = "MATTERMOST_ACTION_SECRET";
  std::string command_token;               // never logged
  std::string bot_token;                   // never logged
  std::string action_secret;               // never logged; keys the button/dialog HMACs
  std::string command = "/escalation";
  std::string security_channel;            // channel id for security announcements; empty: none
  std::string customer_channel = "file";   // outbox channel of approved customer updates
  std::size_t max_body_bytes = 64 * 1024;
  int workers = 4;  // intake worker threads of this replica for Mattermost jobs
  int worker_nice = 10;  // added to their nice value (IntakeWorkerOptions::nice)

  std::string actions_url() const { return public_base_url + "/mattermost/actions"; }
  std::string dialogs_url() const { return public_base_url + "/mattermost/dialogs"; }
  // Only response_urls under this prefix are answered (a forged one cannot redirect our POST).
  std::string response_url_prefix() const { return api_base_url + "/hooks/commands/"; }
};

// Reads config.raw["mattermost"] and the three secrets through `secret`. InvalidArgument naming
// the field ("config.json: mattermost.api_base_url: expected an https:// URL") when malformed.
[[nodiscard]] Result<MattermostSettings> load_mattermost_settings(const Config& config,
                                                                  const SecretLookup& secret);

}  // namespace ec::app
