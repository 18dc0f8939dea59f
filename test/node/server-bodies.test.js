// Reading FHIR and xAPI bodies into responses (pure modules, no server).

import assert from 'node:assert/strict';
import {test} from 'node:test';
import {checkQuestionnaireResponse, fhirToResponse, lastSegment} from '../../server/fhir.js';
import {statementsToResponses} from '../../server/xapi.js';

const ID = '0b9d2c3e-5f6a-4b7c-8d9e-0f1a2b3c4d5e';
const BASE = 'urn:resilience-survey:my%20pack';

const qr = (extra = {}) => ({
  resourceType: 'QuestionnaireResponse',
  identifier: {system: 'urn:ietf:rfc:3986', value: `urn:uuid:${ID}`},
  status: 'completed',
  ...extra,
});

/** A statement the way body-xapi.ts shapes it; `over` replaces top-level fields. */
function statement(verb, objectId, over = {}) {
  return {
    id: over.id ?? `00000000-0000-4000-8000-${String(Math.random()).slice(2, 14).padEnd(12, '0')}`,
    actor: {account: {homePage: 'https://host.example', name: 'A-01-B'}},
    verb: {id: `http://adlnet.gov/expapi/verbs/${verb}`},
    object: {id: objectId, definition: {interactionType: 'likert'}},
    context: {
      contextActivities: {parent: [{id: `${BASE}/timepoints/t1`}], grouping: [{id: BASE}]},
      extensions: {[`${BASE}/extensions/instrument-version`]: '2.0.0'},
    },
    timestamp: '2026-05-01T10:00:00Z',
    ...over,
  };
}
const answered = (key, response, over = {}) =>
  statement('answered', `${BASE}/items/${key}`, {result: {response}, ...over});
const completed = (over = {}) => statement('completed', `${BASE}/timepoints/t1`, over);
const records = (statements) => statements.map((body, i) => ({seq: i + 1, body}));

test('a QuestionnaireResponse in the shape the widget sends has no problems', () => {
  assert.deepEqual(
    checkQuestionnaireResponse(
      qr({
        subject: {identifier: {value: 'M-07-J'}},
        authored: '2026-01-01T10:00:00Z',
        extension: [{url: 'urn:resilience-survey:fhir:timepoint', valueString: 'baseline'}],
        item: [
          {
            linkId: 'g',
            item: [{linkId: 'a', answer: [{valueCoding: {code: 'x'}}, {valueCoding: {code: 'y'}}]}],
          },
          {linkId: 'b', answer: [{valueBoolean: false, item: [{linkId: 'c'}]}]},
        ],
      }),
    ),
    [],
  );
});

test('every problem is listed with its JSON Pointer', () => {
  const errors = checkQuestionnaireResponse(
    qr({
      identifier: {system: 'urn:other', value: 'urn:uuid:nope'},
      subject: {identifier: {value: ''}},
      authored: 'yesterday',
      item: [
        {linkId: 'a', answer: []},
        {linkId: 'b', answer: [{valueFoo: 1}]},
        {linkId: 'c', answer: [{}]},
      ],
    }),
  );
  assert.deepEqual(
    errors.map((e) => e.path),
    [
      '/identifier/value',
      '/identifier/system',
      '/authored',
      '/subject/identifier/value',
      '/item/0/answer',
      '/item/1/answer/0/valueFoo',
      '/item/2/answer/0',
    ],
  );
});

test('FHIR answers are flattened by linkId: codes for codings, values otherwise', () => {
  const response = fhirToResponse(
    qr({
      questionnaire: 'https://example.org/fhir/Questionnaire/staff-check-in|1.2.0',
      authored: '2026-01-01T10:00:00Z',
      language: 'cy',
      extension: [{url: 'urn:resilience-survey:fhir:timepoint', valueString: 'baseline'}],
      subject: {identifier: {value: 'M-07-J'}},
      item: [
        {
          linkId: 'shift',
          item: [
            {linkId: 'shift.difficult', answer: [{valueCoding: {code: 'y', display: 'Yes'}}]},
            {linkId: 'many', answer: [{valueCoding: {code: 'a'}}, {valueCoding: {code: 'b'}}]},
          ],
        },
        {
          linkId: 'n',
          answer: [{valueDecimal: 2.5, item: [{linkId: 'why', answer: [{valueString: 'x'}]}]}],
        },
        {linkId: 'flag', answer: [{valueBoolean: false}]},
        {linkId: 'when', answer: [{valueDate: '2026-01-01'}]},
        {linkId: 'weight', answer: [{valueQuantity: {value: 70, unit: 'kg'}}]},
      ],
    }),
  );
  assert.deepEqual(response, {
    format: 'fhir',
    id: ID,
    instrument: {id: 'staff-check-in', version: '1.2.0'},
    timepoint: 'baseline',
    participant: 'M-07-J',
    locale: 'cy',
    submittedAt: '2026-01-01T10:00:00Z',
    answers: {
      'shift.difficult': 'y',
      many: ['a', 'b'],
      n: 2.5,
      why: 'x',
      flag: false,
      when: '2026-01-01',
      weight: 70,
    },
    scores: {},
  });
});

test('a bare QuestionnaireResponse still reads: no code, no timepoint, no questionnaire', () => {
  const response = fhirToResponse(qr());
  assert.equal(response.participant, null);
  assert.equal(response.timepoint, '(no timepoint)');
  assert.equal(response.instrument.id, '(no questionnaire)');
  assert.deepEqual(response.answers, {});
});

test('instrument ids come from the last segment of a URL or URN', () => {
  assert.equal(lastSegment('https://x.example/instrument/coping-with-error'), 'coping-with-error');
  assert.equal(lastSegment('https://x.example/instrument/coping-with-error/'), 'coping-with-error');
  assert.equal(lastSegment('urn:resilience-survey:my%20pack'), 'my pack');
  assert.equal(lastSegment(undefined), undefined);
});

test('statements of one response group into one, typed like the JSON answers', () => {
  const {responses, leftover} = statementsToResponses(
    records([
      answered('conf-1', '4'),
      answered('know-2', 'a[,]b', {
        object: {id: `${BASE}/items/know-2`, definition: {interactionType: 'choice'}},
      }),
      answered('note', 'free text', {
        object: {id: `${BASE}/items/note`, definition: {interactionType: 'long-fill-in'}},
      }),
      completed({
        id: '11111111-1111-4111-8111-111111111111',
        result: {
          completion: true,
          extensions: {[`${BASE}/extensions/scores`]: {calm: {value: 2, answered: 1, of: 1}}},
        },
      }),
    ]),
  );
  assert.equal(leftover, 0);
  assert.deepEqual(responses, [
    {
      seq: 4,
      format: 'xapi',
      id: '11111111-1111-4111-8111-111111111111',
      instrument: {id: 'my pack', version: '2.0.0'},
      timepoint: 't1',
      participant: 'A-01-B',
      locale: null,
      submittedAt: '2026-05-01T10:00:00Z',
      answers: {'conf-1': 4, 'know-2': ['a', 'b'], note: 'free text'},
      scores: {calm: {value: 2, answered: 1, of: 1}},
    },
  ]);
});

test('different people, times or registrations are different responses', () => {
  const other = {account: {homePage: 'https://host.example', name: 'C-02-D'}};
  const later = {timestamp: '2026-06-01T10:00:00Z'};
  const reg = (registration) => ({
    context: {...completed().context, registration},
  });
  const {responses, leftover} = statementsToResponses(
    records([
      answered('q', '1'),
      completed(),
      answered('q', '2', {actor: other}),
      completed({actor: other}),
      answered('q', '3', later),
      completed(later),
      completed(reg('aaaaaaaa-0000-4000-8000-000000000000')),
      completed(reg('bbbbbbbb-0000-4000-8000-000000000000')),
    ]),
  );
  assert.equal(leftover, 0);
  assert.deepEqual(
    responses.map((r) => [r.participant, r.submittedAt, r.answers.q]),
    [
      ['A-01-B', '2026-05-01T10:00:00Z', 1],
      ['C-02-D', '2026-05-01T10:00:00Z', 2],
      ['A-01-B', '2026-06-01T10:00:00Z', 3],
      ['A-01-B', '2026-05-01T10:00:00Z', undefined],
      ['A-01-B', '2026-05-01T10:00:00Z', undefined],
    ],
  );
});

test('answers without a completion, and foreign statements, are left over', () => {
  const {responses, leftover} = statementsToResponses(
    records([
      answered('q', '1'),
      {
        actor: {mbox: 'mailto:x@example.org'},
        verb: {id: 'http://adlnet.gov/expapi/verbs/completed'},
        object: {id: 'https://example.org/course'},
      },
    ]),
  );
  assert.deepEqual(responses, []);
  assert.equal(leftover, 2);
});

test('an anonymous actor has no participant code to link by', () => {
  const anonymous = {account: {homePage: 'https://host.example', name: `anonymous-${ID}`}};
  const {responses} = statementsToResponses(records([completed({actor: anonymous})]));
  assert.equal(responses[0].participant, null);
});

test('an answer keyed "__proto__" is an ordinary answer, in FHIR and in xAPI', () => {
  const fhir = fhirToResponse(qr({item: [{linkId: '__proto__', answer: [{valueString: 'x'}]}]}));
  assert.deepEqual(Object.keys(fhir.answers), ['__proto__']);
  assert.equal(Object.getPrototypeOf(fhir.answers), Object.prototype);
  const {responses} = statementsToResponses(records([answered('__proto__', '3'), completed()]));
  assert.deepEqual(Object.keys(responses[0].answers), ['__proto__']);
  assert.equal(Object.getPrototypeOf(responses[0].answers), Object.prototype);
});
