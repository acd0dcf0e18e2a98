#include "adapters/aws/s3_listing.h"

#include <charconv>
#include <functional>

namespace ec::adapters::aws {
namespace {

// Events of the pull reader: an element opens, closes, or carries text.
class XmlReader {
 public:
  explicit XmlReader(std::string_view xml) : xml_(xml) {}

  using OnOpen = std::function<void(std::string_view name)>;
  using OnClose = std::function<Status(std::string_view name, std::string&& text)>;

  // Walks the whole document; `on_close` gets each element's decoded text (children's text is
  // not included).
  Status read(const OnOpen& on_open, const OnClose& on_close) {
    std::vector<std::pair<std::string_view, std::string>> open;  // name, text so far
    bool seen_root = false;
    while (at_ < xml_.size()) {
      if (xml_[at_] != '<') {
        const auto end = xml_.find('<', at_);
        std::string text;
        EC_RETURN_IF_ERROR(decode(xml_.substr(at_, end - at_), text));
        if (open.empty()) {
          if (text.find_first_not_of(" \t\r\n") != std::string::npos) {
            return fail("text outside the root element");
          }
        } else {
          open.back().second += text;
        }
        at_ = end == std::string_view::npos ? xml_.size() : end;
        continue;
      }
      if (starts("<?")) {
        EC_RETURN_IF_ERROR(skip_past("?>"));
      } else if (starts("<!--")) {
        EC_RETURN_IF_ERROR(skip_past("-->"));
      } else if (starts("<![CDATA[")) {
        if (open.empty()) return fail("CDATA outside the root element");
        const auto end = xml_.find("]]>", at_);
        if (end == std::string_view::npos) return fail("unterminated CDATA");
        open.back().second.append(xml_.substr(at_ + 9, end - at_ - 9));
        at_ = end + 3;
      } else if (starts("<!")) {
        return fail("DOCTYPE and other declarations are not accepted");
      } else if (starts("</")) {
        const auto end = xml_.find('>', at_);
        if (end == std::string_view::npos) return fail("unterminated end tag");
        std::string_view name = trim(xml_.substr(at_ + 2, end - at_ - 2));
        if (open.empty() || open.back().first != name) {
          return fail("end tag </" + std::string(name) + "> does not match");
        }
        EC_RETURN_IF_ERROR(on_close(name, std::move(open.back().second)));
        open.pop_back();
        at_ = end + 1;
      } else {
        const auto end = find_tag_end();
        if (end == std::string_view::npos) return fail("unterminated start tag");
        const bool empty = xml_[end - 1] == '/';
        std::string_view tag = xml_.substr(at_ + 1, end - at_ - 1 - (empty ? 1 : 0));
        const std::string_view name = tag.substr(0, tag.find_first_of(" \t\r\n"));
        if (name.empty()) return fail("a tag without a name");
        if (open.empty() && seen_root) return fail("a second root element");
        seen_root = true;
        on_open(name);
        at_ = end + 1;
        if (empty) {
          EC_RETURN_IF_ERROR(on_close(name, std::string{}));
        } else {
          open.emplace_back(name, std::string{});
        }
      }
    }
    if (!open.empty()) return fail("<" + std::string(open.back().first) + "> is never closed");
    if (!seen_root) return fail("no root element");
    return ok_status();
  }

 private:
  bool starts(std::string_view prefix) const { return xml_.substr(at_).starts_with(prefix); }

  static std::string_view trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
  }

  Status fail(std::string what) const {
    return make_error(ErrorCode::InvalidArgument,
                      "not well-formed XML: " + what + " at byte " + std::to_string(at_));
  }

  Status skip_past(std::string_view end) {
    const auto found = xml_.find(end, at_);
    if (found == std::string_view::npos) return fail("unterminated " + std::string(end));
    at_ = found + end.size();
    return ok_status();
  }

  // The '>' ending the start tag at at_, skipping quoted attribute values.
  std::size_t find_tag_end() const {
    char quote = 0;
    for (std::size_t i = at_ + 1; i < xml_.size(); ++i) {
      const char c = xml_[i];
      if (quote != 0) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        return i;
      } else if (c == '<') {
        return std::string_view::npos;
      }
    }
    return std::string_view::npos;
  }

  // XML 1.0's Char production: a reference to anything else (a surrogate, which has no UTF-8
  // form, U+FFFE, a control character) is not well-formed.
  static bool is_xml_char(std::uint32_t cp) {
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
           (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
  }

  static void append_utf8(std::uint32_t cp, std::string& out) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  Status decode(std::string_view text, std::string& out) const {
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] != '&') {
        out.push_back(text[i]);
        continue;
      }
      const auto semi = text.find(';', i);
      if (semi == std::string_view::npos) return fail("'&' without ';'");
      const std::string_view entity = text.substr(i + 1, semi - i - 1);
      if (entity == "amp") {
        out.push_back('&');
      } else if (entity == "lt") {
        out.push_back('<');
      } else if (entity == "gt") {
        out.push_back('>');
      } else if (entity == "quot") {
        out.push_back('"');
      } else if (entity == "apos") {
        out.push_back('\'');
      } else if (entity.starts_with('#') && entity.size() > 1) {
        const bool hex = entity[1] == 'x' || entity[1] == 'X';
        const std::string_view digits = entity.substr(hex ? 2 : 1);
        std::uint32_t cp = 0;
        const auto [end, ec] =
            std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
        if (ec != std::errc{} || end != digits.data() + digits.size() || digits.empty() ||
            !is_xml_char(cp)) {
          return fail("bad character reference &" + std::string(entity) + ";");
        }
        append_utf8(cp, out);
      } else {
        return fail("unknown entity &" + std::string(entity) + ";");
      }
      i = semi;
    }
    return ok_status();
  }

  std::string_view xml_;
  std::size_t at_ = 0;
};

}  // namespace

Result<S3Listing> parse_list_objects_v2(std::string_view xml) {
  S3Listing listing;
  std::vector<std::string> path;  // open element names
  std::string truncated;
  bool root_ok = false;
  const auto on_open = [&](std::string_view name) {
    if (path.empty()) root_ok = name == "ListBucketResult";
    if (path.size() == 1 && name == "Contents") listing.objects.emplace_back();
    path.emplace_back(name);
  };
  const auto on_close = [&](std::string_view name, std::string&& text) -> Status {
    path.pop_back();
    if (path.size() == 2 && path[1] == "Contents") {
      S3Object& object = listing.objects.back();
      const std::string where = "Contents[" + std::to_string(listing.objects.size() - 1) + "]";
      if (name == "Key") {
        object.key = std::move(text);
      } else if (name == "Size") {
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), object.size);
        if (ec != std::errc{} || end != text.data() + text.size() || object.size < 0) {
          return make_error(ErrorCode::InvalidArgument, where + ": Size is not a number");
        }
      } else if (name == "LastModified") {
        const auto time = parse_rfc3339(text);
        if (!time) {
          return make_error(ErrorCode::InvalidArgument,
                            where + ": LastModified is not an ISO 8601 time");
        }
        object.last_modified = *time;
      }
    } else if (path.size() == 1) {
      if (name == "IsTruncated") truncated = std::move(text);
      if (name == "NextContinuationToken") listing.next_continuation_token = std::move(text);
      if (name == "Contents" && listing.objects.back().key.empty()) {
        return make_error(ErrorCode::InvalidArgument,
                          "Contents[" + std::to_string(listing.objects.size() - 1) + "]: no Key");
      }
    }
    return ok_status();
  };
  XmlReader reader(xml);
  EC_RETURN_IF_ERROR(reader.read(on_open, on_close));
  if (!root_ok) {
    return make_error(ErrorCode::InvalidArgument, "expected a ListBucketResult document");
  }
  if (truncated != "true" && truncated != "false") {
    return make_error(ErrorCode::InvalidArgument, "IsTruncated is missing or not true/false");
  }
  listing.truncated = truncated == "true";
  if (listing.truncated && listing.next_continuation_token.empty()) {
    return make_error(ErrorCode::InvalidArgument,
                      "IsTruncated is true but there is no NextContinuationToken");
  }
  return listing;
}

}  // namespace ec::adapters::aws
