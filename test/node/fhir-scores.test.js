// Scores in FHIR bodies: the widget's QuestionnaireResponse (src/transport/body-fhir.ts) carries
// the response's scores in `urn:resilience-survey:fhir:score` extensions, valid R4; the server
// (server/fhir.js fhirToResponse) reads them back into the JSON body's shape, so a FHIR response
// of the built-in pack gives the same facts as its JSON twin and the evaluation counts its
// scores. Malformed extensions (untrusted input) are passed over, and only so many are read.
import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, test} from 'node:test';
import {evaluate} from '../../server/analysis/index.js';
import {extractFacts, layoutOf} from '../../server/analysis/facts.js';
import {packFor} from '../../server/analysis/packs.js';
import {simulateStudy} from '../../server/demo-study.js';
import {checkQuestionnaireResponse, fhirToResponse, SCORE_EXTENSION} from '../../server/fhir.js';
import {evaluationRows} from '../../server/pages.js';
import {openStorage} from '../../server/storage/index.js';
import {validateResource} from './fhir-corpus.js';
import {loadTs} from './load-ts.js';

const widget = await loadTs(`
  export {buildQuestionnaireResponse, SCORE_EXTENSION} from './src/transport/body-fhir.ts';
`);
const pack = packFor('coping-with-error', '1.0.0');
const demo = simulateStudy();

/** The widget's FHIR body for a JSON response (the same response, sent with format="fhir"). */
const fhirOf = (/** @type {any} */ json) =>
  widget.buildQuestionnaireResponse({
    id: json.id,
    pack,
    timepoint: json.timepoint,
    participant: json.participant,
    locale: json.locale,
    submittedAt: json.submittedAt,
    answers: json.answers,
    scores: json.scores,
  });

/** A body with these extensions after the timepoint. */
const withExtensions = (/** @type {any[]} */ extensions) => ({
  ...fhirOf(demo[0]),
  extension: [
    {url: 'urn:resilience-survey:fhir:timepoint', valueString: 'baseline'},
    ...extensions,
  ],
});
const score = (/** @type {any} */ id, /** @type {any} */ value) => ({
  url: SCORE_EXTENSION,
  extension: [
    {url: 'id', valueString: id},
    {url: 'value', valueDecimal: value},
  ],
});

test('the widget and the server name the score extension alike', () => {
  assert.equal(widget.SCORE_EXTENSION, SCORE_EXTENSION);
});

test("every demo response's FHIR body is valid R4, carries its scores and gives its JSON twin's facts", () => {
  const layout = layoutOf(pack);
  let multiItem = 0;
  for (const json of demo) {
    const qr = fhirOf(json);
    assert.ok(validateResource(qr), JSON.stringify(validateResource.errors?.slice(0, 3)));
    assert.deepEqual(checkQuestionnaireResponse(qr), []);
    const read = fhirToResponse(qr);
    const expected = Object.fromEntries(
      Object.entries(json.scores)
        .filter(([, s]) => s.value !== null)
        .map(([id, s]) => [id, {value: s.value}]),
    );
    assert.deepEqual(read.scores, expected);
    const facts = extractFacts(layout, read);
    assert.deepEqual(facts, extractFacts(layout, json));
    if (facts?.[0].some((v, i) => v !== null && layout.scores[i].method !== 'item')) multiItem++;
  }
  // The multi-item scores (confidence, knowledge) come from the extensions.
  assert.equal(multiItem, demo.length);
});

test('malformed score extensions are passed over; the first of an id counts; at most 200 are read', () => {
  const read = (/** @type {any[]} */ extensions) =>
    fhirToResponse(withExtensions(extensions)).scores;
  assert.deepEqual(
    read([
      score('a', 1.5),
      score('b', '2'),
      score('c', null),
      score('d', true),
      score('', 3),
      score('  ', 3),
      score(7, 3),
      score('a', 9),
      {url: SCORE_EXTENSION},
      {url: SCORE_EXTENSION, extension: 'x'},
      {url: SCORE_EXTENSION, extension: [null, 3, {url: 'id', valueString: 'e'}]},
      {url: SCORE_EXTENSION, extension: [{url: 'value', valueDecimal: 4}]},
      {
        url: 'urn:other',
        extension: [
          {url: 'id', valueString: 'f'},
          {url: 'value', valueDecimal: 4},
        ],
      },
      null,
      'x',
      score('__proto__', 5),
      score('g', -0.25),
    ]),
    Object.fromEntries([
      ['a', {value: 1.5}],
      ['__proto__', {value: 5}],
      ['g', {value: -0.25}],
    ]),
  );
  assert.equal(Object.getPrototypeOf(read([score('__proto__', 5)])), Object.prototype);
  assert.deepEqual(fhirToResponse({...withExtensions([]), extension: {}}).scores, {});
  assert.deepEqual(fhirToResponse({}).scores, {});
  // JSON has no Infinity or NaN, but a body read otherwise might.
  assert.deepEqual(read([score('x', Infinity), score('y', NaN)]), {});
  const many = read(Array.from({length: 10_000}, (_, i) => score(`s${i}`, i)));
  assert.equal(Object.keys(many).length, 200);
  assert.deepEqual(many.s199, {value: 199});
  assert.equal(many.s200, undefined);
});

// The demo study twice in SQLite: once all JSON, once with the later timepoints sent as FHIR.
const dirs = [];
after(() => Promise.all(dirs.map((dir) => rm(dir, {recursive: true, force: true}))));

async function evaluationOfStudy(/** @type {(json: any) => boolean} */ asFhir) {
  const dir = await mkdtemp(join(tmpdir(), 'rs-fhir-scores-'));
  dirs.push(dir);
  const storage = await openStorage({dataDir: dir});
  try {
    for (const json of demo) {
      const options = {cohort: 'demo', receivedAt: json.submittedAt};
      if (asFhir(json)) {
        const body = fhirOf(json);
        await storage.put(
          'fhir-questionnaire-response',
          [{key: body.identifier.value, body}],
          options,
        );
      } else {
        await storage.put('response', [{key: json.id, body: json}], options);
      }
    }
    const rows = [];
    for await (const page of evaluationRows(storage, {})) rows.push(...page);
    return {
      fhir: rows.filter((r) => r.kind === 'fhir').length,
      evaluation: JSON.parse(JSON.stringify(await evaluate(rows, {toResponse: (r) => r.body}))),
    };
  } finally {
    await storage.close();
  }
}

test('the evaluation counts the scores of FHIR responses as those of JSON ones', async () => {
  const later = (/** @type {any} */ json) => json.timepoint !== 'baseline';
  const json = await evaluationOfStudy(() => false);
  const mixed = await evaluationOfStudy(later);
  assert.equal(mixed.fhir, demo.filter(later).length);
  assert.ok(mixed.fhir > 100);
  assert.deepEqual(mixed.evaluation, json.evaluation);
});
