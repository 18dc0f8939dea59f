// @ts-check
// The embedded store: one SQLite file (`responses.sqlite`) in the data folder, through
// better-sqlite3. WAL journal with synchronous=FULL, so a 2xx is only sent after the
// transaction holding the response is on disk. Exactly-once comes from UNIQUE(kind, key).
//
// Writes arriving together are committed together (group commit: one transaction and one
// fsync per batch, each request in its own savepoint), which is what lets a 2-core machine
// take thousands of responses a second with every acknowledged one durable.
//
// One server process owns the folder (a lock database in SQLite's exclusive locking mode,
// held by the operating system for as long as the process lives, so a crash or `kill -9`
// leaves no stale lock).
// Several servers share PostgreSQL instead (DATABASE_URL).

import {mkdirSync} from 'node:fs';
import {join} from 'node:path';
import Database from 'better-sqlite3';
import {
  ConflictError,
  FIRST_PAGE_ROWS,
  nextPageRows,
  StoreInUseError,
  StoreUnavailableError,
  EVALUATION_COLUMNS,
  EVALUATION_PAGE_ROWS,
  FACTS_INDEX,
  OLD_INDEXES,
  bodyDigest,
  describeRow,
  schema,
  toEvaluationRow,
  toStoredResponse,
  whereClause,
} from './common.js';
import {factsKeyFor, factsOf} from '../analysis/facts.js';

export const DATABASE_FILE = 'responses.sqlite';
const LOCK_FILE = 'server.lock';

const SCHEMA = schema('INTEGER PRIMARY KEY AUTOINCREMENT');

/**
 * @param {string} dataDir
 * @returns {Promise<import('./common.js').Storage>}
 */
export async function openSqlite(dataDir) {
  // Answers are personal data: keep the folder private to the service's user.
  mkdirSync(dataDir, {recursive: true, mode: 0o700});
  const file = join(dataDir, DATABASE_FILE);
  /** @type {import('better-sqlite3').Database | undefined} */
  let lock;
  /** @type {import('better-sqlite3').Database} */
  let db;
  try {
    // One server per folder: a small lock database held in exclusive mode. The operating
    // system releases it when the process ends however it ends, so no stale lock survives a
    // crash; the responses file itself stays readable for backups (sqlite3 .backup).
    lock = new Database(join(dataDir, LOCK_FILE), {timeout: 0});
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec(
      'BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS held (at TEXT); DELETE FROM held; INSERT INTO held VALUES (datetime()); COMMIT;',
    );
    db = new Database(file, {timeout: 5000});
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(SCHEMA);
    // A database made before the evaluation's facts were kept: add their columns (the
    // records are filled in below).
    const columns = new Set(
      db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('records'),
    );
    for (const column of ['facts_key', 'facts']) {
      if (!columns.has(column)) db.exec(`ALTER TABLE records ADD COLUMN ${column} TEXT`);
    }
    db.exec(FACTS_INDEX);
    db.exec(OLD_INDEXES);
    // Everything the evaluation reads and filters by, in one index in (kind, seq) order: the
    // evaluation walks it instead of the table, whose rows carry the bodies (a tenth of the
    // bytes). The entries go with their rows: nothing in it outlives a response.
    db.exec(
      'CREATE INDEX IF NOT EXISTS records_evaluation ON records (kind, seq, received_at, instrument, version, timepoint, participant, cohort, simulated, facts_key, facts)',
    );
  } catch (error) {
    lock?.close();
    if (/** @type {any} */ (error).code === 'SQLITE_BUSY') {
      throw new StoreInUseError(
        `${dataDir} is in use by another server (its database is locked). Run one server per ` +
          'data folder, or use PostgreSQL (DATABASE_URL) to run several.',
        {cause: error},
      );
    }
    throw error;
  }

  const q = {
    insert: db.prepare(
      `INSERT INTO records (kind, key, digest, received_at, instrument, version, timepoint, participant, cohort, simulated, body, facts_key, facts)
       VALUES (@kind, @key, @digest, @receivedAt, @instrument, @version, @timepoint, @participant, @cohort, @simulated, @body, @factsKey, @facts)
       ON CONFLICT (kind, key) DO NOTHING RETURNING seq`,
    ),
    existing: db.prepare(
      'SELECT seq, digest, received_at, body FROM records WHERE kind = ? AND key = ?',
    ),
    getSetting: db.prepare('SELECT value FROM settings WHERE name = ?').pluck(),
    setSetting: db.prepare(
      'INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
    ),
    setIfAbsent: db.prepare(
      'INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING',
    ),
    audit: db.prepare('INSERT INTO audit (at, actor, action, detail) VALUES (?, ?, ?, ?)'),
    auditLog: db.prepare('SELECT at, actor, action, detail FROM audit ORDER BY seq DESC LIMIT ?'),
    createSession: db.prepare('INSERT INTO sessions (id_hash, csrf, expires_at) VALUES (?, ?, ?)'),
    getSession: db.prepare(
      'SELECT csrf, expires_at FROM sessions WHERE id_hash = ? AND expires_at > ?',
    ),
    deleteSession: db.prepare('DELETE FROM sessions WHERE id_hash = ?'),
    deleteExpired: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
    deleteParticipant: db.prepare('DELETE FROM records WHERE participant = ?'),
    deleteBefore: db.prepare('DELETE FROM records WHERE received_at < ?'),
    deleteSimulated: db.prepare('DELETE FROM records WHERE simulated = 1'),
    version: db.prepare('SELECT max(seq) AS last, count(*) AS n FROM records'),
    body: db.prepare('SELECT body FROM records WHERE seq = ?').pluck(),
    // Counted in a small index (rows hold bodies; an index entry the row number).
    mark: db.prepare(
      'SELECT max(seq) AS last, count(*) AS n, total(seq) AS sum FROM records INDEXED BY records_simulated',
    ),
    markSince: db.prepare(
      'SELECT count(*) AS n, total(seq) AS sum FROM records INDEXED BY records_simulated WHERE seq <= ?',
    ),
    othersAfter: db
      .prepare(
        "SELECT count(*) FROM records WHERE kind IN ('fhir-questionnaire-response', 'xapi-statement') AND seq > ?",
      )
      .pluck(),
  };

  /**
   * Makes the facts of every response whose facts are missing (stored before they were kept)
   * or were made under another definition of their pack. Run on every start; a second run
   * finds nothing to do. Each batch is its own transaction, so a crash keeps what was done.
   */
  function refreshFacts() {
    const combos = /** @type {any[]} */ (
      db.prepare('SELECT DISTINCT instrument, version, facts_key FROM records').all()
    );
    const select = db.prepare(
      `SELECT seq, kind, body FROM records WHERE instrument IS ? AND version IS ?
       AND facts_key IS ? AND seq > ? ORDER BY seq LIMIT 500`,
    );
    const update = db.prepare('UPDATE records SET facts_key = ?, facts = ? WHERE seq = ?');
    let made = 0;
    for (const c of combos) {
      if (c.facts_key !== null && c.facts_key === factsKeyFor(c.instrument, c.version)) continue;
      const described = {instrument: c.instrument, version: c.version};
      let after = -1;
      for (;;) {
        const rows = /** @type {any[]} */ (select.all(c.instrument, c.version, c.facts_key, after));
        if (!rows.length) break;
        db.transaction(() => {
          for (const row of rows) {
            const {factsKey, facts} = factsOf(row.kind, JSON.parse(row.body), described);
            update.run(factsKey, facts, row.seq);
          }
        })();
        made += rows.length;
        after = rows[rows.length - 1].seq;
      }
    }
    return made;
  }
  const refreshed = refreshFacts();

  const tx = {
    begin: db.prepare('BEGIN IMMEDIATE'),
    commit: db.prepare('COMMIT'),
    savepoint: db.prepare('SAVEPOINT one'),
    release: db.prepare('RELEASE one'),
    rollbackTo: db.prepare('ROLLBACK TO one'),
  };

  /** @type {Array<{kind: string, entries: import('./common.js').Entry[], options: import('./common.js').PutOptions, resolve: Function, reject: Function}>} */
  let pending = [];
  let scheduled = false;
  let closed = false;
  /** @type {Error|null} */
  let broken = null;

  /** One request's entries, inside the batch transaction (its own savepoint). */
  function putOne(
    kind,
    entries,
    {cohort = null, simulated = false, receivedAt = new Date().toISOString()} = {},
  ) {
    /** @type {import('./common.js').PutResult[]} */
    const results = [];
    for (const {key, body} of entries) {
      const digest = bodyDigest(body);
      const described = describeRow(kind, body);
      const inserted = q.insert.get({
        kind,
        key,
        digest,
        receivedAt,
        ...described,
        participant: described.participant ?? '',
        cohort: cohort || null,
        simulated: simulated ? 1 : 0,
        body: JSON.stringify(body),
      });
      if (inserted) {
        results.push({
          created: true,
          record: {seq: /** @type {any} */ (inserted).seq, kind, key, digest, receivedAt, body},
        });
        continue;
      }
      const row = /** @type {any} */ (q.existing.get(kind, key));
      if (row.digest !== digest) throw new ConflictError(kind, key);
      results.push({
        created: false,
        record: {
          seq: row.seq,
          kind,
          key,
          digest,
          receivedAt: row.received_at,
          body: JSON.parse(row.body),
        },
      });
    }
    return results;
  }

  function flush() {
    scheduled = false;
    const batch = pending;
    pending = [];
    if (!batch.length) return;
    /** @type {Array<{ok: boolean, value: any}>} */
    const outcomes = [];
    try {
      tx.begin.run();
      for (const job of batch) {
        // A single entry writes nothing when it conflicts (the check comes before any
        // insert), so only batches need a savepoint of their own.
        if (job.entries.length === 1) {
          try {
            outcomes.push({ok: true, value: putOne(job.kind, job.entries, job.options)});
          } catch (error) {
            if (!(error instanceof ConflictError)) throw error;
            outcomes.push({ok: false, value: error});
          }
          continue;
        }
        tx.savepoint.run();
        try {
          outcomes.push({ok: true, value: putOne(job.kind, job.entries, job.options)});
          tx.release.run();
        } catch (error) {
          tx.rollbackTo.run();
          tx.release.run();
          outcomes.push({ok: false, value: error});
        }
      }
      tx.commit.run();
    } catch (error) {
      try {
        if (db.inTransaction) db.exec('ROLLBACK');
      } catch (undoError) {
        broken = new StoreUnavailableError('The store could not undo a failed write.', {
          cause: undoError,
        });
      }
      const failure = new StoreUnavailableError('Could not write to the store.', {cause: error});
      for (const job of batch) job.reject(failure);
      return;
    }
    batch.forEach((job, i) =>
      outcomes[i].ok ? job.resolve(outcomes[i].value) : job.reject(outcomes[i].value),
    );
  }

  /** Runs a read or a small write, turning a closed database into StoreUnavailableError. */
  function run(fn) {
    if (closed) return Promise.reject(new StoreUnavailableError('The store is closed.'));
    try {
      return Promise.resolve(fn());
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Keyset pages of `sql` (which must select seq and order by the key), so a large table is
   * read a page at a time and never held in memory at once.
   */
  async function* pages(filter, map) {
    const params = [];
    const byParticipant = filter.orderBy === 'participant';
    // `+column` keeps SQLite from choosing a filter's index over walking the key in order:
    // with an index on kind it would sort every matching row again for each page. In seq
    // order, one kind is looked up in the (kind, seq) index, which is in that order already
    // (a kind with few rows, such as xAPI statements, is then found without reading the table).
    const conditions = whereClause(filter, (v) => (params.push(v), '?'), {
      column: (name) => (name === 'kind' && filter.kind && !byParticipant ? name : `+${name}`),
    });
    let after = byParticipant ? ['', -1] : [-1];
    let limit = FIRST_PAGE_ROWS;
    for (;;) {
      if (closed) throw new StoreUnavailableError('The store is closed.');
      const keyset = byParticipant ? '(participant, seq) > (?, ?)' : 'seq > ?';
      const order = byParticipant ? 'participant, seq' : 'seq';
      const rows = /** @type {any[]} */ (
        db
          .prepare(
            `SELECT * FROM records WHERE ${[...conditions, keyset].join(' AND ')} ORDER BY ${byParticipant || !filter.kind ? order : `kind, ${order}`} LIMIT ?`,
          )
          .all(...params, ...after, limit)
      );
      const more = rows.length === limit;
      limit = nextPageRows(rows);
      for (const row of rows) yield map(row);
      if (!more) return;
      const last = rows[rows.length - 1];
      after = byParticipant ? [last.participant, last.seq] : [last.seq];
      // Let requests in between pages: an export must not stall ingest.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** The evaluation's columns, a page (an array of rows) at a time, in seq order. */
  async function* evaluationPages(filter, {after: from = null, upTo = null} = {}) {
    const params = [];
    // The kind is looked up in the index; the other filters are read from its entries.
    const conditions = whereClause(filter, (v) => (params.push(v), '?'), {
      column: (name) => (name === 'kind' ? name : `+${name}`),
    });
    const page = db
      .prepare(
        `SELECT ${EVALUATION_COLUMNS} FROM records INDEXED BY records_evaluation
         WHERE ${[...conditions, ...(upTo === null ? [] : [`seq <= ${Number(upTo)}`]), 'seq > ?'].join(' AND ')} ORDER BY kind, seq LIMIT ${EVALUATION_PAGE_ROWS}`,
      )
      .raw();
    let after = from ?? -1;
    for (;;) {
      if (closed) throw new StoreUnavailableError('The store is closed.');
      const rows = /** @type {any[][]} */ (page.all(...params, after));
      yield rows.map(toEvaluationRow);
      if (rows.length < EVALUATION_PAGE_ROWS) return;
      after = rows[rows.length - 1][0];
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  return {
    engine: 'sqlite',
    where: file,
    refreshed,
    put(kind, entries, options = {}) {
      if (closed) return Promise.reject(new StoreUnavailableError('The store is closed.'));
      if (broken) return Promise.reject(broken);
      return new Promise((resolve, reject) => {
        pending.push({kind, entries, options, resolve, reject});
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    records({kind} = {}) {
      return pages({kind: /** @type {any} */ (kind)}, (row) => ({
        seq: row.seq,
        kind: row.kind,
        key: row.key,
        digest: row.digest,
        receivedAt: row.received_at,
        body: JSON.parse(row.body),
      }));
    },
    responses(filter = {}) {
      return pages(filter, toStoredResponse);
    },
    evaluationRows(filter = {}, range = {}) {
      return evaluationPages(filter, range);
    },
    mark: (since = null) =>
      run(() => {
        const all = /** @type {any} */ (q.mark.get());
        const upTo = since === null ? null : /** @type {any} */ (q.markSince.get(since));
        return {
          last: all.last ?? 0,
          n: all.n,
          sum: all.sum,
          since:
            since === null
              ? null
              : {
                  n: upTo.n,
                  sum: upTo.sum,
                  others: /** @type {number} */ (q.othersAfter.get(since)),
                },
        };
      }),
    body: (seq) =>
      run(() => {
        const text = /** @type {string|undefined} */ (q.body.get(seq));
        return text === undefined ? null : JSON.parse(text);
      }),
    facets: () =>
      run(() => {
        const total = /** @type {number} */ (
          db.prepare('SELECT count(*) FROM records').pluck().get()
        );
        const simulated = /** @type {number} */ (
          db.prepare('SELECT count(*) FROM records WHERE simulated = 1').pluck().get()
        );
        const packs = /** @type {any[]} */ (
          db
            .prepare(
              `SELECT instrument, version, count(*) AS n FROM records WHERE instrument IS NOT NULL
               GROUP BY instrument, version ORDER BY instrument, version`,
            )
            .all()
        );
        const cohorts = /** @type {string[]} */ (
          db
            .prepare('SELECT DISTINCT cohort FROM records WHERE cohort IS NOT NULL ORDER BY cohort')
            .pluck()
            .all()
        );
        return {total, simulated, packs, cohorts};
      }),
    deleteParticipant: (code) => run(() => q.deleteParticipant.run(code).changes),
    deleteReceivedBefore: (iso) => run(() => q.deleteBefore.run(iso).changes),
    deleteSimulated: () => run(() => q.deleteSimulated.run().changes),
    getSetting: (name) => run(() => /** @type {string|null} */ (q.getSetting.get(name) ?? null)),
    setSetting: (name, value) => run(() => void q.setSetting.run(name, value)),
    setSettingIfAbsent: (name, value) =>
      run(() => {
        q.setIfAbsent.run(name, value);
        return /** @type {string} */ (q.getSetting.get(name));
      }),
    audit: ({actor, action, detail = {}}) =>
      run(() => void q.audit.run(new Date().toISOString(), actor, action, JSON.stringify(detail))),
    auditLog: ({limit = 200} = {}) =>
      run(() =>
        /** @type {any[]} */ (q.auditLog.all(limit)).map((r) => ({
          ...r,
          detail: JSON.parse(r.detail),
        })),
      ),
    createSession: ({idHash, csrf, expiresAt}) =>
      run(() => {
        q.deleteExpired.run(new Date().toISOString());
        q.createSession.run(idHash, csrf, expiresAt);
      }),
    getSession: (idHash, now) =>
      run(() => {
        const row = /** @type {any} */ (q.getSession.get(idHash, now));
        return row ? {csrf: row.csrf, expiresAt: row.expires_at} : null;
      }),
    deleteSession: (idHash) => run(() => void q.deleteSession.run(idHash)),
    ping: () => run(() => void db.prepare('SELECT 1').get()),
    // Changes whenever a record is added (max seq grows) or deleted (count falls).
    version: () => run(() => Object.values(/** @type {object} */ (q.version.get())).join(':')),
    async close() {
      if (closed) return;
      // Writes already queued are committed before the file is closed.
      flush();
      closed = true;
      db.close();
      lock?.close();
    },
  };
}
