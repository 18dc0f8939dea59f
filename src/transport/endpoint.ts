/** Which endpoints a page may configure. Pure. */

export type EndpointCheck =
  {readonly ok: true; readonly url: URL} | {readonly ok: false; readonly message: string};

const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Accepts `https:` anywhere, the page's own origin (an http intranet posting to itself), and
 * `http:` on this machine (development). Anything else — plain http to another host, other
 * schemes, credentials in the URL — is refused: the element reports `endpoint-invalid`.
 * A relative `url` is resolved against `pageUrl`.
 */
export function checkEndpoint(url: string, pageUrl: string): EndpointCheck {
  const refuse = (why: string): EndpointCheck => ({ok: false, message: `Endpoint ${url}: ${why}`});
  let parsed: URL;
  try {
    parsed = new URL(url, pageUrl);
  } catch {
    return refuse('not a valid URL');
  }
  let pageOrigin: string | undefined;
  try {
    pageOrigin = new URL(pageUrl).origin;
  } catch {
    // No page origin to match: only https: and this machine pass.
  }
  // The message must not repeat the secret it refuses.
  if (parsed.username || parsed.password)
    return {ok: false, message: `Endpoint ${parsed.origin}: no user name or password in the URL`};
  const {protocol, origin, hostname} = parsed;
  return protocol === 'https:' ||
    (protocol === 'http:' && (origin === pageOrigin || loopback.has(hostname)))
    ? {ok: true, url: parsed}
    : refuse("https: only (http: to this page's own origin or localhost)");
}

/**
 * Whether `url` is `base` or a path below it (`base` with or without its trailing slash). A
 * prefix alone would let https://lrs.example.evil pass for https://lrs.example.
 */
export const atOrBelow = (url: string, base: string): boolean =>
  url === base || url.startsWith(base.replace(/\/*$/, '/'));

/**
 * Where a finished response goes, read once from the page's `endpoint`: none (or only white
 * space) keeps it on the device (`local`); one it may not send to keeps it too and is reported
 * (`refused`); else `send`, to the address resolved against the page.
 */
export type Destination =
  | {readonly kind: 'local'}
  | {readonly kind: 'refused'; readonly message: string}
  | {readonly kind: 'send'; readonly url: string};

export function resolveEndpoint(endpoint: unknown, pageUrl: string): Destination {
  // A page may hand in a URL object as the property: read it as text.
  const text = String(endpoint ?? '').trim();
  if (!text) return {kind: 'local'};
  const check = checkEndpoint(text, pageUrl);
  return check.ok ? {kind: 'send', url: check.url.href} : {kind: 'refused', message: check.message};
}

/** The page's headers go to its own endpoint only (xAPI posts below it, to /statements). */
export const headersFor = <H>(destination: Destination, url: string, headers: H): H | undefined =>
  destination.kind === 'send' && atOrBelow(url, destination.url) ? headers : undefined;
