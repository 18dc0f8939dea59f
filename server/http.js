// Small helpers around Node's http objects: errors that carry a status, a bounded body
// reader, and replies.

import {Buffer} from 'node:buffer';

/** An error that becomes an HTTP answer `{error: code, message, ...extra}`. */
export class HttpError extends Error {
  constructor(status, code, message, {headers = {}, ...extra} = {}) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.headers = headers;
    this.extra = extra;
  }
}

/**
 * Reads the whole request body, refusing (413) past `limit` bytes — before reading
 * anything when Content-Length already says so, otherwise as soon as the stream passes it.
 * @returns {Promise<Buffer>}
 */
export function readBody(req, limit) {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let done = false;
    const finish = (fn, value) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      fn(value);
    };
    const onData = (chunk) => {
      size += chunk.length;
      if (size > limit) finish(reject, tooLarge(limit));
      else chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => finish(resolve, Buffer.concat(chunks)));
    req.on('error', (error) => finish(reject, error));
    req.on('close', () => {
      if (!req.complete) finish(reject, new HttpError(400, 'aborted', 'The request was aborted.'));
    });
  });
}

function tooLarge(limit) {
  return new HttpError(413, 'body-too-large', `The body must be at most ${limit} bytes.`, {
    // The rest of the body is not read: close the connection rather than parse it as the
    // next request.
    headers: {connection: 'close'},
  });
}

/** The media type of a request without parameters, lower-cased (`''` when absent). */
export function mediaType(req) {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/** True when the Content-Type names a charset other than UTF-8 (JSON must be UTF-8). */
export function hasForeignCharset(req) {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '');
  return Boolean(match && !/^utf-?8$/i.test(match[1]));
}

export function send(res, status, body, headers = {}) {
  const buf = typeof body === 'string' || Buffer.isBuffer(body) ? body : String(body ?? '');
  res.writeHead(status, {
    'x-content-type-options': 'nosniff',
    'content-length': Buffer.byteLength(buf),
    ...headers,
  });
  res.end(buf);
}

export function sendJson(res, status, value, headers = {}) {
  send(res, status, JSON.stringify(value), {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
}

export function sendError(res, error, headers = {}) {
  sendJson(
    res,
    error.status,
    {error: error.code, message: error.message, ...error.extra},
    {
      ...headers,
      ...error.headers,
    },
  );
}
