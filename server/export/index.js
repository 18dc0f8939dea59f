// @ts-check
// Exports for teams that re-run the analysis in SPSS, R or Stata (../shared/DOMAIN.md):
//   longCsv(rowsOrOpen, options)  one row per response            → AsyncIterable<string>
//   wideCsv(openRows, options)    one row per participant, columns per timepoint and score
//                                                                    → AsyncIterable<string>
//   codebook(openRows, options)   the variables of both files: labels, value labels, missing
//                                 codes, as {csv, sps, r, do} texts (or codebookFiles()).
// Streamed: rows are read one at a time and written as they come, so memory stays flat
// whatever the number of responses; what is kept between passes grows with the number of
// distinct codes and columns, never with answers. Columns come from the pack when the server
// knows it; answer keys it does not define get columns up to a limit (the most frequent
// first), and the rest of a row's answers go into one JSON cell, so a body with thousands of
// made-up keys cannot blow the file up. Keys are plain data (Maps and own-property checks):
// `constructor`, `toString` and `__proto__` are answers like any other.
import {describePack, itemsOf, packFor as builtinPackFor, textOf} from '../analysis/packs.js';
import {normaliseCode, pairParticipants} from '../analysis/pairing.js';
import {line, recordLine, variableName} from './csv.js';

export {cell, neutraliseFormula, quoteField, variableName} from './csv.js';
export {codebook, codebookFiles} from './codebook.js';
export {EXPORT_NAMES} from './names.js';

/** Answer keys without a pack definition that get a column of their own, at most. */
export const MAX_EXTRA_COLUMNS = 200;
const TRACK_KEYS = 20_000;

const own = (object, key) =>
  object !== null && typeof object === 'object' && Object.hasOwn(object, key)
    ? object[key]
    : undefined;

/**
 * @typedef {{
 *   name: string, label: string, type: 'numeric'|'string',
 *   source: {kind: 'fixed'|'score'|'answer'|'other'|'wide', key: string},
 *   values?: Array<{value: number|string, label: string}>,
 *   note?: string,
 *   repeat?: {item: string, instance: number},
 * }} Variable
 */

/**
 * An answer key of one instance of a repeating group or repeating item, as the widget writes
 * them (src/instrument/types.ts GroupItem): `meds.3.dose` is instance 3 of item `meds.dose`
 * (group `meds`, its item `dose`); `weight.2` is instance 2 of the repeating item `weight`.
 * Null for any other key. A key of another meaning can look the same (a pack the server does
 * not know may name an answer `x.2`): where the pack is known, its definition decides.
 * @param {string} key
 * @returns {{item: string, holder: string, child: string|null, instance: number}|null}
 */
export function instanceOf(key) {
  let m = /^(.+)\.([1-9]\d{0,8})\.([^.]+)$/.exec(key);
  if (m) return {item: `${m[1]}.${m[3]}`, holder: m[1], child: m[3], instance: Number(m[2])};
  m = /^(.+)\.([1-9]\d{0,8})$/.exec(key);
  if (m) return {item: m[1], holder: m[1], child: null, instance: Number(m[2])};
  return null;
}

/**
 * Answer keys in file order: the instances of a repeating group or item together, in the
 * order of their numbers (`meds.2.dose` before `meds.10.dose`), each instance's items
 * together; other keys by their text.
 * @param {string} a @param {string} b
 */
function compareKeys(a, b) {
  const x = instanceOf(a);
  const y = instanceOf(b);
  // A repeating item's numbers (`.weight`) go with its instances (`weight.1`).
  const base = (/** @type {string} */ key, i) => (i ? i.holder : key.replace(/^\./, ''));
  const p = base(a, x);
  const q = base(b, y);
  if (p !== q) return p < q ? -1 : 1;
  const d = (x?.instance ?? 0) - (y?.instance ?? 0);
  if (d) return d;
  return a < b ? -1 : a > b ? 1 : 0;
}

const FIXED = [
  ['id', 'Response id (the Idempotency-Key)', 'string'],
  ['kind', 'Body format: response (JSON), fhir or xapi', 'string'],
  ['received_at', 'Received by the server (ISO 8601, UTC)', 'string'],
  ['submitted_at', 'Submitted on the device (ISO 8601)', 'string'],
  ['instrument', 'Pack id', 'string'],
  ['version', 'Pack version', 'string'],
  ['timepoint', 'Timepoint id', 'string'],
  ['participant', 'Participant code or host id, as given', 'string'],
  ['cohort', 'Cohort label sent by the page', 'string'],
  ['simulated', 'true: simulated demo data, not a real person', 'string'],
];

/** What a body holds for a row (`response` rows: the body; others when already read). */
function bodyOf(row) {
  const body = row.body;
  if (!body || typeof body !== 'object') return null;
  if (row.kind && row.kind !== 'response' && !own(body, 'answers')) return null;
  return body;
}

/**
 * The variables of one item of a pack (none for a display item or a private one).
 * @param {any} item
 * @param {any} scales  the pack's scales
 * @returns {Array<Omit<Variable, 'name'> & {key: string}>}
 */
function itemVariables(item, scales) {
  const text = textOf(item.text, item.id);
  if (item.type === 'display') return [];
  if (item.type === 'reflection') {
    if (item.private !== false) return [];
    return (item.steps ?? []).map((step) => ({
      key: `${item.id}.${step.id}`,
      label: `${text}: ${textOf(step.prompt, step.id)}`,
      type: /** @type {const} */ ('string'),
      source: {kind: /** @type {const} */ ('answer'), key: `${item.id}.${step.id}`},
    }));
  }
  if (item.private === true) return [];
  if (item.type === 'code') {
    return [
      {key: item.id, label: text, type: 'string', source: {kind: 'answer', key: item.id}},
      ...(item.parts ?? []).map((part) => {
        const key = `${item.id}.${part.id}`;
        return {
          key,
          label: `${text}: ${textOf(part.prompt, part.id)}`,
          type: /** @type {const} */ ('string'),
          source: {kind: /** @type {const} */ ('answer'), key},
        };
      }),
    ];
  }
  if (item.type === 'group' || item.repeats === true) {
    // A repeating group or item: its answers are those of its instances (columns of their
    // own, found in the responses: repeatVariable); its own key holds the instances' numbers.
    const key = item.type === 'group' ? item.id : `.${item.id}`;
    return [
      {
        key,
        label: `${text}: the numbers of the instances given, in order`,
        type: 'string',
        source: {kind: 'answer', key},
        note: `A repeating ${item.type === 'group' ? 'group' : 'question'}: the answers of each instance are in columns of their own, labelled with the instance's number. Joined with |; an instance keeps its number when an earlier one is removed (1|3); empty when the person kept the instances first shown.`,
      },
    ];
  }
  /** @type {Omit<Variable, 'name'> & {key: string}} */
  const v = {key: item.id, label: text, type: 'string', source: {kind: 'answer', key: item.id}};
  if (item.type === 'likert') {
    v.type = 'numeric';
    v.values = (Object.hasOwn(scales, item.scale) ? scales[item.scale].points : []).map((p) => ({
      value: p.value,
      label: textOf(p.label, String(p.value)),
    }));
    if (item.reverse) v.note = 'Reverse-keyed: the score uses (min + max − answer).';
  } else if (item.type === 'scale') {
    v.type = 'numeric';
    v.values = [
      {value: item.min, label: textOf(item.minLabel, String(item.min))},
      {value: item.max, label: textOf(item.maxLabel, String(item.max))},
    ];
    v.note = `Whole numbers from ${item.min} to ${item.max}.`;
  } else if (item.type === 'number') {
    v.type = 'numeric';
    if (item.unit) v.note = `In ${textOf(item.unit)}.`;
  } else if (item.type === 'choice') {
    v.values = (item.options ?? []).map((o) => ({
      value: o.value,
      label: textOf(o.label, o.value),
    }));
    v.note = item.multiple
      ? 'Several choices allowed: the chosen values joined with |.'
      : 'One choice: the chosen value.';
    if (item.correct) v.note += ` Correct: ${item.correct.join('|')}.`;
  }
  return [v];
}

/** The answer keys a pack defines, with their meaning. */
function packAnswerVariables(pack) {
  const scales = pack.scales ?? {};
  return itemsOf(pack).flatMap((item) => itemVariables(item, scales));
}

/**
 * The repeating groups and repeating items of the packs, by id: what an instance's answer
 * key (instanceOf) is an answer to, first pack first.
 * @param {any[]} packs
 */
function repeatingItems(packs) {
  /** @type {Map<string, {item: any, scales: any}>} */
  const found = new Map();
  for (const pack of packs) {
    for (const item of itemsOf(pack)) {
      if ((item.type === 'group' || item.repeats === true) && !found.has(item.id))
        found.set(item.id, {item, scales: pack.scales ?? {}});
    }
  }
  return found;
}

/**
 * The variable of an instance's answer key: the item's own meaning (type, value labels) where
 * a known pack defines the repeating group or item, with the instance's number in its label,
 * as the widget names it ("Medication 2: Dose", "Weight (2)").
 * @param {string} key
 * @param {NonNullable<ReturnType<typeof instanceOf>>} instance
 * @param {ReturnType<typeof repeatingItems>} repeating
 * @returns {Omit<Variable, 'name'>}
 */
function repeatVariable(key, instance, repeating) {
  const repeat = {item: instance.item, instance: instance.instance};
  const known = repeating.get(instance.holder);
  const holder = known?.item;
  const child =
    holder?.type === 'group'
      ? (holder.items ?? []).find((/** @type {any} */ c) => c.id === instance.child)
      : holder && instance.child === null
        ? {...holder, repeats: false}
        : undefined;
  const [meaning] = child ? itemVariables(child, known?.scales) : [];
  if (!holder || !meaning || meaning.key !== child.id) {
    return {
      label: `Answer ${instance.item}, instance ${instance.instance} (not defined by a pack the server knows)`,
      type: 'string',
      source: {kind: 'answer', key},
      repeat,
      note: `Read as instance ${instance.instance} of a repeating item (key ${key}).`,
    };
  }
  const text = textOf(holder.text, holder.id);
  return {
    ...meaning,
    label:
      holder.type === 'group'
        ? `${text} ${instance.instance}: ${meaning.label}`
        : `${meaning.label} (${instance.instance})`,
    source: {kind: 'answer', key},
    repeat,
    note: [
      `Instance ${instance.instance} of the repeating ${holder.type === 'group' ? `group ${holder.id}, item ${instance.item}` : `question ${holder.id}`}.`,
      meaning.note,
    ]
      .filter(Boolean)
      .join(' '),
  };
}

/**
 * The variables of the long file for the packs seen and the extra keys found.
 * @param {{packs: any[], scoreIds: string[], extraKeys: string[], hasOther: boolean}} input
 * @returns {Variable[]}
 */
export function longVariables({packs, scoreIds, extraKeys, hasOther}) {
  const taken = new Set();
  /** @type {Variable[]} */
  const vars = FIXED.map(([key, label, type]) => ({
    name: variableName(key, taken),
    label,
    type: /** @type {'numeric'|'string'} */ (type),
    source: {kind: 'fixed', key},
  }));
  const scoreLabels = new Map();
  for (const pack of packs)
    for (const s of describePack(pack).scores)
      if (!scoreLabels.has(s.id)) scoreLabels.set(s.id, s.label);
  const scores = [...new Set([...scoreLabels.keys(), ...scoreIds])];
  for (const id of scores) {
    vars.push({
      name: variableName(`s_${id}`, taken),
      label: `Score: ${scoreLabels.get(id) ?? id}`,
      type: 'numeric',
      source: {kind: 'score', key: id},
      note: 'As computed on the device with the pack’s scoring rule; empty when too few items were answered.',
    });
  }
  const seen = new Set();
  for (const pack of packs) {
    for (const v of packAnswerVariables(pack)) {
      if (seen.has(v.key)) continue;
      seen.add(v.key);
      vars.push({...v, name: variableName(`q_${v.key}`, taken)});
    }
  }
  const repeating = repeatingItems(packs);
  // The keys that hold the numbers of instances found: a group's id, `.id` for an item.
  const numbers = new Set(
    extraKeys.flatMap((key) => {
      const i = instanceOf(key);
      return i ? [i.child === null ? `.${i.holder}` : i.holder] : [];
    }),
  );
  for (const key of [...extraKeys].sort(compareKeys)) {
    if (seen.has(key)) continue;
    seen.add(key);
    const instance = instanceOf(key);
    if (numbers.has(key)) {
      vars.push({
        name: variableName(`q_${key}`, taken),
        label: `Answer ${key}: the numbers of the instances of the repeating ${key.startsWith('.') ? `question ${key.slice(1)}` : `group ${key}`}, in order (not defined by a pack the server knows)`,
        type: 'string',
        source: {kind: 'answer', key},
        note: 'Joined with |.',
      });
      continue;
    }
    if (instance) {
      vars.push({
        ...repeatVariable(key, instance, repeating),
        name: variableName(`q_${key}`, taken),
      });
      continue;
    }
    vars.push({
      name: variableName(`q_${key}`, taken),
      label: `Answer ${key} (not defined by a pack the server knows)`,
      type: 'string',
      source: {kind: 'answer', key},
    });
  }
  // Always there, so every file has the same shape: answers without a column of their own,
  // and answers that do not fit their column (text where the pack says a number).
  void hasOther;
  {
    vars.push({
      name: variableName('other_answers', taken),
      label: 'Other answers, as JSON: keys without a column, or answers not of their column’s type',
      type: 'string',
      source: {kind: 'other', key: ''},
    });
  }
  return vars;
}

/**
 * The first pass of the long file: the packs, score ids and the most frequent answer keys
 * that no known pack defines.
 */
async function surveyLong(rows, {pack, packFor}) {
  /** @type {Map<string, any>} */
  const packs = new Map();
  const scoreIds = new Set();
  /** @type {Map<string, number>} */
  const keyCounts = new Map();
  let overflow = false;
  for await (const row of rows) {
    const body = bodyOf(row);
    const p = resolvePack(row, body, pack, packFor);
    if (p) packs.set(`${p.id}\u0000${p.version}`, p);
    const scores = own(body, 'scores');
    if (scores && typeof scores === 'object' && scoreIds.size < 100)
      for (const k of Object.keys(scores)) scoreIds.add(k);
    const answers = own(body, 'answers');
    if (!answers || typeof answers !== 'object') continue;
    const defined = p ? definedKeys(p) : null;
    for (const key of Object.keys(answers)) {
      if (defined?.has(key)) continue;
      if (keyCounts.has(key)) keyCounts.set(key, /** @type {number} */ (keyCounts.get(key)) + 1);
      else if (keyCounts.size < TRACK_KEYS) keyCounts.set(key, 1);
      else overflow = true;
    }
  }
  const ranked = [...keyCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const extraKeys = ranked
    .slice(0, MAX_EXTRA_COLUMNS)
    .map(([k]) => k)
    .sort();
  return {
    packs: [...packs.values()],
    scoreIds: [...scoreIds].sort(),
    extraKeys,
    hasOther: overflow || ranked.length > MAX_EXTRA_COLUMNS,
  };
}

/** @type {WeakMap<object, Set<string>>} */
const definedCache = new WeakMap();
function definedKeys(pack) {
  let keys = definedCache.get(pack);
  if (!keys) {
    keys = new Set(packAnswerVariables(pack).map((v) => v.key));
    definedCache.set(pack, keys);
  }
  return keys;
}

function resolvePack(row, body, given, packFor) {
  const id = row.instrument ?? own(own(body, 'instrument'), 'id');
  const version = row.version ?? own(own(body, 'instrument'), 'version');
  if (given && given.id === id) return given;
  return typeof id === 'string' ? packFor(id, version ?? null) : undefined;
}

/**
 * The long CSV: one row per response. Give a function that opens the rows (two passes: the
 * first finds every column) or the rows themselves (one pass: columns from the first row's
 * pack; other answers go to the JSON column).
 * @param {(() => AsyncIterable<any>|Iterable<any>)|AsyncIterable<any>|Iterable<any>} source
 * @param {{pack?: any, packFor?: (id: string, version: string|null) => any}} [options]
 * @returns {AsyncGenerator<string>}
 */
export async function* longCsv(source, options = {}) {
  const {pack, packFor = builtinPackFor} = options;
  let rows;
  let plan;
  if (typeof source === 'function') {
    plan = await surveyLong(source(), {pack, packFor});
    rows = source();
  } else {
    // One pass: look at the first row for its pack, then write it and the rest.
    const iterator =
      Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
    const first = await iterator.next();
    const p = first.done ? pack : resolvePack(first.value, bodyOf(first.value), pack, packFor);
    plan = {packs: p ? [p] : [], scoreIds: [], extraKeys: [], hasOther: true};
    rows = (async function* () {
      if (first.done) return;
      yield first.value;
      for (let next = await iterator.next(); !next.done; next = await iterator.next())
        yield next.value;
    })();
  }
  const vars = longVariables(plan);
  yield line(vars.map((v) => v.name));
  const answerKeys = new Set(
    vars.filter((v) => v.source.kind === 'answer').map((v) => v.source.key),
  );
  const numericKeys = new Set(
    vars.filter((v) => v.source.kind === 'answer' && v.type === 'numeric').map((v) => v.source.key),
  );
  let chunk = '';
  for await (const row of rows) {
    chunk += recordLine(longRow(row, vars, answerKeys, numericKeys));
    if (chunk.length > 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

function longRow(row, vars, answerKeys, numericKeys) {
  const body = bodyOf(row);
  const answers = own(body, 'answers');
  const scores = own(body, 'scores');
  const misfit = (k) => numericKeys.has(k) && typeof answers[k] !== 'number';
  return vars.map((v) => {
    const {kind, key} = v.source;
    if (kind === 'fixed') return fixedValue(row, body, key);
    if (kind === 'score') {
      const value = own(own(scores, key), 'value');
      return typeof value === 'number' ? value : null;
    }
    if (kind === 'answer') {
      const value = own(answers, key);
      // A numeric column holds numbers only (SPSS, R and Stata read it as numeric).
      return v.type === 'numeric' && typeof value !== 'number' ? null : value;
    }
    // kind 'other': every answer without a column of its own, or not of its type, as JSON.
    if (!answers || typeof answers !== 'object') return null;
    const rest = Object.keys(answers).filter((k) => !answerKeys.has(k) || misfit(k));
    if (!rest.length) return null;
    return JSON.stringify(Object.fromEntries(rest.map((k) => [k, answers[k]])));
  });
}

function fixedValue(row, body, key) {
  switch (key) {
    case 'id':
      return row.id;
    case 'kind':
      return row.kind ?? 'response';
    case 'received_at':
      return row.receivedAt;
    case 'submitted_at':
      return own(body, 'submittedAt') ?? null;
    case 'instrument':
      return row.instrument ?? own(own(body, 'instrument'), 'id') ?? null;
    case 'version':
      return row.version ?? own(own(body, 'instrument'), 'version') ?? null;
    case 'timepoint':
      return row.timepoint ?? own(body, 'timepoint') ?? null;
    case 'participant':
      return row.participant ?? own(body, 'participant') ?? null;
    case 'cohort':
      return row.cohort ?? null;
    case 'simulated':
      return Boolean(row.simulated);
    default:
      return null;
  }
}

/**
 * The first pass of the wide file: per instrument its timepoints in order, its scores, and
 * the codes at each timepoint, then the links from each later timepoint back to baseline.
 */
async function surveyWide(rows, {pack, packFor}) {
  /** @type {Map<string, {pack: any, timepoints: Map<string, {first: number, codes: Set<string>}>, scores: Map<string, string>}>} */
  const instruments = new Map();
  /** @type {Map<string, string>} the first spelling of each code */
  const spelled = new Map();
  /** @type {Set<string>} codes spelled in more than one way */
  const variants = new Set();
  for await (const row of rows) {
    const body = bodyOf(row);
    const id = row.instrument ?? own(own(body, 'instrument'), 'id');
    const tp = row.timepoint ?? own(body, 'timepoint');
    if (typeof id !== 'string' || typeof tp !== 'string') continue;
    let entry = instruments.get(id);
    if (!entry) {
      const p = resolvePack(row, body, pack, packFor);
      entry = {pack: p, timepoints: new Map(), scores: new Map()};
      if (p) for (const s of describePack(p).scores) entry.scores.set(s.id, s.label);
      instruments.set(id, entry);
    }
    const at = Date.parse(row.receivedAt ?? '');
    let t = entry.timepoints.get(tp);
    if (!t) {
      if (entry.timepoints.size >= 50) continue; // a forged flood of timepoints gets no columns
      t = {first: Number.isNaN(at) ? Infinity : at, codes: new Set()};
      entry.timepoints.set(tp, t);
    }
    if (at < t.first) t.first = at;
    const code = normaliseCode(row.participant ?? own(body, 'participant'));
    if (code !== null) {
      t.codes.add(code);
      const raw = String(row.participant ?? own(body, 'participant'));
      const first = spelled.get(code);
      if (first === undefined) spelled.set(code, raw);
      else if (first !== raw) variants.add(code);
    }
    const scores = own(body, 'scores');
    if (!entry.pack && scores && typeof scores === 'object' && entry.scores.size < 50) {
      for (const k of Object.keys(scores)) if (!entry.scores.has(k)) entry.scores.set(k, k);
    }
  }
  const plans = [...instruments.keys()].sort().map((id) => {
    const entry = /** @type {NonNullable<ReturnType<typeof instruments.get>>} */ (
      instruments.get(id)
    );
    const known = entry.pack ? describePack(entry.pack).timepoints.map((t) => t.id) : [];
    const order = [
      ...known.filter((t) => entry.timepoints.has(t)),
      ...[...entry.timepoints]
        .filter(([t]) => !known.includes(t))
        .sort(([a, x], [b, y]) => x.first - y.first || (a < b ? -1 : 1))
        .map(([t]) => t),
    ];
    const [baseline, ...later] = order;
    const baseCodes = baseline ? [...(entry.timepoints.get(baseline)?.codes ?? [])] : [];
    /** @type {Map<string, Map<string, {baseline: string|null, quality: string}>>} */
    const links = new Map();
    for (const t of later) {
      const codes = [...(entry.timepoints.get(t)?.codes ?? [])];
      const result = pairParticipants(baseCodes, codes, {code: (c) => c});
      const map = new Map();
      for (const pair of result.pairs)
        map.set(pair.after, {baseline: pair.before, quality: pair.quality});
      for (const c of result.ambiguousAfter) map.set(c, {baseline: null, quality: 'ambiguous'});
      links.set(t, map);
    }
    return {id, pack: entry.pack, order, scores: [...entry.scores], links};
  });
  return Object.assign(plans, {variants});
}

/**
 * The variables of the wide file.
 * @param {Awaited<ReturnType<typeof surveyWide>>} plans
 * @returns {Variable[]}
 */
export function wideVariables(plans) {
  const taken = new Set();
  const several = plans.length > 1;
  /** @type {Variable[]} */
  const vars = [
    {
      name: variableName('participant', taken),
      label: 'Participant code (trimmed, upper case)',
      type: 'string',
      source: {kind: 'fixed', key: 'participant'},
    },
    {
      name: variableName('simulated', taken),
      label: 'true: simulated demo data, not a real person',
      type: 'string',
      source: {kind: 'fixed', key: 'simulated'},
    },
  ];
  plans.forEach((plan, p) => {
    // Several packs: a short prefix per pack (i1_, i2_…) keeps names within 32 characters.
    const prefix = several ? `i${p + 1}_` : '';
    plan.order.forEach((tp, i) => {
      const at = (what) => `${prefix}${what}_${tp}`;
      const tpText = `${several ? `${plan.id}, ` : ''}${tp}`;
      vars.push({
        name: variableName(at('id'), taken),
        label: `${tpText}: response id`,
        type: 'string',
        source: {kind: 'wide', key: JSON.stringify([plan.id, tp, 'id'])},
      });
      vars.push({
        name: variableName(at('received'), taken),
        label: `${tpText}: received (ISO 8601, UTC)`,
        type: 'string',
        source: {kind: 'wide', key: JSON.stringify([plan.id, tp, 'received'])},
      });
      vars.push({
        name: variableName(at('n'), taken),
        label: `${tpText}: responses with this code (the latest counts)`,
        type: 'numeric',
        source: {kind: 'wide', key: JSON.stringify([plan.id, tp, 'n'])},
      });
      if (i > 0) {
        vars.push({
          name: variableName(at('link'), taken),
          label: `${tpText}: how this code links to baseline`,
          type: 'string',
          source: {kind: 'wide', key: JSON.stringify([plan.id, tp, 'link'])},
          values: [
            {value: 'exact', label: 'Same code at baseline'},
            {value: '1 part differs', label: 'Linked with one part of the code different'},
            {value: '2 parts differ', label: 'Linked with two parts of the code different'},
            {value: 'ambiguous', label: 'More than one baseline code fits: not linked'},
            {value: 'none', label: 'No baseline code fits'},
          ],
        });
        vars.push({
          name: variableName(at('baseline_code'), taken),
          label: `${tpText}: the baseline code this links to`,
          type: 'string',
          source: {kind: 'wide', key: JSON.stringify([plan.id, tp, 'baseline'])},
        });
      }
      for (const [score, label] of plan.scores) {
        vars.push({
          name: variableName(`${prefix}${score}_${tp}`, taken),
          label: `${tpText}: ${label}`,
          type: 'numeric',
          source: {kind: 'wide', key: JSON.stringify([plan.id, tp, `score:${score}`])},
        });
      }
    });
  });
  return vars;
}

/**
 * The wide CSV: one row per participant code, columns per timepoint and score (and how each
 * later timepoint links back to baseline). Rows must come ordered by participant; the latest
 * response of a code at a timepoint counts. A code linked to a baseline code with tolerance
 * keeps its own row and names that baseline code in `<timepoint>_baseline_code`.
 * @param {() => AsyncIterable<any>|Iterable<any>} openRows  a fresh iterable on each call,
 *   ordered by participant
 * @param {{pack?: any, packFor?: (id: string, version: string|null) => any}} [options]
 * @returns {AsyncGenerator<string>}
 */
export async function* wideCsv(openRows, options = {}) {
  const {pack, packFor = builtinPackFor} = options;
  const plans = await surveyWide(openRows(), {pack, packFor});
  const variants = plans.variants;
  const vars = wideVariables(plans);
  yield line(vars.map((v) => v.name));
  const planOf = new Map(plans.map((p) => [p.id, p]));
  let chunk = '';
  /** @typedef {{code: string|null, simulated: boolean, cells: Map<string, any>}} Person */
  /** @type {Person|null} */
  let current = null;
  // Codes written in more than one way ("m-07-j", "M-07-J") are not next to each other in
  // the participant order: they are gathered here and written at the end (few, normally).
  /** @type {Map<string, Person>} */
  const held = new Map();
  const write = (/** @type {Person} */ person) => {
    for (const plan of plans) {
      for (const tp of plan.order.slice(1)) {
        if (!person.code || !person.cells.has(JSON.stringify([plan.id, tp, 'id']))) continue;
        const link = plan.links.get(tp)?.get(person.code);
        person.cells.set(JSON.stringify([plan.id, tp, 'link']), link?.quality ?? 'none');
        person.cells.set(JSON.stringify([plan.id, tp, 'baseline']), link?.baseline ?? null);
      }
    }
    chunk += recordLine(
      vars.map((v) =>
        v.source.key === 'participant'
          ? person.code
          : v.source.key === 'simulated'
            ? person.simulated
            : person.cells.get(v.source.key),
      ),
    );
  };
  for await (const row of openRows()) {
    const body = bodyOf(row);
    const id = row.instrument ?? own(own(body, 'instrument'), 'id');
    const tp = row.timepoint ?? own(body, 'timepoint');
    const plan = typeof id === 'string' ? planOf.get(id) : undefined;
    if (!plan || typeof tp !== 'string' || !plan.order.includes(tp)) continue;
    const code = normaliseCode(row.participant ?? own(body, 'participant'));
    /** @type {Person} */
    let person;
    if (code !== null && variants.has(code)) {
      person = held.get(code) ?? {code, simulated: false, cells: new Map()};
      held.set(code, person);
    } else {
      if (!current || code === null || current.code !== code) {
        if (current) write(current);
        current = {code, simulated: false, cells: new Map()};
      }
      person = current;
    }
    const key = (what) => JSON.stringify([plan.id, tp, what]);
    const n = (person.cells.get(key('n')) ?? 0) + 1;
    person.cells.set(key('n'), n);
    person.simulated ||= Boolean(row.simulated);
    const received = row.receivedAt ?? '';
    const earlier = person.cells.get(key('received'));
    if (n > 1 && typeof earlier === 'string' && earlier > received) continue;
    person.cells.set(key('id'), row.id);
    person.cells.set(key('received'), received);
    const scores = own(body, 'scores');
    for (const [score] of plan.scores) {
      const value = own(own(scores, score), 'value');
      person.cells.set(key(`score:${score}`), typeof value === 'number' ? value : null);
    }
    if (chunk.length > 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (current) write(current);
  for (const code of [...held.keys()].sort()) write(/** @type {Person} */ (held.get(code)));
  if (chunk) yield chunk;
}

export {surveyLong, surveyWide};
