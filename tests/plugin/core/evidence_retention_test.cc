// EvidenceRetention, PresignIndex and TimeBuckets: what the streaming analysis keeps of a log,
// and that correlating what it kept gives the same answer as correlating every record.
#include "plugin/core/evidence_retention.h"

#include <random>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "plugin/core/presign_index.h"
#include "plugin/core/time_buckets.h"

namespace ec {
namespace {

using ::testing::ElementsAre;

constexpr char kInvoice[] = "support-attachments/tickets/48213/att_9f3c/invoice_backup_2024Q4.xlsx";
constexpr char kOther[] = "support-attachments/tickets/48177/att_5d20/network_diagram.pdf";
constexpr char kSigner[] = "arn:aws:iam::111122223333:user/svc-attachment-presigner";
constexpr char kBackend[] =
    "arn:aws:sts::111122223333:assumed-role/support-portal-backend/i-0a7c3e91d2b4f6a80";
constexpr char kKeyId[] = "AKIAEXAMPLEPRSGN7Q2Z";

Timestamp mar(unsigned day, int hour, int minute, int second) {
  return make_utc(2025, 3, day, hour, minute, second, 0);
}

Subject contractor() {
  Subject subject;
  subject.id = "00uvN5sfRJXkWbFmgpsX";
  subject.login = "dario.mq@contractors.brightwell.example";
  subject.email = subject.login;
  subject.deprovisioned_at = mar(11, 16, 45, 12);
  return subject;
}

CorrelationOptions options() {
  CorrelationOptions o;
  o.service_principals = {"arn:aws:sts::111122223333:assumed-role/support-portal-backend"};
  return o;
}

Evidence presign(Timestamp time, std::string object, Timestamp issued, bool subject) {
  Evidence e;
  e.source = "product_access_log";
  e.kind = evidence_kind::kAppPresign;
  e.time = time;
  e.outcome = Outcome::Success;
  e.names_subject = subject;
  e.principal = subject ? "00uvN5sfRJXkWbFmgpsX" : "00uOTHERAGENT0000001";
  e.object = std::move(object);
  e.action = "presign";
  e.credential_id = kKeyId;
  e.credential_issued_at = issued;
  e.content_hash = "p" + std::to_string(time.time_since_epoch().count());
  return e;
}

Evidence read(Timestamp time, std::string object, std::string principal,
              std::optional<Timestamp> issued, std::string action = "download") {
  Evidence e;
  e.source = "s3_access_log";
  e.kind = evidence_kind::kObjectAccess;
  e.time = time;
  e.object = std::move(object);
  e.action = std::move(action);
  e.principal = std::move(principal);
  e.outcome = Outcome::Success;
  e.bytes = 1000;
  e.auth = issued ? AuthMethod::PresignedUrl : AuthMethod::Header;
  if (e.principal == "-") e.auth = AuthMethod::Anonymous;
  if (issued) {
    e.credential_id = kKeyId;
    e.credential_issued_at = issued;
  }
  e.request_id = "REQ" + std::to_string(time.time_since_epoch().count()) + e.principal;
  return e;
}

// Counts completions, and hashes like a source would.
class CountingCompleter final : public EvidenceCompleter {
 public:
  void complete(Evidence& e) const override {
    ++calls;
    if (e.content_hash.empty()) e.content_hash = "h" + e.request_id;
  }
  mutable int calls = 0;
};

TEST(PresignIndex, JoinsExactThenCredentialOnlyThenNone) {
  std::vector<Evidence> presigns{presign(mar(10, 14, 21, 2), kInvoice, mar(10, 14, 21, 2), true),
                                 presign(mar(10, 14, 21, 3), kOther, mar(10, 14, 21, 2), false)};
  PresignIndex index;
  for (const Evidence& p : presigns) index.add(p);
  const Timestamp issued = mar(10, 14, 21, 2) + std::chrono::milliseconds(400);
  const PresignJoin exact = index.find(read(mar(11, 17, 0, 0), kOther, kSigner, issued));
  EXPECT_EQ(exact.kind, JoinKind::Exact);
  EXPECT_EQ(exact.presign, &presigns[1]);
  const PresignJoin altered = index.find(read(mar(11, 17, 0, 0), "b/x", kSigner, issued));
  EXPECT_EQ(altered.kind, JoinKind::CredentialOnly);
  EXPECT_EQ(altered.presign, &presigns[0]);
  EXPECT_EQ(index.find(read(mar(11, 17, 0, 0), kInvoice, kSigner, mar(10, 14, 21, 3))).kind,
            JoinKind::None);
  EXPECT_EQ(index.find(read(mar(11, 17, 0, 0), kInvoice, kSigner, std::nullopt)).kind,
            JoinKind::None);
}

TEST(TimeBuckets, ExtremesSpanEveryGapLongerThanTheWidth) {
  std::mt19937 rng(7);
  std::vector<Timestamp> times;
  for (int i = 0; i < 2000; ++i) {
    // Clusters with silent stretches of up to 20 hours between them.
    const int cluster = static_cast<int>(rng() % 12);
    times.push_back(mar(1, 0, 0, 0) + std::chrono::hours(cluster * (cluster % 3 == 0 ? 20 : 5)) +
                    std::chrono::seconds(rng() % 3600));
  }
  TimeBuckets buckets(std::chrono::hours(6));
  for (const Timestamp t : times) buckets.add(t);
  std::sort(times.begin(), times.end());
  const auto gaps = [](const std::vector<Timestamp>& sorted) {
    std::vector<std::pair<Timestamp, Timestamp>> out;
    for (std::size_t i = 1; i < sorted.size(); ++i) {
      if (sorted[i] - sorted[i - 1] > std::chrono::hours(6)) out.emplace_back(sorted[i - 1], sorted[i]);
    }
    return out;
  };
  const std::vector<Timestamp> extremes = buckets.extremes();
  EXPECT_LT(extremes.size(), 200u);
  EXPECT_TRUE(std::is_sorted(extremes.begin(), extremes.end()));
  EXPECT_EQ(extremes.front(), times.front());
  EXPECT_EQ(extremes.back(), times.back());
  EXPECT_FALSE(gaps(times).empty());
  EXPECT_EQ(gaps(extremes), gaps(times));
}

// A day of logs around deprovisioning: the subject's presigned reads, another agent's, the
// backend, other principals, anonymous reads, HEADs, and reads before deprovisioning.
std::vector<Evidence> mixed_log() {
  std::vector<Evidence> log;
  log.push_back(presign(mar(10, 14, 21, 2), kInvoice, mar(10, 14, 21, 2), true));
  log.push_back(presign(mar(11, 9, 0, 0), kOther, mar(11, 9, 0, 0), false));
  for (int minute = 0; minute < 60; ++minute) {
    const Timestamp before = mar(11, 10, minute, 0);
    const Timestamp after = mar(11, 17, minute, 0);
    log.push_back(read(before, kInvoice, kSigner, mar(10, 14, 21, 2)));
    log.push_back(read(after, kOther, kSigner, mar(11, 9, 0, 0)));                 // other agent
    log.push_back(read(after + std::chrono::seconds(1), kOther, kBackend, std::nullopt));
    log.push_back(read(after + std::chrono::seconds(2), kOther, "arn:aws:iam::1:user/ana",
                       std::nullopt));
    log.push_back(read(after + std::chrono::seconds(3), kInvoice, kSigner, mar(10, 14, 21, 2),
                       "head"));
  }
  log.push_back(read(mar(11, 17, 6, 10), kInvoice, kSigner, mar(10, 14, 21, 2)));  // subject's
  log.push_back(read(mar(11, 18, 0, 0), kOther, "-", std::nullopt));              // anonymous
  log.push_back(read(mar(12, 8, 0, 0), kOther, kSigner, mar(12, 7, 0, 0)));        // no presign
  return log;
}

TEST(EvidenceRetention, KeepsOnlyWhatCorrelationCanUseOnceRoutineRecordsOverflow) {
  const Subject subject = contractor();
  const CorrelationOptions opts = options();
  EvidenceRetention retention(subject, opts, /*max_listed_routine=*/0);
  CountingCompleter completer;
  for (Evidence e : mixed_log()) retention.accept(e, completer);
  RetainedEvidence kept = retention.finish();
  EXPECT_EQ(kept.offered, static_cast<std::int64_t>(mixed_log().size()));
  // The subject's presign and read, the anonymous read, the read with no presign record.
  ASSERT_EQ(kept.evidence.size(), 4u);
  EXPECT_EQ(completer.calls, 4);
  EXPECT_EQ(kept.routine_not_listed, kept.offered - 4);
  EXPECT_EQ(kept.summary.foreign_presigns.size(), 1u);
  for (const Evidence& e : kept.evidence) EXPECT_FALSE(e.content_hash.empty());
}

TEST(EvidenceRetention, ListsRoutineRecordsWhileTheyAreFew) {
  const Subject subject = contractor();
  const CorrelationOptions opts = options();
  EvidenceRetention retention(subject, opts, /*max_listed_routine=*/10000);
  CountingCompleter completer;
  for (Evidence e : mixed_log()) retention.accept(e, completer);
  const RetainedEvidence kept = retention.finish();
  EXPECT_EQ(kept.evidence.size(), mixed_log().size());
  EXPECT_EQ(kept.routine_not_listed, 0);
}

TEST(EvidenceRetention, MergedDuplicatesAreCountedOnTheKeptRecord) {
  const Subject subject = contractor();
  const CorrelationOptions opts = options();
  EvidenceRetention retention(subject, opts, 0);
  CountingCompleter completer;
  Evidence anonymous = read(mar(11, 18, 0, 0), kOther, "-", std::nullopt);
  const auto handle = retention.accept(anonymous, completer);
  ASSERT_NE(handle, EvidenceSink::kNotKept);
  retention.merge_duplicate(handle);
  Evidence backend = read(mar(11, 18, 0, 0), kOther, kBackend, std::nullopt);
  EXPECT_EQ(retention.accept(backend, completer), EvidenceSink::kNotKept);
  const RetainedEvidence kept = retention.finish();
  ASSERT_EQ(kept.evidence.size(), 1u);
  EXPECT_EQ(kept.evidence[0].attributes.value("duplicates", 0), 1);
}

std::string retained_text(RetainedEvidence kept) {
  std::string out = std::to_string(kept.offered) + " offered, " +
                    std::to_string(kept.routine_not_listed) + " not listed\n";
  for (const Evidence& e : kept.evidence) out += evidence_to_json(e).dump() + "\n";
  for (const Timestamp t : kept.summary.coverage.times_of("s3_access_log")->extremes()) {
    out += format_rfc3339(t) + "\n";
  }
  out += format_rfc3339(*kept.summary.coverage.latest()) + "\n";
  return out + std::to_string(kept.summary.foreign_presigns.size()) + " foreign presigns\n";
}

TEST(EvidenceRetention, TheRoutinePrecheckCountsExactlyWhatAcceptWouldOnlyCount) {
  const Subject subject = contractor();
  const CorrelationOptions opts = options();
  EvidenceRetention offered(subject, opts, 0);
  EvidenceRetention prechecked(subject, opts, 0);
  CountingCompleter completer;
  int counted = 0;
  for (const Evidence& e : mixed_log()) {
    Evidence copy = e;
    offered.accept(copy, completer);
    if (e.kind == evidence_kind::kObjectAccess &&
        prechecked.routine_storage_read(e.time, e.action, e.principal)) {
      EXPECT_FALSE(may_concern_subject(e, subject, opts, PresignIndex{}, ForeignPresigns{}));
      prechecked.count_routine_read(e.source, e.time);
      ++counted;
      continue;
    }
    copy = e;
    prechecked.accept(copy, completer);
  }
  // Reads before deprovisioning, the backend's and the HEADs, 60 each (the other agent's
  // presign, offered second, released the listing).
  EXPECT_EQ(counted, 180);
  EXPECT_EQ(retained_text(prechecked.finish()), retained_text(offered.finish()));
}

TEST(EvidenceRetention, TheRoutinePrecheckIsOffWhileRoutineRecordsAreListed) {
  const Subject subject = contractor();
  const CorrelationOptions opts = options();
  EvidenceRetention retention(subject, opts, 10);
  EXPECT_FALSE(retention.routine_storage_read(mar(11, 10, 0, 0), "download", kSigner));
  CountingCompleter completer;
  for (int i = 0; i < 11; ++i) {
    Evidence e = read(mar(11, 10, i, 0), kOther, kBackend, std::nullopt);
    retention.accept(e, completer);
  }
  EXPECT_TRUE(retention.routine_storage_read(mar(11, 10, 0, 0), "download", kSigner));  // before
  EXPECT_TRUE(retention.routine_storage_read(mar(11, 17, 0, 0), "head", kSigner));
  EXPECT_TRUE(retention.routine_storage_read(mar(11, 17, 0, 0), "download", kBackend));
  EXPECT_FALSE(retention.routine_storage_read(mar(11, 17, 0, 0), "download", kSigner));
  // Inside the clock-skew tolerance before deprovisioning it is not routine.
  EXPECT_FALSE(retention.routine_storage_read(mar(11, 16, 44, 0), "download", kSigner));
}

std::vector<std::string> objects_and_times(const std::vector<AttributedAccess>& accesses) {
  std::vector<std::string> out;
  for (const AttributedAccess& a : accesses) out.push_back(a.object + "@" + format_rfc3339(a.time));
  return out;
}

TEST(EvidenceRetention, CorrelatingWhatItKeptEqualsCorrelatingEverything) {
  const Subject subject = contractor();
  const CorrelationOptions opts = options();
  std::vector<Evidence> all = mixed_log();
  CountingCompleter completer;
  for (Evidence& e : all) completer.complete(e);
  SourceReport s3;
  s3.source = "s3_access_log";
  s3.coverage_begin = mar(11, 10, 0, 0);
  s3.coverage_end = mar(12, 8, 0, 0);
  const std::vector<SourceReport> reports{s3};

  EvidenceRetention retention(subject, opts, 0);
  for (Evidence e : all) retention.accept(e, completer);
  RetainedEvidence kept = retention.finish();
  assign_evidence_ids(kept.evidence);
  assign_evidence_ids(all);
  const Correlation streamed = correlate(subject, kept.evidence, reports, kept.summary, opts);
  const Correlation full = correlate(subject, all, reports, opts);

  EXPECT_THAT(objects_and_times(streamed.post_deprovision_access),
              ElementsAre(std::string(kInvoice) + "@2025-03-11T17:06:10Z"));
  EXPECT_EQ(objects_and_times(streamed.post_deprovision_access),
            objects_and_times(full.post_deprovision_access));
  EXPECT_EQ(objects_and_times(streamed.cannot_rule_out), objects_and_times(full.cannot_rule_out));
  EXPECT_EQ(streamed.cannot_rule_out.size(), 2u);
  EXPECT_EQ(objects_and_times(streamed.attempts), objects_and_times(full.attempts));
  EXPECT_EQ(streamed.gaps, full.gaps);
  EXPECT_FALSE(full.gaps.empty());  // 18:00 on the 11th to 08:00 on the 12th
}

}  // namespace
}  // namespace ec
