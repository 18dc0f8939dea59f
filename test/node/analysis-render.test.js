// The evaluation fragment: escaped and bidi-isolated untrusted text, charts without any
// style attribute or <style> element, and in Chromium (playwright-core, Debian's browser) at
// 375 and 1280 px: axe finds nothing (WCAG 2.2 AA), the strict CSP reports nothing, the page
// does not scroll sideways, and the screenshots are kept in test-results/evaluation/.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {createServer} from 'node:http';
import {mkdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {chromium} from 'playwright-core';
import {AxeBuilder} from '@axe-core/playwright';
import {evaluate, renderEvaluation, STYLESHEET} from '../../server/analysis/index.js';
import {paletteFor, ACCENT} from '../../server/analysis/charts.js';
import {simulateStudy} from '../../server/demo-study.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Not in test-results/screenshots: the e2e suite clears that folder when it starts.
const shots = path.join(root, 'test-results', 'evaluation');

const rowsOf = (bodies) =>
  bodies.map((body) => ({
    id: body.id,
    kind: 'response',
    receivedAt: body.submittedAt,
    instrument: body.instrument.id,
    version: body.instrument.version,
    timepoint: body.timepoint,
    participant: body.participant,
    cohort: 'demo',
    simulated: true,
    body,
  }));

async function demoFragment(tweak = (rows) => rows) {
  const rows = tweak(rowsOf(simulateStudy()));
  return renderEvaluation(await evaluate(rows), {filters: {cohort: 'demo'}, basePath: '/results'});
}

test('no style attribute and no <style> element anywhere in the fragment (style-src self)', async () => {
  const html = await demoFragment();
  assert.ok(html.includes('<svg'), 'the charts are inline SVG');
  assert.equal((html.match(/<svg/g) ?? []).length >= 4, true);
  assert.doesNotMatch(html, /\sstyle\s*=/i);
  assert.doesNotMatch(html, /<style/i);
  assert.doesNotMatch(html, /<script|\son[a-z]+\s*=/i);
  // Every chart has an accessible name.
  for (const svg of html.match(/<svg class="rs-plot"[^>]*>/g) ?? []) {
    assert.match(svg, /role="img"/);
    assert.match(svg, /aria-label="[^"]+"/);
  }
});

test('untrusted text is escaped, and a code with U+202E is isolated in <bdi>', async () => {
  const evil = '<img src=x onerror=alert(1)>';
  const html = await demoFragment((rows) => {
    const later = rows.find((r) => r.timepoint === 'post-workshop');
    const code = later.participant;
    // One part of the code differs and carries a right-to-left override.
    later.participant = `${code.slice(0, -1)}\u202E${code.slice(-1) === 'A' ? 'B' : 'A'}`;
    later.body.participant = later.participant;
    rows.push({
      ...rows[0],
      id: 'evil',
      instrument: evil,
      version: '"1',
      body: {answers: {}, scores: {[evil]: {value: 1}}},
    });
    return rows;
  });
  assert.ok(!html.includes(evil));
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  const withOverride = html.match(/<[^<>]*>[^<>]*\u202E[^<>]*<\/[a-z]+>/g) ?? [];
  assert.ok(withOverride.length > 0, 'the code with U+202E is on the page');
  for (const element of withOverride) assert.match(element, /^<bdi>.*<\/bdi>$/s);
});

test('chart colours have at least 3:1 contrast against the white page', () => {
  const luminance = (hex) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
    const lin = (c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const contrast = (hex) => 1.05 / (luminance(hex) + 0.05);
  for (const n of [2, 3, 4, 5, 6, 7, 9]) {
    for (const colour of paletteFor(n))
      assert.ok(contrast(colour) >= 3, `${colour}: ${contrast(colour)}`);
  }
  assert.ok(contrast(ACCENT) >= 3);
});

let server;
let browser;
let base;
before(async () => {
  const css = await readFile(STYLESHEET, 'utf8');
  const fragment = await demoFragment();
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Evaluation</title><link rel="stylesheet" href="/evaluation.css"><link rel="stylesheet" href="/page.css"></head><body><main><h1>Results</h1>${fragment}</main></body></html>`;
  const pageCss =
    'body{font-family:system-ui,sans-serif;margin:1rem}main{max-width:80rem;margin:auto}';
  server = createServer((req, res) => {
    const csp = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'";
    const send = (type, body) => {
      res.writeHead(200, {'content-type': type, 'content-security-policy': csp});
      res.end(body);
    };
    if (req.url === '/evaluation.css') send('text/css', css);
    else if (req.url === '/page.css') send('text/css', pageCss);
    else send('text/html; charset=utf-8', page);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  await mkdir(shots, {recursive: true});
});
after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

for (const width of [375, 1280]) {
  test(`at ${width} px: axe finds nothing, the CSP blocks nothing, no sideways scroll`, async () => {
    const context = await browser.newContext({viewport: {width, height: 900}});
    const page = await context.newPage();
    const blocked = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
    });
    await page.goto(`${base}/results`);
    await page.screenshot({path: path.join(shots, `evaluation-${width}.png`), fullPage: true});
    const result = await new AxeBuilder({page})
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    const summary = result.violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
    assert.deepEqual(summary, []);
    assert.deepEqual(blocked, []);
    const sideways = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    assert.ok(sideways <= 0, `the page scrolls ${sideways} px sideways`);
    // The styles came from the file: the charts are scaled by evaluation.css.
    const chartWidth = await page
      .locator('svg.rs-plot')
      .first()
      .evaluate((el) => el.getBoundingClientRect().width);
    assert.ok(chartWidth > 200 && chartWidth <= width, `chart ${chartWidth} px wide`);
    // Every scrolling table region can be reached with the keyboard and has a name.
    const regions = await page
      .locator('.rs-eval-scroll')
      .evaluateAll((els) =>
        els.map((el) => [
          el.getAttribute('tabindex'),
          el.getAttribute('role'),
          el.getAttribute('aria-labelledby'),
        ]),
      );
    assert.ok(regions.length > 5);
    for (const [tabindex, role, labelledby] of regions) {
      assert.equal(tabindex, '0');
      assert.equal(role, 'region');
      assert.ok(labelledby);
    }
    await context.close();
  });
}

test('an empty evaluation, a pack the server does not know and a study with one timepoint render', async () => {
  const empty = renderEvaluation(await evaluate([]));
  assert.match(empty, /No responses match these filters yet/);
  const row = (id, timepoint, participant, value) => ({
    id,
    kind: 'response',
    receivedAt: `2026-01-0${id}T10:00:00Z`,
    instrument: 'their-own-pack',
    version: '2.1',
    timepoint,
    participant,
    cohort: null,
    simulated: false,
    body: {answers: {q1: 3}, scores: {wellbeing: {value}}},
  });
  const unknown = renderEvaluation(
    await evaluate([
      row('1', 'pre', 'A-01-B', 3),
      row('2', 'pre', 'C-02-D', 4),
      row('3', 'post', 'A-01-B', 5),
    ]),
  );
  assert.match(unknown, /does not know this pack/);
  assert.match(unknown, /<bdi>wellbeing<\/bdi>/);
  assert.doesNotMatch(unknown, /\sstyle\s*=/);
  const single = renderEvaluation(await evaluate([row('1', 'pre', 'A-01-B', 3)]));
  assert.match(single, /<bdi>wellbeing<\/bdi>/);
  // FHIR or xAPI bodies that are not read into the contract's shape are counted, not lost.
  const fhir = await evaluate([
    {...row('1', 'pre', 'A-01-B', 3), kind: 'fhir', body: {resourceType: 'QuestionnaireResponse'}},
  ]);
  assert.deepEqual(fhir.skipped, [{reason: 'fhir body', count: 1}]);
  assert.match(renderEvaluation(fhir), /1 response not evaluated: fhir body/);
});

test('a table title after a score label that is a question gets no colon after its mark', async () => {
  const html = await demoFragment();
  assert.match(html, /at work\?<\/bdi> Each timepoint</);
  assert.match(html, /at work\?<\/bdi> Change from baseline in the people linked at both</);
  assert.doesNotMatch(html, /[?!.]<\/bdi>: /);
  // Other labels keep the colon.
  assert.match(html, /<\/bdi>: each timepoint</);
});
