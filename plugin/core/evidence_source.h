// The interfaces evidence adapters implement, and the context they are built with.
// An adapter is built once from its config block by a factory; collect() and stream() may be
// called many times. Implementations need not be thread-safe; the caller owns each instance.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugin/core/evidence.h"
#include "plugin/core/evidence_sink.h"
#include "plugin/core/http_client.h"
#include "plugin/core/result.h"
#include "plugin/core/ticket.h"
#include "plugin/core/time.h"

namespace ec {

class EvidenceSource {
 public:
  virtual ~EvidenceSource() = default;
  // Matches "kind" in config, e.g. "okta".
  virtual std::string_view kind() const = 0;
  // Reads the records that concern `subject` within `window` (storage sources return every
  // access in the window: the signer, not the subject, is what they name).
  // A malformed record is counted in the report and skipped. Errors: InvalidArgument when the
  // export as a whole cannot be read (missing file, not the expected format); Unavailable when a
  // live source cannot be reached.
  virtual Result<SourceReport> collect(const Subject& subject, const TimeWindow& window) = 0;

  // The same records as collect(), offered to `sink` one at a time instead of held; the report
  // comes back without evidence. Same errors as collect(). This default calls collect() and
  // offers what it returned: right for sources whose exports are small (a user, a ticket). Log
  // sources derive from StreamingEvidenceSource instead, so memory does not grow with log size.
  virtual Result<SourceReport> stream(const Subject& subject, const TimeWindow& window,
                                      EvidenceSink& sink);
};

// A source that reads its records one at a time: implements stream(), and collect() is
// stream() into a CollectingSink. Duplicate deliveries are merged only among records the sink
// keeps (a source remembers the ids of kept records, never of every record read).
class StreamingEvidenceSource : public EvidenceSource {
 public:
  Result<SourceReport> collect(const Subject& subject, const TimeWindow& window) final;
  Result<SourceReport> stream(const Subject& subject, const TimeWindow& window,
                              EvidenceSink& sink) override = 0;
};

// An identity provider: turns the lead's "login, email or id" into a Subject.
class IdentityDirectory {
 public:
  virtual ~IdentityDirectory() = default;
  // NotFound when no user matches; InvalidArgument when the export is unreadable.
  virtual Result<Subject> resolve_subject(std::string_view login_email_or_id) = 0;
};

// A helpdesk: loads one ticket's history.
class TicketSource {
 public:
  virtual ~TicketSource() = default;
  // NotFound when the ticket is not there; InvalidArgument on a malformed export.
  virtual Result<TicketHistory> load_ticket(std::string_view ticket_ref) = 0;
};

// Everything an adapter may need from the outside, passed in so tests can give fakes.
struct SourceContext {
  std::string base_dir;  // config-relative paths resolve against this
  const Clock* clock = nullptr;
  // Looks up a secret by environment variable name; empty optional when unset.
  std::function<std::optional<std::string>(std::string_view)> secret;
  std::string label;     // config key of the block, for error messages ("sources.identity")
  // Outbound HTTP for live sources; shared, thread-safe, owned by the caller and outliving the
  // adapter. Null when the caller offers none (a live source then refuses to build).
  HttpClient* http = nullptr;
};

// One configured source; an adapter object may play several roles (Okta: evidence + identity).
struct BuiltSource {
  std::unique_ptr<EvidenceSource> evidence;        // always set
  IdentityDirectory* identity = nullptr;           // points into `evidence` when it is one
  TicketSource* tickets = nullptr;                 // points into `evidence` when it is one
};

using SourceFactory =
    std::function<Result<BuiltSource>(const nlohmann::json& config, const SourceContext& context)>;

// The explicit list of adapter kinds. Registering a kind twice is AlreadyExists.
class SourceRegistry {
 public:
  Status add(std::string kind, SourceFactory factory);
  // InvalidArgument naming `context.label` when the kind is unknown.
  Result<BuiltSource> build(const nlohmann::json& config, const SourceContext& context) const;
  std::vector<std::string> kinds() const;

 private:
  std::map<std::string, SourceFactory, std::less<>> factories_;
};

}  // namespace ec
