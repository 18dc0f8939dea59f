// @ts-check
// What both storage engines share: the errors, the body digest, the columns read out of a
// body when it is stored, and the StoredResponse shape that analysis and export read.

import {createHash} from 'node:crypto';
import {fhirToResponse} from '../fhir.js';
import {factsOf} from '../analysis/facts.js';

/** Same key, different body: the caller reused an id for something else. */
export class ConflictError extends Error {
  /** @param {string} kind @param {string} key */
  constructor(kind, key) {
    super(`A different ${kind} body is already stored under key "${key}".`);
    this.name = 'ConflictError';
    this.kind = kind;
    this.key = key;
  }
}

/** The store cannot take the request now (closed, disk full, database down): answer 503. */
export class StoreUnavailableError extends Error {
  /** @param {string} message @param {ErrorOptions} [options] */
  constructor(message, options) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** The data folder's database is held by another running server. */
export class StoreInUseError extends Error {
  /** @param {string} message @param {ErrorOptions} [options] */
  constructor(message, options) {
    super(message, options);
    this.name = 'StoreInUseError';
  }
}

/**
 * A digest of the body that ignores key order, so a client that re-serialises the same
 * response on retry is recognised as sending the same thing. Iterative, so a deeply nested
 * body cannot overflow the stack (the HTTP layer also refuses bodies nested past 64 levels).
 * @param {unknown} body
 */
export function bodyDigest(body) {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/**
 * JSON with object keys sorted. Recursive (fast) for the bodies the HTTP layer lets in
 * (nested at most 64 levels); a body nested deeper (an import) takes the explicit stack.
 * @param {unknown} value
 */
export function canonicalJson(value) {
  try {
    return canonicalRecursive(value, 0);
  } catch (error) {
    if (error !== TOO_DEEP) throw error;
    return canonicalIterative(value);
  }
}

const TOO_DEEP = new Error('too deep');

/** @param {unknown} value @param {number} depth @returns {string} */
function canonicalRecursive(value, depth) {
  if (depth > 200) throw TOO_DEEP;
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      out += `${i ? ',' : ''}${value[i] === undefined ? 'null' : canonicalRecursive(value[i], depth + 1)}`;
    }
    return `${out}]`;
  }
  if (value && typeof value === 'object') {
    const object = /** @type {Record<string, unknown>} */ (value);
    const keys = Object.keys(object)
      .filter((k) => object[k] !== undefined)
      .sort();
    let out = '{';
    for (let i = 0; i < keys.length; i++) {
      out += `${i ? ',' : ''}${JSON.stringify(keys[i])}:${canonicalRecursive(object[keys[i]], depth + 1)}`;
    }
    return `${out}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The same, with an explicit stack instead of recursion. @param {unknown} value */
function canonicalIterative(value) {
  let out = '';
  /** @type {Array<unknown | {close: string} | {sep: string}>} */
  const stack = [value];
  const CLOSE = Symbol('close');
  while (stack.length) {
    const item = stack.pop();
    if (item && typeof item === 'object' && CLOSE in item) {
      out += /** @type {any} */ (item)[CLOSE];
      continue;
    }
    if (Array.isArray(item)) {
      out += '[';
      stack.push({[CLOSE]: ']'});
      for (let i = item.length - 1; i >= 0; i--) {
        stack.push(item[i] === undefined ? null : item[i]);
        if (i > 0) stack.push({[CLOSE]: ','});
      }
    } else if (item && typeof item === 'object') {
      const keys = Object.keys(item)
        .filter((k) => /** @type {any} */ (item)[k] !== undefined)
        .sort();
      out += '{';
      stack.push({[CLOSE]: '}'});
      for (let i = keys.length - 1; i >= 0; i--) {
        stack.push(/** @type {any} */ (item)[keys[i]]);
        stack.push({[CLOSE]: `${i > 0 ? ',' : ''}${JSON.stringify(keys[i])}:`});
      }
    } else {
      out += JSON.stringify(item) ?? 'null';
    }
  }
  return out;
}

/** Stored kind name → the short kind a StoredResponse carries. */
export const SHORT_KIND = /** @type {const} */ ({
  response: 'response',
  'fhir-questionnaire-response': 'fhir',
  'xapi-statement': 'xapi',
});
/** @type {Record<string, string>} */
export const LONG_KIND = {
  response: 'response',
  fhir: 'fhir-questionnaire-response',
  xapi: 'xapi-statement',
};

/**
 * The columns a body is filtered and ordered by, read once when it is stored.
 * @param {string} kind
 * @param {any} body
 * @param {any} [response]  a FHIR body already read into the contract's shape (fhirToResponse)
 * @returns {{instrument: string|null, version: string|null, timepoint: string|null, participant: string|null}}
 */
export function describeBody(kind, body, response) {
  const text = (/** @type {unknown} */ v) => (typeof v === 'string' && v !== '' ? v : null);
  if (kind === 'response') {
    return {
      instrument: text(body?.instrument?.id),
      version: text(body?.instrument?.version),
      timepoint: text(body?.timepoint),
      participant: text(body?.participant),
    };
  }
  if (kind === 'fhir-questionnaire-response') {
    const r = response ?? fhirToResponse(body);
    return {
      instrument: text(r.instrument.id),
      version: text(r.instrument.version),
      timepoint: r.timepoint === '(no timepoint)' ? null : text(r.timepoint),
      participant: text(r.participant),
    };
  }
  if (kind === 'xapi-statement') {
    return {
      instrument: null,
      version: null,
      timepoint: null,
      participant: text(body?.actor?.account?.name),
    };
  }
  return {instrument: null, version: null, timepoint: null, participant: null};
}

/**
 * Everything a row stores besides the body, read from the body once when it is stored: the
 * columns it is filtered by and the facts the evaluation reads (analysis/facts.js).
 * @param {string} kind
 * @param {any} body
 */
export function describeRow(kind, body) {
  // A FHIR body is read into the contract's shape once, for the columns and the facts.
  const response = kind === 'fhir-questionnaire-response' ? fhirToResponse(body) : undefined;
  const described = describeBody(kind, body, response);
  return {...described, ...factsOf(kind, body, described, response)};
}

/**
 * Rows after `after` up to `upTo` (row numbers, both optional).
 * @typedef {{after?: number|null, upTo?: number|null}} SeqRange
 *
 * Where the store stands: the last row number, how many rows there are and the sum of their
 * numbers; with `since`, the same for rows up to `since` (any change there, a deletion or
 * a row committed late, changes them) and how many rows after it are not JSON responses.
 * @typedef {{last: number, n: number, sum: number,
 *   since: null|{n: number, sum: number, others: number}}} Mark
 */

/**
 * What the evaluation reads of a row: its columns and facts (JSON text), and its body only
 * when it has no facts.
 * @typedef {{
 *   seq: number, kind: 'response'|'fhir'|'xapi', receivedAt: string,
 *   instrument: string|null, version: string|null, timepoint: string|null,
 *   participant: string|null, simulated: boolean,
 *   factsKey: string|null, facts: string|null, body?: any,
 * }} EvaluationRow
 */

/**
 * @typedef {{
 *   id: string, kind: 'response'|'fhir'|'xapi', receivedAt: string,
 *   instrument: string|null, version: string|null, timepoint: string|null,
 *   participant: string|null, cohort: string|null, simulated: boolean, body: any,
 * }} StoredResponse
 *
 * @typedef {{
 *   instrument?: string, version?: string, cohort?: string, from?: string, to?: string,
 *   kind?: 'response'|'fhir'|'xapi', simulated?: boolean, orderBy?: 'participant'|'received',
 * }} ResponseFilter
 *
 * @typedef {{seq: number, kind: string, key: string, digest: string, receivedAt: string, body: any}} StoredRecord
 * @typedef {{created: boolean, record: StoredRecord}} PutResult
 * @typedef {{key: string, body: any}} Entry
 * @typedef {{cohort?: string|null, simulated?: boolean, receivedAt?: string}} PutOptions
 * @typedef {{at: string, actor: string, action: string, detail: any}} AuditEntry
 *
 * @typedef {{
 *   engine: 'sqlite'|'postgres',
 *   where: string,
 *   put(kind: string, entries: Entry[], options?: PutOptions): Promise<PutResult[]>,
 *   records(options?: {kind?: string}): AsyncIterable<StoredRecord>,
 *   responses(filter?: ResponseFilter): AsyncIterable<StoredResponse>,
 *   evaluationRows(filter?: ResponseFilter, range?: SeqRange): AsyncIterable<EvaluationRow[]>,
 *   mark(since?: number|null): Promise<Mark>,
 *   refreshed: number,
 *   body(seq: number): Promise<any>,
 *   ensureStatistics?(): Promise<boolean>,
 *   facets(): Promise<{total: number, simulated: number, packs: Array<{instrument: string, version: string, n: number}>, cohorts: string[]}>,
 *   deleteParticipant(code: string): Promise<number>,
 *   deleteReceivedBefore(iso: string): Promise<number>,
 *   deleteSimulated(): Promise<number>,
 *   getSetting(name: string): Promise<string|null>,
 *   setSetting(name: string, value: string): Promise<void>,
 *   setSettingIfAbsent(name: string, value: string): Promise<string>,
 *   audit(entry: {actor: string, action: string, detail?: any}): Promise<void>,
 *   auditLog(options?: {limit?: number}): Promise<AuditEntry[]>,
 *   createSession(session: {idHash: string, csrf: string, expiresAt: string}): Promise<void>,
 *   getSession(idHash: string, now: string): Promise<{csrf: string, expiresAt: string}|null>,
 *   deleteSession(idHash: string): Promise<void>,
 *   version(): Promise<string>,
 *   ping(): Promise<void>,
 *   close(): Promise<void>,
 * }} Storage
 */

/**
 * Filters → SQL conditions with placeholders made by `param(value)`.
 * @param {ResponseFilter} filter
 * @param {(value: unknown) => string} param
 */
export function whereClause(filter, param, {column = (/** @type {string} */ name) => name} = {}) {
  const c = column;
  const conditions = [];
  if (filter.kind)
    conditions.push(`${c('kind')} = ${param(LONG_KIND[filter.kind] ?? filter.kind)}`);
  else
    conditions.push(
      `${c('kind')} IN ('response', 'fhir-questionnaire-response', 'xapi-statement')`,
    );
  if (filter.instrument) conditions.push(`${c('instrument')} = ${param(filter.instrument)}`);
  if (filter.version) conditions.push(`${c('version')} = ${param(filter.version)}`);
  if (filter.cohort) conditions.push(`${c('cohort')} = ${param(filter.cohort)}`);
  if (filter.from) conditions.push(`${c('received_at')} >= ${param(filter.from)}`);
  if (filter.to) conditions.push(`${c('received_at')} < ${param(filter.to)}`);
  if (filter.simulated !== undefined)
    conditions.push(`${c('simulated')} = ${param(filter.simulated ? 1 : 0)}`);
  return conditions;
}

/**
 * A row as stored → the StoredResponse the analysis reads.
 * @param {any} row
 * @returns {StoredResponse}
 */
export function toStoredResponse(row) {
  return {
    id: row.key,
    kind: /** @type {any} */ (SHORT_KIND)[row.kind] ?? row.kind,
    receivedAt: row.received_at,
    instrument: row.instrument ?? null,
    version: row.version ?? null,
    timepoint: row.timepoint ?? null,
    participant: row.participant === '' ? null : (row.participant ?? null),
    cohort: row.cohort ?? null,
    simulated: Boolean(row.simulated),
    body: typeof row.body === 'string' ? JSON.parse(row.body) : row.body,
  };
}

/** Rows a page of full rows (with their bodies) holds at most. */
export const PAGE_ROWS = 2000;
/**
 * About how much body text a page of full rows holds: the next page has as many rows as hold
 * this much, judged by the page before (nextPageRows). A page's rows stay in memory until the
 * last of them is written; a page so large that a few young-generation collections pass
 * while it is written gets its rows moved into the old generation, which only a full
 * collection empties. At 2,000 rows a page that made the long CSV of 100,000 responses grow
 * the server by 62 MB; at about 500 rows, by 4 MB.
 */
export const PAGE_BYTES = 512 * 1024;
/** Rows in the first page, before any body was seen. */
export const FIRST_PAGE_ROWS = 100;

/**
 * How many rows the next page reads, from the rows of this one (their `body` texts).
 * @param {Array<{body?: unknown}>} rows
 */
export function nextPageRows(rows) {
  let bytes = 0;
  for (const row of rows) bytes += typeof row.body === 'string' ? row.body.length : 0;
  const average = Math.max(1, bytes / Math.max(1, rows.length));
  return Math.max(16, Math.min(PAGE_ROWS, Math.floor(PAGE_BYTES / average)));
}
/**
 * Rows per page when the evaluation reads the compact columns (no bodies). A page's rows
 * stay in memory while it is taken: at 5,000 the garbage collector moved more of them, and
 * the first evaluation of 100,000 responses took about a fifth more CPU time.
 */
export const EVALUATION_PAGE_ROWS = 2000;

/**
 * After the facts columns exist: the index that finds rows whose facts are missing or out of
 * date (one entry per pack, version and key) without reading the table.
 */
export const FACTS_INDEX =
  'CREATE INDEX IF NOT EXISTS records_pack_facts ON records (instrument, version, facts_key)';
/**
 * Indexes of earlier versions that another now covers: `records_pack` (instrument, version) is
 * the start of FACTS_INDEX, so each insert kept two where one does.
 */
export const OLD_INDEXES = 'DROP INDEX IF EXISTS records_pack';

/**
 * An evaluation row from its columns in the order EVALUATION_COLUMNS names them.
 * @param {any[]} r
 * @returns {EvaluationRow}
 */
export function toEvaluationRow(r) {
  return {
    seq: Number(r[0]),
    kind: /** @type {any} */ (SHORT_KIND)[r[1]] ?? r[1],
    receivedAt: r[2],
    instrument: r[3] ?? null,
    version: r[4] ?? null,
    timepoint: r[5] ?? null,
    participant: r[6] === '' ? null : (r[6] ?? null),
    simulated: Boolean(Number(r[7])),
    factsKey: r[8] ?? null,
    facts: r[9] ?? null,
    // Every row has the same properties (one shape for the engine to optimise for).
    body: r[10] == null ? undefined : JSON.parse(r[10]),
  };
}
export const EVALUATION_COLUMNS =
  'seq, kind, received_at, instrument, version, timepoint, participant, simulated, facts_key, facts';

/**
 * The tables, the same on both engines but for the type of an increasing row number
 * (`seq`: the order in which responses and audit lines were written).
 * @param {string} serial SQLite `INTEGER PRIMARY KEY AUTOINCREMENT`, PostgreSQL `BIGSERIAL PRIMARY KEY`
 */
export const schema = (serial) => `
CREATE TABLE IF NOT EXISTS records (
  seq ${serial},
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  digest TEXT NOT NULL,
  received_at TEXT NOT NULL,
  instrument TEXT,
  version TEXT,
  timepoint TEXT,
  participant TEXT NOT NULL DEFAULT '',
  cohort TEXT,
  simulated INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL,
  facts_key TEXT,
  facts TEXT,
  UNIQUE (kind, key)
);
CREATE INDEX IF NOT EXISTS records_participant ON records (participant, seq);
CREATE INDEX IF NOT EXISTS records_received ON records (received_at);
CREATE INDEX IF NOT EXISTS records_simulated ON records (simulated);
CREATE INDEX IF NOT EXISTS records_cohort ON records (cohort);
CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit (
  seq ${serial},
  at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  id_hash TEXT PRIMARY KEY, csrf TEXT NOT NULL, expires_at TEXT NOT NULL
);
`;
