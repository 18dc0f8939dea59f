// `npm run bench:server`: the study's server under load, on loopback only, with bounded
// loops; writes bench/SERVER.md. Servers run as their own processes (server/main.js).
//   1. Ingest with the embedded store (SQLite): 10,000 responses from 32 concurrent clients.
//   2. kill -9 during a 10,000-response burst, restart, resend everything: acknowledged
//      responses lost, responses stored twice.
//   3. PostgreSQL, two server processes, clients spread over both: rate and exactly-once
//      (every response sent twice, once to each server).
//   4. The evaluation page at 100,000 responses (10 per code): time and server RSS.
//   5. A full export of them, streamed: the server's RSS growth while it runs.
//   6. The evaluation page and the exports at 100,000 responses on PostgreSQL.
//   7. 400 responses with 4,000 answer keys each.
// Parts can be run alone, e.g. `node bench/server-bench.js evaluation evaluation-postgres`
// (ingest, postgres, evaluation, evaluation-postgres, flood): their sections of
// bench/SERVER.md are replaced and the others kept.
import {spawn} from 'node:child_process';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import http from 'node:http';
import {tmpdir} from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {simulateStudy} from '../server/demo-study.js';
import {openStorage} from '../server/storage/index.js';
import {startPostgres} from '../scripts/postgres.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const MAIN = path.join(root, 'server', 'main.js');
const TOKEN = 'bench-token';
const CONCURRENCY = 32;
const template = simulateStudy({seed: 7});
const PARTS = ['ingest', 'postgres', 'evaluation', 'evaluation-postgres', 'flood'];
const chosen = process.argv.slice(2);
for (const part of chosen) {
  if (!PARTS.includes(part)) throw new Error(`unknown part ${part}; parts: ${PARTS.join(', ')}`);
}
const run = (/** @type {string} */ part) => !chosen.length || chosen.includes(part);

function body(i, participant) {
  const base = template[i % template.length];
  return {...base, id: crypto.randomUUID(), participant: participant ?? base.participant};
}

function startServer(args, env = {}) {
  const child = spawn(process.execPath, [MAIN, '--port', '0', '--token', TOKEN, ...args], {
    env: {...process.env, ...env},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const started = new Promise((resolve, reject) => {
    child.stdout.on('data', (c) => {
      out += c;
      const m = /Results: +http:\/\/[^:]+:(\d+)/.exec(out);
      // Request logs are not needed here; keep reading so the pipe never fills.
      if (m && /Trusted origins/.test(out)) resolve(Number(m[1]));
    });
    child.stderr.on('data', (c) => (out += c));
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out.slice(-500)}`)));
  });
  started.catch(() => {});
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return {child, started, exited};
}

const agent = new http.Agent({keepAlive: true, maxSockets: CONCURRENCY * 2});
function post(port, value) {
  const data = Buffer.from(JSON.stringify(value));
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/responses',
        agent,
        headers: {
          'content-type': 'application/json',
          'idempotency-key': value.id,
          'content-length': data.length,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
        res.on('error', () => resolve(0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(data);
  });
}

/** Sends `items` with CONCURRENCY clients; `portFor(i)` picks the server. */
async function burst(items, portFor, onAnswer = () => {}) {
  let next = 0;
  const statuses = new Array(items.length);
  const t0 = performance.now();
  await Promise.all(
    Array.from({length: CONCURRENCY}, async () => {
      while (next < items.length) {
        const i = next++;
        statuses[i] = await post(portFor(i), items[i]);
        onAnswer(i, statuses[i]);
      }
    }),
  );
  return {statuses, seconds: (performance.now() - t0) / 1000};
}

async function storedKeys(options) {
  const storage = await openStorage(options);
  const keys = [];
  for await (const r of storage.records({kind: 'response'})) keys.push(r.key);
  await storage.close();
  return keys;
}

async function rss(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)[1]);
  return {rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024};
}

/** CPU time (user + system) the process has used, in ms (clock ticks of 10 ms). */
async function cpuMs(pid) {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function get(port, pathname) {
  return new Promise((resolve, reject) => {
    http
      .get(
        {
          host: '127.0.0.1',
          port,
          path: pathname,
          headers: {authorization: `Bearer ${TOKEN}`},
          agent: false,
        },
        (res) => {
          let bytes = 0;
          res.on('data', (c) => (bytes += c.length));
          res.on('end', () => resolve({status: res.statusCode, bytes}));
        },
      )
      .on('error', reject);
  });
}

const lines = [];
const say = (text) => {
  console.log(text);
  lines.push(text);
};
const fmt = (n, d = 0) =>
  n.toLocaleString('en-GB', {maximumFractionDigits: d, minimumFractionDigits: d});

// --- 1. SQLite ingest -------------------------------------------------------------------
if (run('ingest')) {
  const dir = await mkdtemp(path.join(tmpdir(), 'rs-bench-'));
  const srv = startServer(['--data', dir]);
  const port = await srv.started;
  await burst(
    Array.from({length: 500}, (_, i) => body(i)),
    () => port,
  ); // warm-up
  const items = Array.from({length: 10_000}, (_, i) => body(i));
  const {statuses, seconds} = await burst(items, () => port);
  const ok = statuses.filter((s) => s === 201).length;
  say(`## Ingest, embedded store (SQLite, WAL, synchronous=FULL)\n`);
  say(
    `- 10,000 responses, ${CONCURRENCY} concurrent clients: **${fmt(10_000 / seconds)} responses/s** (${fmt(seconds, 2)} s), ${ok} answered 201.`,
  );
  srv.child.kill('SIGTERM');
  await srv.exited;

  // --- 2. kill -9 during a burst ---------------------------------------------------------
  const dir2 = await mkdtemp(path.join(tmpdir(), 'rs-bench-kill-'));
  const first = startServer(['--data', dir2]);
  const port1 = await first.started;
  const burstItems = Array.from({length: 10_000}, (_, i) => body(i));
  const acknowledged = new Set();
  let killed = false;
  await burst(
    burstItems,
    () => port1,
    (i, status) => {
      if (status === 201 || status === 200) acknowledged.add(burstItems[i].id);
      if (!killed && acknowledged.size >= 4000) {
        killed = true;
        first.child.kill('SIGKILL');
      }
    },
  );
  await first.exited;
  const afterCrash = new Set(await storedKeys({dataDir: dir2}));
  const lost = [...acknowledged].filter((id) => !afterCrash.has(id)).length;
  const second = startServer(['--data', dir2]);
  const port2 = await second.started;
  const resend = await burst(burstItems, () => port2);
  second.child.kill('SIGTERM');
  await second.exited;
  const keys = await storedKeys({dataDir: dir2});
  const twice = keys.length - new Set(keys).size;
  const missing = burstItems.filter((b) => !keys.includes(b.id)).length;
  say(
    `- kill -9 after ${fmt(acknowledged.size)} of 10,000 were acknowledged; ${fmt(afterCrash.size)} stored at the crash (acknowledged or committed just before the kill). Restart, resend all 10,000 (${resend.statuses.filter((s) => s === 200).length} answered 200 as repeats, ${resend.statuses.filter((s) => s === 201).length} 201): **${lost} acknowledged lost, ${twice} stored twice**, ${missing} missing after the resend.`,
  );
  await rm(dir, {recursive: true, force: true});
  await rm(dir2, {recursive: true, force: true});
}

// --- 3. PostgreSQL, two servers ---------------------------------------------------------
if (run('postgres')) {
  const pg = startPostgres();
  try {
    const env = {DATABASE_URL: pg.url};
    const a = startServer([], env);
    const b = startServer([], env);
    const ports = [await a.started, await b.started];
    await burst(
      Array.from({length: 500}, (_, i) => body(i)),
      (i) => ports[i % 2],
    );
    const items = Array.from({length: 10_000}, (_, i) => body(i));
    const {statuses, seconds} = await burst(items, (i) => ports[i % 2]);
    // Every response again, to the other server, all at once: exactly once must still hold.
    const again = await burst(items, (i) => ports[(i + 1) % 2]);
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    await Promise.all([a.exited, b.exited]);
    const keys = await storedKeys({databaseUrl: pg.url});
    const ids = new Set(items.map((x) => x.id));
    const stored = keys.filter((k) => ids.has(k));
    say(
      `\n## Ingest, PostgreSQL ${pg.url.includes('127.0.0.1') ? '(loopback)' : ''}, two server processes\n`,
    );
    say(
      `- 10,000 responses spread over both servers, ${CONCURRENCY} concurrent clients: **${fmt(10_000 / seconds)} responses/s** (${fmt(seconds, 2)} s), ${statuses.filter((s) => s === 201).length} answered 201.`,
    );
    say(
      `- Each sent again to the other server: ${again.statuses.filter((s) => s === 200).length} answered 200; stored rows for the 10,000 ids: **${stored.length}** (${stored.length - new Set(stored).size} twice).`,
    );
  } finally {
    pg.stop();
  }
}

// --- 4, 5 and 6. Evaluation page (and export) at 100,000 responses -----------------------
/** Stores 100,000 responses (10,000 codes × 10) through the storage layer. */
async function seedStudy(options) {
  const storage = await openStorage(options);
  const codes = 10_000;
  const timepoints = ['baseline', 'post-workshop', 'post-coaching', 'follow-up'];
  const byTimepoint = new Map(
    timepoints.map((t) => [t, template.filter((x) => x.timepoint === t)]),
  );
  const t0 = performance.now();
  let jobs = [];
  for (let c = 0; c < codes; c++) {
    const code = `B${String(c).padStart(5, '0')}-${String.fromCharCode(65 + (c % 26))}`;
    for (let k = 0; k < 10; k++) {
      const tp = timepoints[k % 4];
      const list = byTimepoint.get(tp);
      const base = list[(c + k) % list.length];
      const value = {...base, id: crypto.randomUUID(), participant: code};
      jobs.push(storage.put('response', [{key: value.id, body: value}]));
    }
    // A thousand at a time: one transaction each (group commit), as under heavy ingest.
    if (jobs.length >= 1000) {
      await Promise.all(jobs);
      jobs = [];
    }
  }
  await Promise.all(jobs);
  await storage.close();
  return (performance.now() - t0) / 1000;
}

/** The evaluation page of a server over the 100,000 stored responses: cold, kept, after new ones. */
async function evaluationPage(srv, title, seedSeconds) {
  const port = await srv.started;
  const before = await rss(srv.child.pid);
  const times = [];
  const cpu = [];
  for (let i = 0; i < 3; i++) {
    const c = await cpuMs(srv.child.pid);
    const t = performance.now();
    const page = await get(port, '/results');
    if (page.status !== 200) throw new Error(`/results: ${page.status}`);
    times.push(performance.now() - t);
    cpu.push((await cpuMs(srv.child.pid)) - c);
  }
  say(`\n## ${title}\n`);
  say(
    `- Stored in ${fmt(seedSeconds, 1)} s. GET /results (signed in), right after the start (computing the evaluation of all 100,000): **${fmt(times[0])} ms** (server CPU ${fmt(cpu[0])} ms); ` +
      `again while the data is unchanged (the kept evaluation, rendered): **${fmt(times[1])} ms, ${fmt(times[2])} ms**; ` +
      `server RSS ${fmt(before.rss)} MB before.`,
  );
  // New responses: the next view computes again (the background refresh would do it
  // within a minute otherwise).
  const after = [];
  for (const n of [1, 1, 10]) {
    await burst(
      Array.from({length: n}, (_, i) => body(i)),
      () => port,
    );
    const c = await cpuMs(srv.child.pid);
    const t = performance.now();
    await get(port, '/results');
    after.push(
      `${fmt(performance.now() - t)} ms** (CPU ${fmt((await cpuMs(srv.child.pid)) - c)} ms)`,
    );
  }
  const os = await import('node:os');
  say(
    `- New responses, then a view at once (the kept evaluation extended with them): after one **${after[0]}, after one more **${after[1]}, after ten more **${after[2]}; ` +
      `server RSS **${fmt((await rss(srv.child.pid)).peak)} MB peak**. Load average at the end: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(', ')} on ${os.cpus().length} cores shared with other work.`,
  );
  return port;
}

/**
 * The exports of a server over the 100,000 stored responses (after its evaluation views):
 * time, size and the server's RSS growth while each streams; the long CSV twice, as the
 * first export of a process also grows it once for what any export needs (code, buffers).
 */
async function exportsOf(srv, port, engine) {
  const sample = async (pathname) => {
    const start = await rss(srv.child.pid);
    let max = start.rss;
    const timer = setInterval(
      () => rss(srv.child.pid).then((r) => (max = Math.max(max, r.rss))),
      20,
    );
    const t = performance.now();
    const res = await get(port, pathname);
    clearInterval(timer);
    return {start: start.rss, max, bytes: res.bytes, status: res.status, ms: performance.now() - t};
  };
  say(`\n## Exports of the 100,000 responses, streamed, ${engine}\n`);
  for (const [label, pathname] of [
    ['long CSV', '/results.csv'],
    ['wide CSV', '/results/export/participants.csv'],
    ['long CSV again', '/results.csv'],
  ]) {
    const r = await sample(pathname);
    say(
      `- ${label}: ${fmt(r.bytes / 1e6, 1)} MB in ${fmt(r.ms)} ms, status ${r.status}; server RSS ${fmt(r.start)} MB at the start, ${fmt(r.max)} MB at most: **growth ${fmt(r.max - r.start)} MB**.`,
    );
  }
}

if (run('evaluation')) {
  const dir = await mkdtemp(path.join(tmpdir(), 'rs-bench-eval-'));
  const seedSeconds = await seedStudy({dataDir: dir});
  const srv = startServer(['--data', dir]);
  const port = await evaluationPage(
    srv,
    'Evaluation page, 100,000 responses (10,000 codes × 10), SQLite',
    seedSeconds,
  );
  await exportsOf(srv, port, 'SQLite');
  srv.child.kill('SIGTERM');
  await srv.exited;
  await rm(dir, {recursive: true, force: true});
}

if (run('evaluation-postgres')) {
  const pg = startPostgres();
  try {
    const seedSeconds = await seedStudy({databaseUrl: pg.url});
    const srv = startServer([], {DATABASE_URL: pg.url});
    const port = await evaluationPage(
      srv,
      'Evaluation page, 100,000 responses (10,000 codes × 10), PostgreSQL (loopback)',
      seedSeconds,
    );
    await exportsOf(srv, port, 'PostgreSQL');
    srv.child.kill('SIGTERM');
    await srv.exited;
  } finally {
    pg.stop();
  }
}

// --- 7. The key flood of issue 12: 400 valid POSTs with 4,000 answer keys each -----------
if (run('flood')) {
  const dir = await mkdtemp(path.join(tmpdir(), 'rs-bench-keys-'));
  const srv = startServer(['--data', dir]);
  const port = await srv.started;
  const flood = Array.from({length: 400}, (_, i) => {
    const answers = {};
    for (let k = 0; k < 4000; k++) answers[`k${i}x${k}`] = k;
    return {...body(i), answers};
  });
  const {statuses} = await burst(flood, () => port);
  const start = await rss(srv.child.pid);
  let max = start.rss;
  const timer = setInterval(() => rss(srv.child.pid).then((r) => (max = Math.max(max, r.rss))), 20);
  const results = [];
  for (const pathname of ['/results.csv', '/results/export/participants.csv', '/results']) {
    const t = performance.now();
    const res = await get(port, pathname);
    results.push(
      `${pathname} ${res.status} in ${fmt(performance.now() - t)} ms (${fmt(res.bytes / 1e6, 1)} MB)`,
    );
  }
  clearInterval(timer);
  say(`\n## 400 responses with 4,000 answer keys each (1.6 million distinct keys)\n`);
  say(
    `- Stored: ${statuses.filter((x) => x === 201).length} of 400. ${results.join('; ')}. Server RSS ${fmt(start.rss)} MB at the start, ${fmt(max)} MB at most; the process is still up: ${(await get(port, '/health')).status === 200 ? 'yes' : 'no'}.`,
  );
  srv.child.kill('SIGTERM');
  await srv.exited;
  await rm(dir, {recursive: true, force: true});
}

agent.destroy();
const header = `# The study's server: benchmark\n\nWritten by \`npm run bench:server\` (bench/server-bench.js) on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${(await import('node:os')).cpus().length} CPU cores (shared with other work), loopback only. Servers are separate processes (server/main.js); the clients run in the benchmark's process.\n\n`;
const file = path.join(root, 'bench', 'SERVER.md');
let sections = lines.join('\n').split(/\n(?=## )/);
if (chosen.length) {
  // Only some parts ran: keep the other sections as they were, in their place.
  const old = (await readFile(file, 'utf8').catch(() => '')).split(/\n(?=## )/).slice(1);
  const fresh = new Map(
    sections.filter((x) => x.startsWith('## ')).map((x) => [x.split('\n')[0], x]),
  );
  sections = old.map((x) => fresh.get(x.split('\n')[0]) ?? x.trimEnd());
  for (const [heading, x] of fresh)
    if (!old.some((o) => o.split('\n')[0] === heading)) sections.push(x);
}
await writeFile(file, `${header}${sections.map((x) => x.trim()).join('\n\n')}\n`);
console.log('\nwrote bench/SERVER.md');
