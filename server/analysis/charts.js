// @ts-check
// The evaluation's charts, drawn by Observable Plot on the server (a linkedom document) and
// sent as inline SVG, so the page needs no script and runs under `style-src 'self'`: Plot's
// own <style> element is dropped (evaluation.css has its rules, under the class `rs-plot`)
// and no element keeps a `style` attribute. Colours are presentation attributes, each with at
// least 3:1 contrast against the white page (WCAG 1.4.11); every chart has an accessible
// name and sits beside a table with the same figures.
import * as Plot from '@observablehq/plot';
import {parseHTML} from 'linkedom';
import {escapeHtml} from '../html.js';

const {document} = parseHTML('<!doctype html><html><body></body></html>');

/** Diverging colours, darkest at the ends, each ≥ 3:1 against white. */
export const DIVERGING = {
  2: ['#b2182b', '#2166ac'],
  3: ['#b2182b', '#6b6b6b', '#2166ac'],
  4: ['#8e1020', '#c4403a', '#2f74b5', '#18457a'],
  5: ['#8e1020', '#c4403a', '#6b6b6b', '#2f74b5', '#18457a'],
  6: ['#6b0a18', '#a51c2b', '#cc4a3e', '#3b7dbd', '#1f5796', '#123660'],
  7: ['#6b0a18', '#a51c2b', '#cc4a3e', '#6b6b6b', '#3b7dbd', '#1f5796', '#123660'],
};
export const ACCENT = '#18457a';

/** Colours for a scale of `n` points (grey for a scale longer than 7). */
export function paletteFor(n) {
  return DIVERGING[n] ?? Array.from({length: n}, () => '#6b6b6b');
}

/**
 * The SVG text of a Plot figure, with Plot's <style> element and every `style` attribute
 * removed, the class `rs-plot`, `role="img"` and the accessible name `label`.
 * @param {Element} svg
 * @param {string} label
 */
function serialise(svg, label) {
  for (const style of svg.querySelectorAll('style')) style.remove();
  for (const el of [svg, ...svg.querySelectorAll('[style]')]) el.removeAttribute('style');
  svg.setAttribute('class', 'rs-plot');
  svg.setAttribute('role', 'img');
  svg.removeAttribute('aria-label');
  // The chart's marks are described by the table beside it; the name is enough here.
  for (const el of svg.querySelectorAll('[aria-label]')) {
    if (el !== svg) el.removeAttribute('aria-label');
  }
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  // The name is pack text: escaped here, not by the DOM library (which leaves < > & as is).
  return svg.outerHTML.replace(/^<svg/, `<svg aria-label="${escapeHtml(label)}"`);
}

/**
 * Means with their 95% CI at each timepoint: a dot for the mean, a line for the interval.
 * @param {{label: string, min: number|null, max: number|null,
 *   points: Array<{timepoint: string, mean: number|null, ciLow: number|null, ciHigh: number|null, n: number}>}} input
 *   `timepoint`: the label shown.
 */
export function meansChart({label, min, max, points}) {
  const shown = points.filter((p) => p.mean !== null);
  const values = shown.flatMap((p) => [
    p.mean ?? 0,
    p.ciLow ?? p.mean ?? 0,
    p.ciHigh ?? p.mean ?? 0,
  ]);
  const lo = min ?? Math.min(...values, 0);
  const hi = max ?? Math.max(...values, 1);
  const svg = Plot.plot({
    document,
    width: 420,
    height: 48 + 34 * points.length,
    marginLeft: 150,
    marginRight: 16,
    marginBottom: 36,
    x: {
      domain: [lo, hi],
      label: 'Mean with 95% CI',
      labelAnchor: 'center',
      labelArrow: 'none',
      grid: true,
      nice: false,
    },
    y: {domain: points.map((p) => p.timepoint), label: null},
    marks: [
      Plot.ruleY(
        shown.filter((p) => p.ciLow !== null),
        {y: 'timepoint', x1: 'ciLow', x2: 'ciHigh', stroke: ACCENT, strokeWidth: 2},
      ),
      Plot.tickX(
        shown
          .filter((p) => p.ciLow !== null)
          .flatMap((p) => [
            {timepoint: p.timepoint, x: p.ciLow},
            {timepoint: p.timepoint, x: p.ciHigh},
          ]),
        {y: 'timepoint', x: 'x', stroke: ACCENT, strokeWidth: 2, inset: 8},
      ),
      Plot.dot(shown, {y: 'timepoint', x: 'mean', fill: ACCENT, r: 5}),
    ],
  });
  return serialise(svg, `${label}: mean and 95% confidence interval at each timepoint`);
}

/**
 * Likert answers as diverging stacked bars: for each item and timepoint, the share of each
 * answer, disagreement left of zero, agreement right, the middle point split across zero.
 * @param {{label: string, points: string[],
 *   rows: Array<{item: string, timepoint: string, n: number, counts: number[]}>, timepoints: string[]}} input
 *   `item` and `timepoint`: the labels shown.
 */
export function likertChart({label, points, rows, timepoints}) {
  const k = points.length;
  const colours = paletteFor(k);
  const mid = (k - 1) / 2;
  const segments = [];
  for (const row of rows) {
    if (!row.n) continue;
    const shares = row.counts.map((c) => (100 * c) / row.n);
    // Left of zero: the points below the middle, and half of the middle one.
    let left = 0;
    for (let i = 0; i < k; i++) if (i < mid) left += shares[i];
    if (Number.isInteger(mid)) left += shares[mid] / 2;
    let x = -left;
    shares.forEach((share, i) => {
      if (share > 0) segments.push({...row, answer: points[i], x1: x, x2: x + share});
      x += share;
    });
  }
  const items = [...new Set(rows.map((r) => r.item))];
  const svg = Plot.plot({
    document,
    width: 440,
    height: 48 + items.length * (timepoints.length * 16 + 22),
    marginLeft: 150,
    marginRight: 16,
    marginBottom: 36,
    x: {
      domain: [-100, 100],
      label: '% of answers: ← disagree, agree →',
      labelAnchor: 'center',
      labelArrow: 'none',
      tickFormat: (d) => `${Math.abs(d)}`,
    },
    y: {domain: timepoints, label: null},
    fy: {domain: items, label: null, axis: null, padding: 0.3},
    color: {domain: points, range: colours},
    marks: [
      Plot.barX(segments, {
        fy: 'item',
        y: 'timepoint',
        x1: 'x1',
        x2: 'x2',
        fill: 'answer',
        stroke: 'white',
        strokeWidth: 1,
        insetTop: 1,
        insetBottom: 1,
      }),
      Plot.ruleX([0], {stroke: '#1a1a1a'}),
      // The item's name above its bars (a left axis would collide with the timepoints').
      Plot.text(items, {
        fy: (d) => d,
        text: (d) => d,
        frameAnchor: 'top-left',
        dx: -146,
        dy: -13,
        textAnchor: 'start',
        fontWeight: 'bold',
      }),
    ],
  });
  return serialise(svg, `${label}: answers to each item at each timepoint, as shares`);
}

/** A legend for a Likert chart: swatches as tiny SVGs with a fill attribute. */
export function legendSvg(colour) {
  return `<svg class="rs-eval-swatch" viewBox="0 0 12 12" aria-hidden="true" focusable="false"><rect width="12" height="12" fill="${colour}"></rect></svg>`;
}
