#include "plugin/app/slack_responder.h"

#include <spdlog/spdlog.h>

#include "plugin/core/hash.h"

namespace ec::app {

SlackResponder::SlackResponder(delivery::SlackWebApi& api, Store& store, const Clock& clock,
                               std::string url_prefix)
    : api_(api), budget_(store, clock, std::move(url_prefix)) {}

Status SlackResponder::reply(const SlackReplyTarget& target, nlohmann::json message) {
  if (!message.contains("response_type")) message["response_type"] = "ephemeral";
  if (take_use(target.response_url)) {
    auto posted = api_.post_response_url(target.response_url, message);
    if (posted) return posted;
    spdlog::warn("slack: response_url failed ({}); using the Web API", posted.error().message);
  }
  if (target.channel.empty()) {
    return make_error(ErrorCode::FailedPrecondition, "slack reply: no channel to post to");
  }
  const bool ephemeral = message["response_type"] == "ephemeral";
  message.erase("response_type");
  message.erase("replace_original");
  message.erase("delete_original");
  if (ephemeral && !target.user.empty()) {
    auto posted = api_.post_ephemeral(target.channel, target.user, std::move(message));
    if (!posted) return std::unexpected(posted.error());
    return ok_status();
  }
  auto posted = api_.post_message(target.channel, std::move(message));
  if (!posted) return std::unexpected(posted.error());
  return ok_status();
}

}  // namespace ec::app
