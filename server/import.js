// @ts-check
// Imports a data folder of the earlier JSONL endpoint (`records.jsonl`: one
// `{seq, kind, key, digest, receivedAt, body}` per line) into the database, so nothing a
// team stored is lost. Idempotent: a record already there (same kind, key and body) is
// counted as repeated; the same key with another body is reported and left as it is.
// Each record keeps its original receivedAt.

import {createReadStream} from 'node:fs';
import {join} from 'node:path';
import {createInterface} from 'node:readline';
import {ConflictError} from './storage/index.js';

/**
 * @param {string} folder  the old data folder (or the records.jsonl file itself)
 * @param {import('./storage/common.js').Storage} storage
 * @param {{onWarning?: (message: string) => void}} [options]
 */
export async function importJsonl(folder, storage, {onWarning = () => {}} = {}) {
  const file = folder.endsWith('.jsonl') ? folder : join(folder, 'records.jsonl');
  const lines = createInterface({input: createReadStream(file, 'utf8'), crlfDelay: Infinity});
  let imported = 0;
  let repeated = 0;
  let conflicts = 0;
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (!line.trim()) continue;
    let record;
    try {
      record = JSON.parse(line);
    } catch {
      // A torn last line is what a crash leaves; anything else is reported too.
      onWarning(`${file} line ${lineNo} is not JSON; skipped.`);
      continue;
    }
    if (
      typeof record?.kind !== 'string' ||
      typeof record?.key !== 'string' ||
      record.body === undefined
    ) {
      onWarning(`${file} line ${lineNo} is not a record; skipped.`);
      continue;
    }
    try {
      const [result] = await storage.put(record.kind, [{key: record.key, body: record.body}], {
        receivedAt: typeof record.receivedAt === 'string' ? record.receivedAt : undefined,
      });
      if (result.created) imported++;
      else repeated++;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      conflicts++;
      onWarning(`${file} line ${lineNo}: ${error.message} Kept the stored one.`);
    }
  }
  // PostgreSQL: statistics of what was just imported (storage/postgres.js ensureStatistics).
  if (imported) await storage.ensureStatistics?.();
  return {imported, repeated, conflicts};
}
