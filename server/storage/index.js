// @ts-check
// Opens the storage the configuration names: PostgreSQL when a database URL is given
// (DATABASE_URL), otherwise the embedded SQLite file in the data folder.

import {openPostgres} from './postgres.js';
import {openSqlite} from './sqlite.js';

export {ConflictError, StoreInUseError, StoreUnavailableError, bodyDigest} from './common.js';

/**
 * @param {{dataDir?: string, databaseUrl?: string}} options
 * @returns {Promise<import('./common.js').Storage>}
 */
export function openStorage({dataDir, databaseUrl}) {
  if (databaseUrl) return openPostgres(databaseUrl);
  if (!dataDir) throw new TypeError('openStorage: dataDir or databaseUrl is required');
  return openSqlite(dataDir);
}
