// Which pages may send responses here. CORS itself only decides what a browser lets a page
// *read*; the endpoint also refuses to *store* anything a page from an untrusted origin
// sends, so a hostile site cannot fill the study with made-up answers through a visitor's
// browser.

const ALLOWED_HEADERS = [
  'Content-Type',
  'Idempotency-Key',
  'Authorization',
  'If-None-Exist',
  'X-Experience-API-Version',
  'X-CSRF-Token',
].join(', ');

/** Normalises configured origins (`https://a.example/` → `https://a.example`). */
export function normaliseOrigins(origins) {
  return new Set(
    origins
      .map((o) => o.trim())
      .filter(Boolean)
      .map((o) => {
        // `null` (sandboxed frames, file: pages) is never trusted unless listed literally.
        if (o === 'null') return o;
        const url = new URL(o);
        if (url.origin === 'null') throw new Error(`Not an origin: ${o}`);
        return url.origin;
      }),
  );
}

/**
 * Classifies a request: `none` (no Origin header: curl, a server, a same-origin GET),
 * `same` (the page is served by this host), `trusted`, or `untrusted`.
 *
 * Same-origin compares hosts only, not schemes: behind a TLS-terminating reverse proxy the
 * page is https while this process sees plain http.
 */
export function originKind(req, trusted) {
  const origin = req.headers.origin;
  if (origin === undefined) return 'none';
  if (trusted.has(origin)) return 'trusted';
  if (origin !== 'null') {
    try {
      const host = req.headers['x-forwarded-host'] ?? req.headers.host;
      if (host && new URL(origin).host === host.split(',')[0].trim().toLowerCase()) return 'same';
    } catch {
      // An unparseable Origin is simply not ours.
    }
  }
  return 'untrusted';
}

/** Headers that let a trusted cross-origin page read the answer. */
export function corsHeaders(req, kind) {
  if (kind !== 'trusted') return {vary: 'Origin'};
  return {
    'access-control-allow-origin': req.headers.origin,
    // The widget's `credentials="include"` sends cookies; allowed for trusted origins only.
    'access-control-allow-credentials': 'true',
    vary: 'Origin',
  };
}

/** Headers for the answer to a preflight from a trusted origin. */
export function preflightHeaders(req) {
  const headers = {
    ...corsHeaders(req, 'trusted'),
    'access-control-allow-methods': 'POST',
    'access-control-allow-headers': ALLOWED_HEADERS,
    'access-control-max-age': '600',
  };
  // Chrome's Private Network Access: a public page posting to an intranet server asks first.
  if (req.headers['access-control-request-private-network'] === 'true') {
    headers['access-control-allow-private-network'] = 'true';
  }
  return headers;
}
