#include "bench/event_model.h"

#include <array>
#include <cmath>

namespace ec::bench {
namespace {

constexpr std::int64_t kFirstTicket = 40000;
constexpr std::int64_t kTickets = 9000;
constexpr std::size_t kAgents = 400;
constexpr std::size_t kPoolSize = 256;

constexpr std::array<std::string_view, 10> kFileNames = {
    "invoice_backup.xlsx",   "screenshot_error.png", "router_config_export.json",
    "network_diagram.pdf",   "diagnostic_logs.zip",  "contract_scan.pdf",
    "billing_statement.csv", "config_backup.tar.gz", "call_recording.mp3",
    "crash_dump.txt"};

constexpr std::array<std::string_view, 6> kBrowserAgents = {
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.4 Safari/605.1.15",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/122.0.0.0 Safari/537.36",
    "Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/122.0.0.0 Safari/537.36 Edg/122.0.2365.80",
    "BrightwellAttachmentViewer/3.8.1 (macOS 14.4; build 3810)",
    "BrightwellAttachmentViewer/3.8.0 (Windows 11; build 3802)"};

constexpr std::array<std::string_view, 4> kScannerAgents = {
    "curl/7.88.1", "python-requests/2.31.0", "Mozilla/5.0 zgrab/0.x", "Go-http-client/1.1"};

constexpr char kSdkAgent[] = "aws-sdk-cpp/1.11.300 Linux/6.1 x86_64 GCC/12";
constexpr char kCliAgent[] = "aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0 exe/x86_64.debian.12";
constexpr char kBotoAgent[] = "Boto3/1.34.51 md/Botocore#1.34.51 ua/2.0 os/linux#6.1.0";

std::string okta_like_id(std::uint64_t seed) {
  std::string id = "00u";
  append_base62(id, mix64(seed), 10);
  append_base62(id, mix64(seed + 1), 7);
  return id;
}

Identity role_session(std::string_view role, std::string session, std::string key, std::string ip,
                      std::string_view agent) {
  Identity id;
  id.arn = "arn:aws:sts::111122223333:assumed-role/" + std::string(role) + "/" + session;
  id.ct_type = "AssumedRole";
  id.role_arn = "arn:aws:iam::111122223333:role/" + std::string(role);
  id.principal_id = "AROA" + std::to_string(mix64(role.size()) % 100000000000ULL) + ":" + session;
  id.access_key = std::move(key);
  id.user_name = std::string(role);
  id.ip = std::move(ip);
  id.user_agent = std::string(agent);
  return id;
}

Identity iam_user(std::string_view name, std::string key, std::string ip, std::string_view agent) {
  Identity id;
  id.arn = "arn:aws:iam::111122223333:user/" + std::string(name);
  id.ct_type = "IAMUser";
  id.principal_id = "AIDA" + std::to_string(mix64(name.size() * 31) % 100000000000ULL);
  id.access_key = std::move(key);
  id.user_name = std::string(name);
  id.ip = std::move(ip);
  id.user_agent = std::string(agent);
  return id;
}

std::string fixed_key(std::string_view prefix, std::uint64_t seed) {
  std::string key(prefix);
  append_base62(key, mix64(seed), 20 - static_cast<int>(prefix.size()));
  for (char& c : key) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  return key;
}

// Agent IPs avoid the contractor's addresses (203.0.113.45, 198.51.100.77).
std::string agent_ip(std::size_t i) {
  const std::size_t host = 1 + (i / 2) % 250;
  const std::size_t fixed = host == 45 || host == 77 ? host + 100 : host;
  return (i % 2 == 0 ? "203.0.113." : "198.51.100.") + std::to_string(fixed);
}

}  // namespace

int attachments_of(std::int64_t ticket) {
  return 1 + static_cast<int>(mix64(static_cast<std::uint64_t>(ticket) * 7919) % 3);
}

ObjectRef object_for(std::int64_t ticket, int attachment) {
  const std::uint64_t h =
      mix64(static_cast<std::uint64_t>(ticket) * 4 + static_cast<std::uint64_t>(attachment));
  ObjectRef ref;
  ref.key = "tickets/" + std::to_string(ticket) + "/att_";
  append_hex(ref.key, h >> 48, 4, false);
  ref.key += "/";
  ref.key += kFileNames[(h >> 8) % kFileNames.size()];
  ref.size = 2048 + static_cast<std::int64_t>(h % 4'000'000);
  ref.ticket = ticket;
  ref.zendesk_attachment_id = 29'000'000'000 + ticket * 4 + attachment;
  return ref;
}

EventStream::EventStream(std::uint64_t seed, const World& world, std::uint64_t count,
                         MintCallback on_mint)
    : rng_(seed), world_(world), count_(count), on_mint_(std::move(on_mint)) {
  for (int i = 0; i < 8; ++i) {
    std::string session = "i-0a7c3e91d2b4f6a8" + std::to_string(i);
    backend_.push_back(role_session("support-portal-backend", std::move(session),
                                    "ASIAEXAMPLEPORTALT0" + std::to_string(i),
                                    "10.20.3." + std::to_string(41 + i), kSdkAgent));
  }
  for (int i = 0; i < 24; ++i) {
    const std::string name = "analyst" + std::to_string(i) + "@brightwell.example";
    others_.push_back(role_session("SupportAnalyst", name, fixed_key("ASIA", 1000 + i),
                                   "192.0.2." + std::to_string(20 + i), kCliAgent));
  }
  for (int i = 0; i < 4; ++i) {
    others_.push_back(role_session("attachment-scanner", "scan-" + std::to_string(i),
                                   fixed_key("ASIA", 2000 + i), "10.40.2." + std::to_string(10 + i),
                                   kBotoAgent));
  }
  others_.push_back(iam_user("backup-agent", fixed_key("AKIA", 3000), "10.40.1.15", kBotoAgent));
  others_.push_back(
      role_session("retention-job", "nightly", fixed_key("ASIA", 3001), "10.40.1.16", kBotoAgent));
  presigner_ = iam_user("svc-attachment-presigner", kPresignerKey, "", "");
  presigner_new_ = iam_user("svc-attachment-presigner", kPresignerNewKey, "", "");
  anonymous_.ct_type = "AWSAccount";
  for (std::size_t i = 0; i < kAgents; ++i) {
    Agent a;
    a.okta_id = okta_like_id(5000 + i);
    a.email = "agent" + std::to_string(i) + "@brightwell.example";
    a.ip = agent_ip(i);
    a.user_agent = std::string(kBrowserAgents[mix64(i) % kBrowserAgents.size()]);
    agents_.push_back(std::move(a));
  }
  pool_.reserve(kPoolSize);
}

ObjectRef EventStream::random_object() {
  // Recent tickets are read far more often than old ones.
  const double u = std::pow(rng_.uniform(), 0.35);
  const std::int64_t ticket = kFirstTicket + static_cast<std::int64_t>(u * (kTickets - 1));
  return object_for(
      ticket, static_cast<int>(rng_.below(static_cast<std::uint64_t>(attachments_of(ticket)))));
}

void EventStream::request_costs(Event& e) {
  const std::int64_t bytes = e.bytes_sent > 0 ? e.bytes_sent : 0;
  e.turnaround_ms = 3 + static_cast<int>(rng_.below(40));
  e.total_ms = e.turnaround_ms + static_cast<int>(bytes / 20000) + static_cast<int>(rng_.below(60));
}

bool EventStream::next(Event& e) {
  if (produced_ >= count_) return false;
  const double span = static_cast<double>(world_.end - world_.start);
  const double slot =
      (static_cast<double>(produced_) + rng_.uniform()) / static_cast<double>(count_);
  e = Event{};
  e.time = world_.start + static_cast<std::int64_t>(slot * span);
  e.request_seq = produced_;
  ++produced_;
  const std::uint64_t kind = rng_.below(100);
  if (kind < 58) {
    backend_event(e);
  } else if (kind < 78) {
    other_event(e);
  } else if (kind < 98) {
    presigned_event(e);
  } else {
    anonymous_event(e);
  }
  request_costs(e);
  return true;
}

void EventStream::backend_event(Event& e) {
  const Identity& who = backend_[rng_.below(backend_.size())];
  e.identity = &who;
  e.ip = who.ip;
  e.user_agent = who.user_agent;
  e.region_known = true;
  scratch_object_ = random_object();
  const std::uint64_t op = rng_.below(100);
  if (op < 55) {
    e.op = Op::GetObject;
    if (op < 8) {  // a rendered preview
      e.object_key = "previews/" + scratch_object_.key + ".png";
      e.object_size = 40'000 + scratch_object_.size % 160'000;
    } else {
      e.object_key = scratch_object_.key;
      e.object_size = scratch_object_.size;
    }
    if (rng_.chance(0.02)) {
      e.status = 404;
      e.error_code = "NoSuchKey";
      e.bytes_sent = 309;
      e.object_size = -1;
    } else {
      e.bytes_sent = e.object_size;
    }
  } else if (op < 75) {
    e.op = Op::HeadObject;
    e.object_key = scratch_object_.key;
    e.object_size = scratch_object_.size;
  } else if (op < 92) {
    e.op = Op::PutObject;
    e.object_key = scratch_object_.key;
    e.object_size = scratch_object_.size;
  } else {
    e.op = Op::ListBucket;
    e.list_prefix = "tickets/" + std::to_string(scratch_object_.ticket) + "/";
    e.bytes_sent = 900 + static_cast<std::int64_t>(rng_.below(4000));
  }
}

void EventStream::other_event(Event& e) {
  const Identity& who = others_[rng_.below(others_.size())];
  e.identity = &who;
  e.ip = who.ip;
  e.user_agent = who.user_agent;
  scratch_object_ = random_object();
  const std::uint64_t op = rng_.below(100);
  if (op < 60) {
    e.op = Op::GetObject;
    e.object_key = scratch_object_.key;
    e.object_size = scratch_object_.size;
    e.bytes_sent = scratch_object_.size;
  } else if (op < 85) {
    e.op = Op::HeadObject;
    e.object_key = scratch_object_.key;
    e.object_size = scratch_object_.size;
  } else {
    e.op = Op::ListBucket;
    e.list_prefix = "tickets/" + std::to_string(scratch_object_.ticket) + "/";
    e.bytes_sent = 900 + static_cast<std::int64_t>(rng_.below(4000));
  }
  if (rng_.chance(0.03)) {
    e.status = 403;
    e.error_code = "AccessDenied";
    e.bytes_sent = 243;
    e.object_size = -1;
  }
}

void EventStream::presigned_event(Event& e) {
  const bool mint = pool_.size() < kPoolSize / 4 || rng_.chance(0.4);
  const PresignedUrl* url = nullptr;
  if (mint) {
    PresignedUrl fresh;
    fresh.object = random_object();
    fresh.signed_at = e.time - 2 - static_cast<std::int64_t>(rng_.below(28));
    fresh.key_id = fresh.signed_at < world_.key_rotation ? kPresignerKey : kPresignerNewKey;
    fresh.expires = rng_.chance(0.7) ? 604800 : 900;
    fresh.signature_seed = rng_.next();
    fresh.agent = rng_.below(agents_.size());
    if (pool_.size() < kPoolSize) {
      pool_.push_back(std::move(fresh));
      pool_head_ = pool_.size() - 1;
      url = &pool_.back();
    } else {
      pool_head_ = (pool_head_ + 1) % kPoolSize;
      pool_[pool_head_] = std::move(fresh);
      url = &pool_[pool_head_];
    }
    if (on_mint_) on_mint_(*url, agents_[url->agent]);
  } else {
    // Mostly a link opened again soon after it was minted; sometimes an old one.
    const std::size_t back = rng_.chance(0.8) ? rng_.below(16) : rng_.below(pool_.size());
    url = &pool_[(pool_head_ + pool_.size() - back) % pool_.size()];
  }
  const Agent& agent = agents_[url->agent];
  e.identity = url->key_id == kPresignerKey ? &presigner_ : &presigner_new_;
  e.auth = Auth::Presigned;
  e.url = url;
  e.op = Op::GetObject;
  e.object_key = url->object.key;
  e.ip = agent.ip;
  e.user_agent = agent.user_agent;
  e.referer = rng_.chance(0.5) ? "https://brightwell-support.zendesk.example/" : "";
  if (url->key_id == kPresignerKey && e.time >= world_.key_rotation) {
    e.status = 403;
    e.error_code = "InvalidAccessKeyId";
    e.bytes_sent = 392;
  } else if (e.time > url->signed_at + url->expires) {
    e.status = 403;
    e.error_code = "AccessDenied";
    e.bytes_sent = 243;
  } else if (!mint && rng_.chance(0.25)) {
    e.status = 304;
    e.object_size = url->object.size;
  } else {
    e.object_size = url->object.size;
    e.bytes_sent = url->object.size;
  }
}

void EventStream::anonymous_event(Event& e) {
  e.identity = &anonymous_;
  e.auth = Auth::Anonymous;
  e.op = Op::GetObject;
  e.object_key = random_object().key;
  e.status = 403;
  e.error_code = "AccessDenied";
  e.bytes_sent = 243;
  const std::uint64_t h = rng_.next();
  scratch_ip_ = std::to_string(45 + h % 150) + "." + std::to_string((h >> 8) % 256) + "." +
                std::to_string((h >> 16) % 256) + "." + std::to_string(1 + (h >> 24) % 254);
  e.ip = scratch_ip_;
  e.user_agent = kScannerAgents[(h >> 32) % kScannerAgents.size()];
}

}  // namespace ec::bench
