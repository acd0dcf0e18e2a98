// The "slack" block of the config and the Slack secrets from the environment. Read once at
// start; immutable afterwards and safe to share. A missing signing secret or bot token disables
// the Slack surface (with a reason for the log line); there is no unsigned mode.
//
//   "slack": { "api_base_url": "https://slack.com/api", "ca_file": "certs/ca.pem",
//              "response_url_prefix": "https://hooks.slack.com/",
//              "signing_secret_env": "SLACK_SIGNING_SECRET", "bot_token_env": "SLACK_BOT_TOKEN",
//              "security_channel": "C0SECURITY", "customer_channel": "file",
//              "max_body_bytes": 65536, "workers": 4, "worker_nice": 10, "job_lease_seconds": 300,
//              "intake_poll_ms": 500, "max_job_attempts": 3, "intake_group_commit": true }
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "plugin/app/config.h"
#include "plugin/core/result.h"

namespace ec::app {

struct SlackSettings {
  bool enabled = false;
  std::string disabled_reason;           // why, when not enabled (names the env var, not values)
  std::string api_base_url = "https://slack.com/api";
  std::string ca_file;                   // empty: the system bundle
  std::string response_url_prefix = "https://hooks.slack.com/";
  std::string signing_secret_env = "SLACK_SIGNING_SECRET";
  std::string bot_token_env = "SLACK_BOT_TOKEN";
  std::string signing_secret;            // never logged
  std::string bot_token;                 // never logged
  std::string command = "/escalation";
  std::string security_channel;          // where security escalations are announced
  std::string customer_channel = "file"; // outbox channel of approved customer updates
  std::size_t max_body_bytes = 64 * 1024;
  int workers = 4;                       // intake worker threads of this replica
  int worker_nice = 10;                  // added to their nice value (IntakeWorkerOptions::nice)
  int job_lease_seconds = 300;           // a claimed job whose owner died is run again after it
  int intake_poll_ms = 500;              // idle workers look for other replicas' jobs this often
  int max_job_attempts = 3;              // a job claimed this often without finishing is failed
  bool intake_group_commit = true;       // one writer batches intake inserts (intake_writer.h)
};

// Reads config.raw["slack"] (absent: defaults) and the two secrets through `secret`.
// InvalidArgument naming the field ("config.json: slack.workers: expected 1..64") when malformed.
[[nodiscard]] Result<SlackSettings> load_slack_settings(const Config& config,
                                                        const SecretLookup& secret);

// The process environment as a SecretLookup.
SecretLookup environment_secrets();

}  // namespace ec::app
