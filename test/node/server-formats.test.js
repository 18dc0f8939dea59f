// FHIR and xAPI bodies end to end: a real server on 127.0.0.1 (port 0) with a temp data
// folder, bodies written by hand the way src/transport/body-fhir.ts and body-xapi.ts build
// them, and what the results page and the CSV make of them next to the contract's JSON.

import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import {mkdtemp, rm} from 'node:fs/promises';
import {createServer} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {createEndpoint} from '../../server/endpoint.js';
import {request} from './http.js';
import {makeResponse} from './response.js';

const AUTH = {authorization: 'Bearer formats-token'};
const PACK_URL = 'https://resilience-survey.example/instrument/coping-with-error';

async function startServer() {
  const dataDir = await mkdtemp(join(tmpdir(), 'rs-formats-'));
  const endpoint = createEndpoint({dataDir, log: () => {}, token: 'formats-token'});
  await endpoint.ready;
  const server = createServer(async (req, res) => {
    if (!(await endpoint.handle(req, res))) res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address();
  return {
    port,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await endpoint.close();
      await rm(dataDir, {recursive: true, force: true});
    },
  };
}

const postJson = (port, body) =>
  request(port, {
    method: 'POST',
    path: '/api/responses',
    headers: {'content-type': 'application/json', 'idempotency-key': body.id},
    body,
  });

const postFhir = (port, body, headers = {}) =>
  request(port, {
    method: 'POST',
    path: '/api/responses',
    headers: {'content-type': 'application/fhir+json', ...headers},
    body,
  });

const postStatements = (port, statements) =>
  request(port, {
    method: 'POST',
    path: '/api/statements',
    headers: {'content-type': 'application/json', 'x-experience-api-version': '1.0.3'},
    body: statements,
  });

const jsonResponse = (overrides = {}) =>
  makeResponse({
    participant: 'K-22-Q',
    startedAt: '2026-01-10T09:00:00.000Z',
    submittedAt: '2026-01-10T09:12:00.000Z',
    answers: {'conf-1': 3, 'know-2': ['a']},
    scores: {confidence: {value: 3, answered: 6, of: 6, band: null}},
    ...overrides,
  });

/** A QuestionnaireResponse as buildQuestionnaireResponse() makes it for a native pack. */
function fhirResponse(id, {participant = 'K-22-Q', timepoint = 'after'} = {}) {
  return {
    resourceType: 'QuestionnaireResponse',
    identifier: {system: 'urn:ietf:rfc:3986', value: `urn:uuid:${id}`},
    questionnaire: `${PACK_URL}|1.0.0`,
    status: 'completed',
    authored: '2026-03-10T10:00:00.000Z',
    language: 'en',
    extension: [{url: 'urn:resilience-survey:fhir:timepoint', valueString: timepoint}],
    subject: {
      identifier: {type: {text: 'Pseudonymous participant code'}, value: participant},
    },
    item: [
      {
        linkId: 'confidence',
        text: 'Confidence',
        item: [
          {linkId: 'conf-1', text: 'I can recover', answer: [{valueInteger: 4}]},
          {
            linkId: 'know-2',
            text: 'Which helps?',
            answer: [{valueCoding: {code: 'b', display: 'Talking'}}],
          },
          {linkId: 'eval-free', text: 'Anything else?', answer: [{valueString: 'Fine, "thanks"'}]},
        ],
      },
    ],
  };
}

const ifNoneExist = (id) => ({'if-none-exist': `identifier=urn:ietf:rfc:3986|urn:uuid:${id}`});

/** The statements buildStatements() sends for one response (ids fixed per response). */
function xapiStatements({
  participant = 'X-33-Y',
  timepoint = 'after',
  timestamp = '2026-03-01T08:30:00.000Z',
  score = 4.5,
} = {}) {
  const timepointId = `${PACK_URL}/timepoints/${encodeURIComponent(timepoint)}`;
  const actor = {
    objectType: 'Agent',
    account: {homePage: 'https://intranet.example.org', name: participant},
  };
  const context = {
    contextActivities: {
      parent: [{objectType: 'Activity', id: timepointId}],
      grouping: [
        {
          objectType: 'Activity',
          id: PACK_URL,
          definition: {
            type: 'http://id.tincanapi.com/activitytype/survey',
            name: {en: 'Coping with error'},
          },
        },
      ],
    },
    language: 'en',
    extensions: {[`${PACK_URL}/extensions/instrument-version`]: '1.0.0'},
  };
  const answered = (key, interactionType, response) => ({
    id: randomUUID(),
    actor,
    verb: {id: 'http://adlnet.gov/expapi/verbs/answered', display: {'en-US': 'answered'}},
    object: {
      objectType: 'Activity',
      id: `${PACK_URL}/items/${encodeURIComponent(key)}`,
      definition: {
        type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
        name: {en: key},
        interactionType,
      },
    },
    result: {response},
    context,
    timestamp,
  });
  return [
    answered('conf-1', 'likert', '5'),
    answered('know-2', 'choice', 'a[,]c'),
    answered('eval-free', 'long-fill-in', '=1+1, said "me"'),
    {
      id: randomUUID(),
      actor,
      verb: {id: 'http://adlnet.gov/expapi/verbs/completed', display: {'en-US': 'completed'}},
      object: {
        objectType: 'Activity',
        id: timepointId,
        definition: {
          type: 'http://adlnet.gov/expapi/activities/assessment',
          name: {en: 'Coping with error'},
        },
      },
      result: {
        completion: true,
        score: {raw: score},
        extensions: {
          [`${PACK_URL}/extensions/scores`]: {
            confidence: {value: score, answered: 6, of: 6, band: null},
          },
        },
      },
      context,
      timestamp,
    },
  ];
}

/** The page with runs of whitespace as one space, and none between tags. */
const squash = (text) => text.replace(/\s+/g, ' ').replace(/> </g, '><');

/** RFC 4180 rows of the CSV export (without its byte-order mark), as arrays of cells. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') cell += text[++i];
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

async function csvRecords(port) {
  const csv = await request(port, {path: '/results.csv', headers: AUTH});
  const [header, ...rows] = parseCsv(csv.text.replace(/^\uFEFF/, ''));
  return {header, rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])))};
}

describe('FHIR QuestionnaireResponses on the endpoint and its results', () => {
  let srv;
  const jsonBody = jsonResponse();
  const fhirId = randomUUID();

  before(async () => {
    srv = await startServer();
    assert.equal((await postJson(srv.port, jsonBody)).status, 201);
  });
  after(() => srv.stop());

  test('201 the first time, 200 for the same identifier, stored once', async () => {
    const body = fhirResponse(fhirId);
    const first = await postFhir(srv.port, body, ifNoneExist(fhirId));
    assert.equal(first.status, 201);
    assert.equal(first.json.identifier.value, `urn:uuid:${fhirId}`);
    const again = await postFhir(srv.port, body, ifNoneExist(fhirId));
    assert.equal(again.status, 200);
    const {json} = await request(srv.port, {path: '/api/responses', headers: AUTH});
    const stored = json.responses.filter((r) => r.kind === 'fhir-questionnaire-response');
    assert.equal(stored.length, 1);
    assert.equal(stored[0].key, `urn:uuid:${fhirId}`);
  });

  test('a malformed QuestionnaireResponse is 400 naming the problem, and nothing is stored', async () => {
    const valid = () => fhirResponse(randomUUID());
    const cases = [
      [
        {...valid(), resourceType: 'Questionnaire'},
        /^\/resourceType must be "QuestionnaireResponse"/,
      ],
      [{...valid(), status: undefined}, /^\/status is required/],
      [{...valid(), status: 'done'}, /^\/status is required, one of in-progress, completed/],
      [{...valid(), identifier: undefined}, /^\/identifier is required/],
      [{...valid(), identifier: {value: 'abc'}}, /^\/identifier\/value must be "urn:uuid:"/],
      [{...valid(), item: {linkId: 'a'}}, /^\/item must be a non-empty array/],
      [{...valid(), item: [{text: 'no link'}]}, /^\/item\/0\/linkId is required/],
      [
        {...valid(), item: [{linkId: 'a', answer: [{valueInteger: 1.5}]}]},
        /^\/item\/0\/answer\/0\/valueInteger has the wrong type/,
      ],
      [
        {
          ...valid(),
          item: [
            {linkId: 'g', item: [{linkId: 'a', answer: [{valueString: 'x', valueInteger: 1}]}]},
          ],
        },
        /^\/item\/0\/item\/0\/answer\/0 has valueString and valueInteger: only one value\[x\]/,
      ],
      [[], /^\/ must be a QuestionnaireResponse object/],
    ];
    const before = (await request(srv.port, {path: '/api/responses', headers: AUTH})).json.responses
      .length;
    for (const [body, message] of cases) {
      const res = await postFhir(srv.port, body);
      assert.equal(res.status, 400, JSON.stringify(body).slice(0, 80));
      assert.equal(res.json.error, 'invalid-body');
      assert.match(res.json.message, message);
      assert.ok(Array.isArray(res.json.errors) && res.json.errors.length >= 1);
    }
    const several = await postFhir(srv.port, {...valid(), status: 'x', item: []});
    assert.match(several.json.message, /\(and 1 more\)$/);
    assert.deepEqual(
      several.json.errors.map((e) => e.path),
      ['/status', '/item'],
    );
    const afterwards = (await request(srv.port, {path: '/api/responses', headers: AUTH})).json
      .responses.length;
    assert.equal(afterwards, before);
  });

  test('the evaluation counts it under its timepoint next to the JSON baseline', async () => {
    const page = await request(srv.port, {path: '/results', headers: AUTH});
    assert.equal(page.status, 200);
    const text = squash(page.text);
    assert.match(text, /2 responses/);
    assert.doesNotMatch(text, /not evaluated/);
    assert.doesNotMatch(page.text, /<script|<style|\sstyle=|\son[a-z]+=/i);
  });

  test('the CSV has its row, answers flattened by linkId, kind fhir', async () => {
    const {rows} = await csvRecords(srv.port);
    assert.equal(rows.length, 2);
    const row = rows.find((r) => r.id === fhirId);
    assert.ok(row, 'a row for the FHIR response');
    assert.equal(row.kind, 'fhir');
    assert.equal(row.instrument, 'coping-with-error');
    assert.equal(row.version, '1.0.0');
    assert.equal(row.timepoint, 'after');
    assert.equal(row.participant, 'K-22-Q');
    assert.equal(row.submitted_at, '2026-03-10T10:00:00.000Z');
    assert.equal(row.q_conf_1, '4');
    assert.equal(row.q_know_2, 'b');
    const json = rows.find((r) => r.id === jsonBody.id);
    assert.equal(json.kind, 'response');
    assert.equal(json.q_know_2, 'a');
  });
});

describe('xAPI statements on the endpoint and its results', () => {
  let srv;
  const batch = xapiStatements();
  const completedId = batch.at(-1).id;

  before(async () => {
    srv = await startServer();
    const baseline = jsonResponse({
      participant: 'X-33-Y',
      scores: {confidence: {value: 3, answered: 6, of: 6, band: null}},
    });
    assert.equal((await postJson(srv.port, baseline)).status, 201);
  });
  after(() => srv.stop());

  const storedStatements = async () =>
    (await request(srv.port, {path: '/api/responses?kind=xapi-statement', headers: AUTH})).json
      .responses;

  test('a batch is stored once; resending the same statement ids stores nothing new', async () => {
    const first = await postStatements(srv.port, batch);
    assert.equal(first.status, 200);
    assert.deepEqual(
      first.json,
      batch.map((s) => s.id),
    );
    assert.equal((await storedStatements()).length, 4);
    const again = await postStatements(srv.port, batch);
    assert.equal(again.status, 200);
    assert.deepEqual(
      again.json,
      batch.map((s) => s.id),
    );
    assert.equal((await storedStatements()).length, 4);
    // Resending only the completed statement is a repeat too.
    assert.equal((await postStatements(srv.port, batch.at(-1))).status, 200);
    assert.equal((await storedStatements()).length, 4);
  });

  test('a statement without a verb is 400 naming it', async () => {
    const [one] = xapiStatements();
    const res = await postStatements(srv.port, [{...one, verb: undefined}]);
    assert.equal(res.status, 400);
    assert.match(res.json.message, /^\/0\/verb is required/);
    assert.equal((await storedStatements()).length, 4);
  });

  test('the evaluation reads the statements as one response', async () => {
    const text = squash((await request(srv.port, {path: '/results', headers: AUTH})).text);
    assert.match(text, /2 responses/);
    assert.doesNotMatch(text, /not evaluated/);
  });

  test('the CSV has one row for the response, with its scores and answers', async () => {
    const {rows} = await csvRecords(srv.port);
    const xapiRows = rows.filter((r) => r.kind === 'xapi');
    assert.equal(xapiRows.length, 1);
    const [row] = xapiRows;
    assert.equal(row.id, completedId);
    assert.equal(row.timepoint, 'after');
    assert.equal(row.participant, 'X-33-Y');
    assert.equal(row.s_confidence, '4.5');
    assert.equal(row.q_conf_1, '5');
    assert.equal(row.q_know_2, 'a|c');
  });

  test('a second response of the same person at another time is a response of its own', async () => {
    const later = xapiStatements({
      timepoint: 'follow-up',
      timestamp: '2026-06-01T08:00:00.000Z',
      score: 5,
    });
    assert.equal((await postStatements(srv.port, later)).status, 200);
    const text = squash((await request(srv.port, {path: '/results', headers: AUTH})).text);
    assert.match(text, /3 responses/);
    const {rows} = await csvRecords(srv.port);
    assert.equal(rows.filter((r) => r.kind === 'xapi').length, 2);
  });
});
