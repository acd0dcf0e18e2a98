#include "adapters/s3_access_log/s3_access_log_source.h"

#include <map>
#include <vector>

#include "adapters/common/config.h"
#include "adapters/common/file_list.h"
#include "adapters/common/line_reader.h"
#include "adapters/common/report_builder.h"
#include "adapters/s3_access_log/access_log_evidence.h"
#include "adapters/s3_access_log/access_log_line.h"

namespace ec::adapters::s3_access_log {
namespace {

// State of one collect() call shared across the files it reads.
struct Collection {
  const Subject& subject;
  const TimeWindow& window;
  common::ReportBuilder report;
  std::vector<Evidence> evidence;  // kept here until the end so duplicates can be annotated
  std::map<std::string, std::size_t, std::less<>> seen;  // dedupe key -> evidence index (or npos)
  std::int64_t duplicates = 0;
};

void handle_duplicate(Collection& c, std::size_t index) {
  ++c.duplicates;
  if (index == std::string::npos) return;  // the first copy was outside the window
  Evidence& evidence = c.evidence[index];
  evidence.attributes["duplicates"] = evidence.attributes.value("duplicates", 0) + 1;
}

void handle_line(Collection& c, std::string_view line, std::string location) {
  c.report.count_read();
  auto parsed = parse_access_log_line(line);
  if (!parsed) return c.report.skip(std::move(location), parsed.error().message);
  auto evidence = access_log_to_evidence(*parsed, location, line);
  if (!evidence) return c.report.skip(std::move(location), evidence.error().message);
  c.report.saw_time(evidence->time);
  const std::string key =
      evidence->request_id.empty() ? evidence->content_hash : evidence->request_id;
  if (const auto it = c.seen.find(key); it != c.seen.end()) return handle_duplicate(c, it->second);
  if (!c.window.contains(evidence->time)) {
    c.seen.emplace(key, std::string::npos);
    return;
  }
  evidence->names_subject = c.subject.matches(evidence->principal);
  c.seen.emplace(key, c.evidence.size());
  c.evidence.push_back(std::move(*evidence));
}

void read_file(Collection& c, const std::filesystem::path& file, const std::string& display) {
  auto reader = common::LineReader::open(file);
  if (!reader) {
    c.report.mark_incomplete();
    return c.report.note(display, reader.error().message);
  }
  std::string_view line;
  while ((*reader)->next(line)) {
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    handle_line(c, line, display + ":" + std::to_string((*reader)->line_number()));
  }
  if (!(*reader)->status()) {
    c.report.mark_incomplete();
    c.report.note(display + ":" + std::to_string((*reader)->line_number() + 1),
                  (*reader)->status().error().message);
  }
}

}  // namespace

std::string_view S3AccessLogSource::kind() const { return kSourceKind; }

Result<SourceReport> S3AccessLogSource::collect(const Subject& subject, const TimeWindow& window) {
  auto files = common::list_source_files(options_.path);
  if (!files) {
    return make_error(ErrorCode::InvalidArgument,
                      common::config_key(options_.label, "path") + ": " + files.error().message);
  }
  Collection c{subject, window, common::ReportBuilder(kSourceKind, options_.label), {}, {}, 0};
  for (const auto& file : *files) {
    read_file(c, file, common::display_path(file, options_.base_dir));
  }
  for (Evidence& e : c.evidence) c.report.add(std::move(e));
  if (c.duplicates > 0) {
    c.report.note(options_.label, std::to_string(c.duplicates) +
                                      " duplicate records merged (same request id delivered "
                                      "more than once)");
  }
  return c.report.finish();
}

}  // namespace ec::adapters::s3_access_log
