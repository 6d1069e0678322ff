'use strict';
// End-to-end test of the local web console in headless Chromium, driven by playwright-core.
// Run by ConsoleBrowserTest: argv = PROJECT_ROOT CONSOLE_URL SCREENSHOT_DIR. It asks the Java side to drop files
// by printing "DROP" and waits for "DROPPED" on stdin; its last stdout line is a JSON summary with measurements.
const path = require('node:path');
const fs = require('node:fs');
const readline = require('node:readline');
const { createRequire } = require('node:module');

const [root, url, shots] = process.argv.slice(2);
const { chromium } = createRequire(path.join(root, 'package.json'))('playwright-core');
const lines = readline.createInterface({ input: process.stdin });
const nextLine = () => new Promise((resolve) => lines.once('line', resolve));
const GOOD = 'incoming/console-good.json';
const BAD = 'incoming/console-bad.json';

function check(condition, what) {
  if (!condition) throw new Error(`console check failed: ${what}`);
  process.stderr.write(`ok: ${what}\n`);
}

async function main() {
  const profile = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'productflow-chromium-'));
  // A fresh profile per run (playwright passes it as --user-data-dir).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.PRODUCTFLOW_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const summary = {};
  try {
    const page = context.pages()[0] || await context.newPage();
    const consoleErrors = [];
    // Chromium logs every non-2xx answer as "Failed to load resource"; the bad-input steps cause those on purpose.
    page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    const bytes = {};
    page.on('response', async (r) => {
      try { bytes[new URL(r.url()).pathname] = (await r.body()).length; } catch (e) { /* a download or redirect */ }
    });

    // Overview: first render measured from navigation start to the status cards holding numbers.
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.card[data-status="COMPLETED"] .n');
    summary.firstRenderMs = await page.evaluate(() => Math.round(performance.now()));
    summary.domContentLoadedMs = await page.evaluate(() => Math.round(performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd));
    await page.waitForLoadState('load');
    summary.pageBytes = ['/', '/app.css', '/app.js', '/graph.js'].reduce((s, p) => s + (bytes[p] || 0), 0);
    summary.overviewApiBytes = bytes['/api/overview'] || 0;
    check(summary.pageBytes > 1000 && summary.pageBytes < 200000, `page weight ${summary.pageBytes} bytes`);
    check((await page.textContent('h1')) === 'Overview', 'overview renders');

    // Files: ask for the drops, then watch the good one reach COMPLETED without reloading.
    await page.click('nav a[data-view="files"]');
    await page.waitForSelector('#text-filter');
    process.stdout.write('DROP\n');
    check((await nextLine()) === 'DROPPED', 'the test dropped the files');
    await page.fill('#text-filter', 'console-');
    const goodRow = `tr[data-key="${GOOD}"][data-status="COMPLETED"]`;
    await page.waitForSelector(goodRow, { timeout: 120000 });
    check(true, 'the dropped file reached COMPLETED on the files page by itself');
    const badRow = `tr[data-key="${BAD}"]:is([data-status="FAILED"], [data-status="QUARANTINED"])`;
    await page.waitForSelector(badRow, { timeout: 120000 });
    check(true, 'the malformed file shows FAILED or QUARANTINED');
    await page.selectOption('#status-filter', 'COMPLETED');
    await page.waitForFunction((bad) => !document.querySelector(`tr[data-key="${bad}"]`), BAD);
    check(await page.isVisible(goodRow), 'status filter keeps COMPLETED rows only');
    await page.selectOption('#status-filter', '');

    // A file's page: record, verify, download link, executions.
    await page.click(`${goodRow} a`);
    await page.waitForSelector('#verify');
    check((await page.textContent('dl.record')).includes('COMPLETED'), 'file page shows the record');
    await page.click('#verify');
    await page.waitForSelector('#verify-result p');
    check((await page.textContent('#verify-result')).includes('SHA-256 matches'), 'verify re-checks the output SHA-256');
    const download = await Promise.all([page.waitForEvent('download'), page.click('#download')]).then(([d]) => d);
    const saved = await download.path();
    check(fs.readFileSync(saved, 'utf8').includes('<product'), 'the output downloads as XML');

    // Its execution: graph coloured by the history, and the history events.
    await page.click('table a[href^="#/execution"]');
    await page.waitForSelector('#graph svg g[data-state="Convert"]');
    const status = (s) => page.getAttribute(`#graph g[data-state="${s}"]`, 'data-status');
    check((await status('Convert')) === 'succeeded', 'graph: Convert succeeded');
    check((await status('RecordCompleted')) === 'succeeded', 'graph: RecordCompleted succeeded');
    check((await status('RecordFailed')) === 'idle', 'graph: RecordFailed never ran');
    for (const type of ['ExecutionStarted', 'ParallelStateEntered', 'TaskScheduled', 'TaskSucceeded', 'ExecutionSucceeded']) {
      check(await page.isVisible(`tr[data-type="${type}"]`), `history lists ${type}`);
    }
    await page.screenshot({ path: path.join(shots, 'console-execution.png'), fullPage: true });

    // The failed file: its execution graph shows where it failed; requeue it from its page.
    await page.goto(`${url}#/file?bucket=productflow-input&key=${encodeURIComponent(BAD)}`);
    await page.waitForSelector('table a[href^="#/execution"]');
    await page.click('table a[href^="#/execution"]');
    await page.waitForSelector('#graph svg g[data-state="Failed"]');
    check((await status('Failed')) === 'failed', 'graph: the Fail state is red');
    check((await status('RecordFailed')) === 'succeeded', 'graph: RecordFailed ran');
    check((await page.textContent('#execution-error')).length > 0, 'execution page shows the error');
    await page.goBack();
    await page.waitForSelector('#requeue');
    await page.click('#requeue');
    await page.waitForSelector('#message.info');
    check(/requeued .*console-bad\.json: now PENDING/.test(await page.textContent('#message')), 'requeue from the file page');

    // Bad input gets a clear message, never a stack trace.
    await page.goto(`${url}#/file?bucket=productflow-input&key=incoming/no-such-file.json`);
    await page.waitForSelector('#message.error');
    const notFound = await page.textContent('#message');
    check(notFound.includes('no file s3://productflow-input/incoming/no-such-file.json'), `unknown file: "${notFound}"`);
    await page.goto(`${url}#/actions`);
    await page.fill('#backfill-prefix', '/incoming');
    await page.click('#backfill');
    await page.waitForSelector('#message.error');
    check((await page.textContent('#message')).includes("starts with '/'"), 'malformed prefix is refused with the reason');
    check(!(await page.textContent('body')).includes('Exception'), 'no stack trace on the page');
    await page.fill('#backfill-prefix', 'incoming/');
    await page.click('#backfill');
    await page.waitForSelector('#message.info');
    check((await page.textContent('#message')).includes('backfill of productflow-input/incoming/ started'), 'backfill starts');
    await page.click('#redrive');
    await page.waitForFunction(() => document.querySelector('#message').textContent.startsWith('RedriveFunction'));
    check(true, 'redrive runs');

    // Topic: the latest messages, refreshing.
    await page.click('nav a[data-view="topic"]');
    await page.waitForSelector('tr[data-key]', { timeout: 30000 });
    check((await page.$$('tr[data-key]')).length > 0, 'topic lists messages');

    await page.goto(url);
    await page.waitForSelector('.card[data-status="COMPLETED"] .n');
    await page.waitForFunction(() => Number(document.querySelector('.card[data-status="COMPLETED"] .n').textContent) >= 1);
    await page.screenshot({ path: path.join(shots, 'console-overview.png') });

    // What no other page can do: actions without the token, from another origin, to another Host name, or by GET.
    const post = (headers) => fetch(`${url}api/redrive`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' });
    const token = await page.getAttribute('meta[name="console-token"]', 'content');
    check((await post({ Origin: url.replace(/\/$/, '') })).status === 403, 'POST without the token is refused');
    check((await post({ Origin: 'http://evil.example', 'X-Console-Token': token })).status === 403, 'POST from another origin is refused');
    check((await fetch(`${url}api/redrive`)).status === 405, 'GET on an action is refused');
    const http = require('node:http');
    const hostStatus = await new Promise((resolve, reject) => {
      http.get(`${url}api/overview`, { headers: { Host: 'evil.example' } }, (r) => { r.resume(); resolve(r.statusCode); }).on('error', reject);
    });
    check(hostStatus === 421, 'a request for another Host name is refused');

    check(consoleErrors.length === 0, `no JavaScript errors (${consoleErrors.join('; ')})`);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  lines.close();
}

main().catch((e) => {
  process.stderr.write(`${(e && e.stack) || e}\n`);
  process.exit(1);
});
