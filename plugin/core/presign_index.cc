#include "plugin/core/presign_index.h"

#include <charconv>
#include <optional>

namespace ec {

const std::string& PresignIndex::key_of(std::string_view credential_id,
                                        Timestamp issued_at) const {
  scratch_.assign(credential_id);
  scratch_.push_back('|');
  char digits[24];
  const auto seconds = std::chrono::floor<std::chrono::seconds>(issued_at).time_since_epoch();
  const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, seconds.count());
  (void)ec;
  scratch_.append(digits, end);
  return scratch_;
}

void PresignIndex::add(const Evidence& presign) {
  if (presign.credential_id.empty() || !presign.credential_issued_at) return;
  const std::string& key = key_of(presign.credential_id, *presign.credential_issued_at);
  by_key_[key].push_back(&presign);
}

const std::vector<const Evidence*>* PresignIndex::candidates(const Evidence& access) const {
  if (access.credential_id.empty() || !access.credential_issued_at || by_key_.empty()) {
    return nullptr;
  }
  const auto it = by_key_.find(key_of(access.credential_id, *access.credential_issued_at));
  return it == by_key_.end() ? nullptr : &it->second;
}

PresignJoin PresignIndex::find(const Evidence& access) const {
  const auto* found = candidates(access);
  if (found == nullptr) return {};
  for (const Evidence* presign : *found) {
    if (presign->object == access.object) return {JoinKind::Exact, presign};
  }
  return {JoinKind::CredentialOnly, found->front()};
}

namespace {

std::uint64_t digest(std::string_view text) { return std::hash<std::string_view>{}(text); }

std::uint64_t key_digest(std::string_view credential_id, Timestamp issued_at) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(issued_at).time_since_epoch();
  // Mixes the signing second into the key id's digest (splitmix64 finalizer).
  std::uint64_t x = digest(credential_id) ^ (static_cast<std::uint64_t>(seconds.count()) *
                                             0x9E3779B97F4A7C15ULL);
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

}  // namespace

void ForeignPresigns::add(const Evidence& presign) {
  if (presign.credential_id.empty() || !presign.credential_issued_at) return;
  entries_.emplace(key_digest(presign.credential_id, *presign.credential_issued_at),
                   Entry{presign.time.time_since_epoch().count(), digest(presign.object)});
}

ForeignJoin ForeignPresigns::find(const Evidence& access) const {
  if (access.credential_id.empty() || !access.credential_issued_at || entries_.empty()) return {};
  const auto [begin, end] =
      entries_.equal_range(key_digest(access.credential_id, *access.credential_issued_at));
  if (begin == end) return {};
  const std::uint64_t object = digest(access.object);
  std::optional<std::int64_t> exact;
  std::optional<std::int64_t> any;
  for (auto it = begin; it != end; ++it) {
    const Entry& entry = it->second;
    if (!any || entry.minted_ms < *any) any = entry.minted_ms;
    if (entry.object_digest == object && (!exact || entry.minted_ms < *exact)) {
      exact = entry.minted_ms;
    }
  }
  const std::int64_t minted = exact ? *exact : *any;
  return {exact ? JoinKind::Exact : JoinKind::CredentialOnly,
          Timestamp(std::chrono::milliseconds(minted))};
}

}  // namespace ec
