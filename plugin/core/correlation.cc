#include "plugin/core/correlation.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string_view>

#include "plugin/core/enum_names.h"

namespace ec {
namespace {

constexpr enum_names::Table<Via, 6> kVias{{
    {Via::Direct, "direct"},
    {Via::Session, "session"},
    {Via::ApiToken, "api_token"},
    {Via::PresignedUrl, "presigned_url"},
    {Via::RoleSession, "role_session"},
    {Via::Unknown, "unknown"},
}};
constexpr enum_names::Table<Confidence, 4> kConfidences{{
    {Confidence::High, "high"},
    {Confidence::Medium, "medium"},
    {Confidence::Low, "low"},
    {Confidence::None, "none"},
}};

// Sources whose records are storage reads; their coverage decides the gaps.
constexpr std::array<std::string_view, 3> kStorageSources{"s3_access_log", "cloudtrail",
                                                           "cloudfront"};

// Where an event sits relative to the deprovisioning time, given the clock-skew tolerance.
enum class Phase { Before, Boundary, After };

// What a subject-naming, non-storage event means when it happens after deprovisioning.
enum class EventClass { None, CredentialUse, Activity, Attempt };

// Everything the classifiers need, computed once per correlate() call.
struct Context {
  const Subject& subject;
  const CorrelationOptions& options;
  Timestamp deprovisioned_at;
  PresignIndex presigns;
  const ForeignPresigns* foreign = nullptr;
  std::set<std::string> old_sessions;                 // subject sessions seen before deprovisioning
  std::map<std::string, std::string> session_origin;  // session id -> first evidence id in it
  std::map<std::string, std::vector<const Evidence*>> duplicates;  // primary id -> same request
  std::set<std::string> secondary;                    // ids folded into another record
};

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool is_storage_access(const Evidence& e) { return e.kind == evidence_kind::kObjectAccess; }

// Kinds in which the subject is the actor (not the target of an admin action).
bool is_subject_act_kind(std::string_view kind) {
  using namespace evidence_kind;
  return kind == kSso || kind == kSessionStart || kind == kSignOnPolicy || kind == kTokenGrant ||
         kind == kAppLogin || kind == kAppPresign || kind == kAppView ||
         kind == kAppTokenRefresh || kind == kTicketComment || kind == kTicketChange;
}

bool is_identity_use_kind(std::string_view kind) {
  using namespace evidence_kind;
  return kind == kSso || kind == kSessionStart || kind == kSignOnPolicy || kind == kTokenGrant;
}

bool is_activity_kind(std::string_view kind) {
  using namespace evidence_kind;
  return kind == kAppView || kind == kAppLogin || kind == kAppPresign || kind == kTicketComment ||
         kind == kTicketChange;
}

bool names_subject(const Evidence& e, const Subject& subject) {
  return e.names_subject || subject.matches(e.principal);
}

Phase phase_of(Timestamp t, const Context& ctx) {
  const auto delta = t - ctx.deprovisioned_at;
  if (delta <= ctx.options.clock_skew && -delta <= ctx.options.clock_skew) return Phase::Boundary;
  return delta > decltype(delta)::zero() ? Phase::After : Phase::Before;
}

std::string who(const Subject& subject) {
  if (!subject.login.empty()) return subject.login;
  return subject.id.empty() ? std::string("the subject") : subject.id;
}

// True when the request names no user at all: anonymous, a CDN or an AWS service.
bool is_anonymous_or_cdn(const Evidence& e) {
  if (e.auth == AuthMethod::Anonymous || e.source == "cloudfront") return true;
  const std::string principal = lower(e.principal);
  return principal.empty() || principal == "-" || principal == "anonymous" ||
         principal.find("awsservice") != std::string::npos ||
         principal.find("cloudfront") != std::string::npos;
}

bool is_service_principal(std::string_view principal, const CorrelationOptions& options) {
  if (principal.empty()) return false;
  return std::any_of(options.service_principals.begin(), options.service_principals.end(),
                     [&](const std::string& prefix) {
                       return !prefix.empty() && principal.starts_with(prefix);
                     });
}

bool is_service_principal(const Evidence& e, const CorrelationOptions& options) {
  return is_service_principal(e.principal, options);
}

// Storage reads that succeeded; an unknown outcome counts when bytes were served.
bool succeeded(const Evidence& e) {
  return e.outcome == Outcome::Success || (e.outcome == Outcome::Unknown && e.bytes > 0);
}

std::string failure_detail(const Evidence& e) {
  std::string detail;
  if (const auto it = e.attributes.find("http_status"); it != e.attributes.end()) {
    detail = it->is_string() ? it->get<std::string>() : it->dump();
  }
  if (const auto it = e.attributes.find("error_code"); it != e.attributes.end() && it->is_string()) {
    detail += (detail.empty() ? "" : " ") + it->get<std::string>();
  }
  return detail.empty() ? std::string("failure") : detail;
}

int source_rank(std::string_view source) {
  for (std::size_t i = 0; i < kStorageSources.size(); ++i) {
    if (kStorageSources[i] == source) return static_cast<int>(i);
  }
  return static_cast<int>(kStorageSources.size());
}

// Storage records of the same request (an access-log line and its CloudTrail event) are one
// access: the access log is kept as primary and the others corroborate it.
void fold_duplicates(const std::vector<const Evidence*>& ordered, Context& ctx) {
  std::map<std::string, std::vector<const Evidence*>> by_request;
  for (const Evidence* e : ordered) {
    if (is_storage_access(*e) && !e->request_id.empty()) by_request[e->request_id].push_back(e);
  }
  for (auto& [request, group] : by_request) {
    if (group.size() < 2) continue;
    std::stable_sort(group.begin(), group.end(), [](const Evidence* a, const Evidence* b) {
      return source_rank(a->source) < source_rank(b->source);
    });
    for (std::size_t i = 1; i < group.size(); ++i) {
      ctx.duplicates[group[0]->id].push_back(group[i]);
      ctx.secondary.insert(group[i]->id);
    }
  }
}

void collect_sessions(const std::vector<const Evidence*>& ordered, Context& ctx) {
  for (const Evidence* e : ordered) {
    if (e->kind == evidence_kind::kAppPresign) ctx.presigns.add(*e);
    if (e->session_id.empty() || !is_subject_act_kind(e->kind)) continue;
    if (!names_subject(*e, ctx.subject)) continue;
    ctx.session_origin.try_emplace(e->session_id, e->id);
    const bool seen_before = e->time < ctx.deprovisioned_at;
    const bool created_before = e->session_created && *e->session_created < ctx.deprovisioned_at;
    if (seen_before || created_before) ctx.old_sessions.insert(e->session_id);
  }
}

AttributedAccess base_access(const Evidence& e, Phase phase) {
  AttributedAccess access;
  access.evidence_id = e.id;
  access.time = e.time;
  access.object = e.object;
  access.action = e.action.empty() ? e.kind : e.action;
  access.succeeded = succeeded(e);
  access.near_boundary = phase == Phase::Boundary;
  return access;
}

// The reasoning sentence for a storage read reached through the subject's own presigned URL.
std::string presign_reasoning(const Evidence& presign, const Context& ctx) {
  const bool before = presign.time < ctx.deprovisioned_at;
  return "attributed to " + who(ctx.subject) + ": the request reused the presigned URL that " +
         presign.id + " shows was minted for them at " + format_rfc3339(presign.time) +
         (before ? ", before deprovisioning" : ", after deprovisioning") +
         " (same access key, signing time and object), although the storage log names only the "
         "signer";
}

std::string tampered_reasoning(const Evidence& presign, const Context& ctx) {
  return "attributed to " + who(ctx.subject) +
         " with medium confidence: the request carried the access key and signing time of the "
         "presigned URL minted for them in " +
         presign.id + " but named a different object, so the URL was altered";
}

std::string unattributed_reasoning(const Evidence& e) {
  const std::string principal = e.principal.empty() || e.principal == "-" ? "no principal"
                                                                          : e.principal;
  if (e.auth == AuthMethod::PresignedUrl) {
    return "cannot rule out: the request used a presigned URL signed by " + principal +
           " and no product log record shows whom it was minted for";
  }
  return "cannot rule out: the request names " + principal +
         ", not a user, so nothing links it to the subject or rules the subject out";
}

// Whether a join to another user's presign (not among the listed evidence) is the one the read
// makes: an exact join beats a partial one; among equals the earlier-minted presign wins, as it
// does among listed presigns.
bool foreign_wins(const ForeignJoin& foreign, const PresignJoin& join) {
  if (foreign.kind == JoinKind::None) return false;
  if (join.kind == JoinKind::None) return true;
  if (foreign.kind != join.kind) return foreign.kind == JoinKind::Exact;
  return foreign.minted < join.presign->time;
}

// Builds the attribution of one storage read; nullopt when it is not the subject's concern
// (backend noise, another user's link, another principal's own credentials).
std::optional<AttributedAccess> attribute_storage(const Evidence& e, Phase phase,
                                                  const Context& ctx) {
  if (is_service_principal(e, ctx.options)) return std::nullopt;
  AttributedAccess access = base_access(e, phase);
  if (e.auth == AuthMethod::PresignedUrl) {
    const PresignJoin join = ctx.presigns.find(e);
    if (ctx.foreign != nullptr && foreign_wins(ctx.foreign->find(e), join)) return std::nullopt;
    if (join.kind != JoinKind::None) {
      if (!names_subject(*join.presign, ctx.subject)) return std::nullopt;
      const bool exact = join.kind == JoinKind::Exact;
      access.via = Via::PresignedUrl;
      access.confidence = exact ? Confidence::High : Confidence::Medium;
      access.chain = {join.presign->id, e.id};
      access.reasoning = exact ? presign_reasoning(*join.presign, ctx)
                               : tampered_reasoning(*join.presign, ctx);
      return access;
    }
    access.reasoning = unattributed_reasoning(e);
    access.chain = {e.id};
    return access;
  }
  if (is_anonymous_or_cdn(e)) {
    access.reasoning = unattributed_reasoning(e);
    access.chain = {e.id};
    return access;
  }
  if (!names_subject(e, ctx.subject)) return std::nullopt;
  access.via = Via::Direct;
  access.confidence = Confidence::High;
  access.chain = {e.id};
  access.reasoning = "attributed to " + who(ctx.subject) + ": the storage log names them as the "
                     "requester";
  return access;
}

// Closes the reasoning sentence: names records folded into this one, capitalizes attributions
// ("cannot rule out: …" keeps its lower-case prefix so readers can search for it) and ends it.
void finish_reasoning(AttributedAccess& access, const Context& ctx) {
  std::string& text = access.reasoning;
  const auto it = ctx.duplicates.find(access.evidence_id);
  if (it != ctx.duplicates.end()) {
    text += " (also recorded as";
    for (const Evidence* other : it->second) text += " " + other->id + " in " + other->source;
    text += ")";
  }
  if (!text.empty() && !text.starts_with("cannot rule out")) {
    text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  }
  text += ".";
}

// Puts an attributed or unattributable storage read in the right list.
void place_storage(AttributedAccess access, const Evidence& e, Phase phase, const Context& ctx,
                   Correlation& out) {
  const bool attributed = access.via != Via::Unknown;
  const bool tampered = access.confidence == Confidence::Medium;
  if (e.outcome == Outcome::Failure) {
    if (!attributed) return;  // Nothing was served and nothing links it to the subject.
    access.reasoning += "; it failed with " + failure_detail(e) + ", so it is an attempt";
    finish_reasoning(access, ctx);
    out.attempts.push_back(std::move(access));
    return;
  }
  if (attributed && phase == Phase::Boundary) {
    access.reasoning = "cannot rule out: the read at " + format_rfc3339(e.time) +
                       " lies within the clock-skew tolerance of deprovisioning, so it cannot be "
                       "placed before or after it; " + access.reasoning;
  } else if (attributed && (tampered || !access.succeeded)) {
    access.reasoning = "cannot rule out: " + access.reasoning +
                       (tampered ? "; yet the request did not fail"
                                 : "; the log does not say whether the request succeeded");
  } else if (attributed) {
    finish_reasoning(access, ctx);
    out.post_deprovision_access.push_back(std::move(access));
    return;
  }
  finish_reasoning(access, ctx);
  out.cannot_rule_out.push_back(std::move(access));
}

void correlate_storage(const Evidence& e, Phase phase, const Context& ctx, Correlation& out) {
  if (!contains(ctx.options.data_actions, e.action)) return;  // HEAD, PUT: not data access.
  auto access = attribute_storage(e, phase, ctx);
  if (!access) return;
  if (phase == Phase::Boundary) out.boundary_events.push_back(e.id);
  place_storage(std::move(*access), e, phase, ctx, out);
}

EventClass classify_event(const Evidence& e, const Context& ctx) {
  const bool old_session = !e.session_id.empty() && ctx.old_sessions.contains(e.session_id);
  const bool named = names_subject(e, ctx.subject);
  if (is_identity_use_kind(e.kind)) {
    if (old_session) return EventClass::CredentialUse;
    if (!named) return EventClass::None;
    return e.outcome == Outcome::Failure ? EventClass::Attempt : EventClass::CredentialUse;
  }
  if (e.kind == evidence_kind::kAppTokenRefresh) {
    if (!named && !old_session) return EventClass::None;
    return e.outcome == Outcome::Failure ? EventClass::Attempt : EventClass::CredentialUse;
  }
  if (is_activity_kind(e.kind)) {
    if (!named && !old_session) return EventClass::None;
    return e.outcome == Outcome::Failure ? EventClass::Attempt : EventClass::Activity;
  }
  return EventClass::None;
}

Via event_via(const Evidence& e, const Context& ctx) {
  if (e.kind == evidence_kind::kTokenGrant || e.kind == evidence_kind::kAppTokenRefresh) {
    return Via::ApiToken;
  }
  const bool created_before = e.session_created && *e.session_created < ctx.deprovisioned_at;
  if (!e.session_id.empty() && (created_before || ctx.old_sessions.contains(e.session_id))) {
    return Via::Session;
  }
  return Via::Direct;
}

AttributedAccess event_access(const Evidence& e, const Context& ctx) {
  AttributedAccess access = base_access(e, Phase::After);
  access.succeeded = e.outcome != Outcome::Failure;
  access.via = event_via(e, ctx);
  access.confidence = Confidence::High;
  const auto origin = ctx.session_origin.find(e.session_id);
  if (access.via == Via::Session && origin != ctx.session_origin.end() && origin->second != e.id) {
    access.chain.push_back(origin->second);
  }
  access.chain.push_back(e.id);
  const std::string how = access.via == Via::Session
                              ? " through a session created before deprovisioning"
                              : "";
  access.reasoning = "the record names " + who(ctx.subject) + " acting (" + e.kind + ") at " +
                     format_rfc3339(e.time) + ", after deprovisioning" + how;
  return access;
}

void correlate_event(const Evidence& e, Phase phase, const Context& ctx, Correlation& out) {
  const EventClass cls = classify_event(e, ctx);
  if (cls == EventClass::None) return;
  if (phase == Phase::Boundary) {
    out.boundary_events.push_back(e.id);
    return;
  }
  if (cls == EventClass::CredentialUse) {
    out.credential_use_after.push_back(e.id);
    return;
  }
  AttributedAccess access = event_access(e, ctx);
  if (cls == EventClass::Attempt) {
    access.reasoning += "; it failed, so it is an attempt, not access";
    finish_reasoning(access, ctx);
    out.attempts.push_back(std::move(access));
    return;
  }
  finish_reasoning(access, ctx);
  out.credential_use_after.push_back(e.id);
  out.activity_after.push_back(std::move(access));
}

// ---- Gaps ----------------------------------------------------------------------------------

std::string no_records(std::string_view source, Timestamp from, Timestamp to) {
  return "no " + std::string(source) + " records between " + format_rfc3339(from) + " and " +
         format_rfc3339(to);
}

// The times of a source's records that every gap longer than the threshold spans, ascending.
std::vector<Timestamp> record_times(const SourceReport& report, const RecordCoverage& coverage) {
  const TimeBuckets* buckets = coverage.times_of(report.source);
  return buckets == nullptr ? std::vector<Timestamp>{} : buckets->extremes();
}

// Gaps of one storage source over [deprovisioned_at, window_end]: unread files, missing
// coverage at either end, and silent stretches longer than options.gap_threshold.
void source_gaps(const SourceReport& report, const std::vector<Timestamp>& times,
                 const Context& ctx, Timestamp window_end, std::vector<std::string>& gaps) {
  const std::string& name = report.source;
  if (!report.complete) gaps.push_back("source " + name + " could not be read completely");
  if (report.records_skipped > 0) {
    gaps.push_back("source " + name + " skipped " + std::to_string(report.records_skipped) +
                   " malformed records");
  }
  const auto begin = report.coverage_begin ? report.coverage_begin
                     : times.empty()       ? std::nullopt
                                           : std::optional<Timestamp>(times.front());
  const auto end = report.coverage_end ? report.coverage_end
                   : times.empty()     ? std::nullopt
                                       : std::optional<Timestamp>(times.back());
  const Timestamp start = ctx.deprovisioned_at;
  const auto skew = ctx.options.clock_skew;
  if (!begin || !end || *end < start) {
    if (window_end - start > skew) gaps.push_back(no_records(name, start, window_end));
    return;
  }
  if (*begin > start + skew) gaps.push_back(no_records(name, start, *begin));
  Timestamp previous = std::max(start, *begin);
  for (const Timestamp t : times) {
    if (t <= previous || t > *end) continue;
    if (t - previous > ctx.options.gap_threshold) gaps.push_back(no_records(name, previous, t));
    previous = t;
  }
  if (window_end > *end + skew) gaps.push_back(no_records(name, *end, window_end));
}

void add_gaps(const std::vector<SourceReport>& reports, const RecordCoverage& coverage,
              const Context& ctx, Correlation& out) {
  Timestamp window_end = ctx.deprovisioned_at;
  if (coverage.latest()) window_end = std::max(window_end, *coverage.latest());
  bool any_storage = false;
  for (const SourceReport& report : reports) {
    if (!is_storage_source(report.source)) continue;
    any_storage = true;
    source_gaps(report, record_times(report, coverage), ctx, window_end, out.gaps);
  }
  if (!any_storage) {
    out.gaps.push_back(
        "no storage access log (s3_access_log, cloudtrail or cloudfront) was read, so storage "
        "access after deprovisioning cannot be assessed");
  }
}

std::vector<const Evidence*> time_ordered(const std::vector<Evidence>& evidence) {
  std::vector<const Evidence*> ordered;
  ordered.reserve(evidence.size());
  for (const Evidence& e : evidence) ordered.push_back(&e);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const Evidence* a, const Evidence* b) { return a->time < b->time; });
  return ordered;
}

}  // namespace

std::string_view via_name(Via via) { return enum_names::name_of(kVias, via); }

std::string_view confidence_name(Confidence confidence) {
  return enum_names::name_of(kConfidences, confidence);
}

bool is_storage_source(std::string_view source) {
  return std::find(kStorageSources.begin(), kStorageSources.end(), source) !=
         kStorageSources.end();
}

bool record_names_subject(const Evidence& e, const Subject& subject) {
  return names_subject(e, subject);
}

bool storage_read_is_routine(Timestamp time, std::string_view action, std::string_view principal,
                             const Subject& subject, const CorrelationOptions& options) {
  if (!subject.deprovisioned_at) return true;  // nothing is classified without the time
  if (*subject.deprovisioned_at - time > options.clock_skew) return true;  // before
  if (!contains(options.data_actions, action)) return true;
  return is_service_principal(principal, options);
}

bool may_concern_subject(const Evidence& e, const Subject& subject,
                         const CorrelationOptions& options, const PresignIndex& subject_presigns,
                         const ForeignPresigns& foreign) {
  if (!is_storage_access(e)) return true;
  if (storage_read_is_routine(e.time, e.action, e.principal, subject, options)) return false;
  if (e.auth == AuthMethod::PresignedUrl) {
    // No presign record: unattributable, kept. Otherwise attribute_storage() joins one of the
    // candidates and drops the read unless that presign names the subject.
    const auto* candidates = subject_presigns.candidates(e);
    const bool subject_candidate =
        candidates != nullptr &&
        std::any_of(candidates->begin(), candidates->end(),
                    [&](const Evidence* p) { return names_subject(*p, subject); });
    if (subject_candidate) return true;
    // Unjoined: place_storage() drops an unattributable read that failed (an expired link).
    return candidates == nullptr && foreign.find(e).kind == JoinKind::None &&
           e.outcome != Outcome::Failure;
  }
  if (names_subject(e, subject)) return true;
  return is_anonymous_or_cdn(e) && e.outcome != Outcome::Failure;
}

Correlation correlate(const Subject& subject, const std::vector<Evidence>& evidence,
                      const std::vector<SourceReport>& reports, const CorrelationOptions& options) {
  StreamSummary summary{
      RecordCoverage(std::chrono::duration_cast<std::chrono::milliseconds>(options.gap_threshold)),
      {}};
  for (const Evidence& e : evidence) summary.coverage.add(e);
  for (const SourceReport& report : reports) {
    for (const Evidence& e : report.evidence) summary.coverage.add_source_time(e.source, e.time);
  }
  return correlate(subject, evidence, reports, summary, options);
}

Correlation correlate(const Subject& subject, const std::vector<Evidence>& evidence,
                      const std::vector<SourceReport>& reports, const StreamSummary& summary,
                      const CorrelationOptions& options) {
  const RecordCoverage& coverage = summary.coverage;
  Correlation out;
  out.subject = subject;
  const std::vector<const Evidence*> ordered = time_ordered(evidence);
  for (const Evidence* e : ordered) out.timeline.push_back(e->id);
  if (!subject.deprovisioned_at) {
    out.gaps.push_back("the subject has no deprovisioning time, so nothing can be classified as "
                       "after deprovisioning");
    return out;
  }
  Context ctx{subject, options, *subject.deprovisioned_at, {}, &summary.foreign_presigns,
              {},      {},      {},                         {}};
  collect_sessions(ordered, ctx);
  fold_duplicates(ordered, ctx);
  for (const Evidence* e : ordered) {
    const Phase phase = phase_of(e->time, ctx);
    if (phase == Phase::Before || ctx.secondary.contains(e->id)) continue;
    if (is_storage_access(*e)) {
      correlate_storage(*e, phase, ctx, out);
    } else {
      correlate_event(*e, phase, ctx, out);
    }
  }
  add_gaps(reports, coverage, ctx, out);
  return out;
}

}  // namespace ec
