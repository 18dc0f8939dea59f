// The facts the server keeps beside each response (server/analysis/facts.js) so the
// evaluation never parses full bodies: on both engines (SQLite, and the real PostgreSQL that
// scripts/test.js starts: TEST_DATABASE_URL), the stored record is what the body gives, rows
// stored before are filled in on start (twice is harmless), a record made under another pack
// definition is read from its body until then, withdrawal and retention take the record with
// the response, and the evaluation read from the records is the one the server computed from
// the bodies before (analysis-facts.expected.json, written by analysis-facts-expected.js from
// the code before this change: the same figures, the same page).

import assert from 'node:assert/strict';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import process from 'node:process';
import {after, before, describe, test} from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import {evaluate, renderEvaluation} from '../../server/analysis/index.js';
import {
  NO_INSTRUMENT_KEY,
  extractFacts,
  factsKeyFor,
  layoutOf,
} from '../../server/analysis/facts.js';
import {packFor} from '../../server/analysis/packs.js';
import {fhirToResponse} from '../../server/fhir.js';
import {evaluationRows} from '../../server/pages.js';
import {openStorage} from '../../server/storage/index.js';
import {factsStudy} from './analysis-facts-data.js';
import {freshDatabase} from './fresh-database.js';

const pgUrl = process.env.TEST_DATABASE_URL;
const expected = JSON.parse(
  await readFile(new URL('./analysis-facts.expected.json', import.meta.url), 'utf8'),
);

/** The table as it was before the facts were kept (server/storage/common.js at 0f4ff4a). */
const OLD_TABLE = (serial) => `
CREATE TABLE records (
  seq ${serial}, kind TEXT NOT NULL, key TEXT NOT NULL, digest TEXT NOT NULL,
  received_at TEXT NOT NULL, instrument TEXT, version TEXT, timepoint TEXT,
  participant TEXT NOT NULL DEFAULT '', cohort TEXT, simulated INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL, UNIQUE (kind, key)
)`;

const engines = [
  {
    name: 'sqlite',
    async place() {
      const dir = await mkdtemp(join(tmpdir(), 'rs-facts-'));
      return {
        options: {dataDir: dir},
        /** @param {string} sql @param {unknown[]} [params] */
        async sql(sql, params = []) {
          const db = new Database(join(dir, 'responses.sqlite'));
          try {
            const statement = db.prepare(sql);
            return statement.reader ? statement.all(...params) : (statement.run(...params), []);
          } finally {
            db.close();
          }
        },
        serial: 'INTEGER PRIMARY KEY AUTOINCREMENT',
        cleanup: () => rm(dir, {recursive: true, force: true}),
      };
    },
  },
  {
    name: 'postgres',
    async place() {
      const url = await freshDatabase(/** @type {string} */ (pgUrl));
      return {
        options: {databaseUrl: url},
        async sql(sql, params = []) {
          const client = new pg.Client({connectionString: url});
          await client.connect();
          try {
            let i = 0;
            return (
              await client.query(
                sql.replace(/\?/g, () => `$${++i}`),
                params,
              )
            ).rows;
          } finally {
            await client.end();
          }
        },
        serial: 'BIGSERIAL PRIMARY KEY',
        cleanup: async () => {},
      };
    },
  },
];

const study = factsStudy();

async function store(storage, rows = study) {
  for (const {kind, key, body, options} of rows) await storage.put(kind, [{key, body}], options);
}

/** Every evaluation row (kinds response and fhir), pages flattened. */
async function rowsOf(storage, filter = {}) {
  const out = [];
  for await (const page of storage.evaluationRows(filter)) out.push(...page);
  return out;
}

/** What the body gives: the facts the evaluation makes from the body itself. */
function factsFromBody(kind, body, row) {
  const response = kind === 'fhir' ? fhirToResponse(body) : body;
  return extractFacts(layoutOf(packFor(row.instrument, row.version)), response);
}

/** The evaluation the results page computes, with each row read as the page reads it. */
async function evaluationOf(storage, filter) {
  let bodies = 0;
  const counted = async function* () {
    for await (const item of evaluationRows(storage, filter)) {
      for (const row of Array.isArray(item) ? item : [item]) if (!row.facts) bodies++;
      yield item;
    }
  };
  const evaluation = await evaluate(counted(), {toResponse: (row) => row.body});
  return {evaluation, bodies};
}

for (const engine of engines) {
  describe(`the evaluation's facts: ${engine.name}`, () => {
    if (engine.name === 'postgres' && !pgUrl) {
      test(
        'PostgreSQL suite',
        {skip: process.env.REQUIRE_POSTGRES ? false : 'TEST_DATABASE_URL is not set'},
        () => assert.fail('TEST_DATABASE_URL is not set although REQUIRE_POSTGRES is'),
      );
      return;
    }
    let place;
    let storage;
    before(async () => {
      place = await engine.place();
      storage = await openStorage(place.options);
      await store(storage);
    });
    after(async () => {
      await storage?.close();
      await place?.cleanup();
    });

    test('each stored record is what its body gives, under the key of its pack now', async () => {
      const rows = await rowsOf(storage);
      assert.equal(rows.length, study.length);
      const bodies = new Map(
        (await place.sql('SELECT seq, body FROM records')).map((r) => [
          Number(r.seq),
          JSON.parse(r.body),
        ]),
      );
      let withFacts = 0;
      for (const row of rows) {
        assert.equal(row.factsKey, factsKeyFor(row.instrument, row.version));
        const fromBody = row.instrument ? factsFromBody(row.kind, bodies.get(row.seq), row) : null;
        if (row.facts === null) {
          // Only a row without an instrument keeps none; it is read from its body.
          assert.equal(row.factsKey, NO_INSTRUMENT_KEY);
          assert.ok(row.body ?? (await storage.body(row.seq)));
          continue;
        }
        withFacts++;
        assert.equal(row.body, undefined, 'a row with facts is read without its body');
        assert.equal(row.facts, JSON.stringify(fromBody));
      }
      assert.equal(withFacts, study.length - 1);
      // The built-in pack's rows carry its layout; the unknown pack's the scores as sent.
      const known = rows.find((r) => r.instrument === 'coping-with-error');
      assert.match(/** @type {string} */ (known?.factsKey), /^1:[0-9a-f]{16}$/);
      const local = rows.find((r) => r.instrument === 'local-pack' && r.facts?.includes('late'));
      assert.deepEqual(JSON.parse(/** @type {string} */ (local?.facts)), [
        ['late-score', 7],
        ['total', 18],
        ['note', null],
      ]);
      // The compact record is a small part of the body it stands for.
      const sizes = await place.sql(
        "SELECT sum(length(facts)) AS facts, sum(length(body)) AS body FROM records WHERE kind = 'response'",
      );
      assert.ok(Number(sizes[0].facts) * 5 < Number(sizes[0].body), JSON.stringify(sizes));
    });

    test('the evaluation read from the records is the one computed from the bodies before, page and all', async () => {
      for (const {filter, evaluation: before, html} of expected) {
        const {evaluation, bodies} = await evaluationOf(storage, filter);
        assert.deepEqual(JSON.parse(JSON.stringify(evaluation)), before, JSON.stringify(filter));
        if (html) assert.equal(renderEvaluation(evaluation, {basePath: '/results'}), html);
        // Only the row without an instrument is read from its body.
        assert.ok(bodies <= 1, `${bodies} bodies read for ${JSON.stringify(filter)}`);
      }
    });

    test('a record made under another pack definition is read from its body, and made again on start', async () => {
      const [{n}] = await place.sql('SELECT count(*) AS n FROM records WHERE instrument = ?', [
        'coping-with-error',
      ]);
      await place.sql(
        "UPDATE records SET facts_key = '1:0123456789abcdef', facts = '[[9],[9],[9]]' WHERE instrument = ?",
        ['coping-with-error'],
      );
      const stale = await evaluationOf(storage, {});
      assert.deepEqual(JSON.parse(JSON.stringify(stale.evaluation)), expected[0].evaluation);
      assert.ok(stale.bodies > 200, `${stale.bodies} bodies read`);
      await storage.close();
      storage = await openStorage(place.options);
      assert.equal(storage.refreshed, Number(n));
      const fresh = await evaluationOf(storage, {});
      assert.deepEqual(JSON.parse(JSON.stringify(fresh.evaluation)), expected[0].evaluation);
      assert.ok(fresh.bodies <= 1);
      await storage.close();
      storage = await openStorage(place.options);
      assert.equal(storage.refreshed, 0, 'a second start finds nothing to do');
    });

    test('withdrawal and retention take the record with the response', async () => {
      const code = study[0].body.participant;
      const rowsFor = async () =>
        (await place.sql('SELECT facts FROM records WHERE participant = ?', [code])).length;
      assert.ok((await rowsFor()) > 0);
      const {evaluation: beforeWithdrawal} = await evaluationOf(storage, {});
      assert.ok(await storage.deleteParticipant(code));
      assert.equal(await rowsFor(), 0);
      // Nothing of the person is read again: the evaluation is that of the others.
      const left = (await rowsOf(storage)).filter((r) => r.participant === code);
      assert.deepEqual(left, []);
      const {evaluation} = await evaluationOf(storage, {});
      assert.equal(
        evaluation.total,
        beforeWithdrawal.total - study.filter((r) => r.body.participant === code).length,
      );
      const baseline = (e) => e.groups[0].retention[0].withCode;
      assert.equal(baseline(evaluation), baseline(beforeWithdrawal) - 1);

      const removed = await storage.deleteReceivedBefore('2026-12-01T00:00:00.000Z');
      assert.ok(removed > 200);
      const kept = await place.sql('SELECT facts_key, facts, received_at FROM records');
      assert.ok(kept.every((r) => r.received_at >= '2026-12-01'));
      assert.equal((await rowsOf(storage)).length, kept.length);
    });
  });

  describe(`the facts of a database made before they were kept: ${engine.name}`, () => {
    if (engine.name === 'postgres' && !pgUrl) return;
    test('the first start adds the columns and fills them in; the evaluation is the same; a second start does nothing', async () => {
      const place = await engine.place();
      try {
        // The old server's table, written the old server's way (no facts columns).
        await place.sql(OLD_TABLE(place.serial));
        const old = await storeTheOldWay(place, study);
        assert.equal(old, study.length);
        let storage = await openStorage(place.options);
        try {
          assert.equal(storage.refreshed, study.length);
          const {evaluation, bodies} = await evaluationOf(storage, {});
          assert.deepEqual(JSON.parse(JSON.stringify(evaluation)), expected[0].evaluation);
          assert.ok(bodies <= 1);
          const rows = await rowsOf(storage);
          assert.equal(rows.filter((r) => r.facts !== null).length, study.length - 1);
        } finally {
          await storage.close();
        }
        storage = await openStorage(place.options);
        assert.equal(storage.refreshed, 0);
        await storage.close();
      } finally {
        await place.cleanup();
      }
    });
  });
}

/**
 * Rows as the server before this change stored them: the same columns from the body
 * (storage/common.js describeBody), no facts.
 */
async function storeTheOldWay(place, rows) {
  const {bodyDigest, describeBody} = await import('../../server/storage/common.js');
  let n = 0;
  for (const {kind, key, body, options} of rows) {
    const d = describeBody(kind, body);
    await place.sql(
      `INSERT INTO records (kind, key, digest, received_at, instrument, version, timepoint, participant, cohort, simulated, body)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        kind,
        key,
        bodyDigest(body),
        options.receivedAt,
        d.instrument,
        d.version,
        d.timepoint,
        d.participant ?? '',
        options.cohort ?? null,
        options.simulated ? 1 : 0,
        JSON.stringify(body),
      ],
    );
    n++;
  }
  return n;
}
