#include "adapters/okta/link_header.h"

#include "adapters/common/text.h"

namespace ec::adapters::okta {
namespace {

class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}
  bool done() const { return pos_ >= text_.size(); }
  char peek() const { return done() ? '\0' : text_[pos_]; }
  void advance() { ++pos_; }
  void skip_space() {
    while (!done() && (peek() == ' ' || peek() == '\t')) advance();
  }
  // Up to (not including) the first of `stops`, or the end.
  std::string_view until_any(std::string_view stops) {
    const std::size_t start = pos_;
    while (!done() && stops.find(peek()) == std::string_view::npos) advance();
    return text_.substr(start, pos_ - start);
  }
  // Moves past the next ',' that is outside quotes (or to the end).
  void skip_to_next_link() {
    bool quoted = false;
    while (!done()) {
      const char c = peek();
      advance();
      if (c == '"') quoted = !quoted;
      if (c == ',' && !quoted) return;
    }
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string read_param_value(Cursor& in) {
  in.skip_space();
  if (in.peek() != '"') return std::string(trim(in.until_any(";,")));
  in.advance();
  std::string value(in.until_any("\""));
  if (!in.done()) in.advance();  // closing quote
  return value;
}

void add_rels(std::string_view value, std::vector<std::string>& rels) {
  std::size_t start = 0;
  while (start < value.size()) {
    std::size_t end = value.find(' ', start);
    if (end == std::string_view::npos) end = value.size();
    if (end > start) rels.push_back(common::to_lower(value.substr(start, end - start)));
    start = end + 1;
  }
}

// Parses "; name=value; name2" parameters up to the end of one link.
void read_params(Cursor& in, LinkValue& link) {
  while (true) {
    in.skip_space();
    if (in.peek() != ';') return;
    in.advance();
    in.skip_space();
    const std::string_view name = trim(in.until_any("=;,"));
    if (in.peek() != '=') continue;
    in.advance();
    const std::string value = read_param_value(in);
    if (common::iequals(name, "rel")) add_rels(value, link.rels);
  }
}

}  // namespace

std::vector<LinkValue> parse_link_header(std::string_view value) {
  std::vector<LinkValue> links;
  Cursor in(value);
  while (true) {
    in.skip_space();
    while (in.peek() == ',') {
      in.advance();
      in.skip_space();
    }
    if (in.done()) break;
    if (in.peek() != '<') {
      in.skip_to_next_link();
      continue;
    }
    in.advance();
    LinkValue link;
    link.url = std::string(in.until_any(">"));
    if (in.done()) break;  // no closing '>'
    in.advance();
    read_params(in, link);
    if (!link.url.empty()) links.push_back(std::move(link));
    in.skip_to_next_link();
  }
  return links;
}

std::optional<std::string> find_next_link(const std::vector<std::string>& header_values) {
  for (const std::string& value : header_values) {
    for (LinkValue& link : parse_link_header(value)) {
      for (const std::string& rel : link.rels) {
        if (rel == "next") return std::move(link.url);
      }
    }
  }
  return std::nullopt;
}

}  // namespace ec::adapters::okta
