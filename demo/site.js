// The demo site: static pages, the built bundles and the reference endpoint on one origin.
// `createSite()` is used by `npm start` and by the end-to-end tests.
import http from 'node:http';
import {createReadStream} from 'node:fs';
import {stat} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {seedDemoStudy} from '../server/demo-seed.js';
import {createEndpoint} from '../server/endpoint.js';

const root = fileURLToPath(new URL('..', import.meta.url));

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** The strict policy of a hospital intranet; the intranet demo page is served under it. */
export const strictCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "require-trusted-types-for 'script'",
].join('; ');

/** URL paths served from the project: the demo pages and the built files. */
const mounts = [
  ['/dist/', path.join(root, 'dist')],
  ['/lib/', path.join(root, 'lib')],
  ['/schema/', path.join(root, 'schema')],
  ['/', path.join(root, 'demo', 'pages')],
];

/** Files of the project root that are served too: the manifest, for the API page and tools. */
const rootFiles = new Set(['/custom-elements.json']);

async function serveFile(req, res) {
  const url = new URL(`http://localhost${req.url}`);
  let pathname;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    // A malformed %-escape: the request is wrong, not the server.
    res.writeHead(400);
    return res.end();
  }
  if (pathname.endsWith('/')) pathname += 'index.html';
  for (const [prefix, dir] of rootFiles.has(pathname) ? [['/', path.resolve(root)]] : mounts) {
    if (!pathname.startsWith(prefix)) continue;
    const file = path.join(dir, pathname.slice(prefix.length));
    if (!file.startsWith(dir + path.sep)) break;
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) continue;
    const headers = {
      'content-type': types[path.extname(file)] ?? 'application/octet-stream',
      'content-length': info.size,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    };
    // Every demo page runs under a strict policy; the intranet page is the one that says so.
    if (file.endsWith('.html')) headers['content-security-policy'] = strictCsp;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
    return;
  }
  res.writeHead(404, {'content-type': 'text/plain; charset=utf-8'});
  res.end('Not found');
}

/**
 * Starts the demo site. `port: 0` picks a free port. `token` sets the study team's access
 * token (else a new one is made on every start and returned in `signIn`); `demoStudy`
 * fills an empty store once with the simulated demo study.
 * @param {{port?: number, host?: string, dataDir?: string, trustedOrigins?: string[], token?: string, demoStudy?: boolean, databaseUrl?: string}} [options]
 */
export async function createSite({
  port = 8080,
  host = '127.0.0.1',
  dataDir,
  databaseUrl,
  trustedOrigins = [],
  token,
  demoStudy = false,
} = {}) {
  const endpoint = createEndpoint({
    dataDir: dataDir ?? path.join(root, 'demo', '.data'),
    databaseUrl,
    trustedOrigins,
    basePath: '/api',
    token,
    rotateToken: true,
  });
  // An unusable data folder (in use by another server, damaged) fails the start.
  await endpoint.ready;
  const seeded = demoStudy ? await seedDemoStudy(await endpoint.storage()) : 0;
  const server = http.createServer(async (req, res) => {
    try {
      if (await endpoint.handle(req, res)) return;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, {allow: 'GET, HEAD'});
        return res.end();
      }
      await serveFile(req, res);
    } catch (error) {
      console.error(error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  try {
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, resolve);
    });
  } catch (error) {
    await endpoint.close();
    throw error;
  }
  const address = server.address();
  const url = `http://${host === '127.0.0.1' ? 'localhost' : host}:${address.port}/`;
  return {
    url,
    server,
    endpoint,
    seeded,
    /** The access token for /signin (and `Authorization: Bearer`). */
    token: /** @type {string} */ (endpoint.signIn?.token),
    async close() {
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await closed;
      await endpoint.close?.();
    },
  };
}
