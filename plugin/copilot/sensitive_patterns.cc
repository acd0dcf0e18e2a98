#include "plugin/copilot/sensitive_patterns.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <utility>

#include "plugin/copilot/text_util.h"

namespace ec::copilot {
namespace {

constexpr std::array<std::pair<SensitiveKind, std::string_view>, 8> kKindNames{{
    {SensitiveKind::Email, "EMAIL"},
    {SensitiveKind::Ip, "IP"},
    {SensitiveKind::Attachment, "ATTACHMENT"},
    {SensitiveKind::Invoice, "INVOICE"},
    {SensitiveKind::Account, "ACCOUNT"},
    {SensitiveKind::Token, "TOKEN"},
    {SensitiveKind::Url, "URL"},
    {SensitiveKind::Person, "PERSON"},
}};

// Hand-written linear scanners: std::regex (libstdc++) recurses per character and is quadratic
// on long runs, which untrusted ticket text or linter input must not be able to trigger.

bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }
bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

bool is_mixed_token(std::string_view s) {
  bool digit = false;
  bool upper = false;
  bool lower = false;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    digit = digit || std::isdigit(u) != 0;
    upper = upper || std::isupper(u) != 0;
    lower = lower || std::islower(u) != 0;
  }
  return digit && upper && lower;
}

template <class Pred>
bool all_of(std::string_view s, Pred pred) {
  return std::all_of(s.begin(), s.end(), pred);
}

// A URL is sensitive when it carries a signature, a credential or a bearer token.
bool is_secret_url(std::string_view url) {
  static constexpr std::array<std::string_view, 9> kMarkers{
      "x-amz-", "signature", "token", "sig=", "key=", "secret", "credential", "code=", "auth"};
  return std::any_of(kMarkers.begin(), kMarkers.end(),
                     [&](std::string_view m) { return icontains(url, m); });
}

using Found = std::vector<SensitiveMatch>;

// Calls `fn(begin, end)` for every maximal run of bytes satisfying `in_run`.
template <class InRun, class Fn>
void for_each_run(std::string_view t, InRun in_run, Fn fn) {
  for (std::size_t i = 0; i < t.size();) {
    if (!in_run(t[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < t.size() && in_run(t[j])) ++j;
    fn(i, j);
    i = j;
  }
}

void scan_urls(std::string_view t, Found& out) {
  for (std::size_t pos = 0; pos < t.size();) {
    const std::size_t http = ifind(t, "http", pos);
    if (http == std::string_view::npos) return;
    std::size_t i = http + 4;
    if (i < t.size() && (t[i] == 's' || t[i] == 'S')) ++i;
    if (t.substr(i, 3) != "://" || (http > 0 && is_word(t[http - 1]))) {
      pos = http + 4;
      continue;
    }
    std::size_t end = i + 3;
    while (end < t.size() && !is_space(t[end]) &&
           std::string_view("\"'<>").find(t[end]) == std::string_view::npos)
      ++end;
    while (end > i + 3 && std::string_view(".,;:)]}!?").find(t[end - 1]) != std::string_view::npos)
      --end;
    if (end > i + 3 && is_secret_url(t.substr(http, end - http))) {
      out.push_back({SensitiveKind::Url, http, end});
    }
    pos = std::max(end, http + 4);
  }
}

bool is_local_char(char c) {
  return is_alnum(c) || std::string_view("._%+-").find(c) != std::string_view::npos;
}
bool is_domain_char(char c) { return is_alnum(c) || c == '.' || c == '-'; }

void scan_emails(std::string_view t, Found& out) {
  std::size_t last_end = 0;
  for (std::size_t at = t.find('@'); at != std::string_view::npos; at = t.find('@', at + 1)) {
    std::size_t b = at;
    while (b > last_end && is_local_char(t[b - 1])) --b;
    std::size_t e = at + 1;
    while (e < t.size() && is_domain_char(t[e])) ++e;
    while (e > at + 1 && (t[e - 1] == '.' || t[e - 1] == '-')) --e;
    const std::string_view domain = t.substr(at + 1, e - at - 1);
    const std::size_t dot = domain.rfind('.');
    if (b == at || dot == std::string_view::npos || dot == 0) continue;
    const std::string_view tld = domain.substr(dot + 1);
    if (tld.size() < 2 ||
        !all_of(tld, [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }))
      continue;
    out.push_back({SensitiveKind::Email, b, e});
    last_end = e;
  }
}

constexpr std::array<std::string_view, 35> kAttachmentExtensions{
    "xlsx", "xlsm", "xls", "csv",  "tsv",  "json", "xml", "pdf", "png", "jpg", "jpeg", "gif",
    "webp", "heic", "bmp", "tif",  "tiff", "zip",  "gz",  "tgz", "7z",  "rar", "tar",  "docx",
    "doc",  "odt",  "ods", "pptx", "ppt",  "txt",  "log", "eml", "msg", "har", "pcap"};

bool is_attachment_char(char c) { return is_alnum(c) || c == '.' || c == '_' || c == '-'; }

// End of the last ".ext" in run [b, e) that is followed by a non-word byte, or npos.
std::size_t last_extension_end(std::string_view t, std::size_t b, std::size_t e) {
  std::size_t best = std::string_view::npos;
  for (std::size_t dot = t.find('.', b); dot < e; dot = t.find('.', dot + 1)) {
    for (std::string_view ext : kAttachmentExtensions) {
      const std::size_t end = dot + 1 + ext.size();
      if (end > e || !iequals_ascii(t.substr(dot + 1, ext.size()), ext)) continue;
      if (end == t.size() || !is_word(t[end])) best = end;
    }
  }
  return best;
}

void scan_attachments(std::string_view t, Found& out) {
  for_each_run(t, is_attachment_char, [&](std::size_t b, std::size_t e) {
    while (b < e && !is_alnum(t[b])) ++b;
    const std::size_t end = last_extension_end(t, b, e);
    if (end != std::string_view::npos) out.push_back({SensitiveKind::Attachment, b, end});
  });
}

void scan_invoices(std::string_view t, Found& out) {
  for (std::size_t pos = ifind(t, "inv-"); pos != std::string_view::npos;
       pos = ifind(t, "inv-", pos + 1)) {
    if (pos > 0 && is_word(t[pos - 1])) continue;
    std::size_t e = pos + 4;
    if (e >= t.size() || !is_alnum(t[e])) continue;
    while (e < t.size() && (is_alnum(t[e]) || t[e] == '-')) ++e;
    out.push_back({SensitiveKind::Invoice, pos, e});
    pos = e - 1;
  }
}

bool starts_with_alnum_tail(std::string_view w, std::string_view prefix, std::size_t tail,
                            bool upper_digits_only) {
  if (w.size() != prefix.size() + tail || !w.starts_with(prefix)) return false;
  return all_of(w.substr(prefix.size()), [&](char c) {
    return upper_digits_only ? (is_digit(c) || std::isupper(static_cast<unsigned char>(c)) != 0)
                             : is_alnum(c);
  });
}

// Ids and keys with a recognizable shape, judged on whole words ([A-Za-z0-9_] runs).
std::optional<SensitiveKind> classify_word(std::string_view w) {
  if (starts_with_alnum_tail(w, "AKIA", 16, true) || starts_with_alnum_tail(w, "ASIA", 16, true) ||
      starts_with_alnum_tail(w, "00T", 17, false)) {
    return SensitiveKind::Token;
  }
  for (std::string_view p : {"cs_", "sess_", "sid_", "session_"}) {
    const std::string_view tail = w.substr(std::min(w.size(), p.size()));
    if (w.starts_with(p) && tail.size() >= 6 && all_of(tail, is_alnum)) return SensitiveKind::Token;
  }
  if (starts_with_alnum_tail(w, "00u", 17, false)) return SensitiveKind::Account;
  if (w.size() == 12 && all_of(w, is_digit)) return SensitiveKind::Account;
  if (w.size() >= 32 && all_of(w, is_hex)) return SensitiveKind::Token;
  return std::nullopt;
}

void scan_words(std::string_view t, Found& out) {
  for_each_run(t, is_word, [&](std::size_t b, std::size_t e) {
    if (auto kind = classify_word(t.substr(b, e - b))) out.push_back({*kind, b, e});
  });
}

void scan_base64(std::string_view t, Found& out) {
  auto in_run = [](char c) { return is_alnum(c) || c == '+' || c == '/'; };
  for_each_run(t, in_run, [&](std::size_t b, std::size_t e) {
    if (e - b < 40 || !is_mixed_token(t.substr(b, e - b))) return;
    std::size_t end = e;
    while (end < t.size() && end < e + 2 && t[end] == '=') ++end;
    out.push_back({SensitiveKind::Token, b, end});
  });
}

void scan_opaque_tokens(std::string_view t, Found& out) {
  for_each_run(t, is_word, [&](std::size_t b, std::size_t e) {
    const std::string_view w = t.substr(b, e - b);
    if (w.size() >= 20 && all_of(w, is_alnum) && is_mixed_token(w)) {
      out.push_back({SensitiveKind::Token, b, e});
    }
  });
}

bool is_valid_ipv4(std::string_view s) {
  int parts = 0;
  bool ok = s.front() != '.' && s.back() != '.' && s.find("..") == std::string_view::npos;
  for_each_run(s, is_digit, [&](std::size_t b, std::size_t e) {
    int value = 0;
    for (char c : s.substr(b, e - b)) value = std::min(1000, value * 10 + (c - '0'));
    ok = ok && e - b <= 3 && value <= 255;
    ++parts;
  });
  return ok && parts == 4;
}

void scan_ips(std::string_view t, Found& out) {
  auto in_run = [](char c) { return is_digit(c) || c == '.'; };
  for_each_run(t, in_run, [&](std::size_t b, std::size_t e) {
    while (e > b && t[e - 1] == '.') --e;  // sentence full stop
    if (e == b || (b > 0 && is_word(t[b - 1])) || (e < t.size() && is_word(t[e]))) return;
    if (is_valid_ipv4(t.substr(b, e - b))) out.push_back({SensitiveKind::Ip, b, e});
  });
}

// Blanks placeholders so no scanner sees them.
std::string mask_placeholders(std::string_view text) {
  std::string work(text);
  for (std::size_t i = 0; i < work.size(); ++i) {
    std::size_t len = 0;
    if (placeholder_at(work, i, &len)) {
      std::fill_n(work.begin() + static_cast<std::ptrdiff_t>(i), len, ' ');
      i += len - 1;
    }
  }
  return work;
}

using Scanner = void (*)(std::string_view, Found&);
constexpr std::array<Scanner, 8> kScanners{scan_urls,          scan_emails, scan_attachments,
                                           scan_invoices,      scan_words,  scan_base64,
                                           scan_opaque_tokens, scan_ips};

}  // namespace

std::string_view sensitive_kind_name(SensitiveKind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) return name;
  }
  return "TOKEN";
}

Result<SensitiveKind> parse_sensitive_kind(std::string_view name) {
  for (const auto& [k, known] : kKindNames) {
    if (known == name) return k;
  }
  return make_error(ErrorCode::InvalidArgument,
                    "unknown sensitive kind '" + std::string(name) +
                        "' (expected EMAIL, IP, ATTACHMENT, INVOICE, ACCOUNT, TOKEN, URL, PERSON)");
}

std::vector<SensitiveMatch> find_sensitive_values(std::string_view text) {
  std::string work = mask_placeholders(text);
  std::vector<SensitiveMatch> matches;
  for (Scanner scan : kScanners) {
    Found found;
    scan(work, found);
    // Blank what this scanner claimed so later, more general scanners cannot overlap it.
    for (const SensitiveMatch& m : found) {
      std::fill(work.begin() + static_cast<std::ptrdiff_t>(m.begin),
                work.begin() + static_cast<std::ptrdiff_t>(m.end), ' ');
      matches.push_back(m);
    }
  }
  std::sort(matches.begin(), matches.end(),
            [](const SensitiveMatch& a, const SensitiveMatch& b) { return a.begin < b.begin; });
  return matches;
}

}  // namespace ec::copilot
