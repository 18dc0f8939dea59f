// One storage suite, run against both engines: the embedded SQLite file and a real
// PostgreSQL server (started on loopback by scripts/test.js, which sets TEST_DATABASE_URL).

import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import process from 'node:process';
import {after, before, describe, test} from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import {importJsonl} from '../../server/import.js';
import {bodyDigest, canonicalJson} from '../../server/storage/common.js';
import {ConflictError, StoreInUseError, openStorage} from '../../server/storage/index.js';
import {PAGE_ROWS} from '../../server/storage/common.js';
import {makeResponse} from './response.js';
import {freshDatabase} from './fresh-database.js';

const pgUrl = process.env.TEST_DATABASE_URL;

const engines = [
  {
    name: 'sqlite',
    async open() {
      const dir = await mkdtemp(join(tmpdir(), 'rs-storage-'));
      return {
        options: {dataDir: dir},
        cleanup: () => rm(dir, {recursive: true, force: true}),
      };
    },
  },
  {
    name: 'postgres',
    async open() {
      return {options: {databaseUrl: await freshDatabase(pgUrl)}, cleanup: async () => {}};
    },
  },
];

const collect = async (iterable) => {
  const out = [];
  for await (const x of iterable) out.push(x);
  return out;
};

for (const engine of engines) {
  describe(`storage: ${engine.name}`, () => {
    if (engine.name === 'postgres' && !pgUrl) {
      // npm test always starts PostgreSQL (REQUIRE_POSTGRES=1): there a missing server fails.
      test(
        'PostgreSQL suite',
        {
          skip: process.env.REQUIRE_POSTGRES
            ? false
            : 'TEST_DATABASE_URL is not set (npm test sets it)',
        },
        () => {
          assert.fail('TEST_DATABASE_URL is not set although REQUIRE_POSTGRES is');
        },
      );
      return;
    }
    let place;
    let storage;
    before(async () => {
      place = await engine.open();
      storage = await openStorage(place.options);
    });
    after(async () => {
      await storage.close();
      await place.cleanup();
    });

    test('a body is stored once; a repeat answers the first record; another body under the key conflicts', async () => {
      const body = makeResponse();
      const [first] = await storage.put('response', [{key: body.id, body}], {cohort: 'ward-7'});
      assert.equal(first.created, true);
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      const [again] = await storage.put('response', [{key: body.id, body: reordered}]);
      assert.equal(again.created, false);
      assert.equal(again.record.receivedAt, first.record.receivedAt);
      assert.deepEqual(again.record.body, body);
      await assert.rejects(
        storage.put('response', [{key: body.id, body: {...body, answers: {}}}]),
        ConflictError,
      );
      const rows = (await collect(storage.responses({}))).filter((r) => r.id === body.id);
      assert.equal(rows.length, 1);
      assert.equal(rows[0].cohort, 'ward-7');
      assert.equal(rows[0].kind, 'response');
      assert.equal(rows[0].participant, 'M-07-J');
      assert.equal(rows[0].instrument, 'coping-with-error');
      assert.equal(rows[0].version, '1.0.0');
      assert.equal(rows[0].timepoint, 'baseline');
      assert.equal(rows[0].simulated, false);
    });

    test('50 concurrent puts of one key (over two connections) store exactly once', async () => {
      const second = engine.name === 'postgres' ? await openStorage(place.options) : storage;
      try {
        const body = makeResponse();
        const results = await Promise.all(
          Array.from({length: 50}, (_, i) =>
            (i % 2 ? second : storage).put('response', [{key: body.id, body}]),
          ),
        );
        assert.equal(results.filter(([r]) => r.created).length, 1);
        const rows = (await collect(storage.responses({}))).filter((r) => r.id === body.id);
        assert.equal(rows.length, 1);
      } finally {
        if (second !== storage) await second.close();
      }
    });

    test('300 keys sent twice, in opposite orders over two connections, are each stored once', async () => {
      const second = engine.name === 'postgres' ? await openStorage(place.options) : storage;
      try {
        const bodies = Array.from({length: 300}, () => makeResponse());
        const send = (db, list) =>
          Promise.all(list.map((body) => db.put('response', [{key: body.id, body}])));
        const [a, b] = await Promise.all([
          send(storage, bodies),
          send(second, [...bodies].reverse()),
        ]);
        const created = [...a, ...b].filter(([r]) => r.created).length;
        assert.equal(created, 300);
        const ids = new Set(bodies.map((x) => x.id));
        const rows = (await collect(storage.responses({}))).filter((r) => ids.has(r.id));
        assert.equal(rows.length, 300);
        // A repeat answers the first record: same receivedAt on both sides.
        const at = new Map(a.map(([r]) => [r.record.key, r.record.receivedAt]));
        for (const [r] of b) assert.equal(r.record.receivedAt, at.get(r.record.key));
      } finally {
        if (second !== storage) await second.close();
      }
    });

    test('a batch with a conflict stores none of it', async () => {
      const body = makeResponse();
      await storage.put('xapi-statement', [{key: body.id, body}]);
      const fresh = makeResponse();
      await assert.rejects(
        storage.put('xapi-statement', [
          {key: fresh.id, body: fresh},
          {key: body.id, body: {...body, timepoint: 'x'}},
        ]),
        ConflictError,
      );
      const keys = (await collect(storage.records({kind: 'xapi-statement'}))).map((r) => r.key);
      assert.ok(!keys.includes(fresh.id));
    });

    test('responses() filters, and streams in participant order across pages', async () => {
      const n = PAGE_ROWS + 500;
      const cohort = `big-${randomUUID()}`;
      const jobs = [];
      for (let i = 0; i < n; i++) {
        const body = makeResponse({
          participant: `P-${String(i % 97).padStart(2, '0')}-X`,
          timepoint: i % 2 ? 'baseline' : 'post-workshop',
        });
        jobs.push(
          storage.put('response', [{key: body.id, body}], {cohort, simulated: i % 3 === 0}),
        );
      }
      await Promise.all(jobs);
      const rows = await collect(storage.responses({cohort, orderBy: 'participant'}));
      assert.equal(rows.length, n);
      for (let i = 1; i < rows.length; i++)
        assert.ok(rows[i - 1].participant <= rows[i].participant, `ordered at ${i}`);
      assert.equal(rows.filter((r) => r.simulated).length, Math.ceil(n / 3));
      assert.equal((await collect(storage.responses({cohort, version: '2.0.0'}))).length, 0);
      assert.equal(
        (
          await collect(
            storage.responses({cohort, instrument: 'coping-with-error', version: '1.0.0'}),
          )
        ).length,
        n,
      );
      const future = new Date(Date.now() + 86_400_000).toISOString();
      assert.equal((await collect(storage.responses({cohort, from: future}))).length, 0);
      assert.equal((await collect(storage.responses({cohort, to: future}))).length, n);
      const facets = await storage.facets();
      assert.ok(facets.cohorts.includes(cohort));
      assert.ok(
        facets.packs.some((p) => p.instrument === 'coping-with-error' && p.version === '1.0.0'),
      );
      assert.ok(facets.simulated >= Math.ceil(n / 3));
    });

    test('withdrawal, retention and the simulated rows delete what they name', async () => {
      const code = `W-${randomUUID().slice(0, 4)}-Z`;
      for (const tp of ['baseline', 'post-workshop']) {
        const body = makeResponse({participant: code, timepoint: tp});
        await storage.put('response', [{key: body.id, body}]);
      }
      assert.equal(await storage.deleteParticipant(code), 2);
      assert.equal(
        (await collect(storage.responses({}))).filter((r) => r.participant === code).length,
        0,
      );

      const old = makeResponse();
      await storage.put('response', [{key: old.id, body: old}], {
        receivedAt: '2020-01-01T00:00:00.000Z',
      });
      assert.equal(await storage.deleteReceivedBefore('2021-01-01T00:00:00.000Z'), 1);
      const sim = await storage.deleteSimulated();
      assert.ok(sim > 0);
      assert.equal((await storage.facets()).simulated, 0);
    });

    test('settings, the audit log and sessions', async () => {
      assert.equal(await storage.getSetting('nothing'), null);
      const [a, b] = await Promise.all([
        storage.setSettingIfAbsent('first', 'a'),
        storage.setSettingIfAbsent('first', 'b'),
      ]);
      assert.equal(a, b, 'one value wins for both');
      await storage.setSetting('first', 'c');
      assert.equal(await storage.getSetting('first'), 'c');
      await storage.audit({actor: 'admin', action: 'export', detail: {file: 'responses.csv'}});
      await storage.audit({actor: 'admin', action: 'withdrawal', detail: {code: 'X'}});
      const log = await storage.auditLog({limit: 2});
      assert.deepEqual(
        log.map((e) => e.action),
        ['withdrawal', 'export'],
      );
      const now = new Date().toISOString();
      await storage.createSession({
        idHash: 'h1',
        csrf: 'c1',
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      });
      assert.equal((await storage.getSession('h1', now)).csrf, 'c1');
      assert.equal(
        await storage.getSession('h1', new Date(Date.now() + 120_000).toISOString()),
        null,
      );
      await storage.deleteSession('h1');
      assert.equal(await storage.getSession('h1', now), null);
      await storage.ping();
    });

    test('an old JSONL data folder imports completely, once, keeping receivedAt', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'rs-import-'));
      try {
        const bodies = [makeResponse(), makeResponse({participant: 'Q-01-R'})];
        const lines = bodies.map((body, i) =>
          JSON.stringify({
            seq: i + 1,
            kind: 'response',
            key: body.id,
            digest: bodyDigest(body),
            receivedAt: `2026-0${i + 1}-02T10:00:00.000Z`,
            body,
          }),
        );
        // What a crash mid-append left behind: a torn last line.
        await writeFile(join(dir, 'records.jsonl'), `${lines.join('\n')}\n{"seq":3,"kind":"resp`);
        const warnings = [];
        const first = await importJsonl(dir, storage, {onWarning: (m) => warnings.push(m)});
        assert.deepEqual(first, {imported: 2, repeated: 0, conflicts: 0});
        assert.match(warnings.join('\n'), /line 3 is not JSON/);
        const again = await importJsonl(dir, storage);
        assert.deepEqual(again, {imported: 0, repeated: 2, conflicts: 0});
        const rows = (await collect(storage.responses({}))).filter((r) =>
          bodies.some((b) => b.id === r.id),
        );
        assert.deepEqual(rows.map((r) => r.receivedAt).sort(), [
          '2026-01-02T10:00:00.000Z',
          '2026-02-02T10:00:00.000Z',
        ]);
      } finally {
        await rm(dir, {recursive: true, force: true});
      }
    });
  });
}

describe('storage: sqlite only', () => {
  test('a second server on the same data folder is refused with one clear message', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rs-lock-'));
    try {
      const first = await openStorage({dataDir: dir});
      await assert.rejects(openStorage({dataDir: dir}), (error) => {
        assert.ok(error instanceof StoreInUseError);
        assert.match(error.message, /in use by another server/);
        assert.doesNotMatch(error.message, /\n/);
        return true;
      });
      // The responses file stays readable while the server runs: an online backup works.
      const body = makeResponse();
      await first.put('response', [{key: body.id, body}]);
      const reader = new Database(join(dir, 'responses.sqlite'), {readonly: true});
      await reader.backup(join(dir, 'backup.sqlite'));
      reader.close();
      const copy = new Database(join(dir, 'backup.sqlite'), {readonly: true});
      assert.equal(copy.prepare('SELECT count(*) FROM records').pluck().get(), 1);
      copy.close();
      await first.close();
      // Released on close.
      const third = await openStorage({dataDir: dir});
      await third.close();
    } finally {
      await rm(dir, {recursive: true, force: true});
    }
  });

  test('a lock file naming a live process (pid reused after a container restart) does not stop the start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rs-pid-'));
    try {
      // The earlier store's lock held only a pid; as process 1 in a container, the restarted
      // server has the same pid and was refused. The database lock dies with its process.
      await writeFile(join(dir, 'lock'), String(process.pid));
      const storage = await openStorage({dataDir: dir});
      const body = makeResponse();
      assert.equal((await storage.put('response', [{key: body.id, body}]))[0].created, true);
      await storage.close();
    } finally {
      await rm(dir, {recursive: true, force: true});
    }
  });

  test('the body digest ignores key order and survives a body nested 100,000 deep', () => {
    assert.equal(
      canonicalJson({b: [1, {d: null, c: 'x'}], a: true}),
      '{"a":true,"b":[1,{"c":"x","d":null}]}',
    );
    assert.equal(bodyDigest({a: 1, b: 2}), bodyDigest({b: 2, a: 1}));
    let deep = {};
    for (let i = 0; i < 100_000; i++) deep = {x: deep};
    assert.match(bodyDigest(deep), /^[0-9a-f]{64}$/);
  });
});

describe('storage: postgres only', () => {
  if (!pgUrl) return;
  test('a table filled before the planner had statistics gets them on the next start', async () => {
    // Without them, each page of the evaluation (ORDER BY seq LIMIT n) was planned as a sort
    // of every later row: 1.6 s instead of 0.2 s at 100,000 responses (bench/SERVER.md).
    const databaseUrl = await freshDatabase(pgUrl);
    const admin = new pg.Client({connectionString: databaseUrl});
    await admin.connect();
    try {
      const statsOfKind = async () =>
        (
          await admin.query(
            "SELECT count(*)::int AS n FROM pg_stats WHERE tablename = 'records' AND attname = 'kind'",
          )
        ).rows[0].n;
      const first = await openStorage({databaseUrl});
      // Autovacuum must not make the statistics behind the test's back.
      await admin.query('ALTER TABLE records SET (autovacuum_enabled = false)');
      const bodies = Array.from({length: 1500}, () => makeResponse());
      for (let i = 0; i < bodies.length; i += 500) {
        await first.put(
          'response',
          bodies.slice(i, i + 500).map((body) => ({key: body.id, body})),
        );
      }
      await first.close();
      assert.equal(await statsOfKind(), 0, 'no statistics yet');
      const second = await openStorage({databaseUrl});
      try {
        assert.equal(await statsOfKind(), 1, 'made on start');
        assert.equal(await second.ensureStatistics?.(), false, 'and not again while fresh');
      } finally {
        await second.close();
      }
    } finally {
      await admin.end();
    }
  });
});
