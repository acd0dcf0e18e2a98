#include "adapters/okta/okta_source.h"

#include <algorithm>
#include <utility>

#include "adapters/common/config.h"
#include "adapters/common/json_fields.h"
#include "adapters/common/json_records.h"
#include "adapters/common/report_builder.h"
#include "adapters/okta/log_collector.h"
#include "adapters/okta/okta_user.h"
#include "plugin/core/hash.h"

namespace ec::adapters::okta {

Result<std::unique_ptr<OktaSource>> OktaSource::load(OktaFiles files) {
  std::unique_ptr<OktaSource> source(new OktaSource(std::move(files)));
  const std::string key = common::config_key(source->files_.label, "users");
  const std::string display = common::display_path(source->files_.users, source->files_.base_dir);
  common::ReportBuilder report("okta", key);
  const Status read = common::read_json_records(
      source->files_.users, display, report, [&](const common::JsonRecord& record) {
        source->users_.push_back({record.value, record.location, sha256_hex(record.raw)});
      });
  if (!read) return std::unexpected(read.error().with_context(key));
  if (source->users_.empty()) {
    return make_error(ErrorCode::InvalidArgument, key + ": no Okta user objects in " + display);
  }
  return source;
}

const OktaSource::UserRecord* OktaSource::find_user(std::string_view query) const {
  for (const UserRecord& user : users_) {  // an exact id wins over a login or email match
    if (common::get_string(user.value, {"id"}) == query) return &user;
  }
  for (const UserRecord& user : users_) {
    if (user_matches(user.value, query)) return &user;
  }
  return nullptr;
}

Result<Subject> OktaSource::resolve_subject(std::string_view login_email_or_id) {
  if (login_email_or_id.empty()) {
    return make_error(ErrorCode::InvalidArgument, "subject: expected a login, email or Okta id");
  }
  const UserRecord* user = find_user(login_email_or_id);
  if (user == nullptr) {
    return make_error(ErrorCode::NotFound, "no Okta user with id, login or email '" +
                                               std::string(login_email_or_id) + "' in " +
                                               common::display_path(files_.users, files_.base_dir));
  }
  return subject_from_user(user->value);
}

Result<SourceReport> OktaSource::collect(const Subject& subject, const TimeWindow& window) {
  SourceReport report;
  report.source = "okta";
  report.label = files_.label;
  const UserRecord* user = find_user(subject.id.empty() ? subject.login : subject.id);
  if (user != nullptr) {
    report.evidence.push_back(user_to_evidence(user->value, user->location, user->content_hash));
  }
  EC_RETURN_IF_ERROR(read_system_log(subject, window, report));
  std::stable_sort(report.evidence.begin(), report.evidence.end(),
                   [](const Evidence& a, const Evidence& b) { return a.time < b.time; });
  return report;
}

Status OktaSource::read_system_log(const Subject& subject, const TimeWindow& window,
                                   SourceReport& out) const {
  const std::string display = common::display_path(files_.system_log, files_.base_dir);
  common::ReportBuilder report("okta", files_.label);
  SystemLogCollector collector(subject, window, report);
  const Status read = common::read_json_records(
      files_.system_log, display, report, [&](const common::JsonRecord& record) {
        collector.add(record.value, record.location, sha256_hex(record.raw));
      });
  if (!read && read.error().code != ErrorCode::DataLoss) {
    return std::unexpected(
        read.error().with_context(common::config_key(files_.label, "system_log")));
  }
  if (!read) {
    report.mark_incomplete();
    report.note(display, read.error().message);
  }
  collector.finish();
  SourceReport log = report.finish();
  for (Evidence& e : log.evidence) out.evidence.push_back(std::move(e));
  out.diagnostics = std::move(log.diagnostics);
  out.records_read = log.records_read;
  out.records_skipped = log.records_skipped;
  out.complete = log.complete;
  out.coverage_begin = log.coverage_begin;
  out.coverage_end = log.coverage_end;
  return ok_status();
}

}  // namespace ec::adapters::okta
