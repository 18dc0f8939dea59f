// Every stored body that makes a response — the contract's JSON, FHIR QuestionnaireResponses,
// and groups of xAPI statements — read into one shape for the results page and the CSV:
// the contract's JSON (`id, instrument, timepoint, participant, submittedAt, answers,
// scores`) plus `format` ("json", "fhir" or "xapi"). Pure.

import {fhirToResponse} from './fhir.js';
import {statementsToResponses} from './xapi.js';

export const FORMATS = ['json', 'fhir', 'xapi'];
export const FORMAT_LABELS = {json: 'JSON', fhir: 'FHIR', xapi: 'xAPI'};

const KIND_LABELS = {
  'fhir-questionnaire-response': ['FHIR resource', 'FHIR resources'],
  'xapi-statement': ['xAPI statement', 'xAPI statements'],
};

/**
 * @param {Array<{seq?: number, kind: string, body: object}>} records  the store, oldest first
 * @returns {{responses: object[], unsummarised: string[]}}  responses in store order, and
 *   what is stored but makes no response ("2 xAPI statements"), for the page to mention
 */
export function collectResponses(records) {
  const responses = [];
  const statements = [];
  const others = new Map();
  for (const record of records) {
    if (record.kind === 'response') {
      responses.push({seq: record.seq, ...record.body, format: 'json'});
    } else if (record.kind === 'fhir-questionnaire-response') {
      if (record.body?.resourceType === 'QuestionnaireResponse') {
        responses.push({seq: record.seq, ...fhirToResponse(record.body)});
      } else others.set(record.kind, (others.get(record.kind) ?? 0) + 1);
    } else if (record.kind === 'xapi-statement') statements.push(record);
    else others.set(record.kind, (others.get(record.kind) ?? 0) + 1);
  }
  const xapi = statementsToResponses(statements);
  if (xapi.leftover) others.set('xapi-statement', xapi.leftover);
  const ordered = [...responses, ...xapi.responses]
    .map((response, i) => ({response, i}))
    .sort((a, b) => (a.response.seq ?? 0) - (b.response.seq ?? 0) || a.i - b.i)
    .map(({response}) => withoutSeq(response));
  return {
    responses: ordered,
    unsummarised: [...others].map(([kind, n]) => {
      const [one, many] = KIND_LABELS[kind] ?? [kind, kind];
      return `${n} ${n === 1 ? one : many}`;
    }),
  };
}

function withoutSeq(response) {
  const copy = {...response};
  delete copy.seq;
  return copy;
}
