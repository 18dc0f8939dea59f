// What forged or mixed-up rows can do to the evaluation: bounded, and counted on the page.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {evaluate, renderEvaluation} from '../../server/analysis/index.js';
import {LIMITS} from '../../server/analysis/evaluate.js';

const row = (i, extra = {}) => ({
  id: `r${i}`,
  kind: 'response',
  receivedAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
  instrument: 'unknown-pack',
  version: '1',
  timepoint: 'pre',
  participant: `A-01-${i}`,
  cohort: null,
  simulated: false,
  body: {answers: {}, scores: {}},
  ...extra,
});

test('thousands of made-up score keys give at most LIMITS.storedScores scores', async () => {
  const rows = Array.from({length: 50}, (_, i) =>
    row(i, {
      body: {
        answers: {},
        scores: Object.fromEntries(
          Array.from({length: 2000}, (_, k) => [`s${i}-${k}`, {value: k}]),
        ),
      },
    }),
  );
  const evaluation = await evaluate(rows);
  assert.equal(evaluation.groups[0].scores.length, LIMITS.storedScores);
  const html = renderEvaluation(evaluation);
  assert.ok(html.length < 2_000_000, `${html.length} characters`);
});

test('rows beyond the limits of packs and timepoints are counted as not evaluated', async () => {
  const rows = [
    ...Array.from({length: LIMITS.timepoints + 3}, (_, i) => row(1000 + i, {timepoint: `t${i}`})),
    ...Array.from({length: LIMITS.groups + 5}, (_, i) => row(i, {instrument: `pack-${i}`})),
  ];
  const evaluation = await evaluate(rows);
  assert.equal(evaluation.groups.length, LIMITS.groups);
  const skipped = Object.fromEntries(evaluation.skipped.map((s) => [s.reason, s.count]));
  assert.equal(
    skipped[`more than ${LIMITS.groups} packs and versions: choose one with the filters`],
    6,
  );
  assert.equal(skipped[`more than ${LIMITS.timepoints} timepoints in one pack`], 3);
  assert.match(
    renderEvaluation(evaluation),
    /3 responses not evaluated: more than 24 timepoints in one pack/,
  );
  assert.equal(evaluation.total, rows.length);
});

test('score ids such as constructor and __proto__ are plain data', async () => {
  const scores = JSON.parse(
    '{"constructor": {"value": 2}, "__proto__": {"value": 3}, "toString": {"value": 4}}',
  );
  const evaluation = await evaluate([row(1, {body: {answers: {}, scores}})]);
  const ids = evaluation.groups[0].scores.map((s) => s.id).sort();
  assert.deepEqual(ids, ['__proto__', 'constructor', 'toString']);
  const means = Object.fromEntries(
    evaluation.groups[0].scores.map((s) => [s.id, s.byTimepoint[0].mean]),
  );
  assert.deepEqual(means, {constructor: 2, ['__proto__']: 3, toString: 4});
});
