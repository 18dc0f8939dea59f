#!/usr/bin/env node
// Runs the study's server on its own: the endpoint, the sign-in and the results pages.
// See README.md next to this file for running it for real.
//
//   node server/main.js --port 8787 --data ./demo/.data --origin https://intranet.example.org
//   node server/main.js import <old-data-folder> [--data DIR]   (records.jsonl → the database)
//   node server/main.js migrate --data DIR --database-url URL   (the SQLite file → PostgreSQL)
//
// Environment variables do the same: PORT, HOST, DATA_DIR, DATABASE_URL, TRUSTED_ORIGINS
// (comma-separated), ALLOWED_HOSTS, BASE_PATH, MAX_BODY_BYTES, RESULTS_TOKEN, TRUST_PROXY.
// Flags win over variables.

import process from 'node:process';
import {parseArgs} from 'node:util';
import {createEndpoint} from './endpoint.js';
import {importJsonl} from './import.js';
import {migrate} from './migrate.js';
import {openStorage} from './storage/index.js';

const usage = `Usage: node server/main.js [options]
       node server/main.js import <folder with records.jsonl> [--data <dir>]
       node server/main.js migrate --data <dir> --database-url <url>
                        copies the data folder's embedded database into PostgreSQL
                        (safe to run again: what is there already is kept)
  --port <n>            port to listen on (PORT, default 8787; 0 picks a free one)
  --host <addr>         address to listen on (HOST, default 127.0.0.1; 0.0.0.0 for all)
  --data <dir>          folder for the embedded database (DATA_DIR, default ./demo/.data)
  --database-url <url>  PostgreSQL instead of the embedded database (DATABASE_URL)
  --origin <url>        a page origin allowed to send responses; repeat for more
                        (TRUSTED_ORIGINS, comma-separated)
  --allowed-host <name> a host name this server answers for besides localhost and the
                        origins' hosts; repeat for more (ALLOWED_HOSTS, comma-separated)
  --token <secret>      the study team's access token (RESULTS_TOKEN); without it the
                        first start makes one and prints it
  --trust-proxy         read the client address from X-Forwarded-For (TRUST_PROXY=1)
  --base-path <path>    where the API lives (BASE_PATH, default /api)
  --max-body <bytes>    largest body accepted (MAX_BODY_BYTES, default 262144)
  --help`;

const list = (/** @type {string|undefined} */ v) =>
  (v ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);

/** @param {string[]} argv @param {NodeJS.ProcessEnv} env */
export function config(argv, env) {
  const {values, positionals} = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: {type: 'string'},
      host: {type: 'string'},
      data: {type: 'string'},
      'database-url': {type: 'string'},
      origin: {type: 'string', multiple: true},
      'allowed-host': {type: 'string', multiple: true},
      token: {type: 'string'},
      'trust-proxy': {type: 'boolean'},
      'base-path': {type: 'string'},
      'max-body': {type: 'string'},
      help: {type: 'boolean'},
    },
  });
  return {
    command: positionals[0] ?? 'serve',
    from: positionals[1],
    help: values.help,
    port: Number(values.port ?? env.PORT ?? 8787),
    host: values.host ?? env.HOST ?? '127.0.0.1',
    dataDir: values.data ?? env.DATA_DIR ?? './demo/.data',
    databaseUrl: values['database-url'] ?? env.DATABASE_URL ?? undefined,
    trustedOrigins: values.origin ?? list(env.TRUSTED_ORIGINS),
    allowedHosts: values['allowed-host'] ?? list(env.ALLOWED_HOSTS),
    token: values.token ?? env.RESULTS_TOKEN ?? undefined,
    trustProxy: Boolean(values['trust-proxy'] ?? /^(1|true|yes)$/i.test(env.TRUST_PROXY ?? '')),
    basePath: values['base-path'] ?? env.BASE_PATH ?? '/api',
    maxBodyBytes: Number(values['max-body'] ?? env.MAX_BODY_BYTES ?? 256 * 1024),
  };
}

async function main() {
  let options;
  try {
    options = config(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`${/** @type {Error} */ (error).message}\n\n${usage}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(usage);
    return;
  }
  if (options.command === 'import') {
    if (!options.from)
      throw new Error(`import needs the folder that holds records.jsonl.\n\n${usage}`);
    const storage = await openStorage(options);
    try {
      const {imported, repeated, conflicts} = await importJsonl(options.from, storage, {
        onWarning: (m) => console.warn(m),
      });
      console.log(
        `Imported ${imported} records from ${options.from} into ${storage.where} ` +
          `(${repeated} already there${conflicts ? `, ${conflicts} conflicting ids kept as they were` : ''}).`,
      );
    } finally {
      await storage.close();
    }
    return;
  }
  if (options.command === 'migrate') {
    if (!options.databaseUrl)
      throw new Error(
        `migrate needs the PostgreSQL database: --database-url or DATABASE_URL.\n\n${usage}`,
      );
    const from = await openStorage({dataDir: options.dataDir});
    try {
      const to = await openStorage({databaseUrl: options.databaseUrl});
      try {
        const {copied, repeated, conflicts, settings} = await migrate(from, to, {
          onWarning: (m) => console.warn(m),
          onProgress: (n) => console.log(`… ${n} responses read`),
        });
        console.log(
          `Copied ${copied} responses from ${from.where} into ${to.where} ` +
            `(${repeated} already there${conflicts ? `, ${conflicts} conflicting ids kept as they were` : ''}); ` +
            `${settings} settings copied. Start the server with DATABASE_URL now; keep the SQLite file as a backup.`,
        );
      } finally {
        await to.close();
      }
    } finally {
      await from.close();
    }
    return;
  }
  if (options.command !== 'serve')
    throw new Error(`Unknown command "${options.command}".\n\n${usage}`);

  const {port, host, dataDir, databaseUrl, trustedOrigins, basePath} = options;
  const endpoint = createEndpoint({...options, logger: true, standalone: true});
  await endpoint.ready; // An unusable database stops the start, with one clear line.
  const app = await endpoint.app;
  try {
    await app.listen({port, host});
  } catch (error) {
    if (/** @type {any} */ (error).code === 'EADDRINUSE') {
      await endpoint.close();
      throw new Error(
        `Port ${port} is taken. Pick another: --port ${port + 1} (or PORT=${port + 1}).`,
      );
    }
    throw error;
  }
  const address = app.server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  const shown = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shown}:${actual}`;
  console.log(`Endpoint: ${url}${basePath.replace(/\/$/, '')}/responses`);
  console.log(`Results:  ${url}${endpoint.paths.results}`);
  console.log(`Data:     ${databaseUrl ? (await endpoint.storage()).where : dataDir}`);
  const signIn = endpoint.signIn;
  if (signIn?.created) {
    console.log(`Sign in:  ${url}${endpoint.paths.signin} with the access token ${signIn.token}`);
    console.log(
      '          (shown once; keep it in a password manager, or set RESULTS_TOKEN to choose one)',
    );
  } else if (signIn?.given) {
    console.log(
      `Sign in:  ${url}${endpoint.paths.signin} with the token from RESULTS_TOKEN / --token`,
    );
  } else {
    console.log(
      `Sign in:  ${url}${endpoint.paths.signin} with the token printed at the first start (RESULTS_TOKEN or --token sets a new one)`,
    );
  }
  console.log(`Trusted origins: ${trustedOrigins.join(', ') || '(same origin only)'}`);

  let stopping = false;
  const stop = async (/** @type {string} */ signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing open requests…`);
    // Requests in flight finish (their writes commit); then the database is closed.
    const timer = setTimeout(() => {
      console.error('Requests still open after 10 s; stopping anyway.');
      process.exit(1);
    }, 10_000);
    timer.unref();
    await endpoint.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
