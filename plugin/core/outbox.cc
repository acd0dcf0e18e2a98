#include "plugin/core/outbox.h"

#include "plugin/core/enum_names.h"
#include "plugin/core/hash.h"

namespace ec {
namespace {

constexpr enum_names::Table<OutboxState, 3> kStates{{
    {OutboxState::Pending, "pending"},
    {OutboxState::Delivered, "delivered"},
    {OutboxState::Failed, "failed"},
}};

}  // namespace

std::string_view outbox_state_name(OutboxState state) {
  return enum_names::name_of(kStates, state);
}
Result<OutboxState> parse_outbox_state(std::string_view name) {
  return enum_names::parse(kStates, name, "outbox state");
}

Result<OutboxMessage> make_outbox_message_for_draft(const Case& c, const DraftVersion& version,
                                                    const std::vector<Approval>& approvals,
                                                    const std::string& sender, std::string channel,
                                                    std::string recipient,
                                                    const nlohmann::json& rendered,
                                                    Timestamp now) {
  auto approval = check_sendable(c, version, approvals, sender);
  if (!approval) return std::unexpected(approval.error());
  OutboxMessage message;
  message.case_id = version.case_id;
  message.channel = std::move(channel);
  message.recipient = std::move(recipient);
  message.idempotency_key = sha256_hex(version.case_id + "\n" + version.draft_id + "\n" +
                                       std::to_string(version.version) + "\n" +
                                       version.content_hash + "\n" + message.channel + "\n" +
                                       message.recipient);
  message.payload = {
      {"draft_id", version.draft_id},
      {"kind", draft_kind_name(version.kind)},
      {"version", version.version},
      {"content_hash", version.content_hash},
      {"approved_by", approval->approver},
      {"approved_at", format_rfc3339(approval->approved_at)},
      {"message", rendered},
  };
  message.created_at = now;
  return message;
}

}  // namespace ec
