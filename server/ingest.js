// @ts-check
// The ingest routes (a Fastify plugin, registered under basePath): POST bodies of every
// kind in kinds.js, CORS preflights, and the signed-in read API `GET /responses`.
//
// Parsing is this plugin's own: the raw bytes must be UTF-8, JSON, and nested at most
// MAX_DEPTH levels (checked before JSON.parse, so a body nested 60,000 deep is a 400, not
// a stack overflow further on). The contract's JSON body is validated by the route's JSON
// schema (schema/response.schema.json, through the same strict Ajv as before).

import {Readable} from 'node:stream';
import {corsHeaders, originKind, preflightHeaders} from './cors.js';
import {HttpError, hasForeignCharset} from './http.js';
import {ConflictError} from './storage/index.js';
import {compileValidator, describeErrors, responseSchema} from './validate.js';

export const MAX_DEPTH = 64;

/**
 * @param {Uint8Array} bytes
 * @returns {number} the deepest nesting of arrays/objects, stopping past MAX_DEPTH
 */
export function nestingDepth(bytes) {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === 0x5c) i++;
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x7b || b === 0x5b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > MAX_DEPTH) return deepest;
      }
    } else if (b === 0x7d || b === 0x5d) depth--;
  }
  return deepest;
}

/** @param {Buffer} bytes */
export function parseJsonBody(bytes) {
  let text;
  try {
    text = new TextDecoder('utf-8', {fatal: true}).decode(bytes);
  } catch (error) {
    throw new HttpError(
      400,
      'malformed-json',
      `The body is not valid UTF-8 JSON: ${/** @type {Error} */ (error).message}`,
    );
  }
  if (nestingDepth(bytes) > MAX_DEPTH) {
    throw new HttpError(400, 'invalid-body', `The body nests deeper than ${MAX_DEPTH} levels.`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(
      400,
      'malformed-json',
      `The body is not valid UTF-8 JSON: ${/** @type {Error} */ (error).message}`,
    );
  }
}

/**
 * @param {import('fastify').FastifyInstance} app
 * @param {{
 *   kinds: Array<any>, trusted: Set<string>, maxBodyBytes: number,
 *   storage: () => Promise<import('./storage/common.js').Storage>,
 *   requireReader: import('fastify').preHandlerAsyncHookHandler,
 * }} options
 */
export async function ingestPlugin(app, {kinds, trusted, maxBodyBytes, storage, requireReader}) {
  app.setValidatorCompiler(compileValidator);
  app.removeAllContentTypeParsers();
  const mediaTypes = [...new Set(kinds.map((k) => k.mediaType))];
  app.addContentTypeParser(
    mediaTypes,
    {parseAs: 'buffer', bodyLimit: maxBodyBytes},
    (_req, body, done) => {
      try {
        done(null, parseJsonBody(/** @type {Buffer} */ (body)));
      } catch (error) {
        done(/** @type {Error} */ (error), undefined);
      }
    },
  );

  /** @type {Map<string, any[]>} */
  const byPath = new Map();
  for (const kind of kinds) byPath.set(kind.path, [...(byPath.get(kind.path) ?? []), kind]);

  for (const [path, pathKinds] of byPath) {
    const accepted = pathKinds.map((k) => k.mediaType).join(', ');
    const readable = path === '/responses';
    const allow = readable ? 'GET, POST, OPTIONS' : 'POST, OPTIONS';

    /** Untrusted origins are refused before anything is read or stored. */
    const checkOrigin = async (/** @type {any} */ req, /** @type {any} */ reply) => {
      req.originKind = originKind(req.raw, trusted);
      if (req.originKind === 'untrusted') {
        reply.header('vary', 'Origin');
        throw new HttpError(403, 'origin-not-allowed', 'This origin may not send responses here.');
      }
      reply.headers(corsHeaders(req.raw, req.originKind));
      if (req.method === 'POST') {
        const type = String(req.headers['content-type'] ?? '')
          .split(';')[0]
          .trim()
          .toLowerCase();
        if (!pathKinds.some((k) => k.mediaType === type) || hasForeignCharset(req.raw)) {
          throw new HttpError(
            415,
            'unsupported-media-type',
            `Send the body as ${accepted} (UTF-8).`,
            {
              headers: {'accept-post': accepted},
            },
          );
        }
      }
    };

    const jsonKind = pathKinds.find((k) => k.name === 'response');
    app.route({
      method: 'POST',
      url: path,
      onRequest: checkOrigin,
      config: {accepts: accepted},
      schema: jsonKind
        ? {body: {content: {'application/json': {schema: responseSchema}}}}
        : undefined,
      attachValidation: true,
      handler: async (req, reply) => {
        const type = String(req.headers['content-type']).split(';')[0].trim().toLowerCase();
        const kind = pathKinds.find((k) => k.mediaType === type);
        if (req.validationError && kind === jsonKind) {
          const invalid = describeErrors(/** @type {any} */ (req.validationError).validation);
          throw new HttpError(400, 'invalid-body', invalid.message, {errors: invalid.errors});
        }
        const entries = kind.entries(req.body, req.headers);
        const cohort = cohortOf(req.query);
        let results;
        try {
          results = await (await storage()).put(kind.name, entries, {cohort});
        } catch (error) {
          if (error instanceof ConflictError) {
            throw new HttpError(409, 'idempotency-conflict', error.message);
          }
          throw error;
        }
        const answer = kind.reply(results);
        reply.code(answer.status).headers(answer.headers ?? {});
        if (!answer.headers?.['content-type']) reply.type('application/json; charset=utf-8');
        reply.header('cache-control', 'no-store');
        return JSON.stringify(answer.body);
      },
    });

    app.route({
      method: 'OPTIONS',
      url: path,
      onRequest: async (req, reply) => {
        const kind = originKind(req.raw, trusted);
        if (kind === 'untrusted') {
          reply.header('vary', 'Origin');
          throw new HttpError(
            403,
            'origin-not-allowed',
            'This origin may not send responses here.',
          );
        }
        reply.code(204).headers(kind === 'trusted' ? preflightHeaders(req.raw) : {vary: 'Origin'});
        return reply.send();
      },
      handler: async () => undefined,
    });

    if (readable) {
      app.route({
        method: 'GET',
        url: path,
        preHandler: requireReader,
        handler: async (req, reply) => {
          const wanted = /** @type {any} */ (req.query).kind || undefined;
          reply.type('application/json; charset=utf-8').header('cache-control', 'no-store');
          return reply.send(Readable.from(streamList((await storage()).records({kind: wanted}))));
        },
      });
    }
    const others = ['PUT', 'DELETE', 'PATCH', ...(readable ? [] : ['GET', 'HEAD'])];
    app.route({
      method: others,
      url: path,
      handler: async () => {
        throw new HttpError(405, 'method-not-allowed', `Allowed: ${allow}.`, {headers: {allow}});
      },
    });
  }
}

/** The cohort label a page sends as `?cohort=` on the endpoint URL (bounded, trimmed). */
export function cohortOf(/** @type {any} */ query) {
  const value = typeof query?.cohort === 'string' ? query.cohort.trim() : '';
  return value ? value.slice(0, 100) : null;
}

/**
 * `{"responses": [...]}` written record by record, so a large store is never one string.
 * @param {AsyncIterable<any>} records
 */
async function* streamList(records) {
  yield '{"responses":[';
  let first = true;
  for await (const {seq, kind, key, receivedAt, body} of records) {
    yield `${first ? '' : ','}${JSON.stringify({seq, kind, key, receivedAt, body})}`;
    first = false;
  }
  yield ']}';
}
