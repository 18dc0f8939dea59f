// Summaries of stored responses for the results page: grouped by instrument, counted (per
// body format too) and averaged per timepoint, and linked across timepoints. Responses are
// in the contract's JSON shape; FHIR and xAPI ones are read into it by responses.js.

import {pairByCode} from './pairing.js';

/**
 * @param {object[]} responses  response bodies (the contract's JSON, `format` optional)
 * @returns {Array<{
 *   id: string, versions: string[], timepoints: string[],
 *   counts: Map<string, number>,
 *   formats: string[], formatCounts: Map<string, Map<string, number>>,
 *   means: Array<{score: string, byTimepoint: Array<{timepoint: string, mean: number|null, n: number}>}>,
 *   links: Array<{before: string, after: string} & ReturnType<typeof pairByCode>>,
 * }>}
 */
export function summarise(responses) {
  const byInstrument = groupBy(responses, (r) => r.instrument.id);
  return [...byInstrument.keys()].sort().map((id) => {
    const items = byInstrument.get(id);
    const timepoints = timepointOrder(items);
    const byTimepoint = groupBy(items, (r) => r.timepoint);
    const [first, ...later] = timepoints;
    return {
      id,
      versions: [...new Set(items.map((r) => r.instrument.version).filter(Boolean))].sort(),
      timepoints,
      counts: new Map(timepoints.map((t) => [t, byTimepoint.get(t).length])),
      formats: [...new Set(items.map(formatOf))].sort(byFormat),
      formatCounts: new Map(timepoints.map((t) => [t, countBy(byTimepoint.get(t), formatOf)])),
      means: meanScores(items, timepoints),
      // Before/after: the first timepoint against each later one (T1–T2, T1–T3, T1–T4).
      links: later.map((t) => ({
        before: first,
        after: t,
        ...pairByCode(byTimepoint.get(first), byTimepoint.get(t)),
      })),
    };
  });
}

/**
 * The server does not know a pack's timepoint order, so it infers it from the data: by the
 * earliest submission at each timepoint (baseline answers come in first).
 */
export function timepointOrder(responses) {
  const earliest = new Map();
  for (const r of responses) {
    // Timestamps may carry different offsets, so compare instants, not strings.
    const parsed = Date.parse(r.submittedAt);
    // Undated (a FHIR body without `authored`) sorts last, never as the baseline.
    const at = Number.isNaN(parsed) ? Infinity : parsed;
    if (!(earliest.get(r.timepoint) <= at)) earliest.set(r.timepoint, at);
  }
  return [...earliest.keys()].sort(
    (a, b) => earliest.get(a) - earliest.get(b) || a.localeCompare(b),
  );
}

/** Mean of each score per timepoint, over responses where the score has a value. */
export function meanScores(responses, timepoints = timepointOrder(responses)) {
  const names = [...new Set(responses.flatMap((r) => Object.keys(r.scores ?? {})))].sort();
  return names.map((score) => ({
    score,
    byTimepoint: timepoints.map((timepoint) => {
      const values = responses
        .filter((r) => r.timepoint === timepoint)
        .map((r) => r.scores?.[score]?.value)
        .filter((v) => typeof v === 'number' && Number.isFinite(v));
      const mean = values.length ? values.reduce((s, v) => s + v, 0) / values.length : null;
      return {timepoint, mean, n: values.length};
    }),
  }));
}

const FORMAT_ORDER = ['json', 'fhir', 'xapi'];
const formatOf = (r) => r.format ?? 'json';
const byFormat = (a, b) =>
  (FORMAT_ORDER.indexOf(a) + 1 || 99) - (FORMAT_ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b);

function countBy(items, key) {
  const counts = new Map();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function groupBy(items, key) {
  const groups = new Map();
  for (const item of items) {
    const k = key(item);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(item);
  }
  return groups;
}
