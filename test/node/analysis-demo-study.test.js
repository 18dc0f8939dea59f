// The simulated demo study: the published evaluation's shape, the contract's body, the pack's
// own scoring, the same study for the same seed, and marked simulated.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import {simulateStudy, DEMO_SIZES} from '../../server/demo-study.js';
import {evaluate, packFor} from '../../server/analysis/index.js';

const schema = JSON.parse(
  readFileSync(new URL('../../schema/response.schema.json', import.meta.url), 'utf8'),
);
const ajv = new Ajv2020({allErrors: true, strict: false});
addFormats(ajv);
const valid = ajv.compile(schema);

const rowsOf = (bodies) =>
  bodies.map((body) => ({
    id: body.id,
    kind: 'response',
    receivedAt: body.submittedAt,
    instrument: body.instrument.id,
    version: body.instrument.version,
    timepoint: body.timepoint,
    participant: body.participant,
    cohort: 'demo',
    simulated: true,
    body,
  }));

test('66 at baseline, 62 after the workshop, 47 after coaching, 33 at follow-up; bodies valid and simulated', () => {
  const bodies = simulateStudy();
  const counts = {};
  for (const b of bodies) counts[b.timepoint] = (counts[b.timepoint] ?? 0) + 1;
  assert.deepEqual(counts, {
    baseline: 66,
    'post-workshop': 62,
    'post-coaching': 47,
    'follow-up': 33,
  });
  assert.deepEqual(DEMO_SIZES, counts);
  for (const body of bodies) {
    assert.ok(valid(body), JSON.stringify(valid.errors));
    assert.equal(body.client.simulated, true);
    assert.equal(body.instrument.id, 'coping-with-error');
  }
  assert.equal(new Set(bodies.map((b) => b.id)).size, bodies.length);
  // In the order they were submitted, each later timepoint after its person's baseline.
  const sorted = [...bodies].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  assert.deepEqual(
    bodies.map((b) => b.id),
    sorted.map((b) => b.id),
  );
});

test('the same seed gives the same study; another seed another one', () => {
  assert.deepEqual(simulateStudy({seed: 5}), simulateStudy({seed: 5}));
  assert.notDeepEqual(simulateStudy({seed: 5}), simulateStudy({seed: 6}));
  const now = Date.UTC(2025, 5, 1);
  const last = simulateStudy({now}).at(-1);
  assert.ok(Date.parse(last.submittedAt) <= now);
});

test('its stored scores are the pack’s scoring of its answers, with real item ids', () => {
  const pack = packFor('coping-with-error', '1.0.0');
  const ids = new Set(pack.sections.flatMap((s) => s.items.map((i) => i.id)));
  for (const body of simulateStudy()) {
    for (const key of Object.keys(body.answers)) assert.ok(ids.has(key.split('.')[0]), key);
    const conf = pack.scores[0].items.map((id) => {
      const v = body.answers[id];
      return id === 'conf-4' ? 6 - v : v;
    });
    const mean = conf.reduce((s, v) => s + v, 0) / conf.length;
    assert.equal(body.scores.confidence.value, Math.round(mean * 100) / 100);
    assert.ok(body.scores.knowledge.value >= 0 && body.scores.knowledge.value <= 5);
  }
});

test('the evaluation shows gains in confidence and knowledge and some tolerant links', async () => {
  const evaluation = await evaluate(rowsOf(simulateStudy()));
  assert.equal(evaluation.simulated, 208);
  const [group] = evaluation.groups;
  for (const id of ['confidence', 'knowledge']) {
    const score = group.scores.find((s) => s.id === id);
    for (const change of score.change) {
      assert.ok(change.meanChange > 0, `${id} rises to ${change.to}`);
      assert.ok(change.wilcoxonP < 0.05, `${id} to ${change.to}: p ${change.wilcoxonP}`);
    }
  }
  const tolerant = group.retention.slice(1).reduce((s, r) => s + (r.linked?.oneDiffers ?? 0), 0);
  assert.ok(tolerant >= 3, `${tolerant} links with one part different`);
  // Most people link back: the study is shaped like the published one.
  assert.ok(group.retention[3].linked.total >= 28);
});
