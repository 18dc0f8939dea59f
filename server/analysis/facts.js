// @ts-check
// A response's facts: the few numbers the evaluation reads from its body, kept beside the
// body when the response is stored, so the evaluation page never parses full bodies.
//
// For a pack the server knows: `[scores, items, likert]`, each an array in the order the
// evaluation lays the pack out (layoutOf): the value of each score (the one the response
// carries, or for a single-item outcome the item's own value), the scored value of every item
// of each multi-item score (for Cronbach's alpha), and the raw answer of each Likert item (for
// the answer distributions); null where there is none. For a pack it does not know:
// `[[scoreId, value|null], …]`, the scores the response carries, in their order.
//
// The facts depend on the pack definition, so each row also stores the key of the layout it
// was made with (factsKeyFor): when the server's packs change, rows with another key are made
// again from their bodies (storage does so on start; until then the evaluation reads those
// bodies). The evaluation computes a body's facts with the same function (extractFacts), so
// a stored record and the body it came from cannot say different things.
import {createHash} from 'node:crypto';
import {fhirToResponse} from '../fhir.js';
import {describePack, itemScorer, packFor, textOf} from './packs.js';

/**
 * Bump when extractFacts or the layout changes: every stored record is made again. (Not
 * bumped when fhirToResponse began to read the score extensions of FHIR bodies: bodies
 * stored before carry none, so their facts, made without that reading, are still right.)
 */
export const FACTS_FORMAT = 1;
/** The key of rows without an instrument (never evaluated; nothing to keep). */
export const NO_INSTRUMENT_KEY = `${FACTS_FORMAT}:0`;
/** More stored scores than this in one response of an unknown pack: read its body instead. */
const MAX_STORED_SCORES = 200;

const own = (object, key) =>
  object !== null && typeof object === 'object' && Object.hasOwn(object, key)
    ? object[key]
    : undefined;

/**
 * @typedef {{
 *   key: string,
 *   pack: any,
 *   described: ReturnType<typeof describePack>|null,
 *   scores: Array<{id: string, label: string, method: string, items: any[], min: number|null, max: number|null, offset: number, scorers: Array<(answers: any) => number>}>,
 *   itemCount: number,
 *   likert: Array<{id: string, valid: Set<unknown>}>,
 * }} Layout
 */

/** @type {WeakMap<object, Layout>} */
const layouts = new WeakMap();
/** @type {Layout} */
const NO_PACK = {
  key: `${FACTS_FORMAT}:-`,
  pack: undefined,
  described: null,
  scores: [],
  itemCount: 0,
  likert: [],
};

/**
 * How the evaluation lays out a pack's scores, items and Likert items (made once per pack).
 * @param {any} pack  a pack definition, or undefined for a pack the server does not know
 * @returns {Layout}
 */
export function layoutOf(pack) {
  if (!pack) return NO_PACK;
  const kept = layouts.get(pack);
  if (kept) return kept;
  const described = describePack(pack);
  /** @type {Layout['scores']} */
  const scores = [];
  let offset = 0;
  for (const score of described.scores) {
    scores.push({...score, offset, scorers: []});
    if (score.items.length > 1) offset += score.items.length;
  }
  // A single-item outcome asked at the first timepoint too (the resilience rating): the
  // study's third question, so it is evaluated like a score.
  const first = described.timepoints[0]?.id;
  for (const item of pack.sections.flatMap((s) =>
    s.items.map((i) => ({...i, sectionTp: s.timepoints})),
  )) {
    if (item.type !== 'scale') continue;
    const at = item.timepoints ?? item.sectionTp;
    if (at && !at.includes(first)) continue;
    scores.push({
      id: item.id,
      label: textOf(item.text, item.id),
      method: 'item',
      items: [item],
      min: item.min,
      max: item.max,
      offset,
      scorers: [],
    });
  }
  for (const score of scores) {
    const method = score.method === 'item' ? 'mean' : score.method;
    score.scorers = score.items.map((item) => itemScorer(pack, item, method));
  }
  const layout = {
    key: `${FACTS_FORMAT}:${createHash('sha256').update(JSON.stringify(pack)).digest('hex').slice(0, 16)}`,
    pack,
    described,
    scores,
    itemCount: offset,
    likert: described.likert.map((item) => ({
      id: item.id,
      valid: new Set(item.points.map((p) => p.value)),
    })),
  };
  layouts.set(pack, layout);
  return layout;
}

/**
 * The key of the facts a row of this pack and version gets now (the pack the server knows).
 * @param {string|null} instrument
 * @param {string|null} version
 */
export function factsKeyFor(instrument, version) {
  if (!instrument) return NO_INSTRUMENT_KEY;
  return layoutOf(packFor(instrument, version)).key;
}

/**
 * The facts of a response body (the contract's JSON shape) under a layout; null when an
 * unknown pack's response carries more than `maxStored` scores (storage then keeps no facts
 * for it: they would be no smaller than the body).
 * @param {Layout} layout
 * @param {any} body
 * @returns {any[]|null}
 */
export function extractFacts(layout, body, maxStored = Infinity) {
  const answers = own(body, 'answers');
  const stored = own(body, 'scores');
  if (!layout.pack) {
    if (!stored || typeof stored !== 'object') return [];
    const ids = Object.keys(stored);
    if (ids.length > maxStored) return null;
    return ids.map((id) => {
      const value = own(own(stored, id), 'value');
      return [id, typeof value === 'number' && Number.isFinite(value) ? value : null];
    });
  }
  const finite = (/** @type {number} */ v) => (Number.isFinite(v) ? v : null);
  const scores = [];
  const items = new Array(layout.itemCount).fill(null);
  for (const score of layout.scores) {
    if (score.method === 'item') {
      scores.push(finite(score.scorers[0](answers)));
      continue;
    }
    const value = own(own(stored, score.id), 'value');
    scores.push(typeof value === 'number' && Number.isFinite(value) ? value : null);
    const scorers = score.scorers;
    if (scorers.length > 1) {
      for (let j = 0; j < scorers.length; j++) {
        items[score.offset + j] = finite(scorers[j](answers));
      }
    }
  }
  const likert = layout.likert.map(({id, valid}) => {
    const answer = own(answers, id);
    return valid.has(answer) ? answer : null;
  });
  return [scores, items, likert];
}

/**
 * Whether `facts` (read back from storage) have the shape `layout` gives; a record that does
 * not is read from its body instead.
 * @param {Layout} layout
 * @param {unknown} facts
 */
export function factsFit(layout, facts) {
  if (!Array.isArray(facts)) return false;
  if (!layout.pack) return facts.every((pair) => Array.isArray(pair) && pair.length === 2);
  return (
    facts.length === 3 &&
    Array.isArray(facts[0]) &&
    facts[0].length === layout.scores.length &&
    Array.isArray(facts[1]) &&
    facts[1].length === layout.itemCount &&
    Array.isArray(facts[2]) &&
    facts[2].length === layout.likert.length
  );
}

/**
 * What storage keeps beside a body: the key and the facts as JSON (null: read the body).
 * `described` holds the row's instrument and version columns (storage/common.js describeBody).
 * @param {string} kind  the stored kind (`response`, `fhir-questionnaire-response`, …)
 * @param {any} body
 * @param {{instrument: string|null, version: string|null}} described
 * @param {any} [converted]  a FHIR body already read into the contract's shape (fhirToResponse)
 * @returns {{factsKey: string|null, facts: string|null}}
 */
export function factsOf(kind, body, described, converted) {
  let response;
  if (kind === 'response') response = body;
  else if (kind === 'fhir-questionnaire-response') response = converted ?? fhirToResponse(body);
  // xAPI statements make a response only together (xapi.js): read from their bodies. They
  // have no instrument column, so their key is that of rows without one.
  else return {factsKey: NO_INSTRUMENT_KEY, facts: null};
  if (!response || typeof response !== 'object' || !described.instrument) {
    return {factsKey: NO_INSTRUMENT_KEY, facts: null};
  }
  const layout = layoutOf(packFor(described.instrument, described.version));
  const facts = extractFacts(layout, response, MAX_STORED_SCORES);
  return {factsKey: layout.key, facts: facts ? JSON.stringify(facts) : null};
}
