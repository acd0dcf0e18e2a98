#include "plugin/app/metrics_text.h"

#include <charconv>
#include <cmath>

namespace ec::app {
namespace {

std::string escape_help(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string escape_label_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string format_metric_value(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (ec != std::errc()) return "NaN";  // cannot happen with 64 bytes
  return std::string(buffer, end);
}

void ExpositionWriter::family(std::string_view name, std::string_view type,
                              std::string_view help) {
  out_ << "# HELP " << name << ' ' << escape_help(help) << "\n# TYPE " << name << ' ' << type
       << '\n';
}

void ExpositionWriter::sample(std::string_view name, const MetricLabels& labels, double value) {
  out_ << name;
  if (!labels.empty()) {
    out_ << '{';
    for (std::size_t i = 0; i < labels.size(); ++i) {
      if (i > 0) out_ << ',';
      out_ << labels[i].first << "=\"" << escape_label_value(labels[i].second) << '"';
    }
    out_ << '}';
  }
  out_ << ' ' << format_metric_value(value) << '\n';
}

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)), counts_(bounds_.size() + 1, 0) {}

void Histogram::observe(double value) {
  std::size_t i = 0;
  while (i < bounds_.size() && value > bounds_[i]) ++i;
  ++counts_[i];
  sum_ += value;
  ++count_;
}

void Histogram::write(ExpositionWriter& writer, std::string_view name,
                      const MetricLabels& labels) const {
  const std::string bucket = std::string(name) + "_bucket";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i <= bounds_.size(); ++i) {
    cumulative += counts_[i];
    MetricLabels with_le = labels;
    with_le.emplace_back("le", format_metric_value(
                                   i < bounds_.size() ? bounds_[i] : HUGE_VAL));
    writer.sample(bucket, with_le, static_cast<double>(cumulative));
  }
  writer.sample(std::string(name) + "_sum", labels, sum_);
  writer.sample(std::string(name) + "_count", labels, static_cast<double>(count_));
}

}  // namespace ec::app
