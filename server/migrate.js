// @ts-check
// Copies the embedded store (a data folder's responses.sqlite) into PostgreSQL, for a study
// that outgrows one machine: every response with its received time, cohort label and
// simulated mark, in the order it was stored, and the settings (the team's access token
// hash, the retention, the demo study's mark). Idempotent: a response already there (same
// kind, key and body) is counted as already there, the same key with another body is
// reported and left as it is, and a setting the database already has is kept. Sessions are
// not copied (sign in again); the audit log stays in the SQLite file, and the copy itself is
// written to the new audit log.

import {ADMIN_SETTING} from './auth.js';
import {DEMO_SETTING} from './demo-seed.js';
import {RETENTION_SETTING} from './pages.js';
import {LONG_KIND} from './storage/common.js';
import {ConflictError} from './storage/index.js';

const SETTINGS = [ADMIN_SETTING, RETENTION_SETTING, DEMO_SETTING];

/**
 * @param {import('./storage/common.js').Storage} from  the embedded store
 * @param {import('./storage/common.js').Storage} to  PostgreSQL
 * @param {{onWarning?: (message: string) => void, onProgress?: (copied: number) => void}} [options]
 */
export async function migrate(from, to, {onWarning = () => {}, onProgress = () => {}} = {}) {
  let copied = 0;
  let repeated = 0;
  let conflicts = 0;
  let read = 0;
  // One at a time, so the rows keep their order (their row numbers follow the source's).
  for await (const row of from.responses({})) {
    try {
      const [result] = await to.put(
        LONG_KIND[row.kind] ?? row.kind,
        [{key: row.id, body: row.body}],
        {cohort: row.cohort, simulated: row.simulated, receivedAt: row.receivedAt},
      );
      if (result.created) copied++;
      else repeated++;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      conflicts++;
      onWarning(`${error.message} Kept the one in ${to.where}.`);
    }
    if (++read % 10_000 === 0) onProgress(read);
  }
  // The planner's statistics of the rows just copied (PostgreSQL), so the evaluation of
  // servers already running reads them by index rather than sorting every page.
  if (copied) await to.ensureStatistics?.();
  let settings = 0;
  for (const name of SETTINGS) {
    const value = await from.getSetting(name);
    if (value === null || value === '' || (await to.getSetting(name)) !== null) continue;
    if ((await to.setSettingIfAbsent(name, value)) === value) settings++;
  }
  await to.audit({
    actor: 'migrate',
    action: 'migrate',
    detail: {from: from.where, copied, repeated, conflicts},
  });
  return {copied, repeated, conflicts, settings};
}
