// @ts-check
// The study team's pages (a Fastify plugin): the evaluation with its filters and downloads,
// data management (withdrawal, retention, the demo study's rows) and the audit log. Plain
// server-rendered HTML under a strict CSP: no script, no inline style, stylesheets from
// files. Every page needs sign-in; every form that changes data carries the CSRF token and
// is written to the audit log, as is every download.

import {readFile} from 'node:fs/promises';
import {Readable} from 'node:stream';
import {fileURLToPath} from 'node:url';
import {factsKeyFor} from './analysis/facts.js';
import {fhirToResponse} from './fhir.js';
import {statementsToResponses} from './xapi.js';
import {HttpError} from './http.js';
import {html, isolate, trusted} from './html.js';

const PAGE_CSS = new URL('./pages.css', import.meta.url);
const EVALUATION_CSS = new URL('./analysis/evaluation.css', import.meta.url);

export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; " +
  "form-action 'self'; frame-ancestors 'none'";

const PRIVATE_HEADERS = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
};

export const RETENTION_SETTING = 'retention-days';

/** A StoredResponse's body in the contract's shape, for the analysis (FHIR read across). */
export function toResponse(/** @type {any} */ row) {
  if (row.kind === 'response') return row.body;
  if (row.kind === 'fhir') return fhirToResponse(row.body);
  if (row.kind === 'xapi') return row.body?.answers ? row.body : null;
  return null;
}

/**
 * Rows for the evaluation and the exports: JSON and FHIR rows as stored (FHIR bodies read
 * into the contract's shape), then xAPI statements grouped into the responses they make
 * (xapi.js), each as one row of kind `xapi`. Statements are few next to responses; they are
 * the only rows held together, to group them.
 * @param {import('./storage/common.js').Storage} db
 * @param {import('./storage/common.js').ResponseFilter} filter
 */
export async function* analysisRows(db, filter) {
  for await (const row of db.responses({...filter, kind: 'response'})) yield row;
  for await (const row of db.responses({...filter, kind: 'fhir'})) yield fhirRow(row);
  yield* xapiRows(db, filter);
}

/** A stored FHIR row with its body read into the contract's shape. */
function fhirRow(/** @type {any} */ row) {
  const body = fhirToResponse(row.body);
  return {...row, id: body.id || row.id, timepoint: row.timepoint ?? body.timepoint, body};
}

/**
 * `a` before `b` (< 0), after (> 0) or the same: by code point, as storage orders the
 * participant column (SQLite's binary collation, PostgreSQL's "C": UTF-8 bytes), where
 * JavaScript's `<` compares UTF-16 units and puts U+10000 and up before U+E000–U+FFFF.
 */
export function byCodePoint(/** @type {string} */ a, /** @type {string} */ b) {
  if (a === b) return 0;
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === a.length || i === b.length) return a.length - b.length;
  return /** @type {number} */ (a.codePointAt(i)) - /** @type {number} */ (b.codePointAt(i));
}

/**
 * JSON and FHIR responses in participant order, for the wide CSV: the two streams, each in
 * storage's order (participant by code point, then seq), merged in that order (FHIR bodies
 * read into the contract's shape); of rows with the same participant, the JSON ones first.
 * @param {import('./storage/common.js').Storage} db
 * @param {import('./storage/common.js').ResponseFilter} filter
 */
export async function* participantRows(db, filter) {
  const open = (/** @type {'response'|'fhir'} */ kind) =>
    db.responses({...filter, kind, orderBy: 'participant'})[Symbol.asyncIterator]();
  const json = open('response');
  const fhir = open('fhir');
  try {
    let a = await json.next();
    let b = await fhir.next();
    while (!a.done || !b.done) {
      if (
        b.done ||
        (!a.done && byCodePoint(a.value.participant ?? '', b.value.participant ?? '') <= 0)
      ) {
        yield a.value;
        a = await json.next();
      } else {
        yield fhirRow(b.value);
        b = await fhir.next();
      }
    }
  } finally {
    // Stopped early (a download cut off): both streams let go of their pages.
    await json.return?.();
    await fhir.return?.();
  }
}

/**
 * xAPI statements grouped into the responses they make, each as one row of kind `xapi`.
 * @param {import('./storage/common.js').Storage} db
 * @param {import('./storage/common.js').ResponseFilter} filter
 */
async function* xapiRows(db, filter) {
  // Statements carry no pack column: group them all, then filter the responses they make.
  const statements = [];
  for await (const row of db.responses({
    ...filter,
    instrument: undefined,
    version: undefined,
    kind: 'xapi',
  })) {
    statements.push({seq: statements.length, kind: 'xapi-statement', body: row.body, row});
  }
  const {responses} = statementsToResponses(statements);
  const byId = new Map(statements.map((s) => [s.body?.id, s.row]));
  for (const response of responses) {
    const instrument = response.instrument?.id ?? null;
    const version = response.instrument?.version ?? null;
    if (filter.instrument && filter.instrument !== instrument) continue;
    if (filter.version && filter.version !== version) continue;
    const row = byId.get(response.id);
    yield {
      id: response.id,
      kind: 'xapi',
      receivedAt: row?.receivedAt ?? response.submittedAt,
      instrument,
      version,
      timepoint: response.timepoint ?? null,
      participant: response.participant ?? null,
      cohort: row?.cohort ?? null,
      simulated: Boolean(row?.simulated),
      body: response,
    };
  }
}

/**
 * Rows for the evaluation, a page at a time: JSON and FHIR responses as their stored facts
 * (analysis/facts.js), so no body is parsed, then xAPI statements as analysisRows makes them.
 * A row whose facts are missing or were made under another pack definition (a server with
 * other packs wrote it; the next start makes them again) is read from its body.
 * @param {import('./storage/common.js').Storage} db
 * @param {import('./storage/common.js').ResponseFilter} filter
 */
export async function* evaluationRows(db, filter, range = {}) {
  // Rows come mostly of one pack and version: the last key is kept.
  /** @type {{instrument: string|null, version: string|null, key: string}} */
  let last = {instrument: null, version: null, key: factsKeyFor(null, null)};
  const keyFor = (/** @type {string|null} */ instrument, /** @type {string|null} */ version) => {
    if (instrument !== last.instrument || version !== last.version) {
      last = {instrument, version, key: factsKeyFor(instrument, version)};
    }
    return last.key;
  };
  for (const kind of /** @type {const} */ (['response', 'fhir'])) {
    for await (const page of db.evaluationRows({...filter, kind}, range)) {
      /** @type {any[]} */
      const rows = page;
      for (const row of rows) {
        if (row.facts !== null && row.factsKey === keyFor(row.instrument, row.version)) {
          row.facts = JSON.parse(row.facts);
          // Such a row's timepoint column is empty only when the body has none (fhir.js).
          if (kind === 'fhir' && row.timepoint === null) row.timepoint = '(no timepoint)';
          continue;
        }
        row.facts = null;
        if (row.body === undefined) row.body = await db.body(row.seq);
        if (kind === 'fhir' && row.body) {
          row.body = fhirToResponse(row.body);
          row.timepoint ??= row.body.timepoint;
        }
      }
      yield rows;
    }
  }
  // Statements are grouped across rows: a kept evaluation with new ones is made again.
  if (range.after == null) yield* xapiRows(db, filter);
}

/**
 * The page around a fragment.
 * @param {{root: string, title: string, current?: string, csrf?: string|null, body: unknown, extraCss?: string[], signedIn?: boolean}} page
 */
export function layout({root, title, current, csrf, body, extraCss = [], signedIn = true}) {
  const nav = [
    ['results', 'Evaluation', `${root}results`],
    ['manage', 'Manage data', `${root}results/manage`],
    ['audit', 'Audit log', `${root}results/audit`],
  ];
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · Study results</title>
        <link rel="stylesheet" href="${root}results.css" />
        ${extraCss.map((href) => html`<link rel="stylesheet" href="${href}" />`)}
      </head>
      <body>
        <header class="rs-top">
          <p class="rs-brand">Resilience survey · study results</p>
          ${
            signedIn
              ? html`<nav aria-label="Results">
                    <ul>
                      ${nav.map(
                        ([id, label, href]) =>
                          html`<li>
                            <a
                              href="${href}"
                              ${id === current ? trusted(' aria-current="page"') : ''}
                              >${label}</a
                            >
                          </li>`,
                      )}
                    </ul>
                  </nav>
                  <form class="rs-signout" method="post" action="${root}signout">
                    <input type="hidden" name="_csrf" value="${csrf ?? ''}" /><button type="submit">
                      Sign out
                    </button>
                  </form>`
              : ''
          }
        </header>
        <main id="main">${body}</main>
      </body>
    </html> `.toString();
}

/** @param {{root: string, next: string, error?: string}} options */
export function renderSignIn({root, next, error}) {
  return layout({
    root,
    title: 'Sign in',
    signedIn: false,
    body: html`<h1>Sign in</h1>
      <p>The results hold participants’ answers: only the study team may see them.</p>
      ${error ? html`<p class="rs-error" role="alert" id="signin-error">${error}</p>` : ''}
      <form class="rs-form" method="post" action="${root}signin">
        <input type="hidden" name="next" value="${next}" />
        <p>
          <label for="token">Access token</label>
          <input
            id="token"
            name="token"
            type="password"
            autocomplete="current-password"
            required${error ? trusted(' aria-invalid="true" aria-describedby="signin-error"') : ''}
          />
        </p>
        <p><button type="submit">Sign in</button></p>
      </form>
      <p class="rs-hint">
        The token was printed when the server first started. An administrator can set a new one with
        <code>RESULTS_TOKEN</code> or <code>--token</code>.
      </p>`,
  });
}

/** @param {{root: string, status: number, message: string}} options */
export function renderErrorPage({root, status, message}) {
  return layout({
    root,
    title: `Error ${status}`,
    signedIn: false,
    body: html`<h1>${status === 429 ? 'Too many attempts' : 'This did not work'}</h1>
      <p>${message}</p>
      <p><a href="${root}results">Back to the results</a></p>`,
  });
}

const FILTER_KEYS = /** @type {const} */ (['from', 'to', 'instrument', 'version', 'cohort']);

/** Query → filters (dates as YYYY-MM-DD; `to` includes its whole day). */
export function filtersOf(/** @type {any} */ query) {
  /** @type {Record<string, string>} */
  const shown = {};
  for (const key of FILTER_KEYS) {
    const value = typeof query?.[key] === 'string' ? query[key].trim().slice(0, 200) : '';
    if (value) shown[key] = value;
  }
  const date = (/** @type {string|undefined} */ v) =>
    v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) ? v : undefined;
  const from = date(shown.from);
  const to = date(shown.to);
  if (!from) delete shown.from;
  if (!to) delete shown.to;
  const nextDay = to ? new Date(Date.parse(to) + 86_400_000).toISOString().slice(0, 10) : undefined;
  return {
    shown,
    filter: {
      instrument: shown.instrument,
      version: shown.version,
      cohort: shown.cohort,
      from: from ? `${from}T00:00:00.000Z` : undefined,
      to: nextDay ? `${nextDay}T00:00:00.000Z` : undefined,
    },
  };
}

/**
 * @param {import('fastify').FastifyInstance} app
 * @param {{root: string, base: string, storage: () => Promise<import('./storage/common.js').Storage>,
 *   requireReader: any, requireWriter: any, now: () => Date}} options
 */
export async function pagesPlugin(
  app,
  {root, storage, requireReader, requireWriter, now, warmEvery = 15_000},
) {
  const results = `${root}results`;
  const pageHeaders = {
    ...PRIVATE_HEADERS,
    'content-security-policy': PAGE_CSP,
    'content-type': 'text/html; charset=utf-8',
  };
  const analysis = () => import('./analysis/index.js');
  const exporter = () => import('./export/index.js');

  const css = async (/** @type {URL} */ url, /** @type {any} */ reply) => {
    reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff');
    return readFile(fileURLToPath(url), 'utf8');
  };
  app.get(`${root}results.css`, (_req, reply) => css(PAGE_CSS, reply));
  app.get(`${results}/evaluation.css`, (_req, reply) => css(EVALUATION_CSS, reply));

  // The evaluation of a filter is kept until the data changes (storage.version()), so
  // looking again, or another member of the team looking, costs one small query.
  /** @type {Map<string, {version: string, evaluation: any, filter: any, how: string, ms: number, at: number, fragments?: Map<string, string>}>} */
  const evaluations = new Map();
  const computing = new Map();
  async function evaluationFor(/** @type {any} */ db, /** @type {any} */ filter, knownVersion) {
    const key = JSON.stringify(filter);
    // Nothing kept for this filter (the first look after a start): where the store stands,
    // which a computation reads first, is asked for together with its version.
    const early =
      knownVersion === undefined && !evaluations.has(key) && !kept.has(key) ? db.mark(null) : null;
    early?.catch(() => {});
    const version = knownVersion ?? (await db.version());
    const cached = evaluations.get(key);
    if (cached?.version === version) return cached.evaluation;
    const running = computing.get(`${key}@${version}`);
    if (running) return running;
    const promise = compute(db, filter, key, early);
    // Whoever asks meanwhile waits for the same evaluation (a failure is theirs to see).
    const shared = promise.then((done) => done.evaluation);
    shared.catch(() => {});
    computing.set(`${key}@${version}`, shared);
    const started = performance.now();
    try {
      const {evaluation, how} = await promise;
      evaluations.delete(key);
      evaluations.set(key, {
        version,
        evaluation,
        filter,
        how,
        ms: performance.now() - started,
        at: Date.now(),
      });
      if (evaluations.size > 20)
        evaluations.delete(/** @type {string} */ (evaluations.keys().next().value));
      return evaluation;
    } finally {
      computing.delete(`${key}@${version}`);
    }
  }

  // The evaluations of the last few filters are kept open (analysis createEvaluation) with
  // where the store stood when they last read it, so new responses are added to them rather
  // than the whole study read again. One is only extended when nothing it read has changed:
  // the rows up to its last row number are still the same (their count and the sum of their
  // numbers: a withdrawal, a retention deletion or a row another server committed late
  // changes them) and every new row is a JSON response. Otherwise it is made again from
  // scratch. A deletion through these pages drops them all at once (forgetKept).
  /** @type {Map<string, {evaluation: any, last: number, n: number, sum: number}>} */
  const kept = new Map();
  const KEPT = 3;
  const forgetKept = () => {
    kept.clear();
    evaluations.clear();
  };
  async function compute(
    /** @type {any} */ db,
    /** @type {any} */ filter,
    /** @type {string} */ key,
    /** @type {Promise<any>|null} */ early = null,
  ) {
    // Taken out before anything is awaited: one computation at a time extends it.
    const open = kept.get(key);
    kept.delete(key);
    const {createEvaluation} = await analysis();
    const options = {toResponse: (/** @type {any} */ row) => row.body};
    const since = open?.evaluation.extendable ? open.last : null;
    const mark = early && since === null ? await early : await db.mark(since);
    let evaluation = open?.evaluation;
    let after = null;
    if (
      open &&
      mark.since &&
      mark.since.n === open.n &&
      mark.since.sum === open.sum &&
      mark.since.others === 0
    ) {
      after = open.last;
    } else {
      evaluation = createEvaluation(options);
    }
    for await (const page of evaluationRows(db, filter, {after, upTo: mark.last})) {
      evaluation.take(page);
    }
    kept.set(key, {evaluation, last: mark.last, n: mark.n, sum: mark.sum});
    if (kept.size > KEPT) kept.delete(/** @type {string} */ (kept.keys().next().value));
    return {evaluation: evaluation.result(), how: after === null ? 'computed' : 'extended'};
  }

  /** @type {{version: string, facets: any} | null} */
  let keptFacets = null;
  async function facetsFor(/** @type {any} */ db, /** @type {string} */ version) {
    if (keptFacets?.version === version) return keptFacets.facets;
    const facets = await db.facets();
    keptFacets = {version, facets};
    return facets;
  }

  // Kept evaluations are brought up to date in the background once new responses have come
  // in, so the team's next look is quick too. Bounded: the three most recently viewed
  // filters, and a refresh only after four times its own duration has passed since the last
  // (at most a fifth of the time spent on it, however busy ingest is).
  const refresh = async () => {
    const db = await storage().catch(() => null);
    if (!db) return;
    const version = await db.version().catch(() => null);
    if (!version) return;
    const recent = [...evaluations.values()].sort((a, b) => b.at - a.at).slice(0, 3);
    for (const entry of recent) {
      if (entry.version === version || Date.now() - entry.at < 4 * entry.ms + 5000) continue;
      const at = entry.at;
      await evaluationFor(db, entry.filter, version).catch(() => {});
      // A refresh is not a view: keep the order in which people looked.
      const updated = evaluations.get(JSON.stringify(entry.filter));
      if (updated) updated.at = Math.max(at, updated.at - 1);
    }
  };
  const refresher = setInterval(() => void refresh(), warmEvery);
  refresher.unref();
  app.addHook('onClose', async () => clearInterval(refresher));
  // After a start, the whole study's evaluation is computed before anyone asks (a first
  // look joins it).
  app.addHook('onReady', async () => {
    // The analysis' code (statistics, charts) is loaded before the server takes requests.
    await analysis();
    setImmediate(async () => {
      const db = await storage().catch(() => null);
      if (db) await evaluationFor(db, filtersOf({}).filter).catch(() => {});
    }).unref();
  });

  app.get(results, {preHandler: requireReader}, async (req, reply) => {
    const {shown, filter} = filtersOf(req.query);
    const db = await storage();
    const {renderEvaluation} = await analysis();
    const version = await db.version();
    const wasKept = evaluations.get(JSON.stringify(filter))?.version === version;
    const started = performance.now();
    const [evaluation, facets] = await Promise.all([
      evaluationFor(db, filter, version),
      facetsFor(db, version),
    ]);
    const took = performance.now() - started;
    // The rendered fragment is kept with the evaluation (same data, same filters).
    const entry = evaluations.get(JSON.stringify(filter));
    const shownKey = JSON.stringify(shown);
    let fragment = entry?.evaluation === evaluation ? entry.fragments?.get(shownKey) : undefined;
    if (!fragment) {
      fragment = renderEvaluation(evaluation, {
        filters: shown,
        basePath: results,
        options: {
          headingLevel: 2,
          instruments: [...new Set(facets.packs.map((p) => p.instrument))],
          versions: [...new Set(facets.packs.map((p) => p.version).filter(Boolean))],
          cohorts: facets.cohorts,
        },
      });
      if (entry?.evaluation === evaluation) {
        entry.fragments ??= new Map();
        if (entry.fragments.size < 10) entry.fragments.set(shownKey, fragment);
      }
    }
    reply.headers(pageHeaders);
    // How the evaluation was had: kept (unchanged data), extended (new responses added to
    // the kept one) or computed (read in full), and how long that took.
    const how = wasKept ? 'kept' : (entry?.how ?? 'computed');
    reply.header('server-timing', `evaluation;desc="${how}";dur=${took.toFixed(1)}`);
    return layout({
      root,
      title: 'Evaluation',
      current: 'results',
      csrf: /** @type {any} */ (req).user.csrf,
      extraCss: [`${results}/evaluation.css`],
      body: html`<h1>Evaluation</h1>
        ${facets.simulated ? html`<p><a href="${root}results/manage">Clear the simulated responses</a> (Manage data).</p>` : ''}
        ${trusted(fragment)}`,
    });
  });

  // --- downloads: streamed, audit-logged ------------------------------------------------
  /**
   * @param {string} file  the name the download gets (dated)
   * @param {string} type
   * @param {(db: import('./storage/common.js').Storage, filter: any, ex: any) => AsyncIterable<string>|Promise<AsyncIterable<string>|string>} make
   */
  const download =
    (file, type, make) => async (/** @type {any} */ req, /** @type {any} */ reply) => {
      const {shown, filter} = filtersOf(req.query);
      const db = await storage();
      const ex = await exporter();
      const content = await make(db, filter, ex);
      await db.audit({actor: req.user.actor, action: 'export', detail: {file, filters: shown}});
      const date = now().toISOString().slice(0, 10);
      const [stem, ext] = file.split(/\.(?=[^.]+$)/);
      reply.headers({
        ...PRIVATE_HEADERS,
        'content-type': type,
        'content-disposition': `attachment; filename="${stem}-${date}.${ext}"`,
      });
      return reply.send(
        typeof content === 'string' ? content : Readable.from(withBom(content, type)),
      );
    };
  const csvType = 'text/csv; charset=utf-8; header=present';
  const longCsv = download('responses.csv', csvType, (db, filter, ex) =>
    ex.longCsv(() => analysisRows(db, filter)),
  );
  app.get(`${root}results.csv`, {preHandler: requireReader}, longCsv);
  app.get(`${results}/export/responses.csv`, {preHandler: requireReader}, longCsv);
  app.get(
    `${results}/export/participants.csv`,
    {preHandler: requireReader},
    download('participants.csv', csvType, (db, filter, ex) =>
      ex.wideCsv(() => participantRows(db, filter)),
    ),
  );
  const codebookTypes = {
    'codebook.csv': ['csv', csvType],
    'codebook.sps': ['sps', 'text/plain; charset=utf-8'],
    'codebook.R': ['r', 'text/plain; charset=utf-8'],
    'codebook.do': ['do', 'text/plain; charset=utf-8'],
  };
  for (const [file, [part, type]] of Object.entries(codebookTypes)) {
    app.get(
      `${results}/export/${file}`,
      {preHandler: requireReader},
      download(file, type, async (db, filter, ex) => {
        const files = await ex.codebook(() => analysisRows(db, filter));
        return files[part];
      }),
    );
  }

  // --- data management ------------------------------------------------------------------
  app.get(`${results}/manage`, {preHandler: requireReader}, async (req, reply) => {
    const db = await storage();
    const [facets, retention] = await Promise.all([db.facets(), db.getSetting(RETENTION_SETTING)]);
    const q = /** @type {any} */ (req.query);
    reply.headers(pageHeaders);
    return layout({
      root,
      title: 'Manage data',
      current: 'manage',
      csrf: /** @type {any} */ (req).user.csrf,
      body: html`<h1>Manage data</h1>
        ${q.done ? html`<p class="rs-done" role="status">${doneMessage(q)}</p>` : ''}
        <p>
          ${facets.total.toLocaleString('en-GB')} records
          stored${facets.simulated ? html`, ${facets.simulated.toLocaleString('en-GB')} of them simulated` : ''}.
        </p>
        <section aria-labelledby="withdraw-h">
          <h2 id="withdraw-h">Withdraw a participant</h2>
          <p>
            Deletes every response stored under a participant code. You will be asked to confirm.
          </p>
          <form class="rs-form" method="post" action="${results}/withdraw">
            <input type="hidden" name="_csrf" value="${/** @type {any} */ (req).user.csrf ?? ''}" />
            <p>
              <label for="code">Participant code</label
              ><input id="code" name="code" required maxlength="200" autocomplete="off" />
            </p>
            <p><button type="submit">Find responses</button></p>
          </form>
        </section>
        <section aria-labelledby="retention-h">
          <h2 id="retention-h">Retention</h2>
          <p>
            ${retention ? html`Responses older than <strong>${retention} days</strong> are deleted (checked hourly).` : 'Responses are kept until you delete them.'}
          </p>
          <form class="rs-form" method="post" action="${results}/retention">
            <input type="hidden" name="_csrf" value="${/** @type {any} */ (req).user.csrf ?? ''}" />
            <p>
              <label for="days">Delete responses older than (days; empty keeps them)</label
              ><input
                id="days"
                name="days"
                inputmode="numeric"
                pattern="[0-9]*"
                value="${retention ?? ''}"
              />
            </p>
            <p><button type="submit">Save retention</button></p>
          </form>
        </section>
        <section aria-labelledby="demo-h">
          <h2 id="demo-h">Simulated demo study</h2>
          ${
            facets.simulated
              ? html`<p>
                    ${facets.simulated.toLocaleString('en-GB')} simulated responses are stored
                    (marked “simulated” everywhere). Clear them before real participants answer.
                  </p>
                  <form class="rs-form" method="post" action="${results}/simulated">
                    <input
                      type="hidden"
                      name="_csrf"
                      value="${/** @type {any} */ (req).user.csrf ?? ''}"
                    />
                    <p>
                      <button type="submit" class="rs-danger">
                        Delete the simulated responses
                      </button>
                    </p>
                  </form>`
              : html`<p>No simulated responses are stored.</p>`
          }
        </section>`,
    });
  });

  app.post(`${results}/withdraw`, {preHandler: requireWriter}, async (req, reply) => {
    const body = /** @type {any} */ (req.body ?? {});
    const code = typeof body.code === 'string' ? body.code.trim().slice(0, 200) : '';
    if (!code) throw new HttpError(400, 'invalid-form', 'Enter the participant code.');
    const db = await storage();
    const user = /** @type {any} */ (req).user;
    if (body.confirm !== 'yes') {
      let n = 0;
      for await (const row of db.responses({})) if (row.participant === code) n++;
      reply.headers(pageHeaders);
      return layout({
        root,
        title: 'Confirm withdrawal',
        current: 'manage',
        csrf: user.csrf,
        body: html`<h1>Confirm withdrawal</h1>
          <p>
            ${n === 0 ? html`No responses are stored under the code ${isolate(code)}.` : html`${n} ${n === 1 ? 'response is' : 'responses are'} stored under the code ${isolate(code)}. Deleting cannot be undone (backups still hold them until they expire).`}
          </p>
          ${
            n
              ? html`<form class="rs-form" method="post" action="${results}/withdraw">
                  <input type="hidden" name="_csrf" value="${user.csrf ?? ''}" />
                  <input type="hidden" name="code" value="${code}" />
                  <input type="hidden" name="confirm" value="yes" />
                  <p>
                    <button type="submit" class="rs-danger">
                      Delete ${n} ${n === 1 ? 'response' : 'responses'}
                    </button>
                  </p>
                </form>`
              : ''
          }
          <p><a href="${results}/manage">Cancel</a></p>`,
      });
    }
    const deleted = await db.deleteParticipant(code);
    // Nothing kept in memory outlives the person's responses.
    forgetKept();
    await db.audit({actor: user.actor, action: 'withdrawal', detail: {code, deleted}});
    return reply.redirect(`${results}/manage?done=withdrawn&n=${deleted}`, 303);
  });

  app.post(`${results}/retention`, {preHandler: requireWriter}, async (req, reply) => {
    const raw = String(/** @type {any} */ (req.body ?? {}).days ?? '').trim();
    if (raw && !/^\d{1,5}$/.test(raw))
      throw new HttpError(400, 'invalid-form', 'Retention is a whole number of days (or empty).');
    const db = await storage();
    const user = /** @type {any} */ (req).user;
    if (raw && Number(raw) > 0) await db.setSetting(RETENTION_SETTING, String(Number(raw)));
    else await db.setSetting(RETENTION_SETTING, '');
    await db.audit({
      actor: user.actor,
      action: 'retention-set',
      detail: {days: raw ? Number(raw) : null},
    });
    const deleted = await applyRetention(db, now());
    if (deleted) forgetKept();
    return reply.redirect(`${results}/manage?done=retention&n=${deleted}`, 303);
  });

  app.post(`${results}/simulated`, {preHandler: requireWriter}, async (req, reply) => {
    const db = await storage();
    const deleted = await db.deleteSimulated();
    forgetKept();
    await db.setSetting('demo-cleared', 'yes');
    await db.audit({
      actor: /** @type {any} */ (req).user.actor,
      action: 'delete-simulated',
      detail: {deleted},
    });
    return reply.redirect(`${results}/manage?done=simulated&n=${deleted}`, 303);
  });

  app.get(`${results}/audit`, {preHandler: requireReader}, async (req, reply) => {
    const entries = await (await storage()).auditLog({limit: 500});
    reply.headers(pageHeaders);
    return layout({
      root,
      title: 'Audit log',
      current: 'audit',
      csrf: /** @type {any} */ (req).user.csrf,
      body: html`<h1>Audit log</h1>
        <p>Every download and every deletion, newest first (the last 500).</p>
        ${
          entries.length
            ? html`<div
                class="rs-table-wrap"
                role="region"
                aria-labelledby="audit-caption"
                tabindex="0"
              >
                <table>
                  <caption id="audit-caption">
                    Downloads and deletions
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">When (UTC)</th>
                      <th scope="col">Who</th>
                      <th scope="col">What</th>
                      <th scope="col">Details</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${entries.map(
                      (e) =>
                        html`<tr>
                          <td>${e.at.replace('T', ' ').slice(0, 19)}</td>
                          <td>${isolate(e.actor)}</td>
                          <td>${e.action}</td>
                          <td>${describeDetail(e)}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
            : html`<p>Nothing yet.</p>`
        }`,
    });
  });
}

/** Deletes responses older than the retention setting; audit-logs what it deleted. */
export async function applyRetention(
  /** @type {import('./storage/common.js').Storage} */ db,
  /** @type {Date} */ at,
) {
  const days = Number(await db.getSetting(RETENTION_SETTING));
  if (!days) return 0;
  const before = new Date(at.getTime() - days * 86_400_000).toISOString();
  const deleted = await db.deleteReceivedBefore(before);
  if (deleted)
    await db.audit({
      actor: 'retention',
      action: 'retention-delete',
      detail: {days, before, deleted},
    });
  return deleted;
}

function doneMessage(/** @type {any} */ q) {
  const n = Number(q.n) || 0;
  if (q.done === 'withdrawn')
    return `Withdrawn: ${n} ${n === 1 ? 'response' : 'responses'} deleted and logged.`;
  if (q.done === 'retention') return `Retention saved${n ? `; ${n} older responses deleted` : ''}.`;
  if (q.done === 'simulated') return `${n} simulated responses deleted.`;
  return 'Done.';
}

function describeDetail(/** @type {any} */ e) {
  const d = e.detail ?? {};
  if (e.action === 'export') {
    const f = Object.entries(d.filters ?? {}).map(([k, v]) => `${k}=${v}`);
    return html`${d.file}${f.length ? html` (${isolate(f.join(', '))})` : ''}`;
  }
  if (e.action === 'withdrawal') return html`code ${isolate(d.code)}: ${d.deleted} deleted`;
  if (e.action === 'retention-set') return d.days ? `keep ${d.days} days` : 'keep until deleted';
  if (e.action === 'retention-delete') return `${d.deleted} older than ${d.days} days deleted`;
  if (e.action === 'delete-simulated') return `${d.deleted} simulated responses deleted`;
  return isolate(JSON.stringify(d));
}

/** A UTF-8 byte-order mark before a CSV, so Excel reads Welsh ŵ and ŷ right. */
async function* withBom(/** @type {AsyncIterable<string>} */ chunks, /** @type {string} */ type) {
  if (type.startsWith('text/csv')) yield '\uFEFF';
  yield* chunks;
}
