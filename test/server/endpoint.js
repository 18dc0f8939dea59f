// A real HTTP endpoint inside the test runner's dev server (a Koa middleware), so browser
// tests deliver over the network exactly as a page would.
//
//   POST   /__endpoint/<bucket>/responses  store a response (validated, deduplicated by key)
//   POST   /__endpoint/<bucket>/script     queue behaviours for the next response requests:
//          [{status: 503}, {status: 429, retryAfter: 1}, {status: 400, message: '…'},
//           {hang: true}, {drop: true}, {delay: 200}] ({delay} combines with the others)
//   GET    /__endpoint/<bucket>/log        {stored, attempts, violations, duplicates}
//          (an attempt the browser resent by itself has `resend: true`)
//   DELETE /__endpoint/<bucket>            forget the bucket
//
// Buckets keep parallel browsers and tests apart; each test uses a random one.
import {Buffer} from 'node:buffer';
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {clearTimeout, setTimeout} from 'node:timers';
import {URL} from 'node:url';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js');
const addFormats = require('ajv-formats');

const schema = JSON.parse(
  readFileSync(new URL('../../schema/response.schema.json', import.meta.url), 'utf8'),
);

const PREFIX = '/__endpoint/';
const MAX_BODY = 2 * 1024 * 1024;
// A hung request is dropped after this even if the client never gives up.
const HANG_LIMIT_MS = 60_000;

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function newBucket() {
  return {
    script: [],
    lastTag: null,
    lastStep: null,
    stored: [],
    keys: new Set(),
    attempts: [],
    violations: [],
    duplicates: 0,
  };
}

/** The middleware, and its state for Node tests. */
export function testEndpoint() {
  const ajv = new Ajv2020({allErrors: true, strict: true});
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const buckets = new Map();
  const bucket = (name) => {
    if (!buckets.has(name)) buckets.set(name, newBucket());
    return buckets.get(name);
  };

  const json = (ctx, status, body) => {
    ctx.status = status;
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(body);
  };

  async function receive(ctx, b) {
    const raw = await readBody(ctx.req);
    const key = ctx.get('Idempotency-Key') || null;
    // Browsers resend by themselves when a reused connection drops or answers 408 (Chromium
    // up to three times). A test's fetch tags each of its own calls, so a resend meets the
    // same behaviour as the request it repeats and the script stays per attempt of the client.
    const tag = ctx.get('X-Test-Attempt') || null;
    const resend = tag !== null && tag === b.lastTag;
    const step = resend ? b.lastStep : (b.script.shift() ?? {});
    b.lastTag = tag;
    b.lastStep = step;
    const attempt = {
      key,
      resend,
      status: null,
      contentType: ctx.get('Content-Type') || null,
      headers: {
        'x-csrf-token': ctx.get('X-CSRF-Token') || undefined,
        'if-none-exist': ctx.get('If-None-Exist') || undefined,
      },
      body: raw,
      at: Date.now(),
    };
    b.attempts.push(attempt);
    if (step.delay) await wait(step.delay);

    if (step.drop) {
      attempt.status = 'drop';
      ctx.respond = false;
      ctx.req.socket.destroy();
      return;
    }
    if (step.hang) {
      attempt.status = 'hang';
      ctx.respond = false;
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, HANG_LIMIT_MS);
        ctx.res.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      ctx.req.socket.destroy();
      return;
    }
    if (step.redirect) {
      attempt.status = 307;
      ctx.status = 307;
      ctx.set('Location', step.redirect);
      return;
    }
    if (step.status) {
      attempt.status = step.status;
      if (step.retryAfter !== undefined) ctx.set('Retry-After', String(step.retryAfter));
      if (step.text !== undefined) {
        ctx.status = step.status;
        ctx.type = step.type ?? 'text/plain';
        ctx.body = step.text;
      } else {
        json(ctx, step.status, {message: step.message ?? `scripted ${step.status}`});
      }
      return;
    }

    let body;
    try {
      body = JSON.parse(raw);
    } catch {
      attempt.status = 400;
      b.violations.push({key, message: 'body is not JSON'});
      json(ctx, 400, {message: 'Body is not JSON.'});
      return;
    }
    if (!key) b.violations.push({key, message: 'no Idempotency-Key header'});
    else if (body && body.id !== key) {
      b.violations.push({key, message: `Idempotency-Key ${key} is not the body id ${body.id}`});
    }
    if (!/^application\/json\b/.test(attempt.contentType ?? '')) {
      b.violations.push({key, message: `Content-Type is ${attempt.contentType}`});
    }
    if (key && b.keys.has(key)) {
      b.duplicates++;
      attempt.status = 200;
      attempt.duplicate = true;
      json(ctx, 200, {id: key, duplicate: true});
      return;
    }
    if (!validate(body)) {
      for (const error of validate.errors ?? []) {
        b.violations.push({key, message: `${error.instancePath || '/'} ${error.message}`});
      }
    }
    if (key) b.keys.add(key);
    b.stored.push(body);
    attempt.status = 201;
    json(ctx, 201, {id: key});
  }

  const middleware = async (ctx, next) => {
    if (!ctx.path.startsWith(PREFIX)) return next();
    const [name, action, ...rest] = ctx.path.slice(PREFIX.length).split('/');
    if (!name || !/^[\w-]{1,100}$/.test(name) || rest.length) {
      json(ctx, 404, {message: 'Unknown endpoint path.'});
      return;
    }
    const b = bucket(name);
    if (action === 'responses' && ctx.method === 'POST') return receive(ctx, b);
    if (action === 'script' && ctx.method === 'POST') {
      let steps;
      try {
        steps = JSON.parse(await readBody(ctx.req));
      } catch {
        steps = null;
      }
      if (!Array.isArray(steps)) {
        json(ctx, 400, {message: 'The script is a JSON array of behaviours.'});
        return;
      }
      b.script.push(...steps);
      json(ctx, 200, {queued: b.script.length});
      return;
    }
    if (action === 'log' && ctx.method === 'GET') {
      json(ctx, 200, {
        stored: b.stored,
        attempts: b.attempts,
        violations: b.violations,
        duplicates: b.duplicates,
      });
      return;
    }
    if (action === undefined && ctx.method === 'DELETE') {
      buckets.delete(name);
      ctx.status = 204;
      return;
    }
    json(ctx, 405, {message: `${ctx.method} ${ctx.path} is not supported.`});
  };
  middleware.buckets = buckets;
  return middleware;
}
