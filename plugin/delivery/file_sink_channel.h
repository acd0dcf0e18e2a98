// FileSinkChannel ("file"): delivers an outbox message by writing <dir>/<idempotency_key>.json
// (the payload plus the message's metadata). Used by the offline demo and tests, and as a
// reference for how a channel stays idempotent: the file is written atomically (temp file in the
// same directory, fsync, rename, fsync of the directory), and when it already exists deliver()
// returns the same reference without rewriting it, so a redelivery after a crash lands once.
//
// Thread-safe: deliver() may run concurrently (temp names are unique; two writers of one key
// write identical content). Errors: InvalidArgument for an idempotency key that is not a safe
// file name ([A-Za-z0-9._-], not starting with '.', at most 200 characters); FailedPrecondition
// when the target path exists but is not a regular file; Unavailable when the directory cannot
// be created or written; Internal for a bug (e.g. unserializable payload).
#pragma once

#include <atomic>
#include <filesystem>
#include <string_view>

#include "plugin/core/outbox.h"
#include "plugin/core/result.h"

namespace ec::delivery {

inline constexpr std::string_view kFileChannelName = "file";

class FileSinkChannel final : public OutboundChannel {
 public:
  // `dir` is created on first delivery when missing. No I/O happens here.
  explicit FileSinkChannel(std::filesystem::path dir);

  std::string_view name() const override { return kFileChannelName; }
  // The receipt's reference is the written file's path.
  Result<DeliveryReceipt> deliver(const OutboxMessage& message) override;

  // Where the message with this key lands (no validation of the key).
  [[nodiscard]] std::filesystem::path path_for(std::string_view idempotency_key) const;

 private:
  std::filesystem::path dir_;
  std::atomic<unsigned> temp_counter_{0};
};

}  // namespace ec::delivery
