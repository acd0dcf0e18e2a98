// The configured evidence sources of one config file, built once through the adapter registry:
// the identity directory, the ticket source and every evidence source, in config order.
// Not thread-safe: adapters are not; the owner serializes collection.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "plugin/app/config.h"
#include "plugin/core/evidence_source.h"
#include "plugin/core/http_client.h"
#include "plugin/core/result.h"
#include "plugin/core/time.h"

namespace ec::app {

struct ConfiguredSource {
  std::string label;  // "sources.attachments[0]"
  BuiltSource built;
};

class SourceSet {
 public:
  // InvalidArgument naming the config key of the first source that cannot be built, or
  // "http.ca_file" when the optional {"http": {"ca_file": "..."}} block names no readable file.
  [[nodiscard]] static Result<std::unique_ptr<SourceSet>> build(const Config& config,
                                                                const Clock& clock);

  IdentityDirectory* identity() const { return identity_; }
  TicketSource* tickets() const { return tickets_; }
  std::vector<ConfiguredSource>& sources() { return sources_; }
  // The process-wide outbound HTTP client given to every source (SourceContext::http).
  HttpClient& http() const { return *http_; }

 private:
  // Declared first so it is destroyed last: sources keep a pointer to it.
  std::unique_ptr<HttpClient> http_;
  std::vector<ConfiguredSource> sources_;
  IdentityDirectory* identity_ = nullptr;
  TicketSource* tickets_ = nullptr;
};

}  // namespace ec::app
