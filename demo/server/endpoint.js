// The reference research endpoint, as a request handler another Node server can mount:
//
//   const endpoint = createEndpoint({dataDir: 'demo/.data', trustedOrigins: [...]});
//   http.createServer(async (req, res) => {
//     if (await endpoint.handle(req, res)) return;
//     ...serve the rest...
//   });
//
// Routes (basePath defaults to /api; the results pages sit next to it, at /results):
//   POST    {basePath}/responses    contract JSON (application/json) or FHIR (application/fhir+json)
//   POST    {basePath}/statements   xAPI statements
//   OPTIONS both of the above       CORS preflight
//   GET     {basePath}/responses    everything stored, as JSON
//   GET     /results, /results.css, /results.csv

import {posix} from 'node:path';
import {corsHeaders, normaliseOrigins, originKind, preflightHeaders} from './cors.js';
import {responsesToCsv} from './csv.js';
import {
  HttpError,
  hasForeignCharset,
  mediaType,
  readBody,
  send,
  sendError,
  sendJson,
} from './http.js';
import {defaultKinds} from './kinds.js';
import {collectResponses} from './responses.js';
import {RESULTS_CSP, RESULTS_CSS, renderResultsPage} from './results-page.js';
import {ConflictError, StoreUnavailableError, openStore} from './store.js';

/**
 * @param {{
 *   dataDir: string,
 *   trustedOrigins?: string[],
 *   maxBodyBytes?: number,
 *   basePath?: string,
 *   kinds?: typeof defaultKinds,
 *   log?: (message: string) => void,
 * }} options
 * @returns {{
 *   handle(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): Promise<boolean>,
 *   close(): Promise<void>,
 *   ready: Promise<void>,
 * }} `handle` resolves true when it answered the request, false when the path is not its own.
 */
export function createEndpoint({
  dataDir,
  trustedOrigins = [],
  maxBodyBytes = 256 * 1024,
  basePath = '/api',
  kinds = defaultKinds,
  log = (message) => console.warn(`[endpoint] ${message}`),
}) {
  if (!dataDir) throw new TypeError('createEndpoint: dataDir is required');
  const trusted = normaliseOrigins(trustedOrigins);
  const base = `/${basePath.replace(/^\/+|\/+$/g, '')}`.replace(/^\/$/, '');
  const root = posix.dirname(base || '/').replace(/\/?$/, '/');
  const routes = {
    list: `${base}/responses`,
    results: `${root}results`,
    css: `${root}results.css`,
    csv: `${root}results.csv`,
  };
  // Body routes: path → the kinds accepted there (told apart by Content-Type).
  const bodyRoutes = new Map();
  for (const kind of kinds) {
    const path = base + kind.path;
    bodyRoutes.set(path, [...(bodyRoutes.get(path) ?? []), kind]);
  }

  const opening = openStore(dataDir, {onWarning: log});
  // Failure to open is reported here and through `ready`; requests meanwhile get 503.
  opening.catch((error) => log(`Cannot open the store in ${dataDir}: ${error.message}`));
  const ready = opening.then(() => {});
  ready.catch(() => {});
  let closed = false;

  async function store() {
    if (closed) throw new StoreUnavailableError('The endpoint is closed.');
    try {
      return await opening;
    } catch (error) {
      throw new StoreUnavailableError('The store is not available.', {cause: error});
    }
  }

  async function handle(req, res) {
    const path = new URL(`http://localhost${req.url ?? '/'}`).pathname;
    const bodyKinds = bodyRoutes.get(path);
    const isPage = path === routes.results || path === routes.css || path === routes.csv;
    if (!bodyKinds && !isPage) return false;
    try {
      if (bodyKinds) await bodyRoute(req, res, path, bodyKinds);
      else await pageRoute(req, res, path);
    } catch (error) {
      replyError(res, error);
    }
    return true;
  }

  async function bodyRoute(req, res, path, bodyKinds) {
    const origin = originKind(req, trusted);
    const method = req.method;
    if (method === 'GET' || method === 'HEAD') {
      if (path !== routes.list) throw notAllowed('POST, OPTIONS');
      return listRecords(req, res);
    }
    if (method !== 'POST' && method !== 'OPTIONS') {
      throw notAllowed(path === routes.list ? 'GET, POST, OPTIONS' : 'POST, OPTIONS');
    }
    if (origin === 'untrusted') {
      // No CORS headers: the page cannot read this, and nothing is stored.
      throw new HttpError(403, 'origin-not-allowed', 'This origin may not send responses here.', {
        headers: {vary: 'Origin'},
      });
    }
    if (method === 'OPTIONS') {
      const headers = origin === 'trusted' ? preflightHeaders(req) : {vary: 'Origin'};
      res.writeHead(204, headers);
      res.end();
      return;
    }
    const cors = corsHeaders(req, origin);
    const type = mediaType(req);
    const kind = bodyKinds.find((k) => k.mediaType === type);
    if (!kind || hasForeignCharset(req)) {
      const accepted = bodyKinds.map((k) => k.mediaType).join(', ');
      throw new HttpError(415, 'unsupported-media-type', `Send the body as ${accepted} (UTF-8).`, {
        headers: {...cors, 'accept-post': accepted},
      });
    }
    try {
      const bytes = await readBody(req, maxBodyBytes);
      const body = parseJson(bytes);
      const entries = kind.entries(body, req.headers);
      const results = await (await store()).put(kind.name, entries);
      const reply = kind.reply(results);
      sendJson(res, reply.status, reply.body, {...cors, ...reply.headers});
    } catch (error) {
      replyError(res, error, cors);
    }
  }

  async function listRecords(req, res) {
    const wanted = new URL(`http://localhost${req.url}`).searchParams.get('kind') ?? undefined;
    const records = (await store()).list(wanted);
    sendJson(res, 200, {
      responses: records.map(({seq, kind, key, receivedAt, body}) => ({
        seq,
        kind,
        key,
        receivedAt,
        body,
      })),
    });
  }

  async function pageRoute(req, res, path) {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw notAllowed('GET');
    if (path === routes.css) {
      return send(res, 200, RESULTS_CSS, {
        'content-type': 'text/css; charset=utf-8',
        'cache-control': 'no-cache',
      });
    }
    const records = (await store()).list();
    // Personal data: never cached, never framed, never leaked through a Referer.
    const privateHeaders = {
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    };
    if (path === routes.csv) {
      const {responses} = collectResponses(records);
      const date = new Date().toISOString().slice(0, 10);
      // The byte-order mark makes Excel read the file as UTF-8 (Welsh ŵ, ŷ…).
      return send(res, 200, `\uFEFF${responsesToCsv(responses)}`, {
        ...privateHeaders,
        'content-type': 'text/csv; charset=utf-8; header=present',
        'content-disposition': `attachment; filename="responses-${date}.csv"`,
      });
    }
    send(res, 200, renderResultsPage(records), {
      ...privateHeaders,
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': RESULTS_CSP,
    });
  }

  function replyError(res, error, headers = {}) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof HttpError) return sendError(res, error, headers);
    if (error instanceof ConflictError) {
      return sendJson(res, 409, {error: 'idempotency-conflict', message: error.message}, headers);
    }
    if (error instanceof StoreUnavailableError) {
      log(`${error.message}${error.cause ? ` (${error.cause.message})` : ''}`);
      // 503 tells the widget to keep the response and try again later.
      return sendJson(
        res,
        503,
        {error: 'unavailable', message: error.message},
        {
          ...headers,
          'retry-after': '30',
        },
      );
    }
    log(`Unexpected error: ${error?.stack ?? error}`);
    sendJson(res, 500, {error: 'internal', message: 'Something went wrong.'}, headers);
  }

  async function close() {
    if (closed) return;
    closed = true;
    const opened = await opening.catch(() => null);
    await opened?.close();
  }

  return {handle, close, ready};
}

function parseJson(bytes) {
  try {
    return JSON.parse(new TextDecoder('utf-8', {fatal: true}).decode(bytes));
  } catch (error) {
    throw new HttpError(
      400,
      'malformed-json',
      `The body is not valid UTF-8 JSON: ${error.message}`,
    );
  }
}

function notAllowed(allow) {
  return new HttpError(405, 'method-not-allowed', `Allowed: ${allow}.`, {headers: {allow}});
}
