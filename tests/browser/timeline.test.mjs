// Browser test of the reviewer timeline (issue #6): runs the offline demo on the bundled
// scenario into a temporary directory, exports the case's timeline as HTML, opens the file in
// headless Chromium and checks that it shows each approval (approver, time, content hash, taken
// from the JSON export of the same database) and the agent/human marks of every statement.
// A full-page screenshot goes to $EC_ARTIFACT_DIR.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { check, launch, main, run, screenshot, tempDir } from './lib.mjs';

main(async () => {
  const dir = tempDir('ec-timeline-');
  run(['demo', '--data-dir', dir]);
  const db = path.join(dir, 'copilot.db');
  const caseId = 'CASE-48213';
  const exported = (format) => run(['timeline', 'export', '--db', db, '--case', caseId, '--format', format]);
  const timeline = JSON.parse(exported('json'));
  const htmlFile = path.join(dir, 'timeline.html');
  fs.writeFileSync(htmlFile, exported('html'));
  const approvals = timeline.drafts.flatMap((d) => d.approvals.map((a) => ({ ...a, draft: d })));
  check(approvals.length > 0, 'the demo approved at least one draft');
  let agent = 0;
  let human = 0;
  for (const d of timeline.drafts) {
    for (const s of d.statements) (s.author === 'agent' ? agent++ : human++);
  }

  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(pathToFileURL(htmlFile).href);
    check((await page.title()).includes(caseId), 'the title names the case');
    const approved = await page.locator('p.approved').allTextContents();
    for (const a of approvals) {
      const shown = approved.find((t) => t.includes(a.approver) && t.includes(a.approved_at) &&
                                         t.includes(a.content_hash));
      check(shown, `approval of ${a.draft.draft_id} v${a.draft.version} by ${a.approver} at ` +
                   `${a.approved_at} (sha256 ${a.content_hash}) is shown; page has ${JSON.stringify(approved)}`);
    }
    const agentMarks = await page.locator('li.agent .tag', { hasText: 'AGENT' }).count();
    const humanMarks = await page.locator('li.human .tag, li.human_edited .tag', { hasText: 'HUMAN' }).count();
    check(agentMarks === agent, `${agent} agent-drafted statements marked AGENT, found ${agentMarks}`);
    check(humanMarks === human, `${human} human statements marked HUMAN, found ${humanMarks}`);
    check(agent > 0, 'the demo has agent-drafted statements');
    // The two marks look different (not only a word): their backgrounds differ.
    if (human > 0) {
      const bg = (sel) => page.locator(sel).first().evaluate((e) => getComputedStyle(e).backgroundColor);
      check(await bg('li.agent') !== await bg('li.human, li.human_edited'),
            'agent and human statements have different backgrounds');
    }
    check((await page.locator('#audit').textContent()).includes('intact'), 'the audit chain is intact');
    await screenshot(page, 'timeline.png');
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
