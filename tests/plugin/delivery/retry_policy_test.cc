#include "plugin/delivery/retry_policy.h"

#include <gtest/gtest.h>

#include <chrono>

namespace ec::delivery {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

TEST(RetryPolicy, BackoffDoublesFromOneSecondAndCapsAtFiveMinutes) {
  const RetryPolicy policy;
  EXPECT_EQ(backoff_after(1, policy), seconds(1));
  EXPECT_EQ(backoff_after(2, policy), seconds(2));
  EXPECT_EQ(backoff_after(3, policy), seconds(4));
  EXPECT_EQ(backoff_after(7, policy), seconds(64));
  EXPECT_EQ(backoff_after(9, policy), seconds(256));
  EXPECT_EQ(backoff_after(10, policy), minutes(5));
  EXPECT_EQ(backoff_after(1000, policy), minutes(5));
  EXPECT_EQ(backoff_after(0, policy), seconds(1));
}

TEST(RetryPolicy, OnlyUnavailableAndDeadlineExceededAreRetryable) {
  EXPECT_TRUE(is_retryable(ErrorCode::Unavailable));
  EXPECT_TRUE(is_retryable(ErrorCode::DeadlineExceeded));
  for (const auto code :
       {ErrorCode::InvalidArgument, ErrorCode::NotFound, ErrorCode::AlreadyExists,
        ErrorCode::PermissionDenied, ErrorCode::Unauthenticated, ErrorCode::FailedPrecondition,
        ErrorCode::DataLoss, ErrorCode::Internal}) {
    EXPECT_FALSE(is_retryable(code)) << error_code_name(code);
  }
}

TEST(RetryPolicy, EighthFailedAttemptIsPermanent) {
  const RetryPolicy policy;
  const Timestamp now = make_utc(2025, 3, 11, 16, 0, 0);
  EXPECT_EQ(next_attempt_time(1, ErrorCode::Unavailable, now, policy), now + seconds(1));
  EXPECT_EQ(next_attempt_time(7, ErrorCode::DeadlineExceeded, now, policy), now + seconds(64));
  EXPECT_EQ(next_attempt_time(8, ErrorCode::Unavailable, now, policy), std::nullopt);
  EXPECT_EQ(next_attempt_time(1, ErrorCode::InvalidArgument, now, policy), std::nullopt);
}

TEST(RetryPolicy, CustomPolicyIsHonoured) {
  const RetryPolicy policy{milliseconds(250), seconds(1), 3};
  EXPECT_EQ(backoff_after(1, policy), milliseconds(250));
  EXPECT_EQ(backoff_after(3, policy), seconds(1));
  EXPECT_EQ(backoff_after(4, policy), seconds(1));
  const Timestamp now = make_utc(2025, 3, 11, 16, 0, 0);
  EXPECT_TRUE(next_attempt_time(2, ErrorCode::Unavailable, now, policy).has_value());
  EXPECT_FALSE(next_attempt_time(3, ErrorCode::Unavailable, now, policy).has_value());
}

}  // namespace
}  // namespace ec::delivery
