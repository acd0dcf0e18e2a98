// PresignIndex: the product's presign records (app.presign) indexed by what a storage log keeps
// of a presigned URL: the access key id and the X-Amz-Date signing second. A storage read made
// with a presigned URL joins the record that minted it in constant time, instead of a scan of
// every presign. Holds pointers: the indexed evidence must outlive the index and not move.
// ForeignPresigns: the presign records minted for other users, reduced to what the join needs
// (signing key and second, minting time, object digest; about 50 bytes each), so a streamed
// analysis can tell that a read used another user's link without holding those records.
// Not thread-safe for add(); find() is const.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "plugin/core/evidence.h"

namespace ec {

// How a storage read joins to a presign record.
enum class JoinKind {
  None,            // no presign with the request's key id and signing second
  Exact,           // same key id, signing second and object
  CredentialOnly,  // same key id and signing second, another object: the URL was altered
};

struct PresignJoin {
  JoinKind kind = JoinKind::None;
  const Evidence* presign = nullptr;
};

class PresignIndex {
 public:
  // Indexes a presign record; ignored when it has no credential_id or credential_issued_at.
  // Records added first win ties in find(): add them in time order.
  void add(const Evidence& presign);

  // The first presign (in add() order) minted for `access`'s object, else the first with its key
  // id and signing second (CredentialOnly), else None.
  PresignJoin find(const Evidence& access) const;

  // Every presign with `access`'s key id and signing second, in add() order; null when none.
  const std::vector<const Evidence*>* candidates(const Evidence& access) const;

  bool empty() const { return by_key_.empty(); }

 private:
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const {
      return std::hash<std::string_view>{}(key);
    }
  };
  // "<access key id>|<unix seconds of the signing time>", built into scratch_ for lookups.
  const std::string& key_of(std::string_view credential_id, Timestamp issued_at) const;

  std::unordered_map<std::string, std::vector<const Evidence*>, KeyHash, std::equal_to<>>
      by_key_;
  mutable std::string scratch_;
};

// A join to a presign minted for another user.
struct ForeignJoin {
  JoinKind kind = JoinKind::None;
  Timestamp minted{};  // when that presign was minted
};

class ForeignPresigns {
 public:
  // Indexes a presign record minted for someone other than the subject; ignored when it has no
  // credential_id or credential_issued_at.
  void add(const Evidence& presign);
  // The earliest-minted foreign presign for `access`'s object, else the earliest with its key id
  // and signing second (CredentialOnly), else None. Keys are compared by 64-bit digests.
  ForeignJoin find(const Evidence& access) const;
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::int64_t minted_ms;
    std::uint64_t object_digest;
  };
  std::unordered_multimap<std::uint64_t, Entry> entries_;  // key digest -> entries
};

}  // namespace ec
