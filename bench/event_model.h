// The benchmark's synthetic world: an attachment bucket ("support-attachments"), the principals
// that touch it (the product backend's role sessions, analysts and jobs, the console's presigner
// key, anonymous scanners), the support agents who mint presigned URLs in the Support Console,
// and EventStream, which yields background requests in time order. Deterministic for a seed.
// Not thread-safe; pointers inside an Event stay valid until the next call to next().
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "bench/log_format.h"

namespace ec::bench {

inline constexpr char kAccount[] = "111122223333";
inline constexpr char kBucket[] = "support-attachments";
inline constexpr char kBucketOwner[] =
    "1786c012bdbe028366db96907a835daa05bb8d180e924b2067402f04bd8cdda6";
inline constexpr char kPresignerArn[] = "arn:aws:iam::111122223333:user/svc-attachment-presigner";
inline constexpr char kPresignerKey[] = "AKIAEXAMPLEPRSGN7Q2Z";     // until kKeyRotation
inline constexpr char kPresignerNewKey[] = "AKIAEXAMPLEPRSGN5R8W";  // after it
inline constexpr char kBackendRolePrefix[] =
    "arn:aws:sts::111122223333:assumed-role/support-portal-backend";

enum class Op { GetObject, HeadObject, PutObject, ListBucket };
enum class Auth { Header, Presigned, Anonymous };

// A caller as both logs name it.
struct Identity {
  std::string arn;      // S3 Requester; "" when anonymous
  std::string ct_type;  // CloudTrail userIdentity.type
  std::string principal_id;
  std::string access_key;
  std::string user_name;  // IAM user name, or the role name of a role session
  std::string role_arn;   // session issuer of an AssumedRole; "" otherwise
  std::string ip;
  std::string user_agent;
};

// A support agent of the console (the subject is one too).
struct Agent {
  std::string okta_id;
  std::string email;
  std::string ip;
  std::string user_agent;
};

struct ObjectRef {
  std::string key;
  std::int64_t size = 0;
  std::int64_t ticket = 0;
  std::int64_t zendesk_attachment_id = 0;
};

struct PresignedUrl {
  ObjectRef object;
  std::string key_id;
  std::int64_t signed_at = 0;
  std::int64_t expires = 0;
  std::uint64_t signature_seed = 0;
  std::size_t agent = 0;  // index into the agents (or kSubjectAgent)
};

struct Event {
  std::int64_t time = 0;
  std::uint64_t request_seq = 0;       // distinct per event: request id, host id, event id
  const Identity* identity = nullptr;  // the signer (the presigner for presigned URLs)
  Op op = Op::GetObject;
  Auth auth = Auth::Header;
  std::string object_key;  // "" for a bucket listing
  std::string list_prefix;
  std::int64_t object_size = -1;      // -1: not known ('-')
  const PresignedUrl* url = nullptr;  // set for presigned requests
  int status = 200;
  std::string_view error_code;   // "" when none
  std::int64_t bytes_sent = -1;  // -1: none ('-')
  int total_ms = 0;
  int turnaround_ms = 0;
  std::string_view referer;  // "" -> '-'
  std::string_view user_agent;
  std::string_view ip;
  bool region_known = false;
};

// Time span and key facts of the synthetic world (UTC unix seconds).
struct World {
  std::int64_t start = unix_time(2025, 2, 17, 0, 0, 0);
  std::int64_t end = unix_time(2025, 3, 17, 0, 0, 0);
  std::int64_t deprovisioned_at = unix_time(2025, 3, 11, 16, 45, 12);
  std::int64_t key_rotation = unix_time(2025, 3, 12, 10, 5, 0);
};

ObjectRef object_for(std::int64_t ticket, int attachment);
int attachments_of(std::int64_t ticket);

class EventStream {
 public:
  // Called when the console mints a URL (before the request that first uses it).
  using MintCallback = std::function<void(const PresignedUrl&, const Agent&)>;

  EventStream(std::uint64_t seed, const World& world, std::uint64_t count, MintCallback on_mint);
  // The next background request; false after `count` of them.
  bool next(Event& e);
  const std::vector<Agent>& agents() const { return agents_; }

 private:
  void backend_event(Event& e);
  void other_event(Event& e);
  void presigned_event(Event& e);
  void anonymous_event(Event& e);
  ObjectRef random_object();
  void request_costs(Event& e);

  Rng rng_;
  World world_;
  std::uint64_t count_;
  std::uint64_t produced_ = 0;
  MintCallback on_mint_;
  std::vector<Identity> backend_;
  std::vector<Identity> others_;
  Identity presigner_;
  Identity presigner_new_;
  Identity anonymous_;
  std::vector<Agent> agents_;
  std::vector<PresignedUrl> pool_;  // ring of recently minted URLs
  std::size_t pool_head_ = 0;
  ObjectRef scratch_object_;
  std::string scratch_ip_;
};

}  // namespace ec::bench
