// @ts-check
// The study's server as a Fastify application, in encapsulated plugins:
//   ingest   {basePath}/responses, {basePath}/statements   (ingest.js)
//   sign-in  /signin, /signout                            (below)
//   pages    /results…, exports, withdrawal, retention    (pages.js)
//   health   /health
// Paths other than {basePath} sit next to basePath's parent ("/" for the default "/api").
//
// Every request first passes the Host allow-list (a DNS-rebinding page reaches this server
// under its own host name, and is refused), and every error becomes a JSON (or, for pages,
// HTML) answer, never a stack trace.

import Fastify, {LogController} from 'fastify';
import pino from 'pino';
import process from 'node:process';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import {posix} from 'node:path';
import {randomBytes} from 'node:crypto';
import {
  SESSION_COOKIE,
  SESSION_HOURS,
  isLoopbackHost,
  sameSecret,
  sha256,
  tokenChecker,
} from './auth.js';
import {normaliseOrigins} from './cors.js';
import {HttpError} from './http.js';
import {ingestPlugin} from './ingest.js';
import {defaultKinds} from './kinds.js';
import {pagesPlugin, renderErrorPage, renderSignIn} from './pages.js';
import {StoreUnavailableError} from './storage/index.js';

/** Headers on every answer that may carry personal data. */
export const PRIVATE_HEADERS = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
};

/** The pages' policy: no script at all, styles from files only, forms to this host. */
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; " +
  "form-action 'self'; frame-ancestors 'none'";

/**
 * Where things live for a basePath.
 * @param {string} basePath
 */
export function layoutFor(basePath) {
  const base = `/${basePath.replace(/^\/+|\/+$/g, '')}`.replace(/^\/$/, '');
  const root = posix.dirname(base || '/').replace(/\/?$/, '/');
  return {base, root};
}

/**
 * @param {{
 *   storage: () => Promise<import('./storage/common.js').Storage>,
 *   trustedOrigins?: string[],
 *   allowedHosts?: string[],
 *   basePath?: string,
 *   maxBodyBytes?: number,
 *   kinds?: any[],
 *   logger?: boolean | object,
 *   trustProxy?: boolean | string,
 *   standalone?: boolean,
 *   now?: () => Date,
 *   simulatedLabel?: boolean,
 * }} options
 */
export async function buildApp({
  storage,
  trustedOrigins = [],
  allowedHosts = [],
  basePath = '/api',
  maxBodyBytes = 256 * 1024,
  kinds = defaultKinds,
  logger = false,
  trustProxy = false,
  standalone = false,
  now = () => new Date(),
}) {
  const trusted = normaliseOrigins(trustedOrigins);
  const {base, root} = layoutFor(basePath);
  const hosts = allowedHostSet(allowedHosts, trusted);

  const app = Fastify({
    logger: logger === true ? requestLogger() : logger,
    // One line per request (the onResponse hook below), not Fastify's two.
    logController: new LogController({disableRequestLogging: true}),
    trustProxy,
    bodyLimit: maxBodyBytes,
    // Bound how long a slow client can hold a connection.
    requestTimeout: 30_000,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });

  if (logger) {
    app.addHook('onResponse', async (req, reply) => {
      req.log.info({
        method: req.method,
        path: req.url.split('?')[0].slice(0, 200),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      });
    });
  }
  app.addHook('onSend', async (_req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
  });

  // --- Host allow-list (DNS rebinding) -------------------------------------------------
  app.addHook('onRequest', async (req) => {
    if (req.url === `${root}health` || req.url.startsWith(`${root}health?`)) return;
    // X-Forwarded-Host only from a proxy we were told to trust: a rebinding page may send
    // any header to what it thinks is its own origin.
    const forwarded = trustProxy ? req.headers['x-forwarded-host'] : undefined;
    const host = String(forwarded ?? req.headers.host ?? '')
      .split(',')[0]
      .trim()
      .toLowerCase();
    if (!hosts.allows(host)) {
      throw new HttpError(
        421,
        'host-not-allowed',
        `This server does not answer for the host "${host.slice(0, 100)}". ` +
          'Add it with --allowed-host (ALLOWED_HOSTS) if it is yours.',
      );
    }
  });

  // --- errors --------------------------------------------------------------------------
  app.setErrorHandler((error, req, reply) => {
    const err = /** @type {any} */ (error);
    const wantsHtml = isPageRequest(req, root);
    let status = 500;
    let body = {error: 'internal', message: 'Something went wrong.'};
    /** @type {Record<string, string>} */
    let headers = {};
    if (error instanceof HttpError) {
      status = error.status;
      body = {error: error.code, message: error.message, ...error.extra};
      headers = error.headers;
    } else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) {
      status = 413;
      body = {error: 'body-too-large', message: `The body must be at most ${maxBodyBytes} bytes.`};
      // The rest of the body is not read: close rather than parse it as the next request.
      headers = {connection: 'close'};
    } else if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.statusCode === 415) {
      const accepted = req.routeOptions.config?.accepts ?? 'application/json';
      status = 415;
      body = {error: 'unsupported-media-type', message: `Send the body as ${accepted} (UTF-8).`};
      headers = {'accept-post': accepted};
    } else if (error instanceof StoreUnavailableError) {
      req.log.warn(
        {err: {message: error.message, cause: /** @type {any} */ (error.cause)?.message}},
        'store unavailable',
      );
      // 503 tells the widget to keep the response and try again later.
      status = 503;
      body = {error: 'unavailable', message: error.message};
      headers = {'retry-after': '30'};
    } else if (err.statusCode === 429) {
      status = 429;
      body = {
        error: 'too-many-requests',
        message: 'Too many attempts. Wait a minute, then try again.',
      };
    } else if (
      typeof err.statusCode === 'number' &&
      err.statusCode >= 400 &&
      err.statusCode < 500
    ) {
      status = err.statusCode;
      body = {error: 'bad-request', message: String(err.message).slice(0, 200)};
    } else {
      req.log.error({err: {message: err?.message, stack: err?.stack}}, 'unexpected error');
    }
    reply.code(status).headers(headers).header('cache-control', 'no-store');
    if (wantsHtml && status !== 413) {
      reply.type('text/html; charset=utf-8').header('content-security-policy', PAGE_CSP);
      return reply.send(renderErrorPage({root, status, message: body.message}));
    }
    reply.type('application/json; charset=utf-8');
    return reply.send(JSON.stringify(body));
  });

  // --- sign-in -------------------------------------------------------------------------
  await app.register(cookie);
  await app.register(formbody, {bodyLimit: 16 * 1024});
  await app.register(rateLimit, {global: false});

  const checkToken = tokenChecker(
    /** @type {any} */ ({getSetting: async (name) => (await storage()).getSetting(name)}),
  );

  /** Who is asking: a script with a Bearer token, a signed-in session, or nobody. */
  async function identify(/** @type {import('fastify').FastifyRequest} */ req) {
    const auth = req.headers.authorization;
    if (typeof auth === 'string' && /^Bearer\s+/i.test(auth)) {
      const ok = await checkToken(auth.replace(/^Bearer\s+/i, '').trim());
      return ok ? {actor: 'token', csrf: null, viaToken: true} : null;
    }
    const id = req.cookies?.[SESSION_COOKIE];
    if (!id) return null;
    const session = await (await storage()).getSession(sha256(id), now().toISOString());
    return session
      ? {actor: 'admin (session)', csrf: session.csrf, viaToken: false, idHash: sha256(id)}
      : null;
  }

  /** preHandler: signed in, or 401 (scripts) / a redirect to the sign-in page (people). */
  const requireReader = async (/** @type {any} */ req, /** @type {any} */ reply) => {
    const who = await identify(req);
    if (who) {
      req.user = who;
      return;
    }
    if (isPageRequest(req, root) && !req.headers.authorization) {
      const next = encodeURIComponent(req.url);
      return reply.redirect(`${root}signin?next=${next}`, 303);
    }
    reply.header('www-authenticate', 'Bearer realm="resilience-survey results"');
    throw new HttpError(
      401,
      'sign-in-required',
      'Sign in first: a session, or Authorization: Bearer <token>.',
    );
  };

  /** preHandler for forms that change data: signed in, CSRF token, same-origin. */
  const requireWriter = async (/** @type {any} */ req, /** @type {any} */ reply) => {
    await requireReader(req, reply);
    if (reply.sent) return;
    const origin = req.headers.origin;
    if (origin && origin !== 'null') {
      const forwarded = trustProxy ? req.headers['x-forwarded-host'] : undefined;
      const host = String(forwarded ?? req.headers.host ?? '')
        .split(',')[0]
        .trim();
      let originHost = '';
      try {
        originHost = new URL(origin).host;
      } catch {
        // not ours
      }
      if (originHost !== host)
        throw new HttpError(403, 'cross-site', 'This form may only be sent from this site.');
    } else if (origin === 'null') {
      throw new HttpError(403, 'cross-site', 'This form may only be sent from this site.');
    }
    if (req.user.viaToken) return; // a script: no cookie, so no CSRF to fear
    if (!sameSecret(req.body?._csrf, req.user.csrf)) {
      throw new HttpError(403, 'csrf', 'This form has expired. Reload the page and try again.');
    }
  };

  const secureCookie = (/** @type {import('fastify').FastifyRequest} */ req) =>
    !isLoopbackHost(req.hostname.replace(/:\d+$/, ''));

  await app.register(async (auth) => {
    auth.get(`${root}signin`, async (req, reply) => {
      const next = safeNext(/** @type {any} */ (req.query).next, root);
      reply
        .headers(PRIVATE_HEADERS)
        .header('content-security-policy', PAGE_CSP)
        .type('text/html; charset=utf-8');
      return renderSignIn({root, next});
    });
    auth.post(
      `${root}signin`,
      {config: {rateLimit: {max: 10, timeWindow: '1 minute'}}},
      async (req, reply) => {
        const body = /** @type {any} */ (req.body ?? {});
        const next = safeNext(body.next, root);
        reply
          .headers(PRIVATE_HEADERS)
          .header('content-security-policy', PAGE_CSP)
          .type('text/html; charset=utf-8');
        if (!(await checkToken(String(body.token ?? '').trim()))) {
          req.log.info({event: 'sign-in-failed'});
          reply.code(401);
          return renderSignIn({
            root,
            next,
            error: 'That access token is not right. Check it and try again.',
          });
        }
        const id = randomBytes(32).toString('base64url');
        const expires = new Date(now().getTime() + SESSION_HOURS * 3600_000);
        await (
          await storage()
        ).createSession({
          idHash: sha256(id),
          csrf: randomBytes(24).toString('base64url'),
          expiresAt: expires.toISOString(),
        });
        reply.setCookie(SESSION_COOKIE, id, {
          path: root,
          httpOnly: true,
          sameSite: 'strict',
          secure: secureCookie(req),
          expires,
        });
        return reply.redirect(next, 303);
      },
    );
    auth.post(`${root}signout`, {preHandler: requireWriter}, async (req, reply) => {
      const user = /** @type {any} */ (req).user;
      if (user.idHash) await (await storage()).deleteSession(user.idHash);
      reply.clearCookie(SESSION_COOKIE, {
        path: root,
        httpOnly: true,
        sameSite: 'strict',
        secure: secureCookie(req),
      });
      return reply.redirect(`${root}signin`, 303);
    });
  });

  // --- ingest and read API -------------------------------------------------------------
  await app.register(ingestPlugin, {
    prefix: base,
    kinds,
    trusted,
    maxBodyBytes,
    storage,
    requireReader,
  });

  // --- pages ---------------------------------------------------------------------------
  await app.register(pagesPlugin, {root, base, storage, requireReader, requireWriter, now});

  // --- health --------------------------------------------------------------------------
  app.get(`${root}health`, async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      await (await storage()).ping();
      return {status: 'ok', database: 'ok'};
    } catch {
      reply.code(503);
      return {status: 'unavailable', database: 'not answering'};
    }
  });

  if (standalone) {
    app.get('/', async (_req, reply) => reply.redirect(`${root}results`, 303));
    app.setNotFoundHandler(async (_req, reply) =>
      reply.code(404).type('text/plain; charset=utf-8').send('Not found\n'),
    );
  }
  return app;
}

/** Requests answered with HTML on error: the pages, not the API or the downloads. */
function isPageRequest(
  /** @type {import('fastify').FastifyRequest} */ req,
  /** @type {string} */ root,
) {
  const path = req.url.split('?')[0];
  return (
    (path === `${root}results` || path.startsWith(`${root}results/`) || path === `${root}signin`) &&
    !path.endsWith('.csv')
  );
}

/** Only a path on this server may be a redirect target after sign-in. */
function safeNext(/** @type {unknown} */ next, /** @type {string} */ root) {
  return typeof next === 'string' &&
    next.startsWith(root) &&
    !next.startsWith('//') &&
    !/[\\\r\n]/.test(next)
    ? next
    : `${root}results`;
}

/**
 * Hosts this server answers for: loopback names, the hosts of the trusted origins, and
 * any listed with --allowed-host. `*` allows every host (not advised).
 * @param {string[]} listed @param {Set<string>} trusted
 */
export function allowedHostSet(listed, trusted) {
  const names = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
  for (const origin of trusted) {
    try {
      names.add(new URL(origin).hostname.toLowerCase());
    } catch {
      // 'null'
    }
  }
  let any = false;
  for (const entry of listed.map((h) => h.trim().toLowerCase()).filter(Boolean)) {
    if (entry === '*') any = true;
    else names.add(entry.replace(/:\d+$/, ''));
  }
  return {
    allows(/** @type {string} */ host) {
      if (any) return true;
      if (!host) return false;
      const name = host.startsWith('[')
        ? host.slice(0, host.indexOf(']') + 1)
        : host.replace(/:\d+$/, '');
      return names.has(name);
    },
  };
}

let stdoutStream;
function logStream() {
  if (!stdoutStream) {
    stdoutStream = pino.destination({dest: 1, sync: false});
    // Whatever is still buffered goes out before the process ends.
    process.on('exit', () => {
      try {
        stdoutStream.flushSync();
      } catch {
        // nothing more to do at exit
      }
    });
  }
  return stdoutStream;
}

/** Structured request logs: method, path, status, time; never bodies or query values. */
export function requestLogger() {
  return {
    level: 'info',
    // Written asynchronously: a slow log reader (a pipe, journald) must not stall requests.
    stream: logStream(),
    serializers: {
      req: (/** @type {any} */ req) => ({method: req.method, path: String(req.url).split('?')[0]}),
      res: (/** @type {any} */ res) => ({status: res.statusCode}),
    },
  };
}
