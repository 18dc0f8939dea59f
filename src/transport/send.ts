/**
 * One delivery attempt of a stored request. `fetch` and the `AbortSignal` come from the
 * caller; nothing here retries or sleeps (see `outbox.ts` and `backoff.ts`).
 */
import {formatOf, formats} from './formats.js';

export interface SendRequest {
  /** The response id: sent as `Idempotency-Key`, the same on every retry. */
  readonly id: string;
  readonly url: string;
  /** A name in `formats.ts`; the JSON headers for one it does not know. */
  readonly format: string;
  readonly body: string;
  /** The page's extra headers (a CSRF token, an `Authorization`). */
  readonly headers?: {readonly [name: string]: string};
  readonly credentials?: RequestCredentials;
}

export type SendResult =
  | {readonly kind: 'delivered'; readonly status: number}
  | {
      readonly kind: 'retry';
      /** Absent after a network failure or a timeout. */
      readonly status?: number;
      readonly retryAfterMs?: number;
      readonly message: string;
    }
  | {readonly kind: 'rejected'; readonly status: number; readonly message: string};

export interface SendOptions {
  readonly fetch: typeof fetch;
  /** Aborting it stops the attempt; `send` then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** An attempt with no answer by then counts as a network failure. */
  readonly timeoutMs?: number;
  /** For an HTTP-date `Retry-After`. */
  readonly now?: () => number;
}

export const SEND_TIMEOUT_MS = 30_000;

/** 408, 425, 429 and 5xx may succeed later; other 4xx will not. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/** `Retry-After` as milliseconds from `now`: delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  // No header: neither seconds nor a date.
  const text = (value ?? '').trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const MESSAGE_LENGTH = 300;

function tidy(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MESSAGE_LENGTH ? `${flat.slice(0, MESSAGE_LENGTH - 1)}…` : flat;
}

/** The server's reason: JSON `message` or `error`, or plain text; never a page of HTML. */
async function serverMessage(response: Response): Promise<string> {
  const fallback = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  let text: string;
  try {
    text = await response.text();
  } catch {
    return fallback;
  }
  if (response.headers.get('Content-Type')?.includes('html')) return fallback;
  try {
    // `null` and other non-objects have no reason in them.
    const {message, error} = Object(JSON.parse(text)) as {message?: unknown; error?: unknown};
    // The first string of `message`, `error` and `error.message`.
    const found = [message, error, (Object(error) as {message?: unknown}).message].find(
      (m): m is string => typeof m === 'string',
    );
    if (found?.trim()) return tidy(found);
  } catch {
    // Not JSON: plain text.
  }
  return tidy(text) || fallback;
}

export async function send(request: SendRequest, options: SendOptions): Promise<SendResult> {
  const {signal, timeoutMs = SEND_TIMEOUT_MS, now = Date.now} = options;
  signal?.throwIfAborted();
  let headers: Headers;
  try {
    headers = new Headers(request.headers);
    const needed = formats[formatOf(request.format)].headers(request.id);
    for (const [name, value] of Object.entries(needed)) {
      headers.set(name, value);
    }
    headers.set('Idempotency-Key', request.id);
  } catch (error) {
    return {kind: 'rejected', status: 0, message: `Invalid request headers: ${String(error)}`};
  }

  const late = `No answer within ${timeoutMs} ms`;
  const attempt = new AbortController();
  const timer = setTimeout(() => attempt.abort(new DOMException(late, 'TimeoutError')), timeoutMs);
  const stop = () => attempt.abort(signal?.reason);
  signal?.addEventListener('abort', stop);
  try {
    const response = await options.fetch(request.url, {
      method: 'POST',
      headers,
      body: request.body,
      credentials: request.credentials ?? 'same-origin',
      signal: attempt.signal,
      // Not `keepalive`: its 64 kB limit would fail a long body silently.
      cache: 'no-store',
      // A redirect would carry the answers to an address the page did not configure.
      redirect: 'manual',
    });
    if (response.type === 'opaqueredirect') {
      return {
        kind: 'rejected',
        status: 0,
        message: 'Redirect refused: answers go only to the endpoint',
      };
    }
    const {status} = response;
    if (status >= 200 && status < 300) {
      // Read to its end (within the attempt's time): a cancelled body shows a delivered
      // response as net::ERR_ABORTED in the browser's network panel.
      await response.arrayBuffer().catch(() => undefined);
      return {kind: 'delivered', status};
    }
    const message = await serverMessage(response);
    // Other 4xx will not change by asking again; nor will a 3xx that is no redirect (a 304
    // or 300 to a POST is a server set up wrong), which would otherwise be retried for ever.
    if (!isRetryableStatus(status)) return {kind: 'rejected', status, message};
    const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), now());
    return retryAfterMs === undefined
      ? {kind: 'retry', status, message}
      : {kind: 'retry', status, retryAfterMs, message};
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    return {
      kind: 'retry',
      // Nothing else aborts the attempt but the timer.
      message: attempt.signal.aborted
        ? late
        : tidy(`Network failure: ${error instanceof Error ? error.message : String(error)}`),
    };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', stop);
  }
}
