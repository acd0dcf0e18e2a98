#include "plugin/platforms/slack/block_kit_limits.h"

namespace ec::platforms::slack {
namespace {

using nlohmann::json;
using L = BlockKitLimits;

std::string text_of(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object() && v.contains("text") && v["text"].is_string()) {
    return v["text"].get<std::string>();
  }
  return {};
}

class Checker {
 public:
  Status length(const json& parent, const char* key, std::size_t max, const std::string& where) {
    if (!parent.is_object() || !parent.contains(key)) return ok_status();
    const std::size_t n = char_count(text_of(parent[key]));
    if (n > max) return too_long(where + "." + key, n, max);
    return ok_status();
  }
  Status count(std::size_t n, std::size_t max, const std::string& where) {
    if (n > max) return too_long(where, n, max);
    return ok_status();
  }

 private:
  static Status too_long(const std::string& where, std::size_t n, std::size_t max) {
    return make_error(ErrorCode::InvalidArgument,
                      where + ": " + std::to_string(n) + " > " + std::to_string(max));
  }
};

Status check_confirm(Checker& k, const json& confirm, const std::string& where) {
  EC_RETURN_IF_ERROR(k.length(confirm, "title", L::kConfirmTitle, where));
  EC_RETURN_IF_ERROR(k.length(confirm, "text", L::kConfirmText, where));
  EC_RETURN_IF_ERROR(k.length(confirm, "confirm", L::kConfirmButton, where));
  return k.length(confirm, "deny", L::kConfirmButton, where);
}

Status check_element(Checker& k, const json& e, const std::string& where) {
  if (!e.is_object()) return ok_status();
  EC_RETURN_IF_ERROR(k.length(e, "action_id", L::kId, where));
  const std::string type = e.value("type", "");
  if (type == "button") {
    EC_RETURN_IF_ERROR(k.length(e, "text", L::kButtonText, where));
    EC_RETURN_IF_ERROR(k.length(e, "value", L::kButtonValue, where));
    if (e.contains("confirm")) {
      EC_RETURN_IF_ERROR(check_confirm(k, e["confirm"], where + ".confirm"));
    }
  }
  if (type == "plain_text_input") {
    EC_RETURN_IF_ERROR(k.length(e, "initial_value", L::kPlainTextInput, where));
    if (e.contains("max_length") && e["max_length"].is_number_unsigned()) {
      EC_RETURN_IF_ERROR(k.count(e["max_length"].get<std::size_t>(), L::kPlainTextInput,
                                 where + ".max_length"));
    }
  }
  return ok_status();
}

Status check_block(Checker& k, const json& b, const std::string& where) {
  if (!b.is_object()) {
    return make_error(ErrorCode::InvalidArgument, where + ": not an object");
  }
  EC_RETURN_IF_ERROR(k.length(b, "block_id", L::kId, where));
  const std::string type = b.value("type", "");
  if (type == "header") return k.length(b, "text", L::kHeaderText, where);
  if (type == "section") {
    EC_RETURN_IF_ERROR(k.length(b, "text", L::kSectionText, where));
    if (b.contains("fields")) {
      EC_RETURN_IF_ERROR(k.count(b["fields"].size(), L::kSectionFields, where + ".fields"));
      for (std::size_t i = 0; i < b["fields"].size(); ++i) {
        EC_RETURN_IF_ERROR(k.count(char_count(text_of(b["fields"][i])), L::kFieldText,
                                   where + ".fields[" + std::to_string(i) + "]"));
      }
    }
    if (b.contains("accessory")) {
      EC_RETURN_IF_ERROR(check_element(k, b["accessory"], where));
    }
    return ok_status();
  }
  if (type == "context") {
    const json& elements = b.value("elements", json::array());
    EC_RETURN_IF_ERROR(k.count(elements.size(), L::kContextElements, where + ".elements"));
    for (std::size_t i = 0; i < elements.size(); ++i) {
      EC_RETURN_IF_ERROR(k.count(char_count(text_of(elements[i])), L::kContextText,
                                 where + ".elements[" + std::to_string(i) + "]"));
    }
    return ok_status();
  }
  if (type == "actions") {
    const json& elements = b.value("elements", json::array());
    EC_RETURN_IF_ERROR(k.count(elements.size(), L::kActionsElements, where + ".elements"));
    for (std::size_t i = 0; i < elements.size(); ++i) {
      EC_RETURN_IF_ERROR(check_element(k, elements[i], where + ".elements[" + std::to_string(i) + "]"));
    }
    return ok_status();
  }
  if (type == "input") {
    EC_RETURN_IF_ERROR(k.length(b, "label", L::kInputLabel, where));
    EC_RETURN_IF_ERROR(k.length(b, "hint", L::kInputHint, where));
    if (b.contains("element")) {
      EC_RETURN_IF_ERROR(check_element(k, b["element"], where + ".element"));
    }
  }
  return ok_status();
}

}  // namespace

Status check_block_kit_limits(const json& message_or_view, BlockSurface surface) {
  Checker k;
  const json* blocks = &message_or_view;
  if (message_or_view.is_object()) {
    if (surface == BlockSurface::Modal) {
      EC_RETURN_IF_ERROR(k.length(message_or_view, "title", L::kViewTitle, "view"));
      EC_RETURN_IF_ERROR(k.length(message_or_view, "submit", L::kViewTitle, "view"));
      EC_RETURN_IF_ERROR(k.length(message_or_view, "close", L::kViewTitle, "view"));
      EC_RETURN_IF_ERROR(k.length(message_or_view, "private_metadata", L::kPrivateMetadata, "view"));
      EC_RETURN_IF_ERROR(k.length(message_or_view, "callback_id", L::kId, "view"));
    } else {
      EC_RETURN_IF_ERROR(k.length(message_or_view, "text", L::kMessageText, "message"));
    }
    if (!message_or_view.contains("blocks")) return ok_status();
    blocks = &message_or_view["blocks"];
  }
  if (!blocks->is_array()) return make_error(ErrorCode::InvalidArgument, "blocks: not an array");
  const std::size_t max = surface == BlockSurface::Modal ? L::kModalBlocks : L::kMessageBlocks;
  EC_RETURN_IF_ERROR(k.count(blocks->size(), max, "blocks"));
  for (std::size_t i = 0; i < blocks->size(); ++i) {
    EC_RETURN_IF_ERROR(check_block(k, (*blocks)[i], "blocks[" + std::to_string(i) + "]"));
  }
  return ok_status();
}

}  // namespace ec::platforms::slack
