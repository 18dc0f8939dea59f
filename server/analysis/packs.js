// @ts-check
// The packs the server knows (the built-in ones), and what analysis reads from a pack: the
// timepoints in order, the scores with their items and reverse keys, the Likert items with
// their scales. The packs are written in TypeScript (src/instrument/packs/); the server reads
// the built ones from lib/ when `npm run build` has made them, else compiles the English
// module with esbuild (a dev dependency, present in every clone after `npm ci`).
import {existsSync, readFileSync} from 'node:fs';
import {Buffer} from 'node:buffer';
import console from 'node:console';
import {URL} from 'node:url';

const root = new URL('../../', import.meta.url);
const BUILTIN = ['coping-with-error'];

/** @param {string} id */
async function loadBuiltin(id) {
  const built = new URL(`lib/instrument/packs/${id}.en.js`, root);
  if (existsSync(built)) return (await import(built.href)).pack;
  const source = new URL(`src/instrument/packs/${id}.en.ts`, root);
  const {transform} = await import('esbuild');
  const out = await transform(readFileSync(source, 'utf8'), {loader: 'ts', format: 'esm'});
  const code = Buffer.from(out.code).toString('base64');
  return (await import(`data:text/javascript;base64,${code}`)).pack;
}

/** @type {Map<string, any>} */
const builtins = new Map();
for (const id of BUILTIN) {
  try {
    builtins.set(id, await loadBuiltin(id));
  } catch (error) {
    // Without the pack the evaluation still runs on the scores stored in each response.
    console.warn(
      `analysis: built-in pack ${id} not loaded (${/** @type {Error} */ (error).message})`,
    );
  }
}

/**
 * The definition of pack `id` at `version` when the server knows it (a built-in pack), else
 * undefined. Another version of a built-in pack may score differently, so it is not assumed.
 * @param {string|null|undefined} id
 * @param {string|null|undefined} version
 */
export function packFor(id, version) {
  const pack = typeof id === 'string' ? builtins.get(id) : undefined;
  return pack && (version == null || pack.version === version) ? pack : undefined;
}

/** Text in English (or the pack's first language), whatever shape it has. */
export function textOf(text, fallback = '') {
  if (typeof text === 'string') return text;
  if (text && typeof text === 'object') {
    if (typeof text.en === 'string') return text.en;
    for (const value of Object.values(text)) if (typeof value === 'string') return value;
  }
  return fallback;
}

/** Every item of the pack, sections flattened, in order. */
export function itemsOf(pack) {
  return (pack?.sections ?? []).flatMap((section) =>
    (section.items ?? []).map((item) => ({...item, section: section.id})),
  );
}

/**
 * What analysis needs from a pack, in one object.
 * @returns {{
 *   timepoints: Array<{id: string, label: string}>,
 *   scores: Array<{id: string, label: string, method: string, items: any[], min: number|null, max: number|null, precision: number}>,
 *   likert: Array<{id: string, label: string, section: string, reverse: boolean, points: Array<{value: number, label: string}>, timepoints: string[]|null}>,
 *   codeItem: any,
 * }}
 */
export function describePack(pack) {
  const items = itemsOf(pack);
  const byId = new Map(items.map((item) => [item.id, item]));
  const scales = pack.scales ?? {};
  const pointsOf = (item) =>
    (Object.hasOwn(scales, item.scale) ? scales[item.scale].points : []).map((p) => ({
      value: p.value,
      label: textOf(p.label, String(p.value)),
    }));
  const sectionOf = new Map((pack.sections ?? []).map((s) => [s.id, s]));
  const scores = (pack.scores ?? []).map((rule) => {
    const scored = rule.items.map((id) => byId.get(id)).filter(Boolean);
    let min = null;
    let max = null;
    if (rule.method === 'correct') {
      min = 0;
      max = scored.length;
    } else {
      const ranges = scored.map((item) =>
        item.type === 'likert'
          ? [
              Math.min(...pointsOf(item).map((p) => p.value)),
              Math.max(...pointsOf(item).map((p) => p.value)),
            ]
          : item.type === 'scale'
            ? [item.min, item.max]
            : [null, null],
      );
      if (ranges.length && ranges.every(([lo, hi]) => Number.isFinite(lo) && Number.isFinite(hi))) {
        const lo = ranges.reduce((s, [l]) => s + l, 0);
        const hi = ranges.reduce((s, [, h]) => s + h, 0);
        [min, max] = rule.method === 'mean' ? [lo / ranges.length, hi / ranges.length] : [lo, hi];
      }
    }
    return {
      id: rule.id,
      label: textOf(rule.label, rule.id),
      method: rule.method,
      items: scored,
      min,
      max,
      precision: rule.precision ?? 2,
    };
  });
  const likert = items
    .filter((item) => item.type === 'likert')
    .map((item) => ({
      id: item.id,
      label: textOf(item.text, item.id),
      section: textOf(sectionOf.get(item.section)?.title, item.section),
      reverse: Boolean(item.reverse),
      points: pointsOf(item),
      timepoints: item.timepoints ?? sectionOf.get(item.section)?.timepoints ?? null,
    }));
  return {
    timepoints: (pack.timepoints ?? []).map((t) => ({id: t.id, label: textOf(t.label, t.id)})),
    scores,
    likert,
    codeItem: items.find((item) => item.type === 'code'),
  };
}

/**
 * An item's contribution to a score (the pack's own rules, as src/instrument/scoring.ts
 * applies them): a Likert value with its reverse key applied, a scale value in range, a
 * number; for `correct` scores 1 or 0. NaN when the answer does not count.
 */
export function itemScore(pack, item, method, answers) {
  const answer = answers && Object.hasOwn(answers, item.id) ? answers[item.id] : undefined;
  if (method === 'correct') {
    if (item.type !== 'choice' || !item.correct) return NaN;
    const given = typeof answer === 'string' ? [answer] : Array.isArray(answer) ? answer : [];
    if (!given.length) return NaN;
    if (!item.multiple) return item.correct.includes(given[0]) ? 1 : 0;
    const set = new Set(given);
    return set.size === item.correct.length && item.correct.every((v) => set.has(v)) ? 1 : 0;
  }
  if (typeof answer !== 'number' || !Number.isFinite(answer)) return NaN;
  if (item.type === 'likert') {
    const scales = pack.scales ?? {};
    if (!Object.hasOwn(scales, item.scale)) return NaN;
    const values = scales[item.scale].points.map((p) => p.value);
    if (!values.includes(answer)) return NaN;
    return item.reverse ? Math.min(...values) + Math.max(...values) - answer : answer;
  }
  if (item.type === 'scale') return answer >= item.min && answer <= item.max ? answer : NaN;
  if (item.type === 'number') return answer;
  return NaN;
}

/**
 * `itemScore` for one item and method, with the item's rules worked out once: for scoring
 * many responses.
 * @returns {(answers: any) => number}
 */
export function itemScorer(pack, item, method) {
  const id = item.id;
  const get = (answers) =>
    answers !== null && typeof answers === 'object' && Object.hasOwn(answers, id)
      ? answers[id]
      : undefined;
  if (method === 'correct') {
    if (item.type !== 'choice' || !item.correct) return () => NaN;
    const correct = new Set(item.correct);
    return (answers) => {
      const answer = get(answers);
      const given = typeof answer === 'string' ? [answer] : Array.isArray(answer) ? answer : [];
      if (!given.length) return NaN;
      if (!item.multiple) return correct.has(given[0]) ? 1 : 0;
      const set = new Set(given);
      if (set.size !== correct.size) return 0;
      for (const v of set) if (!correct.has(v)) return 0;
      return 1;
    };
  }
  if (item.type === 'likert') {
    const scales = pack.scales ?? {};
    if (!Object.hasOwn(scales, item.scale)) return () => NaN;
    const values = scales[item.scale].points.map((p) => p.value);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    /** @type {Map<number, number>} */
    const scored = new Map(values.map((v) => [v, item.reverse ? lo + hi - v : v]));
    return (answers) => scored.get(get(answers)) ?? NaN;
  }
  if (item.type === 'scale' || item.type === 'number') {
    return (answers) => {
      const answer = get(answers);
      return typeof answer === 'number' && Number.isFinite(answer)
        ? itemScore(pack, item, method, answers)
        : NaN;
    };
  }
  return () => NaN;
}
