// Reads one platform block of the config ("slack", "mattermost", ...): optional string and
// integer fields, each error an InvalidArgument naming the file and the field
// ("config.json: mattermost.workers: expected an integer in 1..64"), and config-relative paths.
// Shared by the platform settings loaders. Not thread-safe (a loader owns its reader).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "plugin/app/config.h"
#include "plugin/core/result.h"

namespace ec::app {

class ConfigBlock {
 public:
  // `name` is the top-level key; an absent block reads as empty (present() is false).
  ConfigBlock(const Config& config, std::string name);

  // InvalidArgument when the block is present but not an object.
  [[nodiscard]] Status check_object() const;
  bool present() const { return present_; }
  bool has(const char* key) const { return block_.is_object() && block_.contains(key); }

  // Leaves `out` as it is when the key is absent; a present key must be a non-empty string.
  [[nodiscard]] Status read_string(const char* key, std::string& out) const;
  // Leaves `out` as it is when the key is absent; a present key must be an integer in min..max.
  [[nodiscard]] Status read_int(const char* key, long min, long max, long& out) const;
  // Leaves `out` as it is when the key is absent; a present key must be true or false.
  [[nodiscard]] Status read_bool(const char* key, bool& out) const;
  // An https:// URL (trailing slashes dropped) when present.
  [[nodiscard]] Status read_https_url(const char* key, std::string& out) const;

  std::unexpected<Error> error(const std::string& field, const std::string& what) const;
  // `path` relative to the config file's folder (unchanged when absolute or empty).
  std::string resolve_path(const std::string& path) const;

 private:
  const Config& config_;
  const std::string name_;
  nlohmann::json block_;
  bool present_ = false;
};

}  // namespace ec::app
