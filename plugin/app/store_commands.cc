// `audit verify` and `timeline export`: read-only views of a database file.
#include <filesystem>
#include <iostream>

#include "plugin/app/commands.h"
#include "plugin/app/timeline.h"
#include "plugin/store/audit_verify.h"
#include "plugin/store/sqlite_store.h"

namespace ec::app {

int run_audit_verify(const std::filesystem::path& db, std::ostream& out, std::ostream& err) {
  auto verification = store::verify_audit(db.string());
  if (!verification) {
    err << "audit verify: " << db.string() << ": " << verification.error().message << "\n";
    return verification.error().code == ErrorCode::DataLoss ? 1 : 2;
  }
  out << "audit chain intact: " << verification->records << " records, head "
      << verification->head_hash << "\n";
  return 0;
}

int run_timeline_export(const TimelineOptions& options, std::ostream& out, std::ostream& err) {
  if (!std::filesystem::exists(options.db)) {
    err << "timeline export: " << options.db.string() << ": no such database file\n";
    return 2;
  }
  const auto verification = store::verify_audit(options.db.string());
  auto store = store::SqliteStore::open(options.db);
  if (!store) {
    err << "timeline export: " << options.db.string() << ": " << store.error().message << "\n";
    return 2;
  }
  auto tx = (*store)->begin();
  if (!tx) {
    err << "timeline export: " << tx.error().message << "\n";
    return 3;
  }
  auto timeline = load_timeline(**tx, options.case_id, verification);
  if (!timeline) {
    err << "timeline export: " << options.db.string() << ": case " << options.case_id << ": "
        << timeline.error().message << "\n";
    return 2;
  }
  if (options.format == "json") {
    out << timeline->dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else if (options.format == "html") {
    out << render_timeline_html(*timeline);
  } else {
    out << render_timeline_markdown(*timeline);
  }
  return 0;
}

}  // namespace ec::app
