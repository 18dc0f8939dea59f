// @ts-check
// PostgreSQL storage (DATABASE_URL): the same tables as the embedded store, shared by any
// number of server processes. Exactly-once comes from the UNIQUE (kind, key) constraint:
// `INSERT … ON CONFLICT DO NOTHING` lets one of two concurrent inserts win, and the other
// reads the winner's row (after it committed) to answer 200 or 409.

import pg from 'pg';
import {
  ConflictError,
  EVALUATION_PAGE_ROWS,
  FIRST_PAGE_ROWS,
  nextPageRows,
  StoreUnavailableError,
  EVALUATION_COLUMNS,
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

const SCHEMA = schema('BIGSERIAL PRIMARY KEY');

/** Connection problems (refused, reset, shutting down) are "try again later", not bugs. */
function unavailable(error) {
  const code = String(/** @type {any} */ (error)?.code ?? '');
  return (
    /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EPIPE)$/.test(code) ||
    /^(08|57P|53)/.test(code) ||
    /Connection terminated|not queryable|Client was closed/.test(
      String(/** @type {any} */ (error)?.message),
    )
  );
}

/**
 * @param {string} databaseUrl
 * @param {{poolSize?: number}} [options]
 * @returns {Promise<import('./common.js').Storage>}
 */
export async function openPostgres(databaseUrl, {poolSize = 10} = {}) {
  const pool = new pg.Pool({connectionString: databaseUrl, max: poolSize});
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => {});
  let closed = false;

  const where = (() => {
    try {
      const u = new URL(databaseUrl);
      return `postgresql://${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
    } catch {
      return 'postgresql';
    }
  })();

  /** @param {string} text @param {unknown[]} [values] */
  async function query(text, values) {
    if (closed) throw new StoreUnavailableError('The store is closed.');
    try {
      return await pool.query(text, values);
    } catch (error) {
      if (unavailable(error))
        throw new StoreUnavailableError('The database is not answering.', {cause: error});
      throw error;
    }
  }

  // Several processes may start together: one creates the tables at a time.
  {
    const client = await pool.connect().catch((error) => {
      throw new StoreUnavailableError(`Cannot connect to ${where}: ${error.message}`, {
        cause: error,
      });
    });
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(7264513)');
      await client.query(SCHEMA);
      // A database made before the evaluation's facts were kept (filled in below).
      await client.query(
        'ALTER TABLE records ADD COLUMN IF NOT EXISTS facts_key TEXT, ADD COLUMN IF NOT EXISTS facts TEXT',
      );
      await client.query(FACTS_INDEX);
      await client.query(OLD_INDEXES);
      // Rows in participant order (the wide export) are read by code point (COLLATE "C",
      // the order SQLite gives), which the (participant, seq) index in the database's own
      // collation cannot give: without this index each page sorted every row (16 s for the
      // wide CSV of 100,000 responses).
      await client.query(
        'CREATE INDEX IF NOT EXISTS records_participant_c ON records (participant COLLATE "C", seq)',
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  const INSERT = `INSERT INTO records (kind, key, digest, received_at, instrument, version, timepoint, participant, cohort, simulated, body, facts_key, facts)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (kind, key) DO NOTHING RETURNING seq`;

  /** @param {pg.PoolClient | pg.Pool} db */
  async function putEntry(db, kind, {key, body}, receivedAt, {cohort = null, simulated = false}) {
    const digest = bodyDigest(body);
    const d = describeRow(kind, body);
    const inserted = await db.query(INSERT, [
      kind,
      key,
      digest,
      receivedAt,
      d.instrument,
      d.version,
      d.timepoint,
      d.participant ?? '',
      cohort || null,
      simulated ? 1 : 0,
      JSON.stringify(body),
      d.factsKey,
      d.facts,
    ]);
    if (inserted.rows.length) {
      return {
        created: true,
        record: {seq: Number(inserted.rows[0].seq), kind, key, digest, receivedAt, body},
      };
    }
    const {rows} = await db.query(
      'SELECT seq, digest, received_at, body FROM records WHERE kind = $1 AND key = $2',
      [kind, key],
    );
    const row = rows[0];
    if (row.digest !== digest) throw new ConflictError(kind, key);
    return {
      created: false,
      record: {
        seq: Number(row.seq),
        kind,
        key,
        digest,
        receivedAt: row.received_at,
        body: JSON.parse(row.body),
      },
    };
  }

  /**
   * Full rows in key order, a page at a time (pages sized by their bodies: nextPageRows), the
   * next page asked for before the rows of this one are handed on.
   */
  async function* pages(filter, map) {
    const byParticipant = filter.orderBy === 'participant';
    const pageAfter = (/** @type {unknown[]} */ after, /** @type {number} */ limit) => {
      const params = [];
      const param = (/** @type {unknown} */ v) => (params.push(v), `$${params.length}`);
      const conditions = whereClause(filter, param);
      const keyset = byParticipant
        ? `(participant COLLATE "C", seq) > (${param(after[0])}, ${param(after[1])})`
        : `seq > ${param(after[0])}`;
      const order = byParticipant ? 'participant COLLATE "C", seq' : 'seq';
      return query(
        `SELECT * FROM records WHERE ${[...conditions, keyset].join(' AND ')} ORDER BY ${order} LIMIT ${Number(limit)}`,
        params,
      );
    };
    let limit = FIRST_PAGE_ROWS;
    let next = pageAfter(byParticipant ? ['', -1] : [-1], limit);
    for (;;) {
      const {rows} = await next;
      const more = rows.length === limit;
      if (more) {
        const last = rows[rows.length - 1];
        limit = nextPageRows(rows);
        next = pageAfter(
          byParticipant ? [last.participant, Number(last.seq)] : [Number(last.seq)],
          limit,
        );
        // Seen by the loop's await unless the caller stops early: never unhandled.
        next.catch(() => {});
      }
      for (const row of rows) yield map(row);
      if (!more) return;
    }
  }

  // Group commit: single responses arriving together go into one transaction (one INSERT of
  // many rows, one commit), a few transactions at a time. Rows are inserted in key order, so
  // two servers' batches never wait on each other in a cycle.
  /** @type {Array<{kind: string, entry: {key: string, body: any}, receivedAt: string, options: any, resolve: Function, reject: Function}>} */
  let queue = [];
  let inFlight = 0;
  let scheduled = false;
  const MAX_IN_FLIGHT = 2;
  const schedule = () => {
    while (queue.length && inFlight < MAX_IN_FLIGHT) {
      const batch = queue.slice(0, 500);
      queue = queue.slice(500);
      inFlight++;
      writeBatch(batch)
        .catch(() => {})
        .finally(() => {
          inFlight--;
          schedule();
        });
    }
  };

  async function writeBatch(batch, attempt = 0) {
    const jobs = batch.map((job) => ({
      ...job,
      digest: bodyDigest(job.entry.body),
      described: describeRow(job.kind, job.entry.body),
    }));
    const id = (/** @type {any} */ j) => `${j.kind}\u0000${j.entry.key}`;
    const firsts = new Map();
    for (const job of jobs) if (!firsts.has(id(job))) firsts.set(id(job), job);
    const rows = [...firsts.values()].sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
    let client;
    try {
      client = await pool.connect();
    } catch (error) {
      const failure = new StoreUnavailableError('The database is not answering.', {cause: error});
      for (const job of jobs) job.reject(failure);
      return;
    }
    try {
      await client.query('BEGIN');
      const values = [];
      const tuples = rows.map((j) => {
        const d = j.described;
        const start = values.length;
        values.push(
          j.kind,
          j.entry.key,
          j.digest,
          j.receivedAt,
          d.instrument,
          d.version,
          d.timepoint,
          d.participant ?? '',
          j.options.cohort || null,
          j.options.simulated ? 1 : 0,
          JSON.stringify(j.entry.body),
          d.factsKey,
          d.facts,
        );
        return `(${Array.from({length: 13}, (_, i) => `$${start + i + 1}`).join(', ')})`;
      });
      const inserted = await client.query(
        `INSERT INTO records (kind, key, digest, received_at, instrument, version, timepoint, participant, cohort, simulated, body, facts_key, facts)
         VALUES ${tuples.join(', ')} ON CONFLICT (kind, key) DO NOTHING RETURNING seq, kind, key`,
        values,
      );
      /** @type {Map<string, {seq: number, digest: string, receivedAt: string, body: any, created: boolean}>} */
      const stored = new Map();
      for (const row of inserted.rows) {
        const job = firsts.get(`${row.kind}\u0000${row.key}`);
        stored.set(id(job), {
          seq: Number(row.seq),
          digest: job.digest,
          receivedAt: job.receivedAt,
          body: job.entry.body,
          created: true,
        });
      }
      const missing = rows.filter((j) => !stored.has(id(j)));
      if (missing.length) {
        const params = [];
        const pairs = missing.map((j) => {
          params.push(j.kind, j.entry.key);
          return `($${params.length - 1}, $${params.length})`;
        });
        const existing = await client.query(
          `SELECT seq, kind, key, digest, received_at, body FROM records WHERE (kind, key) IN (${pairs.join(', ')})`,
          params,
        );
        for (const row of existing.rows) {
          stored.set(`${row.kind}\u0000${row.key}`, {
            seq: Number(row.seq),
            digest: row.digest,
            receivedAt: row.received_at,
            body: JSON.parse(row.body),
            created: false,
          });
        }
      }
      await client.query('COMMIT');
      client.release();
      const answered = new Set();
      for (const job of jobs) {
        const row = stored.get(id(job));
        if (!row) {
          job.reject(new StoreUnavailableError('The response was neither stored nor found.'));
          continue;
        }
        if (row.digest !== job.digest) {
          job.reject(new ConflictError(job.kind, job.entry.key));
          continue;
        }
        // The first of several identical requests in one batch made the row; the rest repeat it.
        const created = row.created && !answered.has(id(job));
        answered.add(id(job));
        job.resolve([
          {
            created,
            record: {
              seq: row.seq,
              kind: job.kind,
              key: job.entry.key,
              digest: row.digest,
              receivedAt: row.receivedAt,
              body: row.body,
            },
          },
        ]);
      }
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      client.release();
      // Another server's batch holding the same keys: run it again (key order makes this rare).
      if (/** @type {any} */ (error).code === '40P01' && attempt < 3)
        return writeBatch(batch, attempt + 1);
      const failure = unavailable(error)
        ? new StoreUnavailableError('The database is not answering.', {cause: error})
        : error;
      for (const job of jobs) job.reject(failure);
    }
  }

  const count = async (/** @type {string} */ sql, /** @type {unknown[]} */ values = []) =>
    (await query(sql, values)).rowCount ?? 0;

  /**
   * Makes the facts of every response whose facts are missing (stored before they were kept)
   * or were made under another definition of their pack. Run on every start, by one server
   * at a time (a session lock); a second run finds nothing to do. Each batch is its own
   * transaction, so a crash keeps what was done.
   */
  async function refreshFacts() {
    let client;
    try {
      client = await pool.connect();
    } catch (error) {
      throw new StoreUnavailableError('The database is not answering.', {cause: error});
    }
    let made = 0;
    try {
      await client.query('SELECT pg_advisory_lock(7264514)');
      const {rows: combos} = await client.query(
        'SELECT DISTINCT instrument, version, facts_key FROM records',
      );
      for (const c of combos) {
        if (c.facts_key !== null && c.facts_key === factsKeyFor(c.instrument, c.version)) continue;
        const described = {instrument: c.instrument, version: c.version};
        let after = -1;
        for (;;) {
          const {rows} = await client.query(
            `SELECT seq, kind, body FROM records WHERE instrument IS NOT DISTINCT FROM $1
             AND version IS NOT DISTINCT FROM $2 AND facts_key IS NOT DISTINCT FROM $3 AND seq > $4
             ORDER BY seq LIMIT 500`,
            [c.instrument, c.version, c.facts_key, after],
          );
          if (!rows.length) break;
          const seqs = [];
          const keys = [];
          const facts = [];
          for (const row of rows) {
            const derived = factsOf(row.kind, JSON.parse(row.body), described);
            seqs.push(row.seq);
            keys.push(derived.factsKey);
            facts.push(derived.facts);
          }
          await client.query(
            `UPDATE records AS r SET facts_key = u.k, facts = u.f
             FROM unnest($1::bigint[], $2::text[], $3::text[]) AS u(seq, k, f) WHERE r.seq = u.seq`,
            [seqs, keys, facts],
          );
          made += rows.length;
          after = Number(rows[rows.length - 1].seq);
        }
      }
    } catch (error) {
      if (unavailable(error))
        throw new StoreUnavailableError('The database is not answering.', {cause: error});
      throw error;
    } finally {
      await client.query('SELECT pg_advisory_unlock(7264514)').catch(() => {});
      client.release();
    }
    return made;
  }
  const refreshed = await refreshFacts();

  /**
   * Gives the planner statistics of the records table when it has none, or when the table has
   * more than doubled since they were made: a table filled in one go (the migrate command, an
   * import, a restore) and read before autovacuum came round is planned with default
   * selectivities, which made each page of the evaluation (`ORDER BY seq LIMIT n`) sort every
   * later row: 1.6 s instead of 0.2 s at 100,000 responses. Only the columns filtered and
   * ordered by are sampled (the bodies are not); a fraction of a second once. Returns whether
   * it ran.
   */
  async function ensureStatistics() {
    let client;
    try {
      client = await pool.connect();
    } catch (error) {
      throw new StoreUnavailableError('The database is not answering.', {cause: error});
    }
    let locked = false;
    try {
      // Servers starting together: one makes them, the others go on.
      locked = (await client.query('SELECT pg_try_advisory_lock(7264515) AS locked')).rows[0]
        .locked;
      if (!locked) return false;
      const {rows} = await client.query(
        `SELECT EXISTS (SELECT 1 FROM pg_stats WHERE schemaname = current_schema()
             AND tablename = 'records' AND attname = 'kind') AS known,
           (SELECT n_mod_since_analyze FROM pg_stat_user_tables WHERE relid = 'records'::regclass) AS changed,
           (SELECT reltuples FROM pg_class WHERE oid = 'records'::regclass) AS tuples`,
      );
      const {known, changed, tuples} = rows[0];
      if (known && Number(changed ?? 0) <= Math.max(1000, Number(tuples))) return false;
      await client.query(
        'ANALYZE records (seq, kind, received_at, instrument, version, timepoint, participant, cohort, simulated, facts_key)',
      );
      return true;
    } catch (error) {
      if (unavailable(error))
        throw new StoreUnavailableError('The database is not answering.', {cause: error});
      throw error;
    } finally {
      if (locked) await client.query('SELECT pg_advisory_unlock(7264515)').catch(() => {});
      client.release();
    }
  }
  await ensureStatistics();

  /**
   * The evaluation's columns, a page (an array of rows) at a time, in seq order. The next
   * page is asked for before this one is handed on, so the database reads and sends it while
   * the evaluation takes this one (the pages' row numbers bound each query, so it is the
   * same read as one page after another).
   */
  async function* evaluationPages(filter, {after: from = null, upTo = null} = {}) {
    const pageOf = (/** @type {number} */ after) => {
      const params = [];
      const param = (/** @type {unknown} */ v) => (params.push(v), `$${params.length}`);
      const conditions = whereClause(filter, param);
      if (upTo !== null) conditions.push(`seq <= ${param(upTo)}`);
      return query(
        /** @type {any} */ ({
          text: `SELECT ${EVALUATION_COLUMNS}, CASE WHEN facts IS NULL THEN body END AS body FROM records WHERE ${[...conditions, `seq > ${param(after)}`].join(' AND ')} ORDER BY seq LIMIT ${EVALUATION_PAGE_ROWS}`,
          values: params,
          rowMode: 'array',
        }),
      );
    };
    let next = pageOf(from ?? -1);
    for (;;) {
      const {rows} = await next;
      const more = rows.length === EVALUATION_PAGE_ROWS;
      if (more) {
        next = pageOf(Number(rows[rows.length - 1][0]));
        // Seen by the loop's await unless the caller stops early: never unhandled.
        next.catch(() => {});
      }
      yield rows.map(toEvaluationRow);
      if (!more) return;
    }
  }

  return {
    engine: 'postgres',
    where,
    refreshed,
    async put(kind, entries, options = {}) {
      const receivedAt = options.receivedAt ?? new Date().toISOString();
      if (entries.length === 1) {
        if (closed) throw new StoreUnavailableError('The store is closed.');
        return new Promise((resolve, reject) => {
          queue.push({kind, entry: entries[0], receivedAt, options, resolve, reject});
          // Let the requests that arrived together join one batch.
          if (!scheduled) {
            scheduled = true;
            setImmediate(() => {
              scheduled = false;
              schedule();
            });
          }
        });
      }
      if (closed) throw new StoreUnavailableError('The store is closed.');
      let client;
      try {
        client = await pool.connect();
      } catch (error) {
        throw new StoreUnavailableError('The database is not answering.', {cause: error});
      }
      try {
        await client.query('BEGIN');
        const results = [];
        for (const entry of entries)
          results.push(await putEntry(client, kind, entry, receivedAt, options));
        await client.query('COMMIT');
        return results;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        if (unavailable(error))
          throw new StoreUnavailableError('The database is not answering.', {cause: error});
        throw error;
      } finally {
        client.release();
      }
    },
    records({kind} = {}) {
      return pages({kind: /** @type {any} */ (kind)}, (row) => ({
        seq: Number(row.seq),
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
    async mark(since = null) {
      const {rows} = await query(
        `SELECT max(seq) AS last, count(*) AS n, sum(seq) AS sum,
           count(*) FILTER (WHERE seq <= $1) AS since_n, sum(seq) FILTER (WHERE seq <= $1) AS since_sum,
           count(*) FILTER (WHERE seq > $1 AND kind <> 'response') AS others
         FROM records`,
        [since ?? -1],
      );
      const r = rows[0];
      return {
        last: Number(r.last ?? 0),
        n: Number(r.n),
        sum: Number(r.sum ?? 0),
        since:
          since === null
            ? null
            : {n: Number(r.since_n), sum: Number(r.since_sum ?? 0), others: Number(r.others)},
      };
    },
    async body(seq) {
      const {rows} = await query('SELECT body FROM records WHERE seq = $1', [seq]);
      return rows.length ? JSON.parse(rows[0].body) : null;
    },
    ensureStatistics,
    async facets() {
      const total = Number((await query('SELECT count(*) AS n FROM records')).rows[0].n);
      const simulated = Number(
        (await query('SELECT count(*) AS n FROM records WHERE simulated = 1')).rows[0].n,
      );
      const packs = (
        await query(
          `SELECT instrument, version, count(*) AS n FROM records WHERE instrument IS NOT NULL
           GROUP BY instrument, version ORDER BY instrument, version`,
        )
      ).rows.map((r) => ({instrument: r.instrument, version: r.version, n: Number(r.n)}));
      const cohorts = (
        await query('SELECT DISTINCT cohort FROM records WHERE cohort IS NOT NULL ORDER BY cohort')
      ).rows.map((r) => r.cohort);
      return {total, simulated, packs, cohorts};
    },
    deleteParticipant: (code) => count('DELETE FROM records WHERE participant = $1', [code]),
    deleteReceivedBefore: (iso) => count('DELETE FROM records WHERE received_at < $1', [iso]),
    deleteSimulated: () => count('DELETE FROM records WHERE simulated = 1'),
    async getSetting(name) {
      return (
        (await query('SELECT value FROM settings WHERE name = $1', [name])).rows[0]?.value ?? null
      );
    },
    async setSetting(name, value) {
      await query(
        'INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
        [name, value],
      );
    },
    async setSettingIfAbsent(name, value) {
      await query(
        'INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
        [name, value],
      );
      return (await query('SELECT value FROM settings WHERE name = $1', [name])).rows[0].value;
    },
    async audit({actor, action, detail = {}}) {
      await query('INSERT INTO audit (at, actor, action, detail) VALUES ($1, $2, $3, $4)', [
        new Date().toISOString(),
        actor,
        action,
        JSON.stringify(detail),
      ]);
    },
    async auditLog({limit = 200} = {}) {
      const {rows} = await query(
        'SELECT at, actor, action, detail FROM audit ORDER BY seq DESC LIMIT $1',
        [limit],
      );
      return rows.map((r) => ({...r, detail: JSON.parse(r.detail)}));
    },
    async createSession({idHash, csrf, expiresAt}) {
      await query('DELETE FROM sessions WHERE expires_at <= $1', [new Date().toISOString()]);
      await query('INSERT INTO sessions (id_hash, csrf, expires_at) VALUES ($1, $2, $3)', [
        idHash,
        csrf,
        expiresAt,
      ]);
    },
    async getSession(idHash, now) {
      const {rows} = await query(
        'SELECT csrf, expires_at FROM sessions WHERE id_hash = $1 AND expires_at > $2',
        [idHash, now],
      );
      return rows[0] ? {csrf: rows[0].csrf, expiresAt: rows[0].expires_at} : null;
    },
    async deleteSession(idHash) {
      await query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
    },
    async version() {
      // Changes whenever a record is added (max seq grows) or deleted (count falls).
      const {rows} = await query('SELECT max(seq) AS last, count(*) AS n FROM records');
      return `${rows[0].last}:${rows[0].n}`;
    },
    async ping() {
      await query('SELECT 1');
    },
    async close() {
      if (closed) return;
      closed = true;
      // Responses already queued are written before the pool closes (a graceful stop).
      while (queue.length || inFlight) await new Promise((resolve) => setTimeout(resolve, 5));
      await pool.end();
    },
  };
}
