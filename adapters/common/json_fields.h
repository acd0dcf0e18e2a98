// Non-throwing accessors for untrusted JSON records: a missing key, a null or a value of the
// wrong type reads as "absent" instead of throwing (nlohmann's at()/get() throw).
// Pure functions; thread-safe. Returned pointers point into the given value.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "plugin/core/time.h"

namespace ec::adapters::common {

// The value at a path of object keys, or nullptr when any step is missing or not an object.
const nlohmann::json* find_path(const nlohmann::json& value,
                                std::initializer_list<std::string_view> path);

// The string at `path`, or "" when absent, null or not a string.
std::string get_string(const nlohmann::json& value, std::initializer_list<std::string_view> path);

// A string or integer id rendered as text ("48213" for 48213 or "48213"); "" when absent.
std::string get_id(const nlohmann::json& value, std::initializer_list<std::string_view> path);

std::optional<std::int64_t> get_int(const nlohmann::json& value,
                                    std::initializer_list<std::string_view> path);

// An RFC 3339 time at `path`; nullopt when absent or not a valid time.
std::optional<Timestamp> get_time(const nlohmann::json& value,
                                  std::initializer_list<std::string_view> path);

// Any scalar or array as display text: strings as is, numbers and bools printed, arrays joined
// with single spaces (Zendesk tags), null as "".
std::string scalar_text(const nlohmann::json& value);

}  // namespace ec::adapters::common
