#include "plugin/app/zendesk_sidebar_routes.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "plugin/app/zendesk_sidebar_view.h"
#include "plugin/core/hash.h"
#include "plugin/platforms/common/form.h"
#include "plugin/platforms/common/http_status.h"
#include "plugin/platforms/zendesk/random_token.h"
#include "plugin/platforms/zendesk/sidebar_page.h"

namespace ec::app {
namespace {

using nlohmann::json;
namespace zd = platforms::zendesk;

constexpr std::size_t kMaxApiBody = 8 * 1024;

void send_json(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(canonical_json(body), "application/json");
}

void send_error(httplib::Response& res, const Error& error) {
  const int status = platforms::http_status_for(error.code);
  // 500s carry no internals; the log has them.
  if (status == 500) spdlog::error("zendesk sidebar: {}", error.to_string());
  send_json(res, status, {{"error", status == 500 ? "internal error" : error.message}});
}

void send_page(httplib::Response& res, const std::string& html, const std::string& nonce) {
  res.status = 200;
  res.set_header("Cache-Control", "no-store");
  // Only our inline script runs; the page may be framed by Zendesk only.
  res.set_header("Content-Security-Policy",
                 "default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-" + nonce +
                     "'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; "
                     "form-action 'none'; frame-ancestors https://*.zendesk.com");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_content(html, "text/html; charset=utf-8");
}

std::optional<std::string> cookie_value(const httplib::Request& req, std::string_view name) {
  for (std::size_t i = 0; i < req.get_header_value_count("Cookie"); ++i) {
    const std::string header = req.get_header_value("Cookie", i);
    std::size_t pos = 0;
    while (pos < header.size()) {
      std::size_t end = header.find(';', pos);
      if (end == std::string::npos) end = header.size();
      std::string_view part(header.data() + pos, end - pos);
      while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
      if (part.size() > name.size() && part.substr(0, name.size()) == name &&
          part[name.size()] == '=') {
        return std::string(part.substr(name.size() + 1));
      }
      pos = end + 1;
    }
  }
  return std::nullopt;
}

// The session named by the request's cookie: Unauthenticated when absent, unknown or expired.
Result<SidebarSession> session_of(const ZendeskSidebarDeps& d, const httplib::Request& req) {
  const auto cookie = cookie_value(req, kSidebarCookie);
  if (!cookie || cookie->empty()) {
    return make_error(ErrorCode::Unauthenticated, "no sidebar session; reopen the ticket");
  }
  auto tx = d.store.begin();
  if (!tx) return std::unexpected(tx.error());
  auto found = (*tx)->find_sidebar_session(sha256_hex(*cookie));
  if (!found) return std::unexpected(found.error());
  if (!*found || (*found)->expired(d.clock.now())) {
    return make_error(ErrorCode::Unauthenticated, "sidebar session expired; reopen the ticket");
  }
  return **found;
}

// Session (401) and CSRF header (403) for a state-changing call.
Result<SidebarSession> admit_api(const ZendeskSidebarDeps& d, const httplib::Request& req) {
  auto session = session_of(d, req);
  if (!session) return session;
  const std::string csrf = req.get_header_value(zd::kCsrfHeader);
  if (csrf.empty() || !constant_time_equals(csrf, session->csrf_token)) {
    return make_error(ErrorCode::PermissionDenied, "missing or wrong X-CSRF-Token");
  }
  return session;
}

void render(const ZendeskSidebarDeps& d, const SidebarSession& session, httplib::Response& res) {
  auto nonce = zd::random_token_hex(16);
  if (!nonce) return send_error(res, nonce.error());
  auto view = load_sidebar_view(d.cases, d.store, session.ticket_ref, session.acting_user);
  if (!view) return send_error(res, view.error());
  view->csrf_token = session.csrf_token;
  view->script_nonce = *nonce;
  send_page(res, zd::render_sidebar_page(*view), *nonce);
}

void handle_load(const ZendeskSidebarDeps& d, const httplib::Request& req,
                 httplib::Response& res) {
  if (!platforms::is_form_content_type(req.get_header_value("Content-Type"))) {
    return send_error(res, Error{ErrorCode::InvalidArgument,
                                 "expected a form post with the signed token"});
  }
  auto form = platforms::parse_form(req.body);
  if (!form) return send_error(res, form.error());
  const auto token = platforms::form_value(*form, "token");
  const Timestamp now = d.clock.now();
  auto claims = zd::verify_zendesk_jwt(token.value_or(""), *d.settings.public_key,
                                       d.settings.expect, now);
  if (!claims) {
    spdlog::info("zendesk sidebar: refused a load: {}", claims.error().message);
    return send_error(res, claims.error());
  }
  std::string ticket = req.has_param("ticket_id") ? req.get_param_value("ticket_id")
                                                  : platforms::form_value(*form, "ticket_id")
                                                        .value_or("");
  if (ticket.empty() || ticket.size() > 64 ||
      ticket.find_first_not_of("0123456789") != std::string::npos) {
    return send_error(res, Error{ErrorCode::InvalidArgument,
                                 "ticket_id: expected the numeric Zendesk ticket id"});
  }
  auto id = zd::random_token_hex(32);
  auto csrf = zd::random_token_hex(32);
  if (!id || !csrf) return send_error(res, Error{ErrorCode::Internal, "random"});
  SidebarSession session;
  session.id_hash = sha256_hex(*id);
  session.csrf_token = *csrf;
  session.zendesk_user = claims->subject;
  session.acting_user = d.settings.acting_user(claims->subject);
  session.ticket_ref = ticket;
  session.created_at = now;
  session.expires_at = now + d.settings.session_ttl;
  {
    auto tx = d.store.begin();
    if (!tx) return send_error(res, tx.error());
    (void)(*tx)->delete_expired_sidebar_sessions(now);
    if (auto stored = (*tx)->insert_sidebar_session(session); !stored) {
      return send_error(res, stored.error());
    }
    if (auto done = (*tx)->commit(); !done) return send_error(res, done.error());
  }
  res.set_header("Set-Cookie", std::string(kSidebarCookie) + "=" + *id +
                                   "; Path=/; Max-Age=" +
                                   std::to_string(d.settings.session_ttl.count()) +
                                   "; HttpOnly; Secure; SameSite=None; Partitioned");
  render(d, session, res);
}

struct ActionBody {
  std::string draft_id;
  int version = 0;
  std::string content_hash;
  std::string note;
};

Result<ActionBody> parse_action(const httplib::Request& req) {
  if (req.body.size() > kMaxApiBody) {
    return make_error(ErrorCode::InvalidArgument, "body larger than 8 KiB");
  }
  const json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return make_error(ErrorCode::InvalidArgument, "body: expected a JSON object");
  }
  ActionBody a;
  if (!body.contains("draft_id") || !body["draft_id"].is_string()) {
    return make_error(ErrorCode::InvalidArgument, "draft_id: expected a string");
  }
  if (!body.contains("version") || !body["version"].is_number_integer() ||
      body["version"].get<long long>() < 1 || body["version"].get<long long>() > 1'000'000) {
    return make_error(ErrorCode::InvalidArgument, "version: expected a positive integer");
  }
  if (!body.contains("content_hash") || !body["content_hash"].is_string()) {
    return make_error(ErrorCode::InvalidArgument, "content_hash: expected a string");
  }
  a.draft_id = body["draft_id"].get<std::string>();
  a.version = body["version"].get<int>();
  a.content_hash = body["content_hash"].get<std::string>();
  if (body.contains("note") && body["note"].is_string()) a.note = body["note"].get<std::string>();
  return a;
}

// The case of the session's ticket; NotFound when none is open.
Result<std::string> case_of(const ZendeskSidebarDeps& d, const SidebarSession& session) {
  auto tx = d.store.begin();
  if (!tx) return std::unexpected(tx.error());
  auto c = (*tx)->find_case_by_ticket(session.ticket_ref);
  if (!c) return std::unexpected(c.error());
  if (!*c) return make_error(ErrorCode::NotFound, "no case for ticket " + session.ticket_ref);
  return (*c)->id;
}

void handle_approve(const ZendeskSidebarDeps& d, const httplib::Request& req,
                    httplib::Response& res) {
  auto session = admit_api(d, req);
  if (!session) return send_error(res, session.error());
  auto action = parse_action(req);
  if (!action) return send_error(res, action.error());
  auto case_id = case_of(d, *session);
  if (!case_id) return send_error(res, case_id.error());
  auto approval = d.cases.approve(*case_id, action->draft_id, action->version,
                                  session->acting_user, action->content_hash);
  if (!approval) return send_error(res, approval.error());
  send_json(res, 200,
            {{"state_label", "APPROVED"},
             {"approver", approval->approver},
             {"approved_at", format_rfc3339(approval->approved_at)},
             {"content_hash", approval->content_hash},
             {"message", "Approved by " + approval->approver + " at " +
                             format_rfc3339(approval->approved_at)}});
}

void handle_request_changes(const ZendeskSidebarDeps& d, const httplib::Request& req,
                            httplib::Response& res) {
  auto session = admit_api(d, req);
  if (!session) return send_error(res, session.error());
  auto action = parse_action(req);
  if (!action) return send_error(res, action.error());
  auto case_id = case_of(d, *session);
  if (!case_id) return send_error(res, case_id.error());
  // The sidebar shows the card read-only to everyone but the case's lead (issue 7); chat surfaces
  // let anyone on the case ask for changes.
  auto c = d.cases.get_case(*case_id);
  if (!c) return send_error(res, c.error());
  if (c->lead != session->acting_user) {
    return send_error(res, Error{ErrorCode::PermissionDenied,
                                 "read-only: only the case's lead requests changes here"});
  }
  auto done = d.cases.request_changes(*case_id, action->draft_id, action->version,
                                      action->content_hash, session->acting_user, action->note);
  if (!done) return send_error(res, done.error());
  send_json(res, 200, {{"message", "Changes requested on " + action->draft_id + " v" +
                                       std::to_string(action->version) +
                                       "; it cannot be approved until an edit makes the next version."}});
}

}  // namespace

void register_zendesk_sidebar_routes(httplib::Server& server, const ZendeskSidebarDeps& deps) {
  const ZendeskSidebarDeps* d = &deps;
  server.Post(zd::kSidebarPath, [d](const httplib::Request& req, httplib::Response& res) {
    handle_load(*d, req, res);
  });
  server.Get(zd::kSidebarPath, [d](const httplib::Request& req, httplib::Response& res) {
    auto session = session_of(*d, req);
    if (!session) return send_error(res, session.error());
    render(*d, *session, res);
  });
  server.Post(zd::kApprovePath, [d](const httplib::Request& req, httplib::Response& res) {
    handle_approve(*d, req, res);
  });
  server.Post(zd::kRequestChangesPath, [d](const httplib::Request& req, httplib::Response& res) {
    handle_request_changes(*d, req, res);
  });
}

}  // namespace ec::app
