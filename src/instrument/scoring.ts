import {answerOf, itemsAt, visibleAnswers} from './conditions.js';
import {localize} from './text.js';
import type {Answers, Band, Item, Pack, Score, ScoreRule} from './types.js';

/**
 * Rounds half away from zero to `places` decimals, by shifting the decimal point in the
 * number's text: `x * 100` would turn 1.005 into 100.49999999999999.
 */
export function round(value: number, places: number): number {
  const shifted = Math.round(Number(`${Math.abs(value)}e${places}`));
  const result = Number(`${shifted}e-${places}`) * Math.sign(value);
  // Exponent text does not survive numbers already printed in e-notation; fall back.
  return Number.isFinite(result) ? result + 0 : Math.round(value * 10 ** places) / 10 ** places;
}

/** The item's contribution to a sum or mean, reverse key applied; undefined when it has none. */
function itemValue(pack: Pack, item: Item, answers: Answers): number | undefined {
  const answer = answerOf(answers, item.id);
  if (typeof answer !== 'number' || !Number.isFinite(answer)) return undefined;
  if (item.type === 'likert') {
    const scales = pack.scales ?? {};
    if (!Object.hasOwn(scales, item.scale)) return undefined;
    const values = scales[item.scale].points.map((p) => p.value);
    // An answer that is not a point of the scale is stale or forged: not counted.
    if (!values.includes(answer)) return undefined;
    return item.reverse ? Math.min(...values) + Math.max(...values) - answer : answer;
  }
  if (item.type === 'scale') return answer >= item.min && answer <= item.max ? answer : undefined;
  if (item.type === 'number') return answer;
  return undefined;
}

/** Whether a choice item was answered, and if so whether correctly; undefined when unanswered. */
function itemCorrect(item: Item, answers: Answers): boolean | undefined {
  if (item.type !== 'choice' || !item.correct) return undefined;
  const raw = answerOf(answers, item.id);
  const answer = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? (raw as string[]) : [];
  if (!answer.length) return undefined;
  if (!item.multiple) return item.correct.includes(answer[0]);
  const given = new Set(answer);
  return given.size === item.correct.length && item.correct.every((v) => given.has(v));
}

/** The first band whose bound holds, or that has none. */
function bandOf(bands: readonly Band[], value: number): Band | undefined {
  return bands.find(
    (b) => (b.lt === undefined || value < b.lt) && (b.lte === undefined || value <= b.lte),
  );
}

function scoreItems(pack: Pack, rule: ScoreRule, items: readonly Item[], answers: Answers): Score {
  const of = items.length;
  let answered = 0;
  let total = 0;
  for (const item of items) {
    // A correct answer counts 1, a wrong one 0.
    const value =
      rule.method === 'correct' ? itemCorrect(item, answers) : itemValue(pack, item, answers);
    if (value === undefined) continue;
    answered++;
    total += Number(value);
  }
  // A small tolerance: 0.8 × 26 is 20.8000…01 in floating point, and 21 answers must pass.
  const enough = answered > 0 && answered + 1e-9 >= (rule.minAnswered ?? 1) * of;
  if (!enough) return {value: null, answered, of, band: null};
  let value: number;
  if (rule.method === 'mean') value = total / answered;
  // Person-mean imputation fills each missing item with the mean of the answered ones.
  else if (rule.method === 'sum' && rule.impute === 'person-mean') value = (total / answered) * of;
  else value = total;
  value = round(value, rule.precision ?? 2);
  const band = rule.bands ? bandOf(rule.bands, value) : undefined;
  return {
    value,
    answered,
    of,
    // Stored in the pack's first language: a response is data, not a screen. An element shows
    // the band in the person's language by finding it in `rule.bands`.
    band: band ? localize(band.label, pack.languages?.[0] ?? 'en', pack.languages) : null,
  };
}

/**
 * One score over all of a rule's items. Reverse keys apply (`min + max − value` over the
 * scale's point values). With fewer than `minAnswered` (default: all) items answered the value
 * is null. Without `impute`, a sum with items missing is the sum of those answered. Bands are
 * chosen on the rounded value, so the band always agrees with the number shown.
 */
export function scoreRule(pack: Pack, rule: ScoreRule, answers: Answers): Score {
  const byId = new Map(pack.sections.flatMap((s) => s.items).map((i) => [i.id, i] as const));
  const items = rule.items.flatMap((id) => byId.get(id) ?? []);
  return scoreItems(pack, rule, items, answers);
}

/**
 * The scores of one timepoint: every rule with at least one item at that timepoint, over just
 * those items (`of` counts them). Answers of items hidden by `showIf` are ignored.
 */
export function scoreAll(pack: Pack, timepoint: string, answers: Answers): Record<string, Score> {
  const present = new Map(itemsAt(pack, timepoint).map((i) => [i.id, i] as const));
  const visible = visibleAnswers(pack, timepoint, answers);
  const scores: Record<string, Score> = {};
  for (const rule of pack.scores ?? []) {
    const items = rule.items.flatMap((id) => present.get(id) ?? []);
    if (items.length) scores[rule.id] = scoreItems(pack, rule, items, visible);
  }
  return scores;
}
