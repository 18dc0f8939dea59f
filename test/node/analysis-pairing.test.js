import {test} from 'node:test';
import assert from 'node:assert/strict';
import {pairParticipants} from '../../server/analysis/pairing.js';
import {evaluate} from '../../server/analysis/index.js';

const item = (participant, tag = participant) => ({participant, tag});
const tags = (pairs) => pairs.map((p) => `${p.before.tag}>${p.after.tag}:${p.differences}`).sort();

test('exact codes pair first; one wrong part pairs when it is the only candidate both ways', () => {
  const before = [item('M-07-J'), item('A-01-B'), item('C-12-D')];
  const after = [item('m-07-j ', 'm'), item('A-02-B'), item('X-12-Y')];
  const result = pairParticipants(before, after);
  assert.deepEqual(tags(result.pairs), ['A-01-B>A-02-B:1', 'C-12-D>X-12-Y:2', 'M-07-J>m:0']);
  assert.deepEqual(result.pairs.find((p) => p.differences === 1)?.quality, '1 part differs');
});

test('a tolerant link with two candidates is ambiguous and left unpaired', () => {
  const before = [item('A-01-B'), item('A-01-C')];
  const after = [item('A-01-X')];
  const result = pairParticipants(before, after);
  assert.equal(result.pairs.length, 0);
  assert.equal(result.ambiguousAfter.length, 1);
  assert.equal(result.ambiguousBefore.length, 2);
});

test('an exact pair is not taken away by a tolerant candidate', () => {
  const result = pairParticipants([item('A-01-B'), item('A-01-C')], [item('A-01-B', 'x')]);
  assert.deepEqual(tags(result.pairs), ['A-01-B>x:0']);
  assert.equal(result.ambiguousAfter.length, 0);
});

test('one-part ids (an LMS pseudonym) only ever pair exactly', () => {
  const result = pairParticipants([item('learner-1'), item('abc')], [item('xyz')]);
  assert.equal(result.pairs.length, 0);
  assert.equal(result.ambiguousAfter.length, 0);
});

test('pairing is not quadratic: 3,000 + 3,000 responses on one code, and 20,000 distinct codes', () => {
  // The old matcher compared every pair: 9 million comparisons and 1 GB for the first case.
  const same = Array.from({length: 3000}, (_, i) => item('A-01-B', i));
  let started = process.hrtime.bigint();
  const crowded = pairParticipants(same, same);
  const crowdedMs = Number(process.hrtime.bigint() - started) / 1e6;
  assert.equal(crowded.pairs.length, 0); // one code for 3,000 people cannot tell them apart
  assert.equal(crowded.ambiguousAfter.length, 3000);

  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const code = (i) =>
    `${letters[i % 26]}${letters[Math.floor(i / 26) % 26]}-${String(1 + (i % 12)).padStart(2, '0')}-${i}`;
  const many = Array.from({length: 20000}, (_, i) => item(code(i), i));
  const later = many.map((x) => item(x.participant.toLowerCase(), x.tag));
  started = process.hrtime.bigint();
  const big = pairParticipants(many, later);
  const bigMs = Number(process.hrtime.bigint() - started) / 1e6;
  assert.equal(big.pairs.length, 20000);
  // Generous bounds for a shared 2-core machine; a quadratic matcher needs minutes here.
  assert.ok(crowdedMs < 2000, `3,000 × 3,000 on one code took ${crowdedMs} ms`);
  assert.ok(bigMs < 5000, `20,000 codes took ${bigMs} ms`);
});

test('evaluate keeps the latest response of a code at a timepoint and counts the repeats', async () => {
  const row = (id, timepoint, participant, receivedAt, confidence) => ({
    id,
    kind: 'response',
    receivedAt,
    instrument: 'x',
    version: '1',
    timepoint,
    participant,
    cohort: null,
    simulated: false,
    body: {answers: {}, scores: {confidence: {value: confidence}}},
  });
  const result = await evaluate([
    row('1', 'pre', 'A-01-B', '2026-01-01T10:00:00Z', 2),
    row('2', 'pre', 'a-01-b', '2026-01-01T11:00:00Z', 3), // the same code again, later
    row('3', 'post', 'A-01-C', '2026-02-01T10:00:00Z', 4),
    row('4', 'post', null, '2026-02-01T10:00:00Z', 5),
  ]);
  const group = result.groups[0];
  assert.deepEqual(
    group.timepoints.map((t) => t.id),
    ['pre', 'post'],
  );
  assert.equal(group.retention[0].repeats, 1);
  assert.equal(group.retention[0].n, 1);
  assert.equal(group.retention[1].n, 2); // a response without a code still counts
  assert.equal(group.retention[1].linked?.oneDiffers, 1);
  assert.deepEqual(group.retention[1].links, [
    {baseline: 'A-01-B', later: 'A-01-C', quality: '1 part differs'},
  ]);
  const confidence = group.scores.find((s) => s.id === 'confidence');
  assert.equal(confidence?.byTimepoint[0].mean, 3);
  assert.equal(confidence?.change[0].pairs, 1);
  assert.equal(confidence?.change[0].meanChange, 1);
});
