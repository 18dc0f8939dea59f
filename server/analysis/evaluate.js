// @ts-check
// The evaluation the study reports (../shared/DOMAIN.md: did confidence, knowledge and
// resilience change, in the same people?), per pack and version, from stored responses.
//
// One pass over the rows, keeping per person and timepoint one compact record (the latest
// response of a code at a timepoint counts; earlier ones are counted as repeats), so memory
// grows with people, not with responses. Pure: rows in, a plain JSON-able object out.
import {extractFacts, factsFit, layoutOf} from './facts.js';
import {packFor as builtinPackFor, textOf} from './packs.js';
import {normaliseCode, pairParticipants} from './pairing.js';
import {cronbachAlpha, describe, pairedChange} from './stats.js';

/** @typedef {import('./types.js').StoredResponse} StoredResponse */
/** @typedef {import('./types.js').Evaluation} Evaluation */

/**
 * @typedef {{
 *   code: string|null, at: number,
 *   scores: number[],     // per score of the group (NaN: none)
 *   items: number[],      // the scored item values of every multi-item score, concatenated
 *   likert: Array<number|null>, // the raw answer of each Likert item (null: none)
 * }} Rec
 */

/**
 * Bounds on what forged or mixed-up data can make the page show (and the server hold): the
 * filters choose among more packs; a pack defines its timepoints and scores.
 */
export const LIMITS = {groups: 40, timepoints: 24, storedScores: 40};
const LIST_LIMIT = 300;
/** @type {number[]} */
const EMPTY = [];
/** @type {Array<number|null>} */
const NO_LIKERT = [];

const own = (object, key) =>
  object !== null && typeof object === 'object' && Object.hasOwn(object, key)
    ? object[key]
    : undefined;

/**
 * @param {AsyncIterable<StoredResponse|StoredResponse[]>|Iterable<StoredResponse|StoredResponse[]>} rows
 *   rows, or pages of rows (arrays); a row may carry its `facts` (parsed, facts.js) and
 *   `factsKey` instead of its body
 * @param {{pack?: any, packFor?: (id: string, version: string|null) => any,
 *   toResponse?: (row: StoredResponse) => any}} [options]
 *   `pack`: the definition to use for responses to that pack id (else `packFor`, by default
 *   the packs the server knows); `toResponse`: reads a row's body into the contract's JSON
 *   shape (for FHIR or xAPI rows), by default the body of a `response` row as it is.
 * @returns {Promise<Evaluation>}
 */
export async function evaluate(rows, options = {}) {
  const evaluation = createEvaluation(options);
  // A plain array (or other sync iterable) is read without a microtask per row; so is a
  // stream of pages (arrays of rows).
  if (Symbol.asyncIterator in Object(rows)) {
    for await (const item of /** @type {AsyncIterable<any>} */ (rows)) evaluation.take(item);
  } else {
    for (const item of /** @type {Iterable<any>} */ (rows)) evaluation.take(item);
  }
  return evaluation.result();
}

/**
 * An evaluation kept up to date: `take` rows (or pages of rows) as they come, `result()` at
 * any time (it changes nothing, so more rows can follow). Rows taken later count as if they
 * had come last in one evaluate(): for JSON responses (kind `response`) read in the order they
 * were stored, the result is the one a new evaluation of all of them gives. `extendable` says
 * whether that still holds: false once a FHIR or xAPI row was taken, as evaluate() reads those
 * after every JSON response.
 * @param {Parameters<typeof evaluate>[1]} [options]
 */
export function createEvaluation(options = {}) {
  const {pack: given, packFor = builtinPackFor, toResponse = defaultResponse} = options;
  let extendable = true;
  /** @type {Map<string, ReturnType<typeof newGroup>>} */
  const groups = new Map();
  let total = 0;
  let simulated = 0;
  /** @type {Map<string, number>} */
  const skipped = new Map();
  const skip = (reason) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
  /** @type {ReturnType<typeof newGroup>|undefined} */
  let last;

  /** @param {StoredResponse} row */
  const take = (row) => {
    if (row.kind && row.kind !== 'response') extendable = false;
    total++;
    if (row.simulated) simulated++;
    // A row read with its facts (storage kept them when it stored the body) has no body;
    // its instrument, version and timepoint columns are those of the body.
    const facts = row.facts;
    const body = facts ? null : toResponse(row);
    const instrument = row.instrument ?? textOrNull(own(own(body, 'instrument'), 'id'));
    if (!(facts || (body && typeof body === 'object')) || !instrument) {
      skip(row.kind === 'response' || !row.kind ? 'no instrument or body' : `${row.kind} body`);
      return;
    }
    const version = row.version ?? textOrNull(own(own(body, 'instrument'), 'version'));
    const timepoint = row.timepoint ?? textOrNull(own(body, 'timepoint'));
    if (!timepoint) {
      skip('no timepoint');
      return;
    }
    // Rows come mostly of one pack and version: the last group is looked at first.
    let group =
      last && last.instrument === instrument && last.version === version ? last : undefined;
    const key = group ? '' : `${instrument}\u0000${version ?? ''}`;
    group ??= groups.get(key);
    if (!group) {
      if (groups.size >= LIMITS.groups) {
        skip(`more than ${LIMITS.groups} packs and versions: choose one with the filters`);
        return;
      }
      const pack = given && given.id === instrument ? given : packFor(instrument, version);
      group = newGroup(instrument, version, pack);
      groups.set(key, group);
    }
    last = group;
    if (!group.timepoints.has(timepoint) && group.timepoints.size >= LIMITS.timepoints) {
      skip(`more than ${LIMITS.timepoints} timepoints in one pack`);
      return;
    }
    if (facts && (row.factsKey !== group.layout.key || !factsFit(group.layout, facts))) {
      // Made under another pack definition and not yet made again (storage does on start).
      skip('stored record out of date: restart the server to bring it up to date');
      return;
    }
    add(group, row, body, facts, timepoint);
  };
  return {
    /** @param {StoredResponse|StoredResponse[]} item  a row or a page of rows */
    take(item) {
      if (Array.isArray(item)) for (const row of item) take(row);
      else take(item);
    },
    get extendable() {
      return extendable;
    },
    /** @returns {Evaluation} */
    result: () => ({
      total,
      simulated,
      skipped: [...skipped].map(([reason, count]) => ({reason, count})),
      groups: [...groups.values()]
        .sort(
          (a, b) =>
            a.instrument.localeCompare(b.instrument) || compareVersions(a.version, b.version),
        )
        .map(finish),
    }),
  };
}

function defaultResponse(row) {
  if (row.kind && row.kind !== 'response') return own(row.body, 'answers') ? row.body : null;
  return row.body;
}

const textOrNull = (v) => (typeof v === 'string' && v ? v : null);

function compareVersions(a, b) {
  return String(a ?? '').localeCompare(String(b ?? ''), 'en', {numeric: true});
}

function newGroup(instrument, version, pack) {
  const layout = layoutOf(pack);
  // An unknown pack's scores are those its responses carry, added as they are met.
  const scores = [...layout.scores];
  return {
    instrument,
    version,
    pack,
    layout,
    described: layout.described,
    scores,
    /** @type {Map<string, number>} */
    scoreIndex: new Map(scores.map((s, i) => [s.id, i])),
    itemCount: layout.itemCount,
    responses: 0,
    simulated: 0,
    /** @type {Map<string, {first: number, coded: Map<string, Rec>, uncoded: Rec[], responses: number, repeats: number}>} */
    timepoints: new Map(),
  };
}

/** The last time read: responses stored together (one commit) share their received time. */
let lastTime = {text: '', value: -Infinity};
/** A time's milliseconds, -Infinity when it is none. @param {unknown} text */
function timeOf(text) {
  if (text === lastTime.text) return lastTime.value;
  const at = Date.parse(/** @type {string} */ (text));
  const value = Number.isNaN(at) ? -Infinity : at;
  if (typeof text === 'string') lastTime = {text, value};
  return value;
}

function add(group, row, body, facts, timepoint) {
  group.responses++;
  if (row.simulated) group.simulated++;
  const when = timeOf(row.receivedAt ?? own(body, 'submittedAt') ?? '');
  let tp = group.timepoints.get(timepoint);
  if (!tp) {
    tp = {first: when, coded: new Map(), uncoded: [], responses: 0, repeats: 0};
    group.timepoints.set(timepoint, tp);
  }
  tp.responses++;
  if (when < tp.first) tp.first = when;
  const code = normaliseCode(row.participant ?? own(body, 'participant'));
  if (code !== null) {
    const earlier = tp.coded.get(code);
    if (earlier) {
      tp.repeats++;
      // The latest answer of a person at a timepoint counts.
      if (earlier.at > when) return;
    }
  }
  const rec = record(group, facts ?? extractFacts(group.layout, body), code, when);
  if (code === null) tp.uncoded.push(rec);
  else tp.coded.set(code, rec);
}

/**
 * A person's record at a timepoint, from the response's facts (facts.js: stored, or made
 * from the body just now with the same function).
 * @returns {Rec}
 */
function record(group, facts, code, at) {
  if (!group.pack) {
    /** @type {number[]} */
    const scores = [];
    // No pack: the scores the responses carry define the group's scores.
    /** @type {Map<string, number>} */
    const values = new Map();
    for (const [id, value] of facts ?? []) {
      values.set(id, value ?? NaN);
      if (!group.scoreIndex.has(id) && group.scores.length < LIMITS.storedScores) {
        group.scoreIndex.set(id, group.scores.length);
        group.scores.push({
          id,
          label: id,
          method: 'stored',
          items: [],
          min: null,
          max: null,
          offset: 0,
          scorers: [],
        });
      }
    }
    for (let i = 0; i < group.scores.length; i++) scores[i] = values.get(group.scores[i].id) ?? NaN;
    return {code, at, scores, items: EMPTY, likert: NO_LIKERT};
  }
  // The facts' own arrays become the record (they are made for it, stored or just now).
  const [values, items, likert] = facts;
  for (let i = 0; i < values.length; i++) values[i] ??= NaN;
  for (let i = 0; i < items.length; i++) items[i] ??= NaN;
  return {code, at, scores: values, items: items.length ? items : EMPTY, likert};
}

/**
 * Which point of a scale an answer is (its index; undefined: none), as a Map of the points'
 * values gives it (the last point of a value wins), by array index when every value is a
 * small whole number (the usual scale), which is quicker at 100,000 responses.
 * @param {Array<{value: unknown}>} points
 * @returns {(value: unknown) => number|undefined}
 */
function pointIndex(points) {
  if (points.every((p) => Number.isInteger(p.value) && p.value >= 0 && p.value <= 1000)) {
    /** @type {number[]} */
    const at = [];
    points.forEach((p, k) => (at[/** @type {number} */ (p.value)] = k));
    return (value) =>
      typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 1000
        ? at[value]
        : undefined;
  }
  const indexOf = new Map(points.map((p, k) => [p.value, k]));
  return (value) => indexOf.get(value);
}

/** The group's timepoints in order: the pack's, then others by their first response. */
function timepointOrder(group) {
  const known = group.described?.timepoints ?? [];
  const ids = new Set(known.map((t) => t.id));
  const extra = [...group.timepoints.entries()]
    .filter(([id]) => !ids.has(id))
    .sort(([a, x], [b, y]) => x.first - y.first || a.localeCompare(b))
    .map(([id]) => ({id, label: id}));
  return [...known, ...extra];
}

function finish(group) {
  const order = timepointOrder(group);
  const recordsAt = (id) => {
    const tp = group.timepoints.get(id);
    return tp ? [...tp.coded.values(), ...tp.uncoded] : [];
  };
  const all = order.map((t) => recordsAt(t.id));
  const [baseline, ...later] = order;
  const baselineCoded = baseline
    ? [...(group.timepoints.get(baseline.id)?.coded.values() ?? [])]
    : [];
  const links = later.map((t) => {
    const coded = [...(group.timepoints.get(t.id)?.coded.values() ?? [])];
    return {timepoint: t.id, ...pairParticipants(baselineCoded, coded, {code: (r) => r.code})};
  });

  const retention = order.map((t, i) => {
    const tp = group.timepoints.get(t.id);
    const row = {
      timepoint: t.id,
      responses: tp?.responses ?? 0,
      repeats: tp?.repeats ?? 0,
      n: all[i].length,
      withCode: tp?.coded.size ?? 0,
      linked: null,
      links: [],
      ambiguousCodes: [],
    };
    if (i === 0) return row;
    const link = links[i - 1];
    const byQuality = [0, 0, 0];
    for (const pair of link.pairs) byQuality[pair.differences]++;
    return {
      ...row,
      linked: {
        total: link.pairs.length,
        exact: byQuality[0],
        oneDiffers: byQuality[1],
        twoDiffer: byQuality[2],
        ambiguous: link.ambiguousAfter.length,
        unlinked: row.withCode - link.pairs.length,
      },
      // The codes a person reads to check a tolerant link (a few hundred at most).
      links: link.pairs
        .filter((pair) => pair.differences > 0)
        .slice(0, LIST_LIMIT)
        .map((pair) => ({
          baseline: pair.before.code,
          later: pair.after.code,
          quality: pair.quality,
        })),
      ambiguousCodes: link.ambiguousAfter.slice(0, LIST_LIMIT).map((r) => r.code),
    };
  });

  const scores = group.scores.map((score, s) => {
    const byTimepoint = order.map((t, i) => {
      const values = all[i].map((r) => r.scores[s]).filter(Number.isFinite);
      let alpha = null;
      if (group.pack && score.items.length > 1) {
        const rows = all[i].map((r) =>
          r.items.slice(score.offset, score.offset + score.items.length),
        );
        alpha = rows.length ? cronbachAlpha(rows) : {alpha: null, k: score.items.length, n: 0};
      }
      return {timepoint: t.id, ...describe(values), alpha};
    });
    const change = links.map((link) => {
      const before = [];
      const after = [];
      for (const pair of link.pairs) {
        const b = pair.before.scores[s];
        const a = pair.after.scores[s];
        if (Number.isFinite(b) && Number.isFinite(a)) {
          before.push(b);
          after.push(a);
        }
      }
      return {from: baseline.id, to: link.timepoint, ...pairedChange(before, after)};
    });
    return {
      id: score.id,
      label: score.label,
      method: score.method,
      items: score.items.map((item) => item.id),
      min: score.min,
      max: score.max,
      byTimepoint,
      change,
    };
  });

  // The answers of each Likert item at each timepoint, counted in one pass over the records.
  const likert = group.described?.likert ?? [];
  const pointOf = likert.map((item) => pointIndex(item.points));
  const tallies = order.map((_, i) => {
    const counts = likert.map((item) => item.points.map(() => 0));
    const n = likert.map(() => 0);
    for (const r of all[i]) {
      const answers = r.likert;
      for (let j = 0; j < likert.length; j++) {
        const v = answers[j];
        if (v === null || v === undefined) continue;
        const k = pointOf[j](v);
        if (k !== undefined) {
          counts[j][k]++;
          n[j]++;
        }
      }
    }
    return {counts, n};
  });
  const items = likert.map((item, j) => ({
    id: item.id,
    label: item.label,
    section: item.section,
    reverse: item.reverse,
    points: item.points,
    byTimepoint: order
      .map((t, i) => ({timepoint: t.id, n: tallies[i].n[j], counts: tallies[i].counts[j]}))
      .filter((t) => t.n > 0),
  }));

  return {
    instrument: group.instrument,
    version: group.version,
    title: group.pack ? textOf(group.pack.title, group.instrument) : group.instrument,
    packKnown: Boolean(group.pack),
    illustrative: Boolean(group.pack?.licence?.illustrative),
    responses: group.responses,
    simulated: group.simulated,
    timepoints: order,
    retention,
    scores,
    items: items.filter((item) => item.byTimepoint.length),
  };
}
