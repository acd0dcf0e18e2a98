// Durable intake: a verified inbound chat request (slash command, interaction, event) stored as a
// job before the platform gets its acknowledgement, so that a job whose process dies before or
// while it runs is not lost. Jobs are claimed with an owner and a lease (several replicas sharing
// one database each claim different jobs; a job whose owner died is claimed again once its lease
// ends) and marked done. The de-duplication key (Slack's event_id, a button's action ts, ...)
// makes a redelivery store no second job. Plain data; thread-safe as values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "plugin/core/result.h"
#include "plugin/core/time.h"

namespace ec {

enum class IntakeState { Pending, Running, Done, Failed };
std::string_view intake_state_name(IntakeState state);
[[nodiscard]] Result<IntakeState> parse_intake_state(std::string_view name);

struct IntakeJob {
  std::int64_t id = 0;          // assigned by the store
  std::string platform;         // "slack", "mattermost"
  std::string kind;             // platform-defined: "command", "interaction", "event"
  std::string dedup_key;        // unique per platform; a redelivery carries the same key
  std::string payload;          // the raw request body, already verified
  IntakeState state = IntakeState::Pending;
  std::string owner;            // who claimed it last (a replica's worker id)
  std::optional<Timestamp> lease_until;
  int attempts = 0;             // claims so far
  Timestamp received_at{};
  std::optional<Timestamp> finished_at;
};

}  // namespace ec
