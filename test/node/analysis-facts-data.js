// A fixed study for the evaluation's before/after checks (test/node/analysis-facts.test.js):
// the simulated demo study plus the rows that take the evaluation's other paths (FHIR, a pack
// the server does not know, no code, a repeat, no timepoint, a second cohort). Every row has
// a fixed received time, so the evaluation of these rows never changes unless the analysis
// does.
import {simulateStudy} from '../../server/demo-study.js';

const PACK_URL = 'https://resilience-survey.example/instrument/coping-with-error';

/** A QuestionnaireResponse for the built-in pack (as src/transport/body-fhir.ts makes it). */
function fhir(id, {participant, timepoint, answers}) {
  return {
    resourceType: 'QuestionnaireResponse',
    identifier: {system: 'urn:ietf:rfc:3986', value: `urn:uuid:${id}`},
    questionnaire: `${PACK_URL}|1.0.0`,
    status: 'completed',
    authored: '2026-03-10T10:00:00.000Z',
    extension: timepoint
      ? [{url: 'urn:resilience-survey:fhir:timepoint', valueString: timepoint}]
      : [],
    subject: {identifier: {value: participant}},
    item: [
      {
        linkId: 'confidence',
        item: Object.entries(answers).map(([linkId, value]) => ({
          linkId,
          answer: Array.isArray(value)
            ? value.map((code) => ({valueCoding: {code}}))
            : [{valueInteger: value}],
        })),
      },
    ],
  };
}

/**
 * The rows, in the order they are stored: `{kind, key, body, options}` for storage.put.
 * @returns {Array<{kind: string, key: string, body: any, options: {cohort?: string, simulated?: boolean, receivedAt: string}}>}
 */
export function factsStudy() {
  const demo = simulateStudy();
  /** @type {any[]} */
  const rows = demo.map((body) => ({
    kind: 'response',
    key: body.id,
    body,
    options: {cohort: 'demo', simulated: true, receivedAt: body.submittedAt},
  }));
  const base = demo[0];
  const at = (day) => `2026-12-${String(day).padStart(2, '0')}T10:00:00.000Z`;
  const response = (id, overrides, options = {}) =>
    rows.push({
      kind: 'response',
      key: id,
      body: {...base, id, ...overrides},
      options: {cohort: 'ward-7', receivedAt: at(1), ...options},
    });
  // No code: counted, never linked.
  response('00000000-0000-4000-8000-000000000001', {participant: undefined});
  response('00000000-0000-4000-8000-000000000002', {participant: '  '}, {receivedAt: at(2)});
  // The same person again at baseline, later: the later answer counts.
  response(
    '00000000-0000-4000-8000-000000000003',
    {participant: demo[1].participant, answers: {...demo[1].answers, 'conf-1': 1, 'know-1': []}},
    {receivedAt: at(3)},
  );
  // A code written differently (case, spaces): the same person.
  response(
    '00000000-0000-4000-8000-000000000004',
    {
      participant: ` ${demo[2].participant.toLowerCase().replace('-', ' - ')} `,
      timepoint: 'follow-up',
    },
    {receivedAt: at(4)},
  );
  // Answers out of range and of the wrong type: not counted in scores or item tables.
  response(
    '00000000-0000-4000-8000-000000000005',
    {
      participant: 'Q-99-Z',
      answers: {'conf-1': 9, 'conf-2': '3', 'conf-3': 2.5, 'know-1': 'unsuited', resilience: 11},
      scores: {confidence: {value: 'high'}, knowledge: {value: 2}},
    },
    {receivedAt: at(5)},
  );
  // A timepoint the pack does not define, and none at all.
  response('00000000-0000-4000-8000-000000000006', {participant: 'Q-99-Z', timepoint: 'extra'});
  response('00000000-0000-4000-8000-000000000007', {timepoint: undefined});
  // No instrument: not evaluated.
  response('00000000-0000-4000-8000-000000000008', {instrument: undefined});
  // A pack the server does not know: the scores each response carries.
  for (let i = 0; i < 6; i++) {
    response(
      `00000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`,
      {
        instrument: {id: 'local-pack', version: '2'},
        timepoint: i < 3 ? 'before' : 'after',
        participant: `L-0${i % 3}-X`,
        answers: {q: i},
        scores: {
          ...(i === 4 ? {'late-score': {value: 7}} : {}),
          total: {value: 10 + i * (i < 3 ? 1 : 2)},
          note: {value: 'n/a'},
          ...(i === 5 ? {['__proto__']: {value: 1}} : {}),
        },
      },
      {receivedAt: at(6 + i)},
    );
  }
  // FHIR: one linked to a demo participant at a later timepoint, one without a timepoint.
  rows.push({
    kind: 'fhir-questionnaire-response',
    key: 'urn:uuid:00000000-0000-4000-8000-000000000201',
    body: fhir('00000000-0000-4000-8000-000000000201', {
      participant: demo[5].participant,
      timepoint: 'follow-up',
      answers: {'conf-1': 5, 'conf-2': 4, 'conf-4': 1, 'know-1': ['unsuited'], resilience: 9},
    }),
    options: {cohort: 'ward-7', receivedAt: at(20)},
  });
  rows.push({
    kind: 'fhir-questionnaire-response',
    key: 'urn:uuid:00000000-0000-4000-8000-000000000202',
    body: fhir('00000000-0000-4000-8000-000000000202', {
      participant: 'F-01-A',
      timepoint: null,
      answers: {'conf-1': 2},
    }),
    options: {receivedAt: at(21)},
  });
  return rows;
}
