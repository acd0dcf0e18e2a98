#include "plugin/core/reveal.h"

#include <cctype>

namespace ec {

Status check_reveal(const Case& c, const std::string& actor, const std::string& placeholder,
                    const std::string& reason) {
  if (actor != c.lead) {
    return make_error(ErrorCode::PermissionDenied,
                      "only the case's assigned lead (" + c.lead + ") can reveal a value; " +
                          actor + " is not the lead");
  }
  const bool shaped = placeholder.size() > 2 && placeholder.front() == '<' &&
                      placeholder.back() == '>' &&
                      placeholder.find('_') != std::string::npos;
  if (!shaped) {
    return make_error(ErrorCode::InvalidArgument,
                      "expected a placeholder like <EMAIL_1>, got '" + placeholder + "'");
  }
  bool has_text = false;
  for (const char ch : reason) {
    if (std::isspace(static_cast<unsigned char>(ch)) == 0) has_text = true;
  }
  if (!has_text) {
    return make_error(ErrorCode::InvalidArgument,
                      "revealing " + placeholder + " needs a reason; it is recorded in the audit trail");
  }
  return ok_status();
}

}  // namespace ec
