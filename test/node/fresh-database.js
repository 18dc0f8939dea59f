// @ts-check
import {randomUUID} from 'node:crypto';
import pg from 'pg';

/**
 * A new, empty database on the test's PostgreSQL server (`url`, TEST_DATABASE_URL), so suites
 * and runs never see each other's rows. Returns its connection URL.
 * @param {string} url
 */
export async function freshDatabase(url) {
  const name = `rs_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({connectionString: url});
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
