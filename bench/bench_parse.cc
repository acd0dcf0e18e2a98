// ec-bench-parse: times the real adapters over a dataset written by ec-bench-generate and
// checks that the planted post-deprovisioning downloads are found.
//   --mode parse    S3: stream every line through the line parser (for_each_record) and count
//                   presigned 200s that used one of the subject's URLs after deprovisioning.
//   --mode stream   S3: stream and convert every line to Evidence (the collect() conversion)
//                   into one reused Evidence, keep only the records correlation could attribute
//                   to the subject (the subject as requester, or a presign join to one of the
//                   subject's URLs), then correlate them with the identity and product-log
//                   evidence. --hash all (default) hashes every line as collect() does;
//                   --hash kept hashes only the records kept.
//   --mode collect  S3 (or --source cloudtrail): the EvidenceSource::collect() path analyze
//                   uses, which materializes every record, then correlate everything.
// Prints a human line and one "BENCH {json}" line for bench/run.sh. One mode per process, so
// the peak RSS figures belong to that mode alone; --repeat N reruns a streaming mode and reports
// the run with the least CPU time. EC_BENCH_NO_CORRELATE=1 skips correlation (for profiling).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugin/core/correlation.h"
#include "plugin/core/hash.h"

#include "adapters/common/report_builder.h"
#include "adapters/common/time_formats.h"
#include "adapters/product_access_log/console_event.h"
#include "adapters/registry.h"
#include "adapters/s3_access_log/access_log_evidence.h"
#include "adapters/s3_access_log/access_log_reader.h"
#include "adapters/s3_access_log/presigned_query.h"

#include "bench/process_stats.h"

namespace fs = std::filesystem;
namespace s3 = ec::adapters::s3_access_log;

namespace ec::bench {
namespace {

struct Args {
  fs::path data;
  std::string mode = "stream";
  std::string source = "s3";
  int repeat = 1;        // streaming modes: runs, fastest reported
  bool hash_all = true;  // stream: content_hash for every line (as collect()) or kept ones only
};

// What the case needs besides the storage logs: the subject, identity and product-log evidence
// about the subject, and the planted accesses to look for.
struct CaseContext {
  Subject subject;
  std::vector<Evidence> evidence;
  std::vector<SourceReport> reports;
  CorrelationOptions options;
  std::set<std::pair<std::string, std::int64_t>> subject_urls;  // (access key id, X-Amz-Date)
  std::set<std::string> planted;                                // request ids
};

struct Figures {
  std::string tool;
  std::int64_t events = 0;
  std::uint64_t bytes = 0;
  double seconds = 0;      // wall clock
  double cpu_seconds = 0;  // user + system
  std::int64_t phase_peak_kib = 0;
  std::size_t kept = 0;
  double correlate_seconds = 0;
  std::size_t found = 0;
  std::size_t extra = 0;  // matches that were not planted (should be 0)
  std::string note;
};

nlohmann::json read_json(const fs::path& file) {
  std::ifstream in(file);
  return nlohmann::json::parse(in, nullptr, false);
}

SourceContext context_for(const Args& args, std::string label) {
  SourceContext context;
  context.base_dir = args.data.string();
  context.label = std::move(label);
  return context;
}

Result<BuiltSource> build_source(const nlohmann::json& block, const Args& args, std::string label) {
  static const SourceRegistry registry = [] {
    SourceRegistry r;
    adapters::register_builtin_sources(r);
    return r;
  }();
  return registry.build(block, context_for(args, std::move(label)));
}

std::int64_t seconds_of(const std::optional<Timestamp>& t) { return t ? to_unix_seconds(*t) : -1; }

// The subject's console rows (a full product-log read keeps every agent's presigns; the subject's
// are all attribution needs).
Status load_console(const Args& args, CaseContext& ctx) {
  std::ifstream in(args.data / "console" / "access.jsonl");
  if (!in) return make_error(ErrorCode::NotFound, "console/access.jsonl missing");
  SourceReport report;
  report.source = adapters::product_access_log::kSourceKind;
  report.label = "sources.access[0]";
  std::string line;
  std::int64_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    ++report.records_read;
    if (line.find(ctx.subject.id) == std::string::npos &&
        line.find(ctx.subject.login) == std::string::npos) {
      continue;
    }
    const auto row = nlohmann::json::parse(line, nullptr, false);
    auto e = adapters::product_access_log::row_to_evidence(
        row, "support-attachments", "console/access.jsonl:" + std::to_string(number),
        sha256_hex(line));
    if (!e) continue;
    e->names_subject = adapters::product_access_log::row_names_subject(row, ctx.subject);
    if (!e->names_subject) continue;
    if (e->kind == evidence_kind::kAppPresign) {
      ctx.subject_urls.emplace(e->credential_id, seconds_of(e->credential_issued_at));
    }
    ctx.evidence.push_back(std::move(*e));
  }
  ctx.reports.push_back(std::move(report));
  return ok_status();
}

Result<CaseContext> load_case(const Args& args) {
  const auto config = read_json(args.data / "config.json");
  const auto planted = read_json(args.data / "planted.json");
  if (config.is_discarded() || planted.is_discarded()) {
    return make_error(ErrorCode::InvalidArgument, "config.json or planted.json unreadable");
  }
  CaseContext ctx;
  auto identity = build_source(config["sources"]["identity"], args, "sources.identity");
  if (!identity) return std::unexpected(identity.error());
  auto subject = identity->identity->resolve_subject(config["case"]["subject"].get<std::string>());
  if (!subject) return std::unexpected(subject.error());
  ctx.subject = *subject;
  auto okta = identity->evidence->collect(ctx.subject, TimeWindow{});
  if (!okta) return std::unexpected(okta.error());
  for (Evidence& e : okta->evidence) ctx.evidence.push_back(std::move(e));
  okta->evidence.clear();
  ctx.reports.push_back(std::move(*okta));
  EC_RETURN_IF_ERROR(load_console(args, ctx));
  for (const auto& p : config["correlation"]["service_principals"]) {
    ctx.options.service_principals.push_back(p.get<std::string>());
  }
  for (const auto& p : planted["planted"]) ctx.planted.insert(p["request_id"].get<std::string>());
  return ctx;
}

// Correlates the case context with the storage evidence and counts the planted accesses found
// as attributed post-deprovisioning access.
void correlate_and_count(CaseContext& ctx, std::vector<Evidence> storage,
                         std::vector<SourceReport> storage_reports, Figures& f) {
  if (std::getenv("EC_BENCH_NO_CORRELATE") != nullptr) return;  // for profiling the read alone
  const Stopwatch watch;
  std::vector<Evidence> all;
  all.reserve(ctx.evidence.size() + storage.size());
  all = ctx.evidence;
  for (Evidence& e : storage) all.push_back(std::move(e));
  storage.clear();
  storage.shrink_to_fit();
  assign_evidence_ids(all);
  std::vector<SourceReport> reports = ctx.reports;
  for (SourceReport& r : storage_reports) reports.push_back(std::move(r));
  const Correlation c = correlate(ctx.subject, all, reports, ctx.options);
  std::map<std::string, const Evidence*> by_id;
  for (const Evidence& e : all) by_id.emplace(e.id, &e);
  std::set<std::string> found;
  for (const AttributedAccess& a : c.post_deprovision_access) {
    const Evidence* e = by_id[a.evidence_id];
    if (e == nullptr || e->kind != evidence_kind::kObjectAccess) continue;
    if (ctx.planted.contains(e->request_id)) {
      found.insert(e->request_id);
    } else {
      ++f.extra;
    }
  }
  f.found = found.size();
  f.correlate_seconds = watch.seconds();
}

std::uint64_t folder_bytes(const fs::path& dir) {
  std::uint64_t total = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file(ec)) total += entry.file_size(ec);
  }
  return total;
}

Status s3_parse(const Args& args, CaseContext& ctx, Figures& f) {
  const Timestamp after = *ctx.subject.deprovisioned_at;
  std::set<std::string> found;
  adapters::common::ReportBuilder report(s3::kSourceKind, "bench");
  const PhasePeak peak;
  const Stopwatch watch;
  EC_RETURN_IF_ERROR(s3::for_each_record(
      args.data / "s3", args.data.string(), report, [&](const s3::AccessLogRecord& r) {
        ++f.events;
        if (r.line.get(s3::Field::AuthenticationType) != "QueryString" ||
            r.line.get(s3::Field::HttpStatus) != "200") {
          return;
        }
        const auto url = s3::parse_presigned_query(r.line.get(s3::Field::RequestUri));
        if (!ctx.subject_urls.contains({url.access_key_id, seconds_of(url.signed_at)})) return;
        const auto time = adapters::common::parse_access_log_time(r.line.get(s3::Field::Time));
        if (!time || *time <= after) return;
        const std::string id(r.line.get(s3::Field::RequestId));
        if (ctx.planted.contains(id)) {
          found.insert(id);
        } else {
          ++f.extra;
        }
      }));
  f.seconds = watch.seconds();
  f.cpu_seconds = watch.cpu_seconds();
  f.phase_peak_kib = peak.peak_kib();
  f.found = found.size();
  return ok_status();
}

bool relevant_to_subject(const Evidence& e, const CaseContext& ctx) {
  if (e.names_subject) return true;
  return e.auth == AuthMethod::PresignedUrl &&
         ctx.subject_urls.contains({e.credential_id, seconds_of(e.credential_issued_at)});
}

Status s3_stream(const Args& args, CaseContext& ctx, Figures& f) {
  std::vector<Evidence> kept;
  adapters::common::ReportBuilder report(s3::kSourceKind, "sources.attachments[0]");
  const PhasePeak peak;
  const Stopwatch watch;
  // One scratch Evidence and origin buffer for every line; a record that is kept is copied out.
  Evidence scratch;
  std::string origin;
  const auto hash = args.hash_all ? s3::ContentHash::Compute : s3::ContentHash::Deferred;
  EC_RETURN_IF_ERROR(s3::for_each_record(
      args.data / "s3", args.data.string(), report, [&](const s3::AccessLogRecord& r) {
        origin.assign(r.file).push_back(':');
        origin.append(std::to_string(r.line_number));
        if (!s3::access_log_to_evidence_into(r.line, origin, r.raw, hash, scratch)) return;
        ++f.events;
        report.saw_time(scratch.time);
        scratch.names_subject = ctx.subject.matches(scratch.principal);
        if (!relevant_to_subject(scratch, ctx)) return;
        if (!args.hash_all) s3::set_content_hash(r.raw, scratch);
        kept.push_back(scratch);
      }));
  f.seconds = watch.seconds();
  f.cpu_seconds = watch.cpu_seconds();
  f.kept = kept.size();
  std::vector<SourceReport> reports;
  reports.push_back(report.finish());
  correlate_and_count(ctx, std::move(kept), std::move(reports), f);
  f.phase_peak_kib = peak.peak_kib();
  return ok_status();
}

Status collect_source(const Args& args, CaseContext& ctx, const nlohmann::json& block, Figures& f) {
  auto source = build_source(block, args, "sources.attachments[0]");
  if (!source) return std::unexpected(source.error());
  const PhasePeak peak;
  const Stopwatch watch;
  auto report = source->evidence->collect(ctx.subject, TimeWindow{});
  if (!report) return std::unexpected(report.error());
  f.seconds = watch.seconds();
  f.cpu_seconds = watch.cpu_seconds();
  f.phase_peak_kib = peak.peak_kib();  // the read alone; the process peak adds correlation
  f.events = report->records_read;
  f.kept = report->evidence.size();
  std::vector<Evidence> evidence = std::move(report->evidence);
  report->evidence.clear();
  std::vector<SourceReport> reports;
  reports.push_back(std::move(*report));
  correlate_and_count(ctx, std::move(evidence), std::move(reports), f);
  return ok_status();
}

void print(const Figures& f, std::size_t planted) {
  const auto per = [&](double seconds) {
    return seconds > 0 ? static_cast<double>(f.events) / seconds : 0.0;
  };
  std::printf(
      "%-24s %9lld events  wall %7.3f s = %9.0f/s  cpu %7.3f s = %9.0f/s  %6.1f MB/s  "
      "peak RSS %7.1f MiB (read %7.1f)  FOUND %zu/%zu%s\n",
      f.tool.c_str(), static_cast<long long>(f.events), f.seconds, per(f.seconds), f.cpu_seconds,
      per(f.cpu_seconds), f.seconds > 0 ? static_cast<double>(f.bytes) / 1e6 / f.seconds : 0,
      static_cast<double>(peak_rss_kib()) / 1024.0, static_cast<double>(f.phase_peak_kib) / 1024.0,
      f.found, planted, f.extra > 0 ? " (plus unexpected matches)" : "");
  if (f.correlate_seconds > 0) {
    std::printf("  then correlate %zu kept records: %.3f s\n", f.kept, f.correlate_seconds);
  }
  const nlohmann::json line = {{"tool", f.tool},
                               {"events", f.events},
                               {"bytes", f.bytes},
                               {"seconds", f.seconds},
                               {"cpu_seconds", f.cpu_seconds},
                               {"events_per_s", per(f.seconds)},
                               {"events_per_cpu_s", per(f.cpu_seconds)},
                               {"peak_rss_kib", peak_rss_kib()},
                               {"phase_peak_rss_kib", f.phase_peak_kib},
                               {"kept", f.kept},
                               {"correlate_seconds", f.correlate_seconds},
                               {"found", f.found},
                               {"planted", planted},
                               {"unexpected", f.extra}};
  std::printf("BENCH %s\n", line.dump().c_str());
  std::fflush(stdout);
}

int run(const Args& args) {
  auto ctx = load_case(args);
  if (!ctx) {
    std::cerr << "ec-bench-parse: " << ctx.error().to_string() << "\n";
    return 1;
  }
  Figures f;
  Status status;
  if (args.source == "cloudtrail") {
    f.tool = "ours cloudtrail " + args.mode;
    f.bytes = folder_bytes(args.data / "cloudtrail");
    if (args.mode != "collect") {
      std::cout << "cloudtrail: only --mode collect is benchmarked (no streaming API)\n";
      return 0;
    }
#ifdef EC_BENCH_HAVE_CLOUDTRAIL
    status = collect_source(args, *ctx, {{"kind", "cloudtrail"}, {"path", "cloudtrail/"}}, f);
#else
    std::cout << "cloudtrail: adapter not built\n";
    return 0;
#endif
  } else {
    f.tool = "ours s3 " + args.mode + (args.mode == "stream" && !args.hash_all ? " hash-kept" : "");
    f.bytes = folder_bytes(args.data / "s3");
    if (args.mode == "parse" || args.mode == "stream") {
      // Streaming runs hold nothing, so they can be repeated; the fastest (by CPU time) is
      // reported, which filters out noise from other processes on the machine.
      const Figures base = f;
      for (int i = 0; i < args.repeat && status; ++i) {
        Figures run = base;
        status = args.mode == "parse" ? s3_parse(args, *ctx, run) : s3_stream(args, *ctx, run);
        if (i == 0 || run.cpu_seconds < f.cpu_seconds || run.found < f.found) f = run;
      }
    } else {
      status = collect_source(args, *ctx, {{"kind", "s3_access_log"}, {"path", "s3/"}}, f);
    }
  }
  if (!status) {
    std::cerr << "ec-bench-parse: " << status.error().to_string() << "\n";
    return 1;
  }
  print(f, ctx->planted.size());
  return f.found == ctx->planted.size() ? 0 : 3;
}

}  // namespace
}  // namespace ec::bench

int main(int argc, char** argv) {
  ec::bench::Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const std::string value = i + 1 < argc ? argv[i + 1] : "";
    if (arg == "--data") {
      args.data = value;
    } else if (arg == "--mode") {
      args.mode = value;
    } else if (arg == "--source") {
      args.source = value;
    } else if (arg == "--hash") {
      args.hash_all = value != "kept";
    } else if (arg == "--repeat") {
      args.repeat = std::max(1, std::atoi(value.c_str()));
    } else {
      std::cerr << "usage: ec-bench-parse --data DIR [--mode parse|stream|collect] "
                   "[--source s3|cloudtrail] [--repeat N] [--hash all|kept]\n";
      return 2;
    }
    ++i;
  }
  if (args.data.empty() ||
      (args.mode != "parse" && args.mode != "stream" && args.mode != "collect")) {
    std::cerr << "usage: ec-bench-parse --data DIR [--mode parse|stream|collect] "
                 "[--source s3|cloudtrail] [--repeat N] [--hash all|kept]\n";
    return 2;
  }
  return ec::bench::run(args);
}
