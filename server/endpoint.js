// @ts-check
// The study's server, as something another Node server can mount (the demo site does):
//
//   const endpoint = createEndpoint({dataDir: 'demo/.data', trustedOrigins: [...]});
//   await endpoint.ready;                        // rejects if the database cannot be opened
//   http.createServer(async (req, res) => {
//     if (await endpoint.handle(req, res)) return; // true: it answered
//     ...serve the rest...
//   });
//   await endpoint.close();                      // on shutdown: last writes, then the database
//
// `endpoint.app` is the Fastify application (app.js) for a server of its own (main.js).

import {layoutFor, buildApp} from './app.js';
import {ensureAdmin} from './auth.js';
import {defaultKinds} from './kinds.js';
import {applyRetention} from './pages.js';
import {StoreUnavailableError, openStorage} from './storage/index.js';

/**
 * @param {{
 *   dataDir?: string, databaseUrl?: string, trustedOrigins?: string[], allowedHosts?: string[],
 *   maxBodyBytes?: number, basePath?: string, kinds?: any[], log?: (message: string) => void,
 *   token?: string, rotateToken?: boolean, logger?: boolean | object, trustProxy?: boolean | string,
 *   standalone?: boolean, now?: () => Date,
 * }} options
 */
export function createEndpoint({
  dataDir,
  databaseUrl,
  trustedOrigins = [],
  allowedHosts = [],
  maxBodyBytes = 256 * 1024,
  basePath = '/api',
  kinds = defaultKinds,
  log = (message) => console.warn(`[endpoint] ${message}`),
  token,
  rotateToken = false,
  logger = false,
  trustProxy = false,
  standalone = false,
  now = () => new Date(),
}) {
  if (!dataDir && !databaseUrl)
    throw new TypeError('createEndpoint: dataDir or databaseUrl is required');
  const {base, root} = layoutFor(basePath);
  const opening = openStorage({dataDir, databaseUrl});
  // An unusable store is reported by `ready` (the caller prints it once); requests get 503.
  opening.catch(() => {});
  let closed = false;
  /** @type {ReturnType<typeof setInterval> | undefined} */
  let retentionTimer;

  async function storage() {
    if (closed) throw new StoreUnavailableError('The endpoint is closed.');
    try {
      return await opening;
    } catch (error) {
      throw new StoreUnavailableError('The store is not available.', {cause: error});
    }
  }

  const building = buildApp({
    storage,
    trustedOrigins,
    allowedHosts,
    basePath,
    maxBodyBytes,
    kinds,
    logger,
    trustProxy,
    standalone,
    now,
  });
  /** @type {{token: string|null, created: boolean, given: boolean} | null} */
  let signIn = null;

  const ready = (async () => {
    const db = await opening;
    const app = await building;
    await app.ready();
    signIn = await ensureAdmin(db, {token, rotate: rotateToken});
    const sweep = () =>
      applyRetention(db, now()).catch((error) => log(`Retention sweep failed: ${error.message}`));
    await sweep();
    retentionTimer = setInterval(sweep, 3600_000);
    retentionTimer.unref();
  })();
  ready.catch(() => {});

  // Paths this endpoint answers when mounted; the rest is the host server's.
  const bodyPaths = new Set(kinds.map((k) => base + k.path));
  const own = (/** @type {string} */ path) =>
    bodyPaths.has(path) ||
    path === `${root}results` ||
    path === `${root}results.css` ||
    path === `${root}results.csv` ||
    path.startsWith(`${root}results/`) ||
    path === `${root}signin` ||
    path === `${root}signout` ||
    path === `${root}health`;

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @returns {Promise<boolean>} true when it answered
   */
  async function handle(req, res) {
    let path;
    try {
      // `OPTIONS *:abc` and the like: a request target that is no path is not ours.
      path = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      return false;
    }
    if (!(req.url ?? '').startsWith('/') || !own(path)) return false;
    try {
      await ready;
    } catch {
      // Requests still get an answer: 503 from the routes, as the store is unavailable.
    }
    const app = await building;
    await app.ready();
    app.routing(req, res);
    return true;
  }

  async function close() {
    if (closed) return;
    clearInterval(retentionTimer);
    const app = await building.catch(() => null);
    await app?.close();
    closed = true;
    const db = await opening.catch(() => null);
    await db?.close();
  }

  return {
    handle,
    close,
    ready,
    get app() {
      return building;
    },
    storage,
    /** The admin sign-in after `ready`: `token` is set when this start made or was given one. */
    get signIn() {
      return signIn;
    },
    paths: {
      api: `${base}/responses`,
      results: `${root}results`,
      signin: `${root}signin`,
      health: `${root}health`,
    },
  };
}
