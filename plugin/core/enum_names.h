// Table-driven conversion between enum values and their stable wire names (the strings stored
// in the database and printed in JSON). One table per enum, defined next to the enum's functions.
// Pure functions; thread-safe.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "plugin/core/result.h"

namespace ec::enum_names {

template <class Enum, std::size_t N>
using Table = std::array<std::pair<Enum, std::string_view>, N>;

template <class Enum, std::size_t N>
std::string_view name_of(const Table<Enum, N>& table, Enum value) {
  for (const auto& [known, name] : table) {
    if (known == value) return name;
  }
  return table[0].second;
}

// InvalidArgument listing the accepted names when `name` is not one of them.
template <class Enum, std::size_t N>
Result<Enum> parse(const Table<Enum, N>& table, std::string_view name, std::string_view what) {
  for (const auto& [value, known] : table) {
    if (known == name) return value;
  }
  std::string expected;
  for (const auto& entry : table) {
    if (!expected.empty()) expected += ", ";
    expected += entry.second;
  }
  return make_error(ErrorCode::InvalidArgument, "unknown " + std::string(what) + " '" +
                                                    std::string(name) + "' (expected " +
                                                    expected + ")");
}

}  // namespace ec::enum_names
