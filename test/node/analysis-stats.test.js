// The evaluation's statistics against reference values computed with R 4.2 (Debian's
// r-base-core) for fixed data. R is not needed to run this: the values are quoted below with
// the R calls that gave them.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {cronbachAlpha, describe, pairedChange} from '../../server/analysis/stats.js';

const close = (actual, expected, tolerance = 1e-9) =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${actual} is not ${expected} (±${tolerance})`,
  );

// before <- c(2.14, 3.00, 2.71, 3.57, 2.43, 3.29, 2.86, 3.14, 2.57, 3.43, 2.00, 3.71)
// after  <- c(2.86, 3.43, 2.71, 4.00, 3.14, 3.57, 3.29, 3.29, 3.00, 4.14, 2.57, 3.86)
const before = [2.14, 3.0, 2.71, 3.57, 2.43, 3.29, 2.86, 3.14, 2.57, 3.43, 2.0, 3.71];
const after = [2.86, 3.43, 2.71, 4.0, 3.14, 3.57, 3.29, 3.29, 3.0, 4.14, 2.57, 3.86];

test('n, mean, SD, median and IQR (R type 7) and the 95% CI of a mean are those of R', () => {
  const d = describe(before);
  assert.equal(d.n, 12);
  close(d.mean, 2.90416666666667, 1e-13); // mean(before)
  close(d.sd, 0.552719858901634, 1e-13); // sd(before)
  close(d.q1, 2.535, 1e-13); // quantile(before, 0.25)
  close(d.median, 2.93, 1e-13); // quantile(before, 0.5)
  close(d.q3, 3.325, 1e-13); // quantile(before, 0.75)
  close(d.ciLow, 2.5529852227349, 1e-10); // t.test(before)$conf.int
  close(d.ciHigh, 3.25534811059843, 1e-10);
});

test('paired change: t-test p and CI, mean change and d_z are those of R', () => {
  const c = pairedChange(before, after);
  assert.equal(c.pairs, 12);
  // p <- t.test(after, before, paired = TRUE)
  close(c.tP, 7.98359615129662e-5, 1e-12); // p$p.value
  close(c.ciLow, 0.266313446396494, 1e-10); // p$conf.int
  close(c.ciHigh, 0.568686553603506, 1e-10);
  close(c.meanChange, 0.4175, 1e-12); // mean(after - before)
  close(c.dz, 1.75456638264417, 1e-10); // mean(after - before) / sd(after - before)
});

test('Wilcoxon signed-rank p with ties and a zero difference is R’s normal approximation', () => {
  // Scores are stored rounded (2 decimals), so equal changes are ties; their differences in
  // floating point are not always equal (3.43 − 3.00 ≠ 3.57 − 3.14 in the last bit), and R
  // ranks such near-ties apart. The evaluation rounds the changes to 9 decimals first, so:
  // wilcox.test(round(after - before, 9))$p.value  (warns: ties and zeroes, so not exact)
  close(pairedChange(before, after).wilcoxonP, 0.00365043440444188, 1e-12);
  // Without that rounding R gets 0.00366741823279006 (wilcox.test(after, before, paired =
  // TRUE)): the rounding is what makes the two agree on what a tie is.
  assert.ok(Math.abs(pairedChange(before, after).wilcoxonP - 0.00366741823279006) > 1e-6);
});

test('Wilcoxon signed-rank p without ties is R’s exact p', () => {
  // b2 <- 1:10; a2 <- b2 + c(0.5, 1.2, -0.3, 2.1, 0.9, 1.7, -1.1, 0.4, 2.6, 1.5)
  // wilcox.test(a2, b2, paired = TRUE)$p.value
  const b2 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const shift = [0.5, 1.2, -0.3, 2.1, 0.9, 1.7, -1.1, 0.4, 2.6, 1.5];
  const a2 = b2.map((b, i) => b + shift[i]);
  close(pairedChange(b2, a2).wilcoxonP, 0.02734375, 1e-12);
});

test('Cronbach’s alpha is R’s k/(k-1) * (1 - sum(item variances) / var(total))', () => {
  // items <- matrix(c(4,5,4,3, 3,3,4,2, 5,5,4,4, 2,3,2,1, 4,4,5,3, 3,2,3,3, 5,4,5,5, 2,2,1,2),
  //                 ncol = 4, byrow = TRUE)
  // k <- ncol(items); k/(k-1) * (1 - sum(apply(items, 2, var)) / var(rowSums(items)))
  const items = [
    [4, 5, 4, 3],
    [3, 3, 4, 2],
    [5, 5, 4, 4],
    [2, 3, 2, 1],
    [4, 4, 5, 3],
    [3, 2, 3, 3],
    [5, 4, 5, 5],
    [2, 2, 1, 2],
  ];
  const result = cronbachAlpha(items);
  close(result.alpha, 0.917463075586447, 1e-12);
  assert.equal(result.k, 4);
  assert.equal(result.n, 8);
  // A person with an unanswered item is left out (complete cases), not counted as 0.
  const withGap = cronbachAlpha([...items, [NaN, 1, 5, 1]]);
  close(withGap.alpha, 0.917463075586447, 1e-12);
  assert.equal(withGap.n, 8);
});

test('figures that need more data are null, not NaN or a throw', () => {
  assert.deepEqual(describe([]).mean, null);
  assert.equal(describe([3]).sd, null);
  const same = pairedChange([1, 2, 3], [2, 3, 4]); // every change +1: no spread
  assert.equal(same.meanChange, 1);
  assert.equal(same.tP, null);
  assert.equal(same.dz, null);
  const none = pairedChange([1, 2], [1, 2]);
  assert.equal(none.wilcoxonP, null);
  assert.equal(pairedChange([], []).pairs, 0);
  assert.equal(cronbachAlpha([[1, 2]]).alpha, null);
});
