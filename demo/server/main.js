#!/usr/bin/env node
// Runs the reference endpoint on its own: the endpoint routes and the results page, nothing
// else. See README.md next to this file for running it for real.
//
//   node demo/server/main.js --port 8787 --data ./demo/.data --origin https://intranet.example.org
//
// Environment variables do the same: PORT, HOST, DATA_DIR, TRUSTED_ORIGINS (comma-separated),
// BASE_PATH, MAX_BODY_BYTES. Flags win over variables.

import {createServer} from 'node:http';
import process from 'node:process';
import {parseArgs} from 'node:util';
import {createEndpoint} from './endpoint.js';

const usage = `Usage: node demo/server/main.js [options]
  --port <n>          port to listen on (PORT, default 8787; 0 picks a free one)
  --host <addr>       address to listen on (HOST, default 127.0.0.1; 0.0.0.0 for all)
  --data <dir>        folder for stored responses (DATA_DIR, default ./demo/.data)
  --origin <url>      a page origin allowed to send responses; repeat for more
                      (TRUSTED_ORIGINS, comma-separated)
  --base-path <path>  where the API lives (BASE_PATH, default /api)
  --max-body <bytes>  largest body accepted (MAX_BODY_BYTES, default 262144)
  --help`;

function config(argv, env) {
  const {values} = parseArgs({
    args: argv,
    options: {
      port: {type: 'string'},
      host: {type: 'string'},
      data: {type: 'string'},
      origin: {type: 'string', multiple: true},
      'base-path': {type: 'string'},
      'max-body': {type: 'string'},
      help: {type: 'boolean'},
    },
  });
  const origins = values.origin ?? (env.TRUSTED_ORIGINS ?? '').split(',');
  return {
    help: values.help,
    port: Number(values.port ?? env.PORT ?? 8787),
    host: values.host ?? env.HOST ?? '127.0.0.1',
    dataDir: values.data ?? env.DATA_DIR ?? './demo/.data',
    trustedOrigins: origins.map((o) => o.trim()).filter(Boolean),
    basePath: values['base-path'] ?? env.BASE_PATH ?? '/api',
    maxBodyBytes: Number(values['max-body'] ?? env.MAX_BODY_BYTES ?? 256 * 1024),
  };
}

async function main() {
  let options;
  try {
    options = config(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`${error.message}\n\n${usage}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(usage);
    return;
  }
  const {port, host, dataDir, trustedOrigins, basePath, maxBodyBytes} = options;
  const endpoint = createEndpoint({dataDir, trustedOrigins, basePath, maxBodyBytes});
  await endpoint.ready; // A locked or damaged data folder stops the start, loudly.

  const server = createServer(async (req, res) => {
    // Log the request line and status only — never bodies, they hold personal data.
    res.on('finish', () => console.log(`${req.method} ${req.url} ${res.statusCode}`));
    if (await endpoint.handle(req, res)) return;
    if (req.url === '/' && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(303, {location: '/results'}).end();
      return;
    }
    res.writeHead(404, {'content-type': 'text/plain; charset=utf-8'}).end('Not found\n');
  });
  // Bound how long a slow client can hold a connection.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  server.listen(port, host, () => {
    const {port: actual} = server.address();
    const shown = host.includes(':') ? `[${host}]` : host;
    console.log(`Endpoint: http://${shown}:${actual}${basePath.replace(/\/$/, '')}/responses`);
    console.log(`Results:  http://${shown}:${actual}/results`);
    console.log(`Data:     ${dataDir}`);
    console.log(`Trusted origins: ${trustedOrigins.join(', ') || '(same origin only)'}`);
    if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
      console.warn(
        'Listening beyond this machine: the results page and GET /responses have no login. ' +
          'Put them behind your reverse proxy’s authentication (see demo/server/README.md).',
      );
    }
  });

  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing open requests…`);
    // Let requests in flight finish (up to 10 s), then close the store: it waits for its
    // last write and unlocks the data folder.
    const drained = new Promise((resolve) => server.close(resolve));
    server.closeIdleConnections();
    await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
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
