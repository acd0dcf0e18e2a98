#include "plugin/copilot/redact_json.h"

namespace ec::copilot {

nlohmann::json redact_json(const nlohmann::json& value, Redactor& redactor) {
  if (value.is_string()) return redactor.redact(value.get<std::string>());
  if (value.is_array() || value.is_object()) {
    nlohmann::json copy = value;
    for (auto& item : copy) item = redact_json(item, redactor);
    return copy;
  }
  return value;
}

}  // namespace ec::copilot
