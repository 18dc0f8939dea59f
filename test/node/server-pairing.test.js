// Linking before and after by self-generated code, and the per-timepoint summaries.

import assert from 'node:assert/strict';
import {test} from 'node:test';
import {codeDifferences, codeParts, matchQuality, pairByCode} from '../../server/pairing.js';
import {meanScores, summarise, timepointOrder} from '../../server/stats.js';

const r = (participant, extra = {}) => ({participant, ...extra});
const codesOf = (result) =>
  result.pairs.map((p) => [p.before.participant, p.after.participant, p.quality]);

test('codes are compared part by part, ignoring case and spaces', () => {
  assert.deepEqual(codeParts(' m - 07-j '), ['M', '07', 'J']);
  assert.equal(codeParts(''), null);
  assert.equal(codeParts(null), null);
  assert.equal(codeDifferences('M-07-J', 'm-07-j'), 0);
  assert.equal(codeDifferences('M-07-J', 'M-08-J'), 1);
  assert.equal(codeDifferences('M-07-J', 'A-08-J'), 2);
  assert.equal(codeDifferences('M-07-J', 'A-08-K'), 3);
  assert.equal(codeDifferences('M-07-J', 'M-07'), Infinity);
  assert.equal(matchQuality(0), 'exact');
  assert.equal(matchQuality(1), '1 part differs');
  assert.equal(matchQuality(2), '2 parts differ');
});

test('exact, one and two differing parts pair; three do not', () => {
  const before = [r('M-07-J'), r('A-01-B'), r('C-02-D'), r('E-03-F')];
  const after = [r('M-07-J'), r('A-01-X'), r('Q-02-Z'), r('Y-09-Z')];
  const result = pairByCode(before, after);
  assert.deepEqual(codesOf(result), [
    ['M-07-J', 'M-07-J', 'exact'],
    ['A-01-B', 'A-01-X', '1 part differs'],
    ['C-02-D', 'Q-02-Z', '2 parts differ'],
  ]);
  assert.deepEqual(result.unpairedBefore, [r('E-03-F')]);
  assert.deepEqual(result.unpairedAfter, [r('Y-09-Z')]);
  assert.deepEqual(result.ambiguousBefore, []);
});

test('fewer differences win: an exact match is taken before a near one', () => {
  // K-05-L is one part from both afters, but K-05-M matches M exactly and goes first.
  const before = [r('K-05-L'), r('K-05-M')];
  const after = [r('K-05-M'), r('K-05-L')];
  assert.deepEqual(codesOf(pairByCode(before, after)), [
    ['K-05-L', 'K-05-L', 'exact'],
    ['K-05-M', 'K-05-M', 'exact'],
  ]);
  // Once the exact pair is taken, the remaining near match is unique and accepted.
  const result = pairByCode([r('K-05-L'), r('K-05-M')], [r('K-05-M'), r('K-06-L')]);
  assert.deepEqual(codesOf(result), [
    ['K-05-M', 'K-05-M', 'exact'],
    ['K-05-L', 'K-06-L', '1 part differs'],
  ]);
});

test('a contested best match is left unpaired and reported as ambiguous', () => {
  const before = [r('A-01-X')];
  const after = [r('A-01-Y'), r('A-02-X')];
  const result = pairByCode(before, after);
  assert.deepEqual(result.pairs, []);
  assert.deepEqual(result.ambiguousBefore, [r('A-01-X')]);
  assert.equal(result.ambiguousAfter.length, 2);
  assert.equal(result.unpairedBefore.length, 1);

  // Two people (or two submissions) with the same code at one timepoint: not guessed either.
  const twins = pairByCode([r('B-01-C'), r('B-01-C')], [r('B-01-C')]);
  assert.deepEqual(twins.pairs, []);
  assert.equal(twins.ambiguousBefore.length, 2);
});

test('responses without a code or with a different shape never pair', () => {
  const result = pairByCode([r(null), r('A-01'), r('')], [r(null), r('A-01-B'), r('')]);
  assert.deepEqual(result.pairs, []);
});

test('a custom code accessor and tolerance are honoured', () => {
  const before = [{code: 'A-B-C'}];
  const after = [{code: 'A-X-C'}];
  assert.equal(pairByCode(before, after, {code: (x) => x.code}).pairs.length, 1);
  assert.equal(pairByCode(before, after, {code: (x) => x.code, maxDifferences: 0}).pairs.length, 0);
});

const response = (timepoint, participant, submittedAt, scores) => ({
  id: `${timepoint}-${participant}`,
  instrument: {id: 'coping-with-error', version: '1.0.0'},
  timepoint,
  participant,
  submittedAt,
  scores,
  answers: {},
});
const score = (value) => ({value, answered: 6, of: 6, band: null});

test('timepoints are ordered by their first submission', () => {
  const rs = [
    response('after', 'A', '2026-02-01T10:00:00Z', {}),
    response('baseline', 'A', '2026-01-01T10:00:00Z', {}),
    response('baseline', 'B', '2026-03-01T10:00:00Z', {}),
    // 05:00Z, though written with an offset: earlier than "after" at 10:00Z.
    response('follow-up', 'A', '2026-02-01T15:00:00+10:00', {}),
  ];
  assert.deepEqual(timepointOrder(rs), ['baseline', 'follow-up', 'after']);
});

test('means per score and timepoint skip missing values', () => {
  const rs = [
    response('baseline', 'A', '2026-01-01T10:00:00Z', {confidence: score(3), knowledge: score(5)}),
    response('baseline', 'B', '2026-01-02T10:00:00Z', {
      confidence: score(4),
      knowledge: score(null),
    }),
    response('after', 'A', '2026-02-01T10:00:00Z', {confidence: score(5)}),
  ];
  assert.deepEqual(meanScores(rs), [
    {
      score: 'confidence',
      byTimepoint: [
        {timepoint: 'baseline', mean: 3.5, n: 2},
        {timepoint: 'after', mean: 5, n: 1},
      ],
    },
    {
      score: 'knowledge',
      byTimepoint: [
        {timepoint: 'baseline', mean: 5, n: 1},
        {timepoint: 'after', mean: null, n: 0},
      ],
    },
  ]);
});

test('summarise links the first timepoint with each later one, per instrument', () => {
  const rs = [
    response('T1', 'M-07-J', '2026-01-01T10:00:00Z', {}),
    response('T2', 'M-07-J', '2026-01-02T10:00:00Z', {}),
    response('T3', 'M-07-K', '2026-02-01T10:00:00Z', {}),
    {
      ...response('T1', 'M-07-J', '2026-01-01T10:00:00Z', {}),
      instrument: {id: 'other', version: '2'},
    },
  ];
  const [coping, other] = summarise(rs);
  assert.equal(coping.id, 'coping-with-error');
  assert.deepEqual(coping.timepoints, ['T1', 'T2', 'T3']);
  assert.deepEqual(
    [...coping.counts],
    [
      ['T1', 1],
      ['T2', 1],
      ['T3', 1],
    ],
  );
  assert.deepEqual(
    coping.links.map((l) => [l.before, l.after, l.pairs.map((p) => p.quality)]),
    [
      ['T1', 'T2', ['exact']],
      ['T1', 'T3', ['1 part differs']],
    ],
  );
  assert.equal(other.id, 'other');
  assert.deepEqual(other.links, []);
});
