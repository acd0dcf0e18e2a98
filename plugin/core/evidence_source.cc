#include "plugin/core/evidence_source.h"

namespace ec {

Result<SourceReport> EvidenceSource::stream(const Subject& subject, const TimeWindow& window,
                                            EvidenceSink& sink) {
  auto report = collect(subject, window);
  if (!report) return report;
  const AlreadyComplete complete;
  for (Evidence& e : report->evidence) sink.accept(e, complete);
  report->evidence.clear();
  return report;
}

Result<SourceReport> StreamingEvidenceSource::collect(const Subject& subject,
                                                      const TimeWindow& window) {
  CollectingSink sink;
  auto report = stream(subject, window, sink);
  if (!report) return report;
  report->evidence = sink.take();
  return report;
}

Status SourceRegistry::add(std::string kind, SourceFactory factory) {
  if (factories_.contains(kind)) {
    return make_error(ErrorCode::AlreadyExists,
                      "evidence source kind '" + kind + "' is registered twice");
  }
  factories_.emplace(std::move(kind), std::move(factory));
  return ok_status();
}

Result<BuiltSource> SourceRegistry::build(const nlohmann::json& config,
                                          const SourceContext& context) const {
  if (!config.is_object()) {
    return make_error(ErrorCode::InvalidArgument, context.label + ": expected a JSON object");
  }
  const auto kind_it = config.find("kind");
  if (kind_it == config.end() || !kind_it->is_string()) {
    return make_error(ErrorCode::InvalidArgument,
                      context.label + ".kind: expected a string naming the source kind");
  }
  const std::string kind = kind_it->get<std::string>();
  const auto it = factories_.find(kind);
  if (it == factories_.end()) {
    std::string known;
    for (const auto& [name, factory] : factories_) {
      if (!known.empty()) known += ", ";
      known += name;
    }
    return make_error(ErrorCode::InvalidArgument, context.label + ".kind: unknown source kind '" +
                                                      kind + "' (known: " + known + ")");
  }
  return it->second(config, context);
}

std::vector<std::string> SourceRegistry::kinds() const {
  std::vector<std::string> names;
  for (const auto& [name, factory] : factories_) names.push_back(name);
  return names;
}

}  // namespace ec
