// Durable, append-only storage for received bodies.
//
// Every record is one line of JSON in `<dataDir>/records.jsonl`, appended and fdatasync'd
// before the caller answers 2xx — so an acknowledged response survives a crash or power cut.
// A crash mid-append can only leave a torn *last* line (nothing is ever rewritten); opening
// the store truncates it, keeping the torn bytes aside. That write was never acknowledged,
// so the client still has the response in its outbox and will send it again.
//
// Records are deduplicated by (kind, key). All writes go through one queue, so the check
// "is this key stored?" and the append that follows cannot interleave: twenty concurrent
// requests with the same key store exactly once.
//
// One process owns a data folder at a time (a lock file holding its pid): two writers
// appending to the same file would each miss the other's keys.

import {Buffer} from 'node:buffer';
import {createHash} from 'node:crypto';
import {mkdir, open, readFile, rename, rm, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import process from 'node:process';

export const RECORDS_FILE = 'records.jsonl';
const LOCK_FILE = 'lock';

/** Same key, different body: the caller reused an id for something else. */
export class ConflictError extends Error {
  constructor(kind, key) {
    super(`A different ${kind} body is already stored under key "${key}".`);
    this.name = 'ConflictError';
    this.kind = kind;
    this.key = key;
  }
}

/** The store cannot accept writes (a failed write it could not undo, or it is closed). */
export class StoreUnavailableError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * A digest of the body that ignores key order, so a client that re-serialises the same
 * response on retry is recognised as sending the same thing.
 */
export function bodyDigest(body) {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Opens (creating if needed) the store in `dataDir`.
 * @param {string} dataDir
 * @param {{onWarning?: (message: string) => void}} [options]
 */
export async function openStore(dataDir, {onWarning = () => {}} = {}) {
  // Answers are personal data: keep the folder and files private to the service's user.
  await mkdir(dataDir, {recursive: true, mode: 0o700});
  await acquireLock(dataDir);
  try {
    const file = join(dataDir, RECORDS_FILE);
    const {records, goodBytes, tornBytes, created} = await readRecords(file);
    const fh = await open(file, 'a', 0o600);
    if (tornBytes) {
      // Keep the fragment for an operator to look at, then cut it off so the next append
      // starts on a fresh line.
      const aside = join(dataDir, `${RECORDS_FILE}.torn-${Date.now()}`);
      await writeFile(aside, tornBytes, {mode: 0o600});
      await fh.truncate(goodBytes);
      await fh.datasync();
      onWarning(
        `Removed a torn last line (${tornBytes.length} bytes) from ${file}; kept it in ${aside}.`,
      );
    }
    // A new file is only durable once its directory entry is.
    if (created) await syncDir(dataDir);
    return new Store(dataDir, fh, records, goodBytes);
  } catch (error) {
    await releaseLock(dataDir);
    throw error;
  }
}

class Store {
  #dataDir;
  #fh;
  #size;
  #records;
  #byKey = new Map();
  #queue = Promise.resolve();
  #broken = null;
  #closed = false;

  constructor(dataDir, fh, records, size) {
    this.#dataDir = dataDir;
    this.#fh = fh;
    this.#size = size;
    this.#records = records;
    for (const record of records) this.#byKey.set(mapKey(record.kind, record.key), record);
  }

  /** Every stored record, oldest first (optionally of one kind). */
  list(kind) {
    return kind ? this.#records.filter((r) => r.kind === kind) : [...this.#records];
  }

  get(kind, key) {
    return this.#byKey.get(mapKey(kind, key));
  }

  /**
   * Stores each `{key, body}` not stored yet, in one append. If any key is already stored
   * with a different body, nothing is stored and a ConflictError is thrown.
   * @returns {Promise<Array<{created: boolean, record: object}>>} in the order given
   */
  put(kind, entries) {
    const run = () => this.#put(kind, entries);
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => {});
    return result;
  }

  async #put(kind, entries) {
    if (this.#closed) throw new StoreUnavailableError('The store is closed.');
    if (this.#broken) throw this.#broken;
    const results = [];
    const fresh = [];
    const seenInBatch = new Map();
    for (const {key, body} of entries) {
      const digest = bodyDigest(body);
      const existing = this.get(kind, key) ?? seenInBatch.get(key);
      if (existing) {
        if (existing.digest !== digest) throw new ConflictError(kind, key);
        results.push({created: false, record: existing});
        continue;
      }
      const record = {
        seq: this.#records.length + fresh.length + 1,
        kind,
        key,
        digest,
        receivedAt: new Date().toISOString(),
        body,
      };
      seenInBatch.set(key, record);
      fresh.push(record);
      results.push({created: true, record});
    }
    if (fresh.length) await this.#append(fresh);
    return results;
  }

  async #append(records) {
    const data = Buffer.from(records.map((r) => JSON.stringify(r) + '\n').join(''), 'utf8');
    try {
      await this.#fh.write(data);
      await this.#fh.datasync();
    } catch (error) {
      // A partial append would leave a torn line *before* the next record. Cut back to the
      // last good length; if even that fails, refuse further writes (the endpoint then
      // answers 503 and clients keep their responses and retry later).
      try {
        await this.#fh.truncate(this.#size);
        await this.#fh.datasync();
      } catch (undoError) {
        this.#broken = new StoreUnavailableError('The store could not undo a failed write.', {
          cause: undoError,
        });
      }
      throw new StoreUnavailableError('Could not write to the store.', {cause: error});
    }
    this.#size += data.length;
    for (const record of records) {
      this.#records.push(record);
      this.#byKey.set(mapKey(record.kind, record.key), record);
    }
  }

  /** Waits for queued writes, then closes the file and releases the folder. */
  async close() {
    if (this.#closed) return;
    this.#closed = true;
    await this.#queue;
    await this.#fh.close();
    await releaseLock(this.#dataDir);
  }
}

function mapKey(kind, key) {
  return `${kind}\u0000${key}`;
}

/**
 * Reads the log. Lines that fail to parse at the very end are a torn write and are
 * returned as `tornBytes` for the caller to cut off; a bad line with good lines after it
 * is not something a crash produces, so it stops the server rather than dropping data.
 */
async function readRecords(file) {
  let buf;
  try {
    buf = await readFile(file);
  } catch (error) {
    if (error.code === 'ENOENT') return {records: [], goodBytes: 0, tornBytes: null, created: true};
    throw error;
  }
  const records = [];
  let goodBytes = 0;
  let badLine = 0;
  let start = 0;
  let lineNo = 0;
  while (start < buf.length) {
    lineNo++;
    const nl = buf.indexOf(0x0a, start);
    const end = nl === -1 ? buf.length : nl + 1;
    const record = nl === -1 ? null : parseRecord(buf.subarray(start, nl));
    if (record) {
      if (badLine) {
        throw new Error(
          `${file} line ${badLine} is damaged but later lines are intact; ` +
            'refusing to start so nothing is lost. Inspect the file and repair or remove that line.',
        );
      }
      records.push(record);
      goodBytes = end;
    } else if (!badLine) {
      badLine = lineNo;
    }
    start = end;
  }
  const tornBytes = goodBytes < buf.length ? buf.subarray(goodBytes) : null;
  return {records, goodBytes, tornBytes, created: false};
}

function parseRecord(bytes) {
  try {
    const record = JSON.parse(bytes.toString('utf8'));
    return record && typeof record.kind === 'string' && typeof record.key === 'string'
      ? record
      : null;
  } catch {
    return null;
  }
}

async function syncDir(dir) {
  let fh;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; nothing more we can do.
  } finally {
    await fh?.close();
  }
}

// The lock is a file holding the owner's pid. A lock left by a process that no longer
// exists (a crash) is taken over; one held by a live process, this one included, is not.
async function acquireLock(dataDir) {
  const lock = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lock, String(process.pid), {flag: 'wx', mode: 0o600});
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    const pid = Number.parseInt(await readFile(lock, 'utf8').catch(() => ''), 10);
    if (pid && isAlive(pid)) {
      throw new Error(
        `${dataDir} is in use by process ${pid}. Run one endpoint per data folder ` +
          `(or delete ${lock} if that process is not an endpoint).`,
      );
    }
    // Stale: move it away atomically so two starting processes cannot both take it.
    await rename(lock, `${lock}.stale-${process.pid}`).catch(() => {});
    await rm(`${lock}.stale-${process.pid}`, {force: true});
  }
  throw new Error(`Could not lock ${dataDir}.`);
}

async function releaseLock(dataDir) {
  await rm(join(dataDir, LOCK_FILE), {force: true});
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}
