// A throwaway PostgreSQL server on loopback for the tests and the benchmark, from Debian's
// postgresql package (/usr/lib/postgresql/<major>/bin). PostgreSQL refuses to run as root,
// so as root the cluster belongs to the `postgres` user (runuser); otherwise to whoever runs it.
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, rmSync, chownSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import process from 'node:process';

function binDir() {
  const base = '/usr/lib/postgresql';
  const majors = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const major of majors) {
    const dir = path.join(base, major, 'bin');
    if (existsSync(path.join(dir, 'pg_ctl'))) return dir;
  }
  throw new Error(
    'PostgreSQL is not installed (apt-get install postgresql): the PostgreSQL suites need it.',
  );
}

/**
 * Starts a server; resolves with its URL and a stop function (which deletes everything).
 * @returns {{url: string, stop(): void}}
 */
export function startPostgres() {
  const bin = binDir();
  const dir = mkdtempSync(path.join(tmpdir(), 'rs-pg-'));
  const asRoot = process.getuid?.() === 0;
  const as = (cmd, args) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
    const result = spawnSync(file, argv, {encoding: 'utf8'});
    if (result.status !== 0) {
      throw new Error(`${path.basename(cmd)} failed: ${result.stderr || result.stdout}`);
    }
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], {encoding: 'utf8'}));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], {encoding: 'utf8'}));
    chownSync(dir, uid, gid);
  }
  const port = 20000 + Math.floor(Math.random() * 9000);
  as(path.join(bin, 'initdb'), [
    '-D',
    path.join(dir, 'data'),
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
  ]);
  as(path.join(bin, 'pg_ctl'), [
    '-D',
    path.join(dir, 'data'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`,
    '-l',
    path.join(dir, 'log'),
    '-w',
    'start',
  ]);
  let stopped = false;
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        as(path.join(bin, 'pg_ctl'), ['-D', path.join(dir, 'data'), '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, {recursive: true, force: true});
      }
    },
  };
}
