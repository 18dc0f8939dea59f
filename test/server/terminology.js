// A FHIR terminology server inside the test runner's dev server (a Koa middleware), so the
// survey's `terminology` attribute is tested over real HTTP.
//
//   GET /__terminology/<bucket>-<mode>/ValueSet/$expand?url=…[&valueSetVersion=…]
//   GET /__terminology/<bucket>-<mode>/log      the requests so far: [{url, valueSetVersion}]
//
// Modes: `ok` expands the few value sets it knows (KNOWN: the corpus's HL7 ones, with their
// real codes) as they are, and every other canonical into three codes made from its last path
// segment (`…/ValueSet/anc-b10-de1` → anc-b10-de1-1 … -3, displays "anc-b10-de1 1" …), except a
// canonical ending in `/unknown` (404 with an OperationOutcome); `outcome` answers 200 with an
// OperationOutcome; `error` answers 500; `hang` never answers (until the client gives up);
// `big` expands into 1,500 codes. Buckets keep parallel tests apart.
import {URL} from 'node:url';

const PREFIX = '/__terminology/';
const logs = new Map();

const v2 = 'http://terminology.hl7.org/CodeSystem/v2-0532';
const hl7 = (name) => `http://terminology.hl7.org/CodeSystem/${name}`;
/** Value sets whose real codes the corpus's enableWhen conditions name. */
const KNOWN = {
  // "Yes/No/Dont know" of the SDC enableWhen test form (its server is gone).
  'http://sqlonfhir-r4.azurewebsites.net/fhir/ValueSet/a015b6a1ac024dc19baec940be2c1695': [
    [v2, 'Y', 'Yes'],
    [v2, 'N', 'No'],
    [v2, 'ASKU', "Don't know"],
  ],
  'http://hl7.org/fhir/ValueSet/allergyintolerance-clinical': [
    [hl7('allergyintolerance-clinical'), 'active', 'Active'],
    [hl7('allergyintolerance-clinical'), 'inactive', 'Inactive'],
    [hl7('allergyintolerance-clinical'), 'resolved', 'Resolved'],
  ],
  'http://hl7.org/fhir/ValueSet/allergyintolerance-verification': [
    [hl7('allergyintolerance-verification'), 'unconfirmed', 'Unconfirmed'],
    [hl7('allergyintolerance-verification'), 'confirmed', 'Confirmed'],
    [hl7('allergyintolerance-verification'), 'refuted', 'Refuted'],
    [hl7('allergyintolerance-verification'), 'entered-in-error', 'Entered in Error'],
  ],
  'http://hl7.org/fhir/ValueSet/reaction-event-severity': [
    ['http://hl7.org/fhir/reaction-event-severity', 'mild', 'Mild'],
    ['http://hl7.org/fhir/reaction-event-severity', 'moderate', 'Moderate'],
    ['http://hl7.org/fhir/reaction-event-severity', 'severe', 'Severe'],
  ],
};

const outcome = (text) => ({
  resourceType: 'OperationOutcome',
  issue: [{severity: 'error', code: 'not-found', diagnostics: text}],
});

export function terminologyServer() {
  return async (ctx, next) => {
    if (!ctx.path.startsWith(PREFIX)) return next();
    const [bucketMode, ...rest] = ctx.path.slice(PREFIX.length).split('/');
    const mode = bucketMode.split('-').pop();
    const log = logs.get(bucketMode) ?? [];
    logs.set(bucketMode, log);
    if (rest.join('/') === 'log') {
      ctx.body = log;
      return;
    }
    if (ctx.method !== 'GET' || rest.join('/') !== 'ValueSet/$expand') {
      ctx.status = 404;
      return;
    }
    const query = new URL(ctx.url, 'http://x').searchParams;
    const url = query.get('url') ?? '';
    log.push({url, valueSetVersion: query.get('valueSetVersion')});
    ctx.type = 'application/fhir+json';
    if (mode === 'hang') {
      // Holds the request open until the browser aborts it (then the socket closes).
      await new Promise((resolve) => ctx.req.on('close', resolve));
      return;
    }
    const {status, body} = answer(mode, url);
    ctx.status = status;
    ctx.body = body;
  };
}

/** What the server answers in a mode (but `hang`) for a canonical's url: status and body. */
export function answer(mode, url) {
  if (mode === 'error') return {status: 500, body: outcome('broken on purpose')};
  if (mode === 'outcome' || url.endsWith('/unknown')) {
    return {status: mode === 'outcome' ? 200 : 404, body: outcome(`no ValueSet ${url}`)};
  }
  const name = url.split('/').pop() || 'vs';
  const contains =
    mode === 'ok' && KNOWN[url]
      ? KNOWN[url].map(([system, code, display]) => ({system, code, display}))
      : Array.from({length: mode === 'big' ? 1500 : 3}, (_, i) => ({
          system: 'http://example.org/test-codes',
          code: `${name}-${i + 1}`,
          display: `${name} ${i + 1}`,
        }));
  return {
    status: 200,
    body: {
      resourceType: 'ValueSet',
      url,
      status: 'active',
      expansion: {timestamp: '2026-11-27T09:00:00Z', total: contains.length, contains},
    },
  };
}
