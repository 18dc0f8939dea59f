// The demo site answers odd request paths with a page or a client error, never a 500 and a stack trace.

import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {spawn} from 'node:child_process';
import process from 'node:process';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {createSite} from '../../demo/site.js';
import {request} from './http.js';

/** GET with the path exactly as given (fetch would normalise `//` and bad escapes away). */
const statusOf = async (base, path) => (await request(new URL(base).port, {path})).status;

test('odd paths get a page or a client error, not a 500', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'rs-site-'));
  const site = await createSite({port: 0, dataDir});
  t.after(async () => {
    await site.close();
    await rm(dataDir, {recursive: true, force: true});
  });
  const errors = [];
  const original = console.error;
  console.error = (...args) => errors.push(args);
  t.after(() => (console.error = original));
  // A doubled slash is read as the path it spells (the start page), as most servers do.
  assert.equal(await statusOf(site.url, '//?timepoint=baseline'), 200);
  assert.equal(await statusOf(site.url, '//api/responses'), 404);
  assert.equal(await statusOf(site.url, '/%E0%A4%A'), 400);
  assert.equal(await statusOf(site.url, '/'), 200);
  assert.deepEqual(errors, []);
});

test('the demo study is stored once, marked simulated, and stays cleared once cleared', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'rs-site-demo-'));
  t.after(() => rm(dataDir, {recursive: true, force: true}));
  let site = await createSite({port: 0, dataDir, demoStudy: true});
  try {
    assert.equal(site.seeded, 66 + 62 + 47 + 33);
    assert.ok(site.token, 'a sign-in token for the demo');
    const db = await site.endpoint.storage();
    let simulated = 0;
    for await (const row of db.responses({})) if (row.simulated) simulated++;
    assert.equal(simulated, site.seeded);
    const page = await request(new URL(site.url).port, {
      path: '/results',
      headers: {authorization: `Bearer ${site.token}`},
    });
    assert.match(page.text, /Simulated data/);
  } finally {
    await site.close();
  }
  site = await createSite({port: 0, dataDir, demoStudy: true});
  try {
    assert.equal(site.seeded, 0, 'not stored twice');
    assert.equal(await (await site.endpoint.storage()).deleteSimulated(), 66 + 62 + 47 + 33);
  } finally {
    await site.close();
  }
  site = await createSite({port: 0, dataDir, demoStudy: true});
  try {
    assert.equal(site.seeded, 0, 'cleared stays cleared');
  } finally {
    await site.close();
  }
});

/** Runs `npm start`'s script without the build; resolves with its exit code and stderr. */
function startDemo(env) {
  const child = spawn(process.execPath, ['demo/start.js', '--no-build'], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: {...process.env, ...env},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const started = new Promise((resolve) => {
    child.stdout.on('data', () => {
      if (/sign in: .*\n/.test(stdout)) resolve(stdout);
    });
  });
  return {child, exited, started, out: () => stdout, err: () => stderr};
}

test('npm start on a taken port, or on a data folder in use, says so in one line', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'rs-site-port-'));
  const otherDir = await mkdtemp(join(tmpdir(), 'rs-site-port2-'));
  t.after(() => rm(dataDir, {recursive: true, force: true}));
  t.after(() => rm(otherDir, {recursive: true, force: true}));
  const port = 9000 + Math.floor(Math.random() * 900);
  const first = startDemo({PORT: String(port), DATA_DIR: dataDir, RESULTS_TOKEN: ''});
  t.after(async () => {
    first.child.kill('SIGTERM');
    await first.exited;
  });
  const banner = await first.started;
  assert.match(banner, /sign in: +http:\/\/localhost:\d+\/signin with the access token \S+/);
  assert.match(banner, /demo study: 208 simulated responses stored/);

  const taken = startDemo({PORT: String(port), DATA_DIR: otherDir});
  assert.equal(await taken.exited, 1);
  assert.equal(
    taken.err().trim(),
    `Port ${port} is taken (another server?). Pick another: PORT=${port + 1} npm start`,
  );

  const busy = startDemo({PORT: String(port + 1), DATA_DIR: dataDir});
  assert.equal(await busy.exited, 1);
  assert.match(
    busy.err().trim(),
    /^\S+ is in use by another server \(its database is locked\)\. [^\n]*$/,
  );
});
