// Browser test of the Zendesk ticket sidebar (issue #7): the real service on a loopback port
// with an RSA key pair generated here, Zendesk's signed-URL load played by a cross-site form
// post (as Zendesk's iframe does), headless Chromium. The lead sees the unapproved draft with
// its linter findings, presses Approve and sees the card turn APPROVED; an agent who is not the
// lead sees no Approve button, and direct API calls are refused (401 without a session, 403
// without the CSRF token or as a non-lead). Screenshots go to $EC_ARTIFACT_DIR.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { check, launch, main, run, screenshot, serve, sourceDir, tempDir } from './lib.mjs';

const ISSUER = 'acme.zendesk.com';
const AUDIENCE = 'https://acme.zendesk.com/api/v2/apps/installations/42.json';
const LEAD_SUB = 'acme.zendesk.com/users/1001';
const AGENT_SUB = 'acme.zendesk.com/users/2002';
const LEAD = 'U0LEAD';
const TICKET = '48213';

function b64url(data) {
  return Buffer.from(data).toString('base64url');
}

function signJwt(privateKey, sub) {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256' }));
  const payload = b64url(JSON.stringify({
    iss: ISSUER, aud: AUDIENCE, sub, iat: now, nbf: now, exp: now + 300,
    context: { product: 'support', location: 'ticket_sidebar' },
  }));
  const signature = crypto.sign('sha256', Buffer.from(`${header}.${payload}`), privateKey);
  return `${header}.${payload}.${b64url(signature)}`;
}

// A case for the ticket with drafts: opened by the lead, gathered (the scenario escalates),
// acknowledged by security so the customer update may be approved, and a lead's edit that
// carries a linter warning (a next step without an owner) but nothing that blocks approval.
function prepare(dir) {
  const scenario = path.join(dir, 'scenario');
  fs.cpSync(path.join(sourceDir, 'adapters/scenarios/contractor_after_deprovision'), scenario,
            { recursive: true });
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  fs.writeFileSync(path.join(dir, 'zendesk_app.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
  const config = JSON.parse(fs.readFileSync(path.join(scenario, 'config.json'), 'utf8'));
  config.listen = '127.0.0.1:0';
  config.database = 'sqlite:' + path.join(dir, 'copilot.db');
  config.zendesk_sidebar = {
    public_key: path.join(dir, 'zendesk_app.pem'), issuer: ISSUER, audience: AUDIENCE,
    leads: { [LEAD_SUB]: LEAD }, session_ttl_seconds: 600,
  };
  const configFile = path.join(scenario, 'sidebar.json');
  fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
  const common = ['--config', configFile, '--db', path.join(dir, 'copilot.db')];
  run(['case', 'open', ...common, '--ticket', TICKET, '--subject', config.case.subject,
       '--lead', LEAD, '--customer', config.case.customer, '--as', LEAD]);
  const caseId = 'CASE-' + TICKET;
  run(['case', 'gather', ...common, '--case', caseId, '--as', LEAD]);
  run(['case', 'acknowledge', ...common, '--case', caseId, '--as', config.security_group.split(',')[0]]);
  // The lead's edit of the customer update: one more sentence, a next step with no owner.
  const timeline = JSON.parse(run(['timeline', 'export', '--db', path.join(dir, 'copilot.db'),
                                   '--case', caseId, '--format', 'json']));
  const update = timeline.drafts.filter((d) => d.kind === 'customer_update').at(-1);
  const edited = update.text.replace(/\n?$/, '\n- We will share the findings with you.\n');
  run(['case', 'edit', ...common, '--case', caseId, '--as', LEAD, update.draft_id], { input: edited });
  return { configFile, privateKey, caseId };
}

// Loads the sidebar the way Zendesk does: a form post of `token` from another site.
async function openSidebar(context, baseUrl, token) {
  const page = await context.newPage();
  await page.setContent(`<form id="z" method="post" action="${baseUrl}/zendesk/sidebar?ticket_id=${TICKET}">
    <input type="hidden" name="token" value="${token}"></form>`);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().startsWith(`${baseUrl}/zendesk/sidebar`)),
    page.evaluate(() => document.getElementById('z').submit()),
  ]);
  check(response.status() === 200, `the signed load answered ${response.status()}: ${await response.text()}`);
  await page.waitForLoadState('load');
  return page;
}

main(async () => {
  const dir = tempDir('ec-sidebar-');
  const { configFile, privateKey, caseId } = prepare(dir);
  const server = await serve(configFile);
  const browser = await launch();
  try {
    // The lead.
    const leadContext = await browser.newContext({ viewport: { width: 420, height: 900 } });
    const page = await openSidebar(leadContext, server.baseUrl, signJwt(privateKey, LEAD_SUB));
    const body = await page.textContent('body');
    check(body.includes(caseId), `the page names ${caseId}`);
    const cookies = await leadContext.cookies(server.baseUrl);
    const session = cookies.find((c) => c.name === '__Host-ec_sidebar');
    check(session && session.httpOnly && session.secure && session.sameSite === 'None',
          'the session cookie is HttpOnly, Secure, SameSite=None: ' + JSON.stringify(cookies));
    const card = page.locator('section.card', { has: page.locator('.lint-findings') }).first();
    check(await card.count() === 1, 'a draft card shows linter findings');
    check((await card.locator('.state').textContent()) === 'UNAPPROVED', 'the card is UNAPPROVED');
    check(await card.locator('.lint-findings li').count() > 0, 'linter findings are listed');
    check(await card.locator('p.blocked').count() === 0,
          'nothing blocks approval: ' + await card.locator('p.blocked').allTextContents());
    await screenshot(page, 'sidebar-lead-before-approve.png');
    await card.locator('button.approve').click();
    await card.locator('.msg').filter({ hasText: /\S/ }).waitFor({ timeout: 10000 });
    check((await card.locator('.state').textContent()) === 'APPROVED',
          'the card turned APPROVED; it says: ' + await card.locator('.msg').textContent());
    check(await card.locator('button.approve').count() === 0, 'no Approve button once approved');
    check((await card.locator('.msg').textContent()).includes(`Approved by ${LEAD}`), 'says who approved');
    await screenshot(page, 'sidebar-lead-approved.png');
    // Reloading (GET with the session cookie) shows the stored approval.
    await page.goto(`${server.baseUrl}/zendesk/sidebar`);
    check(await page.locator('p.approved-by').count() >= 1, 'the approval is stored');

    // Someone else.
    const agentContext = await browser.newContext({ viewport: { width: 420, height: 900 } });
    const agentPage = await openSidebar(agentContext, server.baseUrl, signJwt(privateKey, AGENT_SUB));
    check((await agentPage.textContent('body')).includes('read-only'), 'the agent is read-only');
    check(await agentPage.locator('button.approve').count() === 0, 'the agent sees no Approve button');
    const unapproved = agentPage.locator('section.card.unapproved').first();
    const target = {
      draft_id: await unapproved.getAttribute('data-draft'),
      version: Number(await unapproved.getAttribute('data-version')),
      content_hash: await unapproved.getAttribute('data-hash'),
    };
    const csrf = await agentPage.locator('meta[name="csrf-token"]').getAttribute('content');
    const call = (ctx, headers) => ctx.request.post(`${server.baseUrl}/zendesk/sidebar/api/approve`,
                                                   { data: target, headers, failOnStatusCode: false });
    const asAgent = await call(agentContext, { 'X-CSRF-Token': csrf });
    check(asAgent.status() === 403, `a non-lead's approve is refused with 403, got ${asAgent.status()}`);
    const noCsrf = await call(agentContext, {});
    check(noCsrf.status() === 403, `an API call without the CSRF token is 403, got ${noCsrf.status()}`);
    const stranger = await browser.newContext();
    const noSession = await call(stranger, { 'X-CSRF-Token': csrf });
    check(noSession.status() === 401, `an API call without a session is 401, got ${noSession.status()}`);
    await screenshot(agentPage, 'sidebar-agent-read-only.png');
  } finally {
    await browser.close();
    server.process.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
