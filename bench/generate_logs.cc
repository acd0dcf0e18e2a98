// ec-bench-generate: writes a deterministic synthetic dataset for the benchmark into a folder:
//   s3/          S3 server access log files (one per hour, 27-field lines)
//   cloudtrail/  CloudTrail S3 data-event files ({"Records":[...]}, mirroring the same requests)
//   console/     the Support Console log: a presign row for every URL the console minted
//   okta/, ticket.json, kb/   copied from the contractor_after_deprovision scenario
//   config.json (s3 only), config-with-cloudtrail.json, planted.json, dataset.json
// K post-deprovisioning presigned downloads by the scenario's contractor are planted among N
// background requests (and each URL is also used once before deprovisioning, legitimately).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugin/core/time.h"

#include "bench/event_model.h"
#include "bench/log_writers.h"

namespace fs = std::filesystem;

namespace ec::bench {
namespace {

constexpr char kSubjectId[] = "00uvN5sfRJXkWbFmgpsX";
constexpr char kSubjectLogin[] = "dario.mq@contractors.brightwell.example";
constexpr std::uint64_t kExtraSeq = 1ULL << 62;  // request numbers of planted/subject events

struct Options {
  fs::path out;
  fs::path scenario = fs::path(EC_SCENARIOS_DIR) / "contractor_after_deprovision";
  std::uint64_t events = 1'000'000;
  int planted = 8;
  std::uint64_t seed = 1042;
  bool cloudtrail = true;
  std::uint64_t records_per_file = 1000;
};

// Something written at a fixed time between background events: a console row, or a request by
// the subject (written to the access log and CloudTrail).
struct Extra {
  std::int64_t time = 0;
  std::string console_row;  // with '\n'; empty for a request
  Event request;            // when console_row is empty
  PresignedUrl url;         // the URL `request` uses
};

void usage() {
  std::cerr << "usage: ec-bench-generate --out DIR [--events N] [--planted K] [--seed S]\n"
               "                         [--no-cloudtrail] [--records-per-file N] "
               "[--scenario DIR]\n";
}

bool parse_args(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--out") {
      o.out = value();
    } else if (arg == "--events") {
      o.events = std::strtoull(value().c_str(), nullptr, 10);
    } else if (arg == "--planted") {
      o.planted = std::atoi(value().c_str());
    } else if (arg == "--seed") {
      o.seed = std::strtoull(value().c_str(), nullptr, 10);
    } else if (arg == "--no-cloudtrail") {
      o.cloudtrail = false;
    } else if (arg == "--records-per-file") {
      o.records_per_file = std::strtoull(value().c_str(), nullptr, 10);
    } else if (arg == "--scenario") {
      o.scenario = value();
    } else {
      return false;
    }
  }
  return !o.out.empty() && o.planted >= 1 && o.records_per_file >= 1;
}

const Identity& presigner() {
  static const Identity id = [] {
    Identity i;
    i.arn = kPresignerArn;
    i.ct_type = "IAMUser";
    i.principal_id = "AIDAEXAMPLEPRSGN4K7M";
    i.access_key = kPresignerKey;
    i.user_name = "svc-attachment-presigner";
    return i;
  }();
  return id;
}

Agent subject_agent() {
  return Agent{kSubjectId, kSubjectLogin, "203.0.113.45",
               "BrightwellAttachmentViewer/3.8.1 (macOS 14.4; build 3810)"};
}

ObjectRef planted_object(int j) {
  if (j == 0) {
    return {"tickets/48213/att_9f3c/invoice_backup_2024Q4.xlsx", 482113, 48213, 29001187441};
  }
  if (j == 1) {
    return {"tickets/48213/att_a71e/router_config_export_2025-02-27.json", 96244, 48213,
            29001187442};
  }
  return object_for(48100 + 3 * j, 0);
}

Event subject_download(const PresignedUrl& url, std::int64_t time, std::uint64_t seq, bool after) {
  Event e;
  e.time = time;
  e.request_seq = seq;
  e.identity = &presigner();
  e.auth = Auth::Presigned;
  e.op = Op::GetObject;
  e.object_key = url.object.key;
  e.object_size = url.object.size;
  e.bytes_sent = url.object.size;
  e.ip = after ? "198.51.100.77" : "203.0.113.45";
  e.user_agent = after && seq % 2 == 1
                     ? "curl/8.6.0"
                     : "BrightwellAttachmentViewer/3.8.1 (macOS 14.4; build 3810)";
  e.turnaround_ms = 37;
  e.total_ms = 37 + static_cast<int>(url.object.size / 20000);
  return e;
}

// The subject's presigns (before deprovisioning), one legitimate download of each soon after,
// and one planted download of each after deprovisioning.
std::vector<Extra> planted_extras(const Options& o, const World& w, nlohmann::json& planted) {
  std::vector<Extra> extras;
  const std::int64_t mint_start = unix_time(2025, 3, 10, 14, 30, 0);
  const std::int64_t mint_step = std::min<std::int64_t>(97, 26 * 3600 / o.planted);
  const std::int64_t access_start = w.deprovisioned_at + 600;
  const std::int64_t access_step =
      std::min<std::int64_t>(600, (unix_time(2025, 3, 12, 8, 0, 0) - access_start) / o.planted);
  const Agent subject = subject_agent();
  for (int j = 0; j < o.planted; ++j) {
    PresignedUrl url;
    url.object = planted_object(j);
    url.key_id = kPresignerKey;
    url.signed_at = mint_start + j * mint_step;
    url.expires = 604800;
    url.signature_seed = mix64(0xfeed0000ULL + static_cast<std::uint64_t>(j));
    Extra mint;
    mint.time = url.signed_at;
    append_console_presign(mint.console_row, url, subject, "cs_8sK2pQvL",
                           unix_time(2025, 3, 10, 14, 3, 5),
                           kExtraSeq + 3 * static_cast<std::uint64_t>(j));
    extras.push_back(std::move(mint));
    for (const bool after : {false, true}) {
      Extra use;
      use.url = url;
      use.time = after ? access_start + j * access_step : url.signed_at + 20;
      const std::uint64_t seq = kExtraSeq + 3 * static_cast<std::uint64_t>(j) + (after ? 2 : 1);
      use.request = subject_download(use.url, use.time, seq, after);
      if (after) {
        std::string request_id;
        append_hex(request_id, mix64(seq ^ 0x5a5a5a5a00000000ULL), 16, true);
        std::string signed_at;
        append_amz_date(signed_at, url.signed_at);
        planted.push_back({{"request_id", request_id},
                           {"time", format_rfc3339(from_unix_seconds(use.time))},
                           {"object", std::string(kBucket) + "/" + url.object.key},
                           {"access_key_id", url.key_id},
                           {"x_amz_date", signed_at}});
      }
      extras.push_back(std::move(use));
    }
  }
  return extras;
}

// The scenario's own console rows (login, views, token refreshes), kept at their times.
Result<std::vector<Extra>> scenario_console_rows(const Options& o) {
  std::ifstream in(o.scenario / "console" / "access.jsonl");
  if (!in) return make_error(ErrorCode::NotFound, "cannot read the scenario console log");
  std::vector<Extra> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto row = nlohmann::json::parse(line, nullptr, false);
    if (row.is_discarded() || !row.contains("ts")) continue;
    auto ts = parse_rfc3339(row["ts"].get<std::string>());
    if (!ts) continue;
    Extra e;
    e.time = to_unix_seconds(*ts);
    e.console_row = line + "\n";
    rows.push_back(std::move(e));
  }
  return rows;
}

struct Writers {
  S3LogWriter s3;
  CloudTrailWriter cloudtrail;
  OutputFile console;
  bool with_cloudtrail;

  Status request(const Event& e) {
    EC_RETURN_IF_ERROR(s3.write(e));
    if (with_cloudtrail) {
      EC_RETURN_IF_ERROR(cloudtrail.write(e));
    }
    return ok_status();
  }
  Status extra(const Extra& x) {
    if (x.console_row.empty()) {
      Event e = x.request;
      e.url = &x.url;
      return request(e);
    }
    console.buffer().append(x.console_row);
    console.flush_if_full();
    return ok_status();
  }
};

Status copy_scenario(const Options& o) {
  std::error_code ec;
  for (const char* dir : {"s3", "cloudtrail", "console", "okta", "kb"}) {
    fs::remove_all(o.out / dir, ec);
    fs::create_directories(o.out / dir, ec);
    if (ec)
      return make_error(ErrorCode::InvalidArgument, "cannot create " + (o.out / dir).string());
  }
  for (const char* file : {"okta/users.json", "okta/system_log.jsonl", "ticket.json"}) {
    fs::copy_file(o.scenario / file, o.out / file, fs::copy_options::overwrite_existing, ec);
    if (ec) return make_error(ErrorCode::NotFound, "cannot copy " + (o.scenario / file).string());
  }
  fs::copy(o.scenario / "kb", o.out / "kb", fs::copy_options::overwrite_existing, ec);
  return ok_status();
}

nlohmann::json config_json(bool with_cloudtrail) {
  nlohmann::json attachments =
      nlohmann::json::array({{{"kind", "s3_access_log"}, {"path", "s3/"}}});
  if (with_cloudtrail) attachments.push_back({{"kind", "cloudtrail"}, {"path", "cloudtrail/"}});
  return {
      {"case",
       {{"ticket", "48213"},
        {"subject", kSubjectLogin},
        {"lead", "U0LEAD"},
        {"customer", "Halvorsen Marine Supply"}}},
      {"sources",
       {{"tickets", {{"kind", "zendesk"}, {"export", "ticket.json"}}},
        {"identity",
         {{"kind", "okta"}, {"users", "okta/users.json"}, {"system_log", "okta/system_log.jsonl"}}},
        {"attachments", attachments},
        {"access", nlohmann::json::array(
                       {{{"kind", "product_access_log"}, {"path", "console/access.jsonl"}}})},
        {"knowledge", {{"kind", "markdown_dir"}, {"path", "kb/"}}}}},
      {"correlation",
       {{"clock_skew_seconds", 120},
        {"service_principals", nlohmann::json::array({kBackendRolePrefix})}}},
      {"security_group", "U0SECURITY"}};
}

Status write_json(const fs::path& path, const nlohmann::json& value) {
  std::ofstream out(path);
  out << value.dump(2) << "\n";
  if (!out) return make_error(ErrorCode::Unavailable, "cannot write " + path.string());
  return ok_status();
}

Status run(const Options& o) {
  EC_RETURN_IF_ERROR(copy_scenario(o));
  const World world;
  nlohmann::json planted = nlohmann::json::array();
  std::vector<Extra> extras = planted_extras(o, world, planted);
  auto scenario_rows = scenario_console_rows(o);
  if (!scenario_rows) return std::unexpected(scenario_rows.error());
  for (Extra& x : *scenario_rows) extras.push_back(std::move(x));
  std::stable_sort(extras.begin(), extras.end(),
                   [](const Extra& a, const Extra& b) { return a.time < b.time; });

  Writers w{S3LogWriter(o.out / "s3"), CloudTrailWriter(o.out / "cloudtrail", o.records_per_file),
            OutputFile{}, o.cloudtrail};
  EC_RETURN_IF_ERROR(w.console.open(o.out / "console" / "access.jsonl"));
  std::uint64_t console_rows = 0;
  std::uint64_t mints = 0;
  EventStream stream(o.seed, world, o.events, [&](const PresignedUrl& url, const Agent& agent) {
    const std::int64_t day = url.signed_at / 86400;
    std::string session = "cs_";
    append_base62(session, mix64(url.agent * 100003 + static_cast<std::uint64_t>(day)), 8);
    const std::int64_t morning = day * 86400 + 7 * 3600;
    append_console_presign(w.console.buffer(), url, agent, session,
                           morning <= url.signed_at ? morning : day * 86400, mints++);
    w.console.flush_if_full();
    ++console_rows;
  });
  std::size_t next_extra = 0;
  Event e;
  while (stream.next(e)) {
    for (; next_extra < extras.size() && extras[next_extra].time <= e.time; ++next_extra) {
      EC_RETURN_IF_ERROR(w.extra(extras[next_extra]));
    }
    EC_RETURN_IF_ERROR(w.request(e));
  }
  for (; next_extra < extras.size(); ++next_extra) {
    EC_RETURN_IF_ERROR(w.extra(extras[next_extra]));
  }
  for (const Extra& x : extras) console_rows += x.console_row.empty() ? 0 : 1;
  EC_RETURN_IF_ERROR(w.s3.close());
  EC_RETURN_IF_ERROR(w.cloudtrail.close());
  EC_RETURN_IF_ERROR(w.console.close());

  EC_RETURN_IF_ERROR(write_json(o.out / "config.json", config_json(false)));
  EC_RETURN_IF_ERROR(write_json(o.out / "config-with-cloudtrail.json", config_json(true)));
  EC_RETURN_IF_ERROR(
      write_json(o.out / "planted.json",
                 {{"subject", {{"id", kSubjectId}, {"login", kSubjectLogin}}},
                  {"deprovisioned_at", format_rfc3339(from_unix_seconds(world.deprovisioned_at))},
                  {"presigner_key", kPresignerKey},
                  {"service_principals", nlohmann::json::array({kBackendRolePrefix})},
                  {"planted", planted}}));
  const nlohmann::json summary = {
      {"events", o.events},
      {"seed", o.seed},
      {"planted", o.planted},
      {"s3", {{"lines", w.s3.lines()}, {"files", w.s3.files()}, {"bytes", w.s3.bytes()}}},
      {"cloudtrail",
       {{"records", w.cloudtrail.records()},
        {"files", w.cloudtrail.files()},
        {"bytes", w.cloudtrail.bytes()}}},
      {"console", {{"rows", console_rows}, {"bytes", w.console.bytes()}}}};
  EC_RETURN_IF_ERROR(write_json(o.out / "dataset.json", summary));
  std::cout << summary.dump() << "\n";
  return ok_status();
}

}  // namespace
}  // namespace ec::bench

int main(int argc, char** argv) {
  ec::bench::Options options;
  if (!ec::bench::parse_args(argc, argv, options)) {
    ec::bench::usage();
    return 2;
  }
  const auto status = ec::bench::run(options);
  if (!status) {
    std::cerr << "ec-bench-generate: " << status.error().to_string() << "\n";
    return 1;
  }
  return 0;
}
