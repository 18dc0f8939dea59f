// A response body as the widget sends it (format="json"), for the Node suites.
import {randomUUID} from 'node:crypto';

export function makeResponse(overrides = {}) {
  return {
    schema: 'resilience-survey/response@1',
    id: randomUUID(),
    instrument: {id: 'coping-with-error', version: '1.0.0'},
    timepoint: 'baseline',
    participant: 'M-07-J',
    locale: 'en',
    startedAt: '2026-11-27T09:00:00.000Z',
    submittedAt: '2026-11-27T09:12:31.000Z',
    answers: {'conf-1': 4, 'know-2': ['b'], 'eval-free': 'Useful, thanks.'},
    scores: {confidence: {value: 3.83, answered: 6, of: 6, band: null}},
    client: {version: '1.0.0'},
    ...overrides,
  };
}
