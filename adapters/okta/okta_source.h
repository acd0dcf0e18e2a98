// OktaSource: the Okta identity provider read from export files, a users file (JSON array of
// user objects, or JSON Lines) and a System Log file (JSON array page or JSON Lines, plain or
// gzip). It is both an EvidenceSource (kind "okta") and an IdentityDirectory.
// Users are loaded once at construction; the System Log is streamed on every collect().
// Not thread-safe; the caller owns the instance.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "plugin/core/evidence_source.h"

namespace ec::adapters::okta {

struct OktaFiles {
  std::filesystem::path users;       // resolved path of the users export
  std::filesystem::path system_log;  // resolved path of the System Log export
  std::string base_dir;              // for display paths in origins ("okta/system_log.jsonl:13")
  std::string label;                 // config key of the block ("sources.identity")
};

class OktaSource final : public EvidenceSource, public IdentityDirectory {
 public:
  // Reads the users file. InvalidArgument (naming "<label>.users") when it cannot be read or
  // holds no user objects.
  [[nodiscard]] static Result<std::unique_ptr<OktaSource>> load(OktaFiles files);

  // EvidenceSource
  std::string_view kind() const override { return "okta"; }
  // One identity.user record for the subject's user object (whatever the window), then every
  // System Log event in `window` that names the subject (names_subject = true) or is linked to
  // its activity (attributes.linked_by = session | transaction | client_app).
  Result<SourceReport> collect(const Subject& subject, const TimeWindow& window) override;

  // IdentityDirectory
  // Matches id, login or email (case-insensitive for login/email). NotFound when none matches;
  // InvalidArgument for an empty query.
  Result<Subject> resolve_subject(std::string_view login_email_or_id) override;

  std::size_t user_count() const { return users_.size(); }

 private:
  struct UserRecord {
    nlohmann::json value;
    std::string location;
    std::string content_hash;
  };
  explicit OktaSource(OktaFiles files) : files_(std::move(files)) {}
  const UserRecord* find_user(std::string_view query) const;
  [[nodiscard]] Status read_system_log(const Subject& subject, const TimeWindow& window,
                                       SourceReport& report) const;

  OktaFiles files_;
  std::vector<UserRecord> users_;
};

}  // namespace ec::adapters::okta
