// `node server/main.js migrate`: the embedded SQLite store copied into a real PostgreSQL
// (scripts/test.js starts one: TEST_DATABASE_URL), with counts printed; every response with
// its received time, cohort and simulated mark, in its order; the settings; the same
// evaluation on both; a second run copies nothing and says so.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import process from 'node:process';
import {promisify} from 'node:util';
import {after, before, describe, test} from 'node:test';
import pg from 'pg';
import {evaluate} from '../../server/analysis/index.js';
import {evaluationRows} from '../../server/pages.js';
import {openStorage} from '../../server/storage/index.js';
import {factsStudy} from './analysis-facts-data.js';
import {freshDatabase} from './fresh-database.js';

const pgUrl = process.env.TEST_DATABASE_URL;
const MAIN = new URL('../../server/main.js', import.meta.url).pathname;
const run = promisify(execFile);

const collect = async (iterable) => {
  const out = [];
  for await (const x of iterable) out.push(x);
  return out;
};

describe('migrate: SQLite into PostgreSQL', () => {
  if (!pgUrl) {
    test(
      'PostgreSQL suite',
      {skip: process.env.REQUIRE_POSTGRES ? false : 'TEST_DATABASE_URL is not set'},
      () => assert.fail('TEST_DATABASE_URL is not set although REQUIRE_POSTGRES is'),
    );
    return;
  }
  let dataDir;
  let databaseUrl;
  const study = factsStudy();
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rs-migrate-'));
    const sqlite = await openStorage({dataDir});
    for (const {kind, key, body, options} of study) await sqlite.put(kind, [{key, body}], options);
    const statement = {
      id: randomUUID(),
      actor: {account: {homePage: 'https://x.example', name: 'X-1'}},
    };
    await sqlite.put('xapi-statement', [{key: statement.id, body: statement}], {cohort: 'ward-7'});
    await sqlite.setSetting('retention-days', '400');
    await sqlite.setSetting('admin-token', 'scrypt$made-up-hash');
    await sqlite.close();
    databaseUrl = await freshDatabase(pgUrl);
  });
  after(() => rm(dataDir, {recursive: true, force: true}));

  const migrate = async () =>
    (
      await run(process.execPath, [
        MAIN,
        'migrate',
        '--data',
        dataDir,
        '--database-url',
        databaseUrl,
      ])
    ).stdout;

  test('copies every response, in order, with its columns, and the settings; prints the counts', async () => {
    const out = await migrate();
    const total = study.length + 1;
    // The copy has the planner's statistics before any server starts on it (storage.test.js).
    {
      const client = new pg.Client({connectionString: databaseUrl});
      await client.connect();
      const {rows} = await client.query(
        "SELECT count(*)::int AS n FROM pg_stats WHERE tablename = 'records' AND attname = 'kind'",
      );
      await client.end();
      assert.equal(rows[0].n, 1);
    }
    assert.match(
      out,
      new RegExp(
        `Copied ${total} responses from .*responses\\.sqlite into postgresql://.* \\(0 already there\\); 2 settings copied`,
      ),
    );
    const sqlite = await openStorage({dataDir});
    const postgres = await openStorage({databaseUrl});
    try {
      // What a copy must keep of each row (not its storage-internal columns).
      const kept =
        'id kind receivedAt instrument version timepoint participant cohort simulated body';
      const strip = (/** @type {any} */ row) =>
        Object.fromEntries(kept.split(' ').map((k) => [k, row[k]]));
      const source = (await collect(sqlite.responses({}))).map(strip);
      const copy = (await collect(postgres.responses({}))).map(strip);
      assert.equal(copy.length, total);
      assert.deepEqual(copy, source);
      assert.equal(await postgres.getSetting('retention-days'), '400');
      assert.equal(await postgres.getSetting('admin-token'), 'scrypt$made-up-hash');
      const [entry] = await postgres.auditLog({limit: 1});
      assert.equal(entry.action, 'migrate');
      assert.equal(entry.detail.copied, total);
      // The evaluation of the copy is the evaluation of the original.
      const evaluationOf = async (storage) =>
        JSON.parse(
          JSON.stringify(await evaluate(evaluationRows(storage, {}), {toResponse: (r) => r.body})),
        );
      assert.deepEqual(await evaluationOf(postgres), await evaluationOf(sqlite));
    } finally {
      await sqlite.close();
      await postgres.close();
    }
  });

  test('a second run copies nothing and says what was there already', async () => {
    const out = await migrate();
    assert.match(
      out,
      new RegExp(
        `Copied 0 responses .* \\(${study.length + 1} already there\\); 0 settings copied`,
      ),
    );
    const postgres = await openStorage({databaseUrl});
    try {
      assert.equal((await collect(postgres.responses({}))).length, study.length + 1);
    } finally {
      await postgres.close();
    }
  });
});
