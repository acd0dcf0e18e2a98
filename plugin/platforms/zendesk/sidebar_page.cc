#include "plugin/platforms/zendesk/sidebar_page.h"

#include <sstream>

#include "plugin/platforms/common/html.h"

namespace ec::platforms::zendesk {
namespace {

constexpr char kStyle[] =
    "body{font-family:system-ui,sans-serif;font-size:13px;margin:.5rem;color:#111}"
    "h1{font-size:15px;margin:.2rem 0}h2{font-size:13px;margin:.8rem 0 .3rem}"
    "ul{padding-left:1.1rem;margin:.2rem 0}.pill{display:inline-block;padding:0 .35rem;"
    "border-radius:.3rem;font-size:11px;font-weight:bold;background:#eee}"
    ".escalated{background:#fde2e1;color:#8a0000}.confirmed{background:#dff3e0}"
    ".hypothesis{background:#fff4cc}.unverified{background:#eee}.refuted{background:#ddd}"
    ".card{border:1px solid #bbb;border-radius:.4rem;padding:.4rem;margin:.5rem 0}"
    ".card.unapproved{border-color:#b00020}.card.approved{border-color:#006400}"
    ".state{font-weight:bold}.unapproved .state{color:#b00020}.approved .state{color:#006400}"
    ".agent{background:#eef4ff}.human,.human_edited{background:#fff4e0}"
    ".lint{color:#8a4b00}.lint.blocking{color:#b00020}.blocked{color:#b00020}"
    "button{margin:.3rem .3rem 0 0}.msg{font-style:italic}";

// The page's only script: the two buttons post the card's exact version and hash with the
// CSRF token (Request changes asks for the reason core requires); the card then shows the server's answer (or the refusal).
constexpr char kScript[] = R"JS(
(function () {
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  function act(button, path, note) {
    var card = button.closest('.card');
    var msg = card.querySelector('.msg');
    var body = JSON.stringify({draft_id: card.dataset.draft, version: Number(card.dataset.version),
                               content_hash: card.dataset.hash, note: note || ''});
    card.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
    fetch(path, {method: 'POST', credentials: 'same-origin',
                 headers: {'Content-Type': 'application/json', 'X-CSRF-Token': csrf}, body: body})
      .then(function (r) { return r.json().then(function (j) { return {ok: r.ok, j: j}; }); })
      .then(function (res) {
        if (!res.ok) {
          msg.textContent = 'Refused: ' + (res.j.error || 'unknown error');
          card.querySelectorAll('button').forEach(function (b) { b.disabled = false; });
          return;
        }
        if (res.j.state_label) {
          card.querySelector('.state').textContent = res.j.state_label;
          card.classList.remove('unapproved');
          card.classList.add('approved');
          card.querySelector('.actions').remove();
        }
        msg.textContent = res.j.message;
      })
      .catch(function (e) { msg.textContent = 'Request failed: ' + e; });
  }
  document.querySelectorAll('button.approve').forEach(function (b) {
    b.addEventListener('click', function () { act(b, b.dataset.path); });
  });
  document.querySelectorAll('button.request-changes').forEach(function (b) {
    b.addEventListener('click', function () {
      var reason = window.prompt('What should change in this version?');
      if (reason && reason.trim()) act(b, b.dataset.path, reason.trim());
    });
  });
})();
)JS";

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

void render_overview(std::ostringstream& out, const SidebarView& v) {
  const Case& c = *v.c;
  out << "<h1>Case " << html_escape(c.id) << " &middot; ticket " << html_escape(c.ticket_ref)
      << "</h1>\n<p>State <span id=\"case-state\" class=\"pill"
      << (c.state == CaseState::SecurityEscalated ? " escalated" : "") << "\">"
      << html_escape(case_state_name(c.state)) << "</span> &middot; lead "
      << html_escape(c.lead) << " &middot; you are " << html_escape(v.viewer)
      << (v.viewer_is_lead ? " (lead)" : " (read-only)") << "</p>\n";
  out << "<h2>Security decision</h2>\n<p id=\"decision\">"
      << (v.escalate_security ? "<span class=\"pill escalated\">ESCALATE TO SECURITY</span>"
                              : "<span class=\"pill\">no escalation</span>");
  if (c.security_hold()) out << " &middot; customer updates held until security acknowledges";
  out << "</p>\n<ul>";
  for (const std::string& r : v.decision_reasons) out << "<li>" << html_escape(r) << "</li>";
  out << "</ul>\n";
}

void render_evidence(std::ostringstream& out, const SidebarView& v) {
  // Collapsed: a sidebar is narrow and a case can hold hundreds of records.
  out << "<details><summary><b>Evidence (" << v.evidence.size()
      << " records)</b></summary>\n<ul id=\"evidence\">";
  for (const Evidence& e : v.evidence) {
    out << "<li><b>" << html_escape(e.id) << "</b> " << html_escape(format_rfc3339(e.time))
        << " " << html_escape(e.source) << ": " << html_escape(e.summary) << "</li>";
  }
  out << "</ul></details>\n<h2>Findings</h2>\n<ul id=\"findings\">";
  for (const Finding& f : v.findings) {
    const std::string status(finding_status_name(f.status));
    out << "<li><b>" << html_escape(f.id) << "</b> <span class=\"pill " << html_escape(lower(status))
        << "\">" << html_escape(status) << "</span> " << html_escape(f.statement) << " <i>(owner "
        << html_escape(owner_name(f.owner)) << ")</i></li>";
  }
  out << "</ul>\n<h2>Open questions</h2>\n<ul id=\"questions\">";
  for (const OpenQuestion& q : v.questions) {
    out << "<li><b>" << html_escape(q.id) << "</b> " << html_escape(q.question)
        << " <i>(owner " << html_escape(owner_name(q.owner)) << ", "
        << html_escape(question_state_name(q.state)) << ")</i></li>";
  }
  out << "</ul>\n";
}

void render_card(std::ostringstream& out, const SidebarView& v, const DraftCard& card) {
  const bool approved = card.approval.has_value();
  out << "<section class=\"card " << (approved ? "approved" : "unapproved") << "\" data-draft=\""
      << html_escape(card.draft_id) << "\" data-version=\"" << card.version << "\" data-hash=\""
      << html_escape(card.content_hash) << "\">\n<div><span class=\"state\">"
      << html_escape(card.state_label) << "</span> " << html_escape(card.title)
      << "</div>\n<div>sha256 <code>" << html_escape(card.content_hash) << "</code></div>\n";
  for (const CardSection& section : card.sections) {
    out << "<h2>" << html_escape(section.title) << "</h2><ul>";
    for (const CardStatement& s : section.statements) {
      const std::string author(authorship_name(s.author));
      out << "<li class=\"" << html_escape(author) << "\"><span class=\"pill\">"
          << (s.author == Authorship::Agent ? "AGENT" : "HUMAN") << "</span> "
          << html_escape(s.text) << "</li>";
    }
    out << "</ul>";
  }
  if (!card.lint.empty()) {
    out << "<h2>Linter findings</h2><ul class=\"lint-findings\">";
    for (const CardLintNote& n : card.lint) {
      out << "<li class=\"lint" << (n.blocking ? " blocking" : "") << "\"><code>"
          << html_escape(n.rule_id) << "</code> " << html_escape(n.reason) << " &mdash; &ldquo;"
          << html_escape(n.sentence) << "&rdquo;</li>";
    }
    out << "</ul>";
  }
  for (const std::string& b : card.blocking_issues) {
    out << "<p class=\"blocked\">Blocks approval: " << html_escape(b) << "</p>";
  }
  if (card.hold) out << "<p class=\"blocked\">Held: " << html_escape(*card.hold) << "</p>";
  if (approved) {
    out << "<p class=\"approved-by\">Approved by " << html_escape(card.approval->approver)
        << " at " << html_escape(format_rfc3339(card.approval->approved_at)) << "</p>";
  }
  if (v.viewer_is_lead && !approved) {
    out << "<div class=\"actions\"><button class=\"approve\" data-path=\"" << kApprovePath
        << "\">Approve</button><button class=\"request-changes\" data-path=\""
        << kRequestChangesPath << "\">Request changes</button></div>";
  }
  out << "<p class=\"msg\"></p>\n</section>\n";
}

}  // namespace

std::string render_sidebar_page(const SidebarView& view) {
  std::ostringstream out;
  out << "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width\">"
         "<meta name=\"csrf-token\" content=\""
      << html_escape(view.csrf_token) << "\"><title>Escalation copilot: ticket "
      << html_escape(view.ticket_ref) << "</title><style>" << kStyle << "</style></head><body>\n";
  if (!view.c) {
    out << "<h1>Escalation copilot</h1>\n<p id=\"no-case\">No escalation case is open for ticket "
        << html_escape(view.ticket_ref) << ". Open one from chat with <code>/escalation open "
        << html_escape(view.ticket_ref) << "</code>.</p>\n</body></html>\n";
    return out.str();
  }
  render_overview(out, view);
  render_evidence(out, view);
  out << "<h2>Drafts</h2>\n";
  if (view.cards.empty()) out << "<p>No drafts yet.</p>\n";
  for (const DraftCard& card : view.cards) render_card(out, view, card);
  out << "<script nonce=\"" << html_escape(view.script_nonce) << "\">" << kScript
      << "</script>\n</body></html>\n";
  return out.str();
}

}  // namespace ec::platforms::zendesk
