// EntraSource: Microsoft Entra ID read from export files in Graph's own shapes: users (a page
// {"value": [...]}, a JSON array, JSON Lines, or one user object), directory audits and sign-ins
// (each a file or a folder of such files, plain or gzip; interactive and non-interactive
// sign-in exports may sit side by side). Both an EvidenceSource (kind "entra_id") and an
// IdentityDirectory: the deprovisioning time comes from the audits (DeprovisionClock), since the
// Graph user object carries no status-change time. Users are loaded once; audits and sign-ins
// are streamed on every call. Not thread-safe; the caller owns the instance.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "adapters/common/report_builder.h"
#include "plugin/core/evidence_source.h"

namespace ec::adapters::entra_id {

struct EntraFiles {
  std::filesystem::path users;             // resolved file
  std::filesystem::path directory_audits;  // resolved file or folder
  std::filesystem::path sign_ins;          // resolved file or folder
  std::string base_dir;                    // for display paths in origins
  std::string label;                       // config key of the block ("sources.identity")
};

class EntraSource final : public EvidenceSource, public IdentityDirectory {
 public:
  // Reads the users file. InvalidArgument (naming "<label>.users") when it cannot be read or
  // holds no user objects.
  [[nodiscard]] static Result<std::unique_ptr<EntraSource>> load(EntraFiles files);

  std::string_view kind() const override;
  // The subject's identity.user record, then its directory audits and sign-ins in `window`.
  // InvalidArgument when an audit or sign-in file cannot be opened or is not JSON at all;
  // a truncated gzip file marks the report incomplete and keeps what was read.
  Result<SourceReport> collect(const Subject& subject, const TimeWindow& window) override;
  // Matches id, userPrincipalName or mail; deprovisioned_at from the audits. NotFound when no
  // user matches; InvalidArgument for an empty query or an unreadable audits file.
  Result<Subject> resolve_subject(std::string_view login_email_or_id) override;

 private:
  struct UserRecord {
    nlohmann::json value;
    std::string location;
    std::string content_hash;
  };
  explicit EntraSource(EntraFiles files) : files_(std::move(files)) {}
  const UserRecord* find_user(std::string_view query) const;
  // Calls `on_record` for every record of every file under `path` (config key `key`).
  [[nodiscard]] Status read_all(const std::filesystem::path& path, std::string_view key,
                                common::ReportBuilder& report,
                                const std::function<void(const nlohmann::json&, std::string,
                                                         std::string)>& on_record) const;

  EntraFiles files_;
  std::vector<UserRecord> users_;
};

}  // namespace ec::adapters::entra_id
