// Test doubles for the outbox worker, built on the real interfaces (leveldb's SpecialEnv style):
// RecordingChannel records every deliver() call and answers from a script of failures;
// AckLostChannel forwards to a real channel and then reports Unavailable, as if the target's
// answer was lost; CrashingStore fails begin() after a number of successful ones, as if the
// process died. Not thread-safe; one per test.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "plugin/core/outbox.h"
#include "plugin/core/store.h"
#include "plugin/core/time.h"

namespace ec::testing {

class RecordingChannel final : public OutboundChannel {
 public:
  struct Call {
    OutboxMessage message;
    Timestamp at{};
  };
  // Shared so a test still sees it after the worker (which owns the channel) is gone.
  struct Log {
    std::vector<Call> calls;
    std::deque<Error> script;  // answered front first; empty: success
  };

  RecordingChannel(std::string name, const Clock& clock)
      : name_(std::move(name)), clock_(clock), log_(std::make_shared<Log>()) {}

  std::string_view name() const override { return name_; }

  Result<DeliveryReceipt> deliver(const OutboxMessage& message) override {
    log_->calls.push_back(Call{message, clock_.now()});
    if (!log_->script.empty()) {
      Error error = std::move(log_->script.front());
      log_->script.pop_front();
      return std::unexpected(std::move(error));
    }
    return DeliveryReceipt{name_ + ":" + message.idempotency_key};
  }

  // The next `times` calls fail with `code`.
  void fail_next(ErrorCode code, int times = 1) {
    for (int i = 0; i < times; ++i) {
      log_->script.push_back(Error{code, "scripted " + std::string(error_code_name(code))});
    }
  }
  std::shared_ptr<Log> log() const { return log_; }

 private:
  std::string name_;
  const Clock& clock_;
  std::shared_ptr<Log> log_;
};

// Delivers through `inner`, then reports Unavailable for the first `lost_acks` calls.
class AckLostChannel final : public OutboundChannel {
 public:
  AckLostChannel(OutboundChannelPtr inner, int lost_acks)
      : inner_(std::move(inner)), lost_acks_(lost_acks) {}
  std::string_view name() const override { return inner_->name(); }
  Result<DeliveryReceipt> deliver(const OutboxMessage& message) override {
    auto receipt = inner_->deliver(message);
    if (receipt && lost_acks_ > 0) {
      --lost_acks_;
      return std::unexpected(Error{ErrorCode::Unavailable, "acknowledgement lost"});
    }
    return receipt;
  }

 private:
  OutboundChannelPtr inner_;
  int lost_acks_;
};

// Forwards begin() to `inner` `allowed_begins` times, then answers Unavailable ("crashed").
class CrashingStore final : public Store {
 public:
  CrashingStore(Store& inner, int allowed_begins) : inner_(inner), remaining_(allowed_begins) {}
  Result<TransactionPtr> begin() override {
    if (remaining_ <= 0) return make_error(ErrorCode::Unavailable, "process crashed");
    --remaining_;
    return inner_.begin();
  }

 private:
  Store& inner_;
  int remaining_;
};

}  // namespace ec::testing
