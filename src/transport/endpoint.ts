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
  let parsed: URL;
  try {
    parsed = new URL(url, pageUrl);
  } catch {
    return {ok: false, message: `The endpoint "${url}" is not a valid URL.`};
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return {ok: false, message: `The endpoint must be an https: URL, not ${parsed.protocol}.`};
  }
  if (parsed.username || parsed.password) {
    return {ok: false, message: 'The endpoint URL must not contain a user name or password.'};
  }
  let page: URL | undefined;
  try {
    page = new URL(pageUrl);
  } catch {
    page = undefined;
  }
  if (
    parsed.protocol === 'https:' ||
    (page !== undefined && parsed.origin === page.origin) ||
    loopback.has(parsed.hostname)
  ) {
    return {ok: true, url: parsed};
  }
  return {
    ok: false,
    message: `The endpoint ${parsed.origin} must use https: (plain http is allowed only to this page's own origin or localhost).`,
  };
}
