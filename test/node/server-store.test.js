// The endpoint's append-only store, on its own.

import assert from 'node:assert/strict';
import {Buffer} from 'node:buffer';
import {spawnSync} from 'node:child_process';
import {appendFile, mkdtemp, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import process from 'node:process';
import {afterEach, beforeEach, test} from 'node:test';
import {ConflictError, RECORDS_FILE, bodyDigest, openStore} from '../../server/store.js';

let dir;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rs-store-'));
});
afterEach(async () => {
  await rm(dir, {recursive: true, force: true});
});

test('put stores new keys, recognises repeats, and keeps them after reopening', async () => {
  let store = await openStore(dir);
  const [first] = await store.put('response', [{key: 'a', body: {x: 1, y: [1, 2]}}]);
  assert.equal(first.created, true);
  const [again] = await store.put('response', [{key: 'a', body: {y: [1, 2], x: 1}}]);
  assert.equal(again.created, false);
  assert.equal(again.record.receivedAt, first.record.receivedAt);
  // Keys are per kind.
  const [other] = await store.put('xapi-statement', [{key: 'a', body: {z: 1}}]);
  assert.equal(other.created, true);
  await store.close();

  store = await openStore(dir);
  assert.deepEqual(
    store.list().map((r) => [r.kind, r.key]),
    [
      ['response', 'a'],
      ['xapi-statement', 'a'],
    ],
  );
  assert.equal(store.list('response').length, 1);
  assert.equal(
    (await store.put('response', [{key: 'a', body: {x: 1, y: [1, 2]}}]))[0].created,
    false,
  );
  await store.close();
});

test('a different body under a stored key is a conflict and stores nothing', async () => {
  const store = await openStore(dir);
  await store.put('response', [{key: 'a', body: {x: 1}}]);
  await assert.rejects(
    store.put('response', [
      {key: 'b', body: {x: 2}},
      {key: 'a', body: {x: 3}},
    ]),
    ConflictError,
  );
  assert.deepEqual(
    store.list().map((r) => r.key),
    ['a'],
  );
  // The queue keeps working after a rejected put.
  assert.equal((await store.put('response', [{key: 'b', body: {x: 2}}]))[0].created, true);
  await store.close();
});

test('concurrent puts of one key store it once', async () => {
  const store = await openStore(dir);
  const results = await Promise.all(
    Array.from({length: 20}, () => store.put('response', [{key: 'k', body: {v: 1}}])),
  );
  assert.equal(results.filter(([r]) => r.created).length, 1);
  await store.close();
  const lines = (await readFile(join(dir, RECORDS_FILE), 'utf8')).split('\n').filter(Boolean);
  assert.equal(lines.length, 1);
});

test('a torn last line is truncated and set aside', async () => {
  let store = await openStore(dir);
  await store.put('response', [{key: 'a', body: {x: 1}}]);
  await store.close();
  const file = join(dir, RECORDS_FILE);
  const goodSize = (await stat(file)).size;
  await appendFile(file, '{"seq":2,"kind":"resp');

  const warnings = [];
  store = await openStore(dir, {onWarning: (m) => warnings.push(m)});
  assert.equal(warnings.length, 1);
  assert.equal((await stat(file)).size, goodSize);
  await store.put('response', [{key: 'b', body: {x: 2}}]);
  await store.close();
  const lines = (await readFile(file, 'utf8')).split('\n');
  assert.equal(lines.pop(), '');
  assert.deepEqual(
    lines.map((l) => JSON.parse(l).key),
    ['a', 'b'],
  );
});

test('zero bytes left by a crash after the last complete line count as torn', async () => {
  let store = await openStore(dir);
  await store.put('response', [{key: 'a', body: {x: 1}}]);
  await store.close();
  await appendFile(join(dir, RECORDS_FILE), Buffer.alloc(64));
  store = await openStore(dir, {onWarning: () => {}});
  assert.deepEqual(
    store.list().map((r) => r.key),
    ['a'],
  );
  await store.close();
});

test('a damaged line followed by good ones stops the store from opening', async () => {
  const good = (key) => JSON.stringify({seq: 1, kind: 'response', key, body: {}}) + '\n';
  await writeFile(join(dir, RECORDS_FILE), good('a') + '{broken\n' + good('b'));
  await assert.rejects(openStore(dir), /line 2 is damaged/);
  // It must not have been "repaired".
  assert.equal(
    await readFile(join(dir, RECORDS_FILE), 'utf8'),
    good('a') + '{broken\n' + good('b'),
  );
  // …and it must not keep the folder locked.
  await assert.rejects(openStore(dir), /line 2 is damaged/);
});

test('a lock left by a process that has gone is taken over', async () => {
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  }).stdout;
  await writeFile(join(dir, 'lock'), gone);
  const store = await openStore(dir);
  assert.equal(await readFile(join(dir, 'lock'), 'utf8'), String(process.pid));
  await store.close();
});

test('a lock held by a live process is respected', async () => {
  const store = await openStore(dir);
  await assert.rejects(openStore(dir), /in use by process/);
  await store.close();
});

test('the digest ignores key order but not values', () => {
  assert.equal(bodyDigest({a: 1, b: {c: [1, 2]}}), bodyDigest({b: {c: [1, 2]}, a: 1}));
  assert.notEqual(bodyDigest({a: [1, 2]}), bodyDigest({a: [2, 1]}));
  assert.notEqual(bodyDigest({a: '1'}), bodyDigest({a: 1}));
});
