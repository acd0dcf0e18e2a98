#include "adapters/entra_id/entra_source.h"

#include <algorithm>
#include <utility>

#include "adapters/common/config.h"
#include "adapters/common/file_list.h"
#include "adapters/common/json_fields.h"
#include "adapters/common/json_records.h"
#include "adapters/entra_id/entra_collector.h"
#include "adapters/entra_id/graph_records.h"
#include "plugin/core/hash.h"

namespace ec::adapters::entra_id {

Result<std::unique_ptr<EntraSource>> EntraSource::load(EntraFiles files) {
  std::unique_ptr<EntraSource> source(new EntraSource(std::move(files)));
  const std::string key = common::config_key(source->files_.label, "users");
  const std::string display = common::display_path(source->files_.users, source->files_.base_dir);
  common::ReportBuilder report(kSourceKind, key);
  const Status read = common::read_json_page_records(
      source->files_.users, display, "value", report, [&](const common::JsonRecord& record) {
        source->users_.push_back({record.value, record.location, sha256_hex(record.raw)});
      });
  if (!read) return std::unexpected(read.error().with_context(key));
  if (source->users_.empty()) {
    return make_error(ErrorCode::InvalidArgument,
                      key + ": no Microsoft Graph user objects in " + display);
  }
  return source;
}

std::string_view EntraSource::kind() const { return kSourceKind; }

const EntraSource::UserRecord* EntraSource::find_user(std::string_view query) const {
  for (const UserRecord& user : users_) {  // an exact id wins over a UPN or mail match
    if (common::get_string(user.value, {"id"}) == query) return &user;
  }
  for (const UserRecord& user : users_) {
    if (user_matches(user.value, query)) return &user;
  }
  return nullptr;
}

Status EntraSource::read_all(
    const std::filesystem::path& path, std::string_view key, common::ReportBuilder& report,
    const std::function<void(const nlohmann::json&, std::string, std::string)>& on_record) const {
  const std::string config_key = common::config_key(files_.label, key);
  auto files = common::list_source_files(path);
  if (!files) {
    return make_error(ErrorCode::InvalidArgument, config_key + ": " + files.error().message);
  }
  for (const auto& file : *files) {
    const std::string display = common::display_path(file, files_.base_dir);
    const Status read = common::read_json_page_records(
        file, display, "value", report, [&](const common::JsonRecord& record) {
          on_record(record.value, record.location, sha256_hex(record.raw));
        });
    if (!read && read.error().code != ErrorCode::DataLoss) {
      return std::unexpected(read.error().with_context(config_key));
    }
    if (!read) {
      report.mark_incomplete();
      report.note(display, read.error().message);
    }
  }
  return ok_status();
}

Result<Subject> EntraSource::resolve_subject(std::string_view login_email_or_id) {
  if (login_email_or_id.empty()) {
    return make_error(ErrorCode::InvalidArgument,
                      "subject: expected a userPrincipalName, mail or Entra object id");
  }
  const UserRecord* user = find_user(login_email_or_id);
  if (user == nullptr) {
    return make_error(ErrorCode::NotFound,
                      "no Entra ID user with id, userPrincipalName or mail '" +
                          std::string(login_email_or_id) + "' in " +
                          common::display_path(files_.users, files_.base_dir));
  }
  DeprovisionClock clock(common::get_string(user->value, {"id"}));
  common::ReportBuilder ignored(kSourceKind, files_.label);
  EC_RETURN_IF_ERROR(read_all(files_.directory_audits, "directory_audits", ignored,
                              [&](const nlohmann::json& audit, std::string, std::string) {
                                clock.add(audit);
                              }));
  return subject_from_user(user->value, clock.at());
}

Result<SourceReport> EntraSource::collect(const Subject& subject, const TimeWindow& window) {
  common::ReportBuilder report(kSourceKind, files_.label);
  if (const UserRecord* user = find_user(subject.id.empty() ? subject.login : subject.id)) {
    report.add(user_to_evidence(user->value, subject, user->location, user->content_hash));
  }
  EntraCollector collector(subject, window, report);
  EC_RETURN_IF_ERROR(read_all(files_.directory_audits, "directory_audits", report,
                              [&](const nlohmann::json& audit, std::string where,
                                  std::string hash) {
                                collector.add_audit(audit, std::move(where), std::move(hash));
                              }));
  EC_RETURN_IF_ERROR(read_all(files_.sign_ins, "sign_ins", report,
                              [&](const nlohmann::json& sign_in, std::string where,
                                  std::string hash) {
                                collector.add_sign_in(sign_in, std::move(where), std::move(hash));
                              }));
  SourceReport out = report.finish();
  std::stable_sort(out.evidence.begin(), out.evidence.end(),
                   [](const Evidence& a, const Evidence& b) { return a.time < b.time; });
  return out;
}

}  // namespace ec::adapters::entra_id
