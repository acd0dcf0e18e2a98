#include "adapters/common/json_fields.h"

#include "plugin/core/hash.h"

namespace ec::adapters::common {

const nlohmann::json* find_path(const nlohmann::json& value,
                                std::initializer_list<std::string_view> path) {
  const nlohmann::json* current = &value;
  for (const std::string_view key : path) {
    if (!current->is_object()) return nullptr;
    const auto it = current->find(key);
    if (it == current->end()) return nullptr;
    current = &*it;
  }
  return current;
}

std::string get_string(const nlohmann::json& value, std::initializer_list<std::string_view> path) {
  const nlohmann::json* found = find_path(value, path);
  if (found == nullptr || !found->is_string()) return {};
  return found->get<std::string>();
}

std::string get_id(const nlohmann::json& value, std::initializer_list<std::string_view> path) {
  const nlohmann::json* found = find_path(value, path);
  if (found == nullptr) return {};
  if (found->is_string()) return found->get<std::string>();
  if (found->is_number_integer()) return found->dump();
  return {};
}

std::optional<std::int64_t> get_int(const nlohmann::json& value,
                                    std::initializer_list<std::string_view> path) {
  const nlohmann::json* found = find_path(value, path);
  if (found == nullptr || !found->is_number_integer()) return std::nullopt;
  return found->get<std::int64_t>();
}

std::optional<Timestamp> get_time(const nlohmann::json& value,
                                  std::initializer_list<std::string_view> path) {
  const nlohmann::json* found = find_path(value, path);
  if (found == nullptr || !found->is_string()) return std::nullopt;
  auto parsed = parse_rfc3339(found->get_ref<const std::string&>());
  if (!parsed) return std::nullopt;
  return *parsed;
}

std::string scalar_text(const nlohmann::json& value) {
  if (value.is_null()) return {};
  if (value.is_string()) return value.get<std::string>();
  if (value.is_array()) {
    std::string out;
    for (const auto& item : value) {
      if (!out.empty()) out.push_back(' ');
      out += scalar_text(item);
    }
    return out;
  }
  return canonical_json(value);
}

}  // namespace ec::adapters::common
