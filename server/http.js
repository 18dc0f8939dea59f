// @ts-check
// Errors that carry an HTTP answer, and the charset check of a request's Content-Type.

/** An error that becomes an HTTP answer `{error: code, message, ...extra}`. */
export class HttpError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   * @param {{headers?: Record<string, string>} & Record<string, unknown>} [extra]
   */
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
 * True when the Content-Type names a charset other than UTF-8 (JSON must be UTF-8).
 * @param {import('node:http').IncomingMessage} req
 */
export function hasForeignCharset(req) {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '');
  return Boolean(match && !/^utf-?8$/i.test(match[1]));
}
