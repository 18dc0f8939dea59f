// `npm run bench`: renders the same 40-item instrument with this widget, with SurveyJS and with
// a bare Lit element (the floor, bench/pages/floor.js) in Debian's Chromium (playwright-core),
// alternating, RUNS times each, then again with the CPU throttled 4×; then flushes 1,000 queued
// responses to the reference endpoint. Prints the table and writes bench/RESULTS.md. Builds
// dist/ first when it is missing (or with --build), and bundles the floor on every run.
//
//   RUNS=10 (per renderer and CPU setting)   KEYS=15 (isolated keystrokes timed per widget run)
//   CHARS=2000 (typed while tracing)          FLUSH=1000 (queued responses)
//   FLOOR_TYPING_EVERY=2 (the floor types in every n-th round only: typing is most of a run)
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'vite';
import {launch} from '../test/e2e/harness.js';
import {startServer} from './server.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.RUNS ?? 10);
const KEYS = Number(process.env.KEYS ?? 15);
const CHARS = Number(process.env.CHARS ?? 2000);
// Key by key under a 4× throttle, 2,000 characters take ~50 s per run: throttled runs type fewer.
const CHARS_THROTTLED = Number(process.env.CHARS_THROTTLED ?? 400);
const FLUSH = Number(process.env.FLUSH ?? 1000);
const FLOOR_TYPING_EVERY = Number(process.env.FLOOR_TYPING_EVERY ?? 2);
const log = (...a) => console.log(...a);

if (
  process.argv.includes('--build') ||
  !existsSync(path.join(root, 'dist', 'resilience-survey.js'))
) {
  log('building dist/ …');
  const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.js')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

/** The floor as one ES module with Lit inside, minified by the same bundler as the widget. */
async function buildFloor(outDir) {
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    define: {'process.env.NODE_ENV': '"production"'},
    build: {
      target: 'es2022',
      outDir,
      emptyOutDir: true,
      minify: true,
      rolldownOptions: {output: {minify: true}},
      lib: {
        entry: path.join(root, 'bench', 'pages', 'floor.js'),
        formats: ['es'],
        fileName: () => 'floor.js',
      },
    },
  });
}

// ---------------------------------------------------------------- statistics
const sorted = (xs) =>
  xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
function quantile(xs, q) {
  const s = sorted(xs);
  if (!s.length) return NaN;
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
}
const median = (xs) => quantile(xs, 0.5);

// ---------------------------------------------------------------- one run
/** Main-thread tasks of the renderer in a Chromium trace: the longest, and how many over 50 ms. */
function mainThreadTasks(traceBuffer) {
  const trace = JSON.parse(traceBuffer.toString('utf8'));
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const main = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const tasks = events.filter(
    (e) =>
      e.ph === 'X' &&
      (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') &&
      main.has(`${e.pid}:${e.tid}`),
  );
  const durations = tasks.map((e) => (e.dur ?? 0) / 1000);
  return {
    longest: durations.length ? Math.max(...durations) : NaN,
    over50: durations.filter((d) => d > 50).length,
    count: durations.length,
  };
}

/**
 * CHARS characters (throttled CHARS_THROTTLED) typed into the second reflection, with a
 * trace of the main thread.
 */
async function typeWithTrace(browser, page, cdp, kind, rate) {
  if (!(await page.evaluate(() => window.__bench.focusReflection(1))))
    throw new Error('reflection 2 does not take focus');
  const chars = rate === 1 ? CHARS : CHARS_THROTTLED;
  const text = 'The quick brown fox jumps over the lazy dog. '
    .repeat(Math.ceil(chars / 45))
    .slice(0, chars);
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'],
  });
  const t0 = Date.now();
  // Key by key: each key's down and up go together, and the next key waits until the page has
  // handled them, so tasks are not merged as they would be if keys queued up (sent all at
  // once, 2,000 keys make one 2.6 s task). A person types slower still.
  for (const key of text) {
    await Promise.all([
      cdp.send('Input.dispatchKeyEvent', {type: 'keyDown', key, text: key, unmodifiedText: key}),
      cdp.send('Input.dispatchKeyEvent', {type: 'keyUp', key}),
    ]);
  }
  const typingMs = Date.now() - t0;
  const typedLength = await page.evaluate((i) => window.__bench.textLength(i), 1);
  let typedStored;
  if (kind === 'widget')
    typedStored = await page.evaluate((n) => window.__bench.waitStored('r2.s1', n), chars);
  else await page.waitForTimeout(300);
  const tasks = mainThreadTasks(await browser.stopTracing());
  return {
    typingMs,
    typedLength,
    typedStored,
    longestTask: tasks.longest,
    tasksOver50: tasks.over50,
  };
}

async function run(browser, server, kind, rate, {typing = true} = {}) {
  const context = await browser.newContext({viewport: {width: 1280, height: 900}});
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', {cacheDisabled: true});
  await cdp.send('Performance.enable');
  if (rate !== 1) await cdp.send('Emulation.setCPUThrottlingRate', {rate});
  const requests = new Map();
  // Requests made before first interactive; later ones (the widget's idle fetches) count only
  // in the whole-survey bytes.
  const early = new Set();
  let firstDone = false;
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!firstDone) early.add(e.requestId);
  });
  cdp.on('Network.responseReceived', (e) =>
    requests.set(e.requestId, {url: e.response.url, bytes: 0}),
  );
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  const result = {kind, rate};
  await page.goto(`${server.url}/${kind}`, {waitUntil: 'commit'});
  result.firstInteractive = await page.evaluate(() => window.__bench.ready);
  firstDone = true;
  result.marks = await page.evaluate(() => window.__bench.marks);
  await page.waitForTimeout(100); // the last loadingFinished events
  const sum = (ids) => ids.reduce((n, id) => n + (requests.get(id)?.bytes ?? 0), 0);
  result.bytes = sum([...early]);
  // Then a second on page 1 (a person reads it): what a renderer fetches once idle counts too.
  await page.waitForTimeout(1000);
  result.bytesIdle = sum([...requests.keys()]);
  result.requests = requests.size;
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const {metrics} = await cdp.send('Performance.getMetrics');
  result.heap = metrics.find((m) => m.name === 'JSHeapUsedSize').value;

  result.nextPage = await page.evaluate(() => window.__bench.nextPage());

  // Keystroke → draft in IndexedDB: one key at a time, each waited for (widget only: SurveyJS
  // keeps no draft on the device).
  if (kind === 'widget') {
    if (!(await page.evaluate(() => window.__bench.focusReflection(0))))
      throw new Error('reflection 1 does not take focus');
    result.keys = [];
    const keys = rate === 1 ? KEYS : Math.ceil(KEYS / 2);
    for (let i = 1; i <= keys; i++) {
      await page.keyboard.type('k');
      result.keys.push(await page.evaluate((n) => window.__bench.waitStored('r1.s1', n), i));
    }
  }

  // Characters typed into the second reflection, with a trace of the main thread.
  if (typing) Object.assign(result, await typeWithTrace(browser, page, cdp, kind, rate));
  result.errors = errors;
  await context.close();
  return result;
}

// ---------------------------------------------------------------- 1,000 queued responses
async function flushTest(browser, server) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/widget`);
  await page.evaluate(() => window.__bench.ready);
  // One real response, submitted through the widget, is the template of the queued ones.
  const template = await page.evaluate(async () => {
    const s = document.querySelector('rs-survey');
    const submitted = new Promise((r) => s.addEventListener('rs-submitted', r, {once: true}));
    const body = new Promise((r) =>
      s.addEventListener('rs-submit', (e) => r(e.detail.response), {once: true}),
    );
    await s.submit();
    await submitted;
    return body;
  });
  const ids = await page.evaluate(
    async ({template, n, url}) => {
      const ids = Array.from({length: n}, () => crypto.randomUUID());
      const db = await new Promise((resolve, reject) => {
        const req = indexedDB.open('resilience-survey');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const now = Date.now();
      // The outbox format of src/store/types.ts (OutboxRecord).
      await new Promise((resolve, reject) => {
        const tx = db.transaction('outbox', 'readwrite');
        const store = tx.objectStore('outbox');
        ids.forEach((id, i) =>
          store.put({
            id,
            url,
            format: 'json',
            body: JSON.stringify({...template, id}),
            headers: {},
            credentials: 'same-origin',
            attempts: 0,
            nextAttemptAt: now - n + i,
            status: 'pending',
            lastError: null,
            createdAt: new Date(now - n + i).toISOString(),
          }),
        );
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      return ids;
    },
    {template, n: FLUSH, url: `${server.url}/api/responses`},
  );
  const t0 = Date.now();
  // Settled at once, so a failure below is not hidden by this promise's.
  const flushed = page
    .evaluate(() => document.querySelector('rs-survey').flush())
    .catch((error) => error);
  const wanted = new Set(ids);
  // The store itself (the endpoint's list of responses is behind the study team's sign-in):
  // a count while it fills (the template's response is there already), then the keys.
  const before = await server.storedCount();
  const deadline = t0 + 300_000;
  while ((await server.storedCount()) - before < FLUSH && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
  const ms = Date.now() - t0;
  const keys = (await server.storedKeys()).filter((key) => wanted.has(key));
  await flushed;
  const unique = new Set(keys);
  const sentTwice = ids.filter((id) => (server.posts.get(id) ?? 0) > 1).length;
  const left = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const req = indexedDB.open('resilience-survey');
        req.onsuccess = () => {
          const c = req.result.transaction('outbox').objectStore('outbox').count();
          c.onsuccess = () => resolve(c.result);
        };
      }),
  );
  await context.close();
  return {
    n: FLUSH,
    ms,
    delivered: unique.size,
    duplicated: keys.length - unique.size,
    sentTwice,
    lost: FLUSH - unique.size,
    outboxLeft: left,
  };
}

// ---------------------------------------------------------------- report
const versionOf = (name) =>
  JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
const fmt = {
  ms: (x) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 1 : 0)} ms` : '—'),
  kb: (x) => (Number.isFinite(x) ? `${(x / 1024).toFixed(1)} KiB` : '—'),
  mb: (x) => (Number.isFinite(x) ? `${(x / 1024 / 1024).toFixed(2)} MB` : '—'),
  n: (x) => (Number.isFinite(x) ? String(Math.round(x)) : '—'),
};
const metrics = [
  {key: 'bytes', label: 'Bytes transferred (gzip, all requests to first interactive)', f: fmt.kb},
  {
    key: 'bytesIdle',
    label: 'Bytes transferred, 1 s later (what loads once page 1 shows: the whole survey)',
    f: fmt.kb,
  },
  {key: 'firstInteractive', label: 'Navigation → first question interactive', f: fmt.ms},
  {key: 'nextPage', label: 'Next page shown (click → interactive)', f: fmt.ms},
  {key: 'keyP50', label: 'Keystroke → draft in IndexedDB, p50 of a run', f: fmt.ms},
  {key: 'keyP95', label: 'Keystroke → draft in IndexedDB, p95 of a run', f: fmt.ms},
  {
    key: 'longestTask',
    label: `Longest main-thread task while typing (${CHARS} chars; throttled ${CHARS_THROTTLED})`,
    f: fmt.ms,
  },
  {key: 'tasksOver50', label: 'Tasks over 50 ms while typing', f: fmt.n},
  {key: 'heap', label: 'JS heap after render (after GC)', f: fmt.mb},
];

const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : NaN);
const fmtRatio = (x) => (Number.isFinite(x) ? `${x.toFixed(1)}×` : 'n/a');

function table(results, rate) {
  const rows = [
    `| Metric | Widget median [p25–p75] (min–max) | SurveyJS median [p25–p75] (min–max) | Bare Lit floor median [p25–p75] (min–max) | SurveyJS ÷ widget | Widget ÷ floor |`,
    `|---|---|---|---|---|---|`,
  ];
  const summary = {};
  for (const m of metrics) {
    const cell = (kind) => {
      const xs = results.filter((r) => r.kind === kind && r.rate === rate).map((r) => r[m.key]);
      const s = sorted(xs);
      if (!s.length) return {text: 'n/a', med: NaN};
      const med = median(s);
      return {
        med,
        text: `${m.f(med)} [${m.f(quantile(s, 0.25))}–${m.f(quantile(s, 0.75))}] (${m.f(s[0])}–${m.f(s.at(-1))})`,
      };
    };
    const w = cell('widget');
    const s = cell('surveyjs');
    const f = cell('floor');
    summary[m.key] = {widget: w.med, surveyjs: s.med, floor: f.med};
    rows.push(
      `| ${m.label} | ${w.text} | ${s.text} | ${f.text} | ${fmtRatio(ratio(s.med, w.med))} | ${fmtRatio(ratio(w.med, f.med))} |`,
    );
  }
  return {markdown: rows.join('\n'), summary};
}

// ---------------------------------------------------------------- main
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rs-bench-'));
const floorDir = await mkdtemp(path.join(os.tmpdir(), 'rs-bench-floor-'));
await buildFloor(floorDir);
const server = await startServer({dataDir, floorDir});
const browser = await launch();
const started = Date.now();
const results = [];
try {
  for (const rate of [1, 4]) {
    for (let i = 0; i < RUNS; i++) {
      // Alternating: the widget and SurveyJS each go first in half of the rounds, and the
      // floor takes each of the three places in turn.
      const order = i % 2 ? ['surveyjs', 'widget'] : ['widget', 'surveyjs'];
      order.splice(i % 3, 0, 'floor');
      for (const kind of order) {
        const typing = kind !== 'floor' || i % FLOOR_TYPING_EVERY === 0;
        const r = await run(browser, server, kind, rate, {typing});
        if (r.keys) {
          r.keyP50 = quantile(r.keys, 0.5);
          r.keyP95 = quantile(r.keys, 0.95);
          r.keysLost = r.keys.filter((k) => k === null).length;
        }
        results.push(r);
        log(
          `cpu ${rate}× run ${i + 1} ${kind.padEnd(8)} first ${r.firstInteractive.toFixed(0)} ms, next ${r.nextPage.toFixed(0)} ms, ` +
            `${(r.bytes / 1024).toFixed(1)} KiB, heap ${(r.heap / 1048576).toFixed(2)} MB` +
            (typing ? `, longest task ${r.longestTask.toFixed(1)} ms` : '') +
            (r.keys ? `, key→IDB p50 ${r.keyP50.toFixed(0)} / p95 ${r.keyP95.toFixed(0)} ms` : '') +
            ` (${typing ? `typing ${r.typingMs} ms, ${r.typedLength} chars` : 'no typing'}${r.marks.rsReady ? `, rs-ready at ${r.marks.rsReady.toFixed(0)} ms` : ''})${r.errors.length ? ` ERRORS: ${r.errors.join('; ')}` : ''}`,
        );
      }
    }
  }
  log('flushing queued responses …');
  const flush = await flushTest(browser, server);
  log(flush);

  const normal = table(results, 1);
  const slow = table(results, 4);
  const allKeys = results.filter((r) => r.kind === 'widget' && r.rate === 1).flatMap((r) => r.keys);
  const allKeysSlow = results
    .filter((r) => r.kind === 'widget' && r.rate === 4)
    .flatMap((r) => r.keys);
  const cpus = os.cpus();
  const versions = {
    node: process.version,
    chromium: browser.version(),
    'resilience-survey': JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version,
    lit: versionOf('lit'),
    'survey-core': versionOf('survey-core'),
    'survey-js-ui': versionOf('survey-js-ui'),
    'playwright-core': versionOf('playwright-core'),
  };
  // Where the time goes: written by people from profiles and traces (bench/ANALYSIS.md), kept
  // with every run's table.
  const analysisFile = path.join(root, 'bench', 'ANALYSIS.md');
  const analysis = existsSync(analysisFile) ? `\n${readFileSync(analysisFile, 'utf8')}` : '';
  const targets = [
    [
      '≥10× fewer bytes than SurveyJS, to first interactive',
      normal.summary.bytes.surveyjs / normal.summary.bytes.widget >= 10,
      `${(normal.summary.bytes.surveyjs / normal.summary.bytes.widget).toFixed(1)}×`,
    ],
    [
      '≥10× fewer bytes for the whole survey (stricter: with what loads once page 1 shows)',
      normal.summary.bytesIdle.surveyjs / normal.summary.bytesIdle.widget >= 10,
      `${(normal.summary.bytesIdle.surveyjs / normal.summary.bytesIdle.widget).toFixed(1)}×`,
    ],
    [
      '≥3× faster first interactive render',
      normal.summary.firstInteractive.surveyjs / normal.summary.firstInteractive.widget >= 3,
      `${(normal.summary.firstInteractive.surveyjs / normal.summary.firstInteractive.widget).toFixed(1)}× (throttled ${(slow.summary.firstInteractive.surveyjs / slow.summary.firstInteractive.widget).toFixed(1)}×)`,
    ],
    [
      'Within 1.5× of the bare Lit floor (first interactive)',
      normal.summary.firstInteractive.widget / normal.summary.firstInteractive.floor <= 1.5,
      `${fmtRatio(ratio(normal.summary.firstInteractive.widget, normal.summary.firstInteractive.floor))} (throttled ${fmtRatio(ratio(slow.summary.firstInteractive.widget, slow.summary.firstInteractive.floor))})`,
    ],
    [
      'Keystroke → stored draft < 50 ms p95',
      quantile(allKeys, 0.95) < 50,
      `p95 ${fmt.ms(quantile(allKeys, 0.95))} over ${sorted(allKeys).length} keystrokes (throttled ${fmt.ms(quantile(allKeysSlow, 0.95))})`,
    ],
    [
      'No task over 50 ms while typing',
      results.filter((r) => r.kind === 'widget' && r.rate === 1).every((r) => r.tasksOver50 === 0),
      `longest ${fmt.ms(Math.max(...results.filter((r) => r.kind === 'widget' && r.rate === 1).map((r) => r.longestTask)))} (throttled ${fmt.ms(Math.max(...results.filter((r) => r.kind === 'widget' && r.rate === 4).map((r) => r.longestTask)))})`,
    ],
    [
      `${FLUSH} queued responses all delivered once`,
      flush.delivered === FLUSH && flush.duplicated === 0 && flush.lost === 0,
      `${flush.delivered} delivered, ${flush.duplicated} duplicated, ${flush.lost} lost in ${(flush.ms / 1000).toFixed(1)} s`,
    ],
  ];
  const md = `# Benchmark results

Written by \`npm run bench\` (bench/run.js) on ${new Date().toISOString()}; ${RUNS} runs per renderer and
CPU setting, alternating, in ${((Date.now() - started) / 1000).toFixed(0)} s.

## Machine and versions

- ${os.type()} ${os.release()} (${os.arch()}), ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB
${Object.entries(versions)
  .map(([k, v]) => `- ${k} ${v}`)
  .join('\n')}

## What is measured

The same 40 items (bench/instrument.js): page 1 has 20 agreement items; page 2 has 14 frequency
items, 4 choices and 2 reflections. SurveyJS gets each Likert battery as one \`matrix\`, its
fastest way to show Likert rows. The **bare Lit floor** (bench/pages/floor.js) is one Lit
element that fetches the same pack and renders each page as native fieldsets, radios and text
areas in one shadow root, with a Next button, and nothing else (no start page, drafts,
validation or delivery): what any Lit widget pays. It is bundled with Lit inside and minified
by Vite at the start of the run, as the widget is. Each run is a fresh browser context (empty
cache and IndexedDB); every file is served gzip-compressed (level 9) from bench/server.js.

- **Bytes**: \`encodedDataLength\` of every response (headers included) to requests made up to
  first interactive: page, scripts, styles, instrument JSON. SurveyJS uses its default theme
  without web fonts. **1 s later**: every request by then, including what the widget fetches
  once its first questions show (review and thank-you pages, scoring, delivery, the identifier
  check), which every participant downloads.
- **First interactive**: navigation start → every question of page 1 in the DOM, the first radio
  takes focus, and one frame has been produced (bench/pages/probe.js). The widget always opens on
  its start page, so its time includes one (programmatic) click on Start, made as soon as it shows.
- **Next page**: click on Next → the same condition for page 2.
- **Keystroke → IndexedDB** (widget only; SurveyJS and the floor keep no draft): one key
  pressed into a reflection, then IndexedDB polled from the page until the draft holds it; ms
  since its keydown. ${KEYS} keys per run (${Math.ceil(KEYS / 2)} throttled); the table gives each
  run's p50 / p95.
- **Longest task**: ${CHARS} characters typed into the second text area (CDP key events, each key
  sent when the page has handled the previous one) under a Chromium trace; the longest
  \`RunTask\` on the renderer main thread, and the count of tasks over 50 ms. The floor types
  in ${Math.ceil(RUNS / FLOOR_TYPING_EVERY)} of its ${RUNS} runs per CPU setting (typing takes most of a run's time).
- **Heap**: \`JSHeapUsedSize\` (CDP Performance.getMetrics) after a forced GC, 1 s after page 1 is interactive.
- **Throttled**: the same with \`Emulation.setCPUThrottlingRate {rate: 4}\`, except that the typing
  test types ${CHARS_THROTTLED} characters, not ${CHARS}: key by key it would take ~50 s per run.

## CPU not throttled

${normal.markdown}

## CPU throttled 4×

${slow.markdown}

## ${FLUSH} queued responses flushed to the reference endpoint

${FLUSH} records written to the outbox (src/store/types.ts OutboxRecord) from a real response, then
\`survey.flush()\`; time until the endpoint holds all of them.

| Time | Delivered | Duplicated (stored twice) | Sent more than once | Lost | Left in outbox |
|---|---|---|---|---|---|
| ${(flush.ms / 1000).toFixed(1)} s (${(flush.ms / FLUSH).toFixed(1)} ms each) | ${flush.delivered} | ${flush.duplicated} | ${flush.sentTwice} | ${flush.lost} | ${flush.outboxLeft} |

## Targets

| Target | Met | Measured |
|---|---|---|
${targets.map(([t, ok, v]) => `| ${t} | ${ok ? 'yes' : '**no**'} | ${v} |`).join('\n')}
${analysis}`;
  writeFileSync(path.join(root, 'bench', 'RESULTS.md'), md);
  // The raw runs, for a closer look (ignored by git).
  mkdirSync(path.join(root, 'test-results'), {recursive: true});
  writeFileSync(
    path.join(root, 'test-results', 'bench.json'),
    JSON.stringify({versions, results, flush}, null, 1),
  );
  log(`\n${md}`);
} finally {
  await browser.close();
  await server.close();
  await rm(dataDir, {recursive: true, force: true});
  await rm(floorDir, {recursive: true, force: true});
}
