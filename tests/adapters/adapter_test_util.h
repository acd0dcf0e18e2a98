// Helpers shared by the adapter tests: the bundled scenario's config and a SourceContext for
// it, the contractor as a Subject, and evidence look-ups. Not thread-safe; test use only.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "plugin/core/evidence_source.h"
#include "tests/fakes/temp_dir.h"

namespace ec::adapters::testing {

inline nlohmann::json load_json(const std::filesystem::path& file) {
  return nlohmann::json::parse(ec::testing::read_file(file), nullptr, false);
}

// The "sources" block of a bundled scenario's config.json.
inline nlohmann::json scenario_sources(
    const std::string& scenario = "contractor_after_deprovision") {
  return load_json(ec::testing::scenario_dir(scenario) / "config.json").at("sources");
}

inline SourceContext context_for(const std::filesystem::path& base_dir, std::string label) {
  SourceContext context;
  context.base_dir = base_dir.string();
  context.label = std::move(label);
  return context;
}

// The contractor as Okta resolves him.
inline Subject contractor() {
  Subject s;
  s.id = "00uvN5sfRJXkWbFmgpsX";
  s.login = "dario.mq@contractors.brightwell.example";
  s.email = "dario.mq@contractors.brightwell.example";
  s.status = "DEPROVISIONED";
  s.deprovisioned_at = make_utc(2025, 3, 11, 16, 45, 12);
  return s;
}

inline const Evidence* find_request(const SourceReport& report, std::string_view request_id) {
  for (const auto& e : report.evidence) {
    if (e.request_id == request_id) return &e;
  }
  return nullptr;
}

inline const Evidence* find_origin(const SourceReport& report, std::string_view origin) {
  for (const auto& e : report.evidence) {
    if (e.origin == origin) return &e;
  }
  return nullptr;
}

inline std::string diagnostics_text(const SourceReport& report) {
  std::string out;
  for (const auto& d : report.diagnostics) out += d.location + ": " + d.message + "\n";
  return out;
}

}  // namespace ec::adapters::testing
