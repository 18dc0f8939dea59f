// @ts-check
// The statistics of the evaluation, each from a well-kept library: descriptives and quantiles
// from d3-array (quantile is R's default, type 7), the paired t-test from @stdlib/stats-ttest,
// the Wilcoxon signed-rank test from @stdlib/stats-wilcoxon, the t quantile from @stdlib.
// The Wilcoxon test behaves as R's wilcox.test: exact p without ties or zero differences,
// else the normal approximation with continuity and tie correction, zero differences dropped.
// One edge differs: at exactly 50 non-zero differences stdlib is still exact where R switches
// to the approximation. What is left here is arithmetic on the libraries' results: the CI of
// a mean, Cohen's d_z, Cronbach's alpha.
// test/node/analysis-stats.test.js checks every figure against R.
import {deviation, mean, quantileSorted, variance} from 'd3-array';
import ttest from '@stdlib/stats-ttest';
import wilcoxon from '@stdlib/stats-wilcoxon';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/**
 * n, mean, SD, median, quartiles (R type 7) and the t-based 95% CI of the mean.
 * @param {ArrayLike<number>} values  finite numbers
 */
export function describe(values) {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (!n)
    return {n, mean: null, sd: null, median: null, q1: null, q3: null, ciLow: null, ciHigh: null};
  const m = /** @type {number} */ (mean(sorted));
  const sd = n > 1 ? /** @type {number} */ (deviation(sorted)) : null;
  const half = sd === null ? null : tQuantile(0.975, n - 1) * (sd / Math.sqrt(n));
  return {
    n,
    mean: m,
    sd,
    median: /** @type {number} */ (quantileSorted(sorted, 0.5)),
    q1: /** @type {number} */ (quantileSorted(sorted, 0.25)),
    q3: /** @type {number} */ (quantileSorted(sorted, 0.75)),
    ciLow: half === null ? null : m - half,
    ciHigh: half === null ? null : m + half,
  };
}

/**
 * The change from `before` to `after` in the same people (`after[i] - before[i]`): mean change
 * with its 95% CI and p from the paired t-test, Cohen's d_z (mean change / SD of the changes),
 * and the Wilcoxon signed-rank p. Figures that need more pairs or some variation are null.
 * @param {ArrayLike<number>} before
 * @param {ArrayLike<number>} after
 */
export function pairedChange(before, after) {
  const n = before.length;
  const diffs = Float64Array.from({length: n}, (_, i) => after[i] - before[i]);
  const meanChange = n ? /** @type {number} */ (mean(diffs)) : null;
  const sdChange = n > 1 ? /** @type {number} */ (deviation(diffs)) : null;
  const result = {
    pairs: n,
    meanChange,
    sdChange,
    ciLow: /** @type {number|null} */ (null),
    ciHigh: /** @type {number|null} */ (null),
    dz: /** @type {number|null} */ (null),
    tP: /** @type {number|null} */ (null),
    wilcoxonP: /** @type {number|null} */ (null),
  };
  if (n < 2 || !sdChange) {
    // Every change the same: no spread to test against (R stops with "data are essentially
    // constant"). The mean change still stands.
    if (n >= 1 && diffs.some((d) => d !== 0)) result.wilcoxonP = wilcoxonOf(diffs);
    return result;
  }
  const t = ttest(Array.from(after), Array.from(before));
  result.tP = t.pValue;
  result.ciLow = t.ci[0];
  result.ciHigh = t.ci[1];
  result.dz = /** @type {number} */ (meanChange) / sdChange;
  result.wilcoxonP = wilcoxonOf(diffs);
  return result;
}

/** @param {Float64Array} diffs */
function wilcoxonOf(diffs) {
  if (!diffs.some((d) => d !== 0)) return null;
  // Differences are of scores rounded to a few decimals: round away float noise so equal
  // changes tie (as they would in R on the exported data).
  const rounded = Array.from(diffs, (d) => Math.round(d * 1e9) / 1e9);
  if (rounded.length < 2) return null;
  // R caps the doubled one-sided p at 1 (the statistic at the centre of its distribution).
  const p = Math.min(1, wilcoxon(rounded).pValue);
  return Number.isFinite(p) ? p : null;
}

/**
 * Cronbach's alpha of a multi-item score: k/(k−1) · (1 − Σ item variances / variance of the
 * total), over the people who answered every item (listwise, as R's psych::alpha with
 * `use = "complete.obs"` and base R on complete cases). For 0/1 items it is KR-20.
 * @param {ArrayLike<number>[]} rows  one array of k item values per person (NaN: unanswered)
 * @returns {{alpha: number|null, k: number, n: number}}
 */
export function cronbachAlpha(rows) {
  const k = rows.length ? rows[0].length : 0;
  if (k < 2) return {alpha: null, k, n: 0};
  // Listwise: only people with every item answered.
  const complete = [];
  for (const row of rows) {
    let ok = true;
    for (let j = 0; j < k && ok; j++) ok = Number.isFinite(row[j]);
    if (ok) complete.push(row);
  }
  const n = complete.length;
  if (n < 2) return {alpha: null, k, n};
  let itemVariances = 0;
  for (let j = 0; j < k; j++) {
    itemVariances += /** @type {number} */ (variance(complete, (row) => row[j]));
  }
  const totals = complete.map((row) => {
    let sum = 0;
    for (let j = 0; j < k; j++) sum += row[j];
    return sum;
  });
  const totalVariance = /** @type {number} */ (variance(totals));
  if (!totalVariance) return {alpha: null, k, n};
  return {alpha: (k / (k - 1)) * (1 - itemVariances / totalVariance), k, n};
}
