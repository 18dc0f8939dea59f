// The reference endpoint against a real server on 127.0.0.1 (port 0) with a temp data folder.

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

const TRUSTED = 'https://intranet.example.org';
const TOKEN = 'endpoint-test-token';
const AUTH = {authorization: `Bearer ${TOKEN}`};

/** Starts an endpoint behind a plain http server, as the demo's static server will. */
async function startServer(dataDir, options = {}) {
  const warnings = [];
  const endpoint = createEndpoint({
    dataDir,
    trustedOrigins: [TRUSTED],
    log: (message) => warnings.push(message),
    token: TOKEN,
    ...options,
  });
  await endpoint.ready;
  const server = createServer(async (req, res) => {
    if (!(await endpoint.handle(req, res))) res.writeHead(404).end('not mine');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address();
  return {
    port,
    endpoint,
    warnings,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await endpoint.close();
    },
  };
}

const postJson = (port, body, headers = {}) =>
  request(port, {
    method: 'POST',
    path: '/api/responses',
    headers: {'content-type': 'application/json', 'idempotency-key': body.id, ...headers},
    body,
  });

async function storedCount(port) {
  const {json} = await request(port, {path: '/api/responses', headers: AUTH});
  return json.responses.length;
}

describe('reference endpoint', () => {
  let dataDir;
  let srv;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rs-endpoint-'));
    srv = await startServer(dataDir);
  });
  after(async () => {
    await srv.stop();
    await rm(dataDir, {recursive: true, force: true});
  });

  async function listed() {
    const {json} = await request(srv.port, {path: '/api/responses', headers: AUTH});
    return json.responses;
  }

  test('a valid body is stored and answered 201', async () => {
    const body = makeResponse();
    const res = await postJson(srv.port, body);
    assert.equal(res.status, 201);
    assert.equal(res.json.id, body.id);
    assert.ok(res.json.receivedAt);
    const stored = (await listed()).filter((r) => r.key === body.id);
    assert.equal(stored.length, 1);
    assert.deepEqual(stored[0].body, body);
  });

  test('the same key again answers 200 with the same result and stores nothing new', async () => {
    const body = makeResponse();
    const first = await postJson(srv.port, body);
    const again = await postJson(srv.port, body);
    // Re-serialised with another key order: still the same response.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const third = await postJson(srv.port, reordered);
    assert.equal(first.status, 201);
    assert.equal(again.status, 200);
    assert.equal(third.status, 200);
    assert.deepEqual(again.json, first.json);
    assert.equal((await listed()).filter((r) => r.key === body.id).length, 1);
  });

  test('without an Idempotency-Key header the body id deduplicates', async () => {
    const body = makeResponse();
    const headers = {'content-type': 'application/json'};
    const send = () => request(srv.port, {method: 'POST', path: '/api/responses', headers, body});
    assert.equal((await send()).status, 201);
    assert.equal((await send()).status, 200);
  });

  test('20 concurrent identical posts store once', async () => {
    const body = makeResponse();
    const before = await storedCount(srv.port);
    const results = await Promise.all(Array.from({length: 20}, () => postJson(srv.port, body)));
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [...Array(19).fill(200), 201]);
    assert.equal(await storedCount(srv.port), before + 1);
    assert.equal((await listed()).filter((r) => r.key === body.id).length, 1);
  });

  test('the same key with a different body is a 409 and is not stored', async () => {
    const body = makeResponse();
    assert.equal((await postJson(srv.port, body)).status, 201);
    const changed = {...body, answers: {'conf-1': 1}};
    const res = await postJson(srv.port, changed);
    assert.equal(res.status, 409);
    assert.equal(res.json.error, 'idempotency-conflict');
    const stored = (await listed()).filter((r) => r.key === body.id);
    assert.deepEqual(
      stored.map((r) => r.body),
      [body],
    );
  });

  test('an Idempotency-Key that is not the body id is a 400', async () => {
    const body = makeResponse();
    const res = await postJson(srv.port, body, {'idempotency-key': randomUUID()});
    assert.equal(res.status, 400);
    assert.equal(res.json.error, 'idempotency-key-mismatch');
  });

  test('an invalid body is a 400 naming the field at fault', async () => {
    const missing = makeResponse({instrument: {id: 'coping-with-error'}});
    let res = await postJson(srv.port, missing);
    assert.equal(res.status, 400);
    assert.equal(res.json.error, 'invalid-body');
    assert.match(res.json.message, /\/instrument\/version/);
    assert.equal(res.json.errors[0].path, '/instrument/version');

    const wrongType = makeResponse({answers: {'conf-1': {nested: true}}});
    res = await postJson(srv.port, wrongType);
    assert.equal(res.status, 400);
    assert.match(res.json.message, /^\/answers\/conf-1 /);

    const badDate = makeResponse({submittedAt: 'yesterday'});
    res = await postJson(srv.port, badDate);
    assert.equal(res.status, 400);
    assert.match(res.json.message, /\/submittedAt.*date-time/);

    const ids = (await listed()).map((r) => r.key);
    for (const body of [missing, wrongType, badDate]) assert.ok(!ids.includes(body.id));
  });

  test('malformed JSON is a 400', async () => {
    const res = await request(srv.port, {
      method: 'POST',
      path: '/api/responses',
      headers: {'content-type': 'application/json'},
      body: '{"schema": "resilience-survey/response@1",',
    });
    assert.equal(res.status, 400);
    assert.equal(res.json.error, 'malformed-json');
  });

  test('a body over the limit is a 413, declared or streamed', async () => {
    const body = makeResponse({answers: {text: 'x'.repeat(300 * 1024)}});
    let res = await postJson(srv.port, body);
    assert.equal(res.status, 413);
    assert.equal(res.json.error, 'body-too-large');
    res = await request(srv.port, {
      method: 'POST',
      path: '/api/responses',
      headers: {'content-type': 'application/json'},
      body,
      chunked: true,
    });
    assert.equal(res.status, 413);
    assert.ok(!(await listed()).some((r) => r.key === body.id));
  });

  test('a wrong content type is a 415', async () => {
    const body = makeResponse();
    let res = await postJson(srv.port, body, {'content-type': 'text/plain'});
    assert.equal(res.status, 415);
    assert.match(res.headers['accept-post'], /application\/json/);
    res = await postJson(srv.port, body, {'content-type': 'application/json; charset=latin1'});
    assert.equal(res.status, 415);
    assert.equal(
      (await postJson(srv.port, body, {'content-type': 'application/json; charset=UTF-8'})).status,
      201,
    );
  });

  test('CORS: a trusted origin gets preflight and allow-origin', async () => {
    const pre = await request(srv.port, {
      method: 'OPTIONS',
      path: '/api/responses',
      headers: {
        origin: TRUSTED,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, idempotency-key',
      },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers['access-control-allow-origin'], TRUSTED);
    assert.match(pre.headers['access-control-allow-methods'], /POST/);
    for (const h of [
      'Content-Type',
      'Idempotency-Key',
      'Authorization',
      'If-None-Exist',
      'X-Experience-API-Version',
      'X-CSRF-Token',
    ]) {
      assert.ok(pre.headers['access-control-allow-headers'].includes(h), h);
    }
    assert.match(pre.headers.vary, /Origin/);

    const body = makeResponse();
    const res = await postJson(srv.port, body, {origin: TRUSTED});
    assert.equal(res.status, 201);
    assert.equal(res.headers['access-control-allow-origin'], TRUSTED);
    assert.match(res.headers.vary, /Origin/);
  });

  test('CORS: same-origin pages may post, untrusted origins may not', async () => {
    const same = makeResponse();
    const ok = await postJson(srv.port, same, {origin: `http://127.0.0.1:${srv.port}`});
    assert.equal(ok.status, 201);
    assert.equal(ok.headers['access-control-allow-origin'], undefined);

    const evil = 'https://evil.example';
    const pre = await request(srv.port, {
      method: 'OPTIONS',
      path: '/api/responses',
      headers: {origin: evil, 'access-control-request-method': 'POST'},
    });
    assert.equal(pre.status, 403);
    assert.equal(pre.headers['access-control-allow-origin'], undefined);

    const body = makeResponse();
    const res = await postJson(srv.port, body, {origin: evil});
    assert.equal(res.status, 403);
    assert.equal(res.headers['access-control-allow-origin'], undefined);
    const nullOrigin = await postJson(srv.port, body, {origin: 'null'});
    assert.equal(nullOrigin.status, 403);
    assert.ok(!(await listed()).some((r) => r.key === body.id));
  });

  test('FHIR QuestionnaireResponses are stored once per identifier', async () => {
    const id = randomUUID();
    const resource = {
      resourceType: 'QuestionnaireResponse',
      status: 'completed',
      identifier: {system: 'urn:ietf:rfc:3986', value: `urn:uuid:${id}`},
      questionnaire: 'https://example.org/Questionnaire/coping-with-error|1.0.0',
      item: [{linkId: 'conf-1', answer: [{valueInteger: 4}]}],
    };
    const send = (condition = `identifier=urn:ietf:rfc:3986|urn:uuid:${id}`) =>
      request(srv.port, {
        method: 'POST',
        path: '/api/responses',
        headers: {'content-type': 'application/fhir+json', 'if-none-exist': condition},
        body: resource,
      });
    const first = await send();
    assert.equal(first.status, 201);
    assert.match(first.headers['content-type'], /application\/fhir\+json/);
    assert.equal((await send()).status, 200);
    assert.equal((await send(`identifier=urn:ietf:rfc:3986|urn:uuid:${randomUUID()}`)).status, 400);
    const stored = (await listed()).filter((r) => r.kind === 'fhir-questionnaire-response');
    assert.equal(stored.filter((r) => r.key === `urn:uuid:${id}`).length, 1);
  });

  test('xAPI statements are stored once per statement id', async () => {
    const statement = (verb) => ({
      id: randomUUID(),
      actor: {account: {homePage: 'https://lms.example', name: 'pseudo-1'}},
      verb: {id: `http://adlnet.gov/expapi/verbs/${verb}`},
      object: {id: 'https://example.org/activities/coping-with-error/baseline'},
    });
    const batch = [statement('answered'), statement('completed')];
    const send = () =>
      request(srv.port, {
        method: 'POST',
        path: '/api/statements',
        headers: {'content-type': 'application/json', 'x-experience-api-version': '1.0.3'},
        body: batch,
      });
    const first = await send();
    assert.equal(first.status, 200);
    assert.deepEqual(
      first.json,
      batch.map((s) => s.id),
    );
    assert.equal((await send()).status, 200);
    const stored = (await listed()).filter((r) => r.kind === 'xapi-statement');
    for (const s of batch) assert.equal(stored.filter((r) => r.key === s.id).length, 1);
    const bad = await request(srv.port, {
      method: 'POST',
      path: '/api/statements',
      headers: {'content-type': 'application/json'},
      body: [{id: 'not-a-uuid', actor: {}, verb: {}, object: {}}],
    });
    assert.equal(bad.status, 400);
    assert.match(bad.json.message, /\/0\/id/);
  });

  test('the results page escapes what participants typed and sends a strict CSP', async () => {
    const hostile = '<script>alert(1)</script>';
    await postJson(srv.port, makeResponse({participant: hostile}));
    await postJson(
      srv.port,
      makeResponse({
        participant: hostile,
        timepoint: 'after-<b>',
        submittedAt: '2026-12-27T09:00:00.000Z',
      }),
    );
    const page = await request(srv.port, {path: '/results', headers: AUTH});
    assert.equal(page.status, 200);
    assert.match(page.headers['content-type'], /^text\/html/);
    assert.match(page.headers['content-security-policy'], /default-src 'none'/);
    assert.doesNotMatch(page.headers['content-security-policy'], /unsafe-inline/);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.ok(!page.text.includes('<script'), 'no script element');
    assert.ok(!page.text.includes('<b>'));
    // Codes are not listed on the evaluation (it shows groups); the hostile timepoint is.
    assert.ok(page.text.includes('after-&lt;b&gt;'));
    assert.doesNotMatch(page.text, /\sstyle=|<style|\son[a-z]+=/i);
    assert.match(page.text, /<link rel="stylesheet" href="\/results.css"/);

    const css = await request(srv.port, {path: '/results.css'});
    assert.equal(css.status, 200);
    assert.match(css.headers['content-type'], /^text\/css/);
  });

  test('the CSV export downloads every response', async () => {
    const body = makeResponse({participant: '=HYPERLINK("http://evil.example")'});
    await postJson(srv.port, body);
    const csv = await request(srv.port, {path: '/results.csv', headers: AUTH});
    assert.equal(csv.status, 200);
    assert.match(csv.headers['content-type'], /^text\/csv/);
    assert.match(csv.headers['content-disposition'], /attachment; filename="responses-/);
    assert.ok(csv.text.startsWith('\uFEFFid,kind,received_at,submitted_at,instrument,version,'));
    const row = csv.text.split('\r\n').find((l) => l.startsWith(body.id));
    assert.ok(
      row.includes(`,coping-with-error,1.0.0,baseline,"'=HYPERLINK(""http://evil.example"")",`),
      row,
    );
  });

  test('findings: CSV cells with ; are quoted and formula-guarded; constructor/toString are plain answers', async () => {
    const body = makeResponse({
      participant: 'S-01-C',
      answers: {constructor: 'a;b', toString: '=1+1', 'conf-1': 4},
    });
    assert.equal((await postJson(srv.port, body)).status, 201);
    const other = makeResponse({participant: 'S-02-C', answers: {'conf-1': 2}});
    assert.equal((await postJson(srv.port, other)).status, 201);
    const csv = await request(srv.port, {path: '/results.csv', headers: AUTH});
    const lines = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    const header = lines[0].split(',');
    const row = lines.find((l) => l.startsWith(body.id));
    assert.ok(row.includes(',"a;b",'), row);
    assert.ok(row.includes(`,'=1+1`), row);
    assert.ok(header.includes('q_constructor') && header.includes('q_toString'));
    const otherRow = lines.find((l) => l.startsWith(other.id));
    assert.doesNotMatch(otherRow, /function|native code/, 'no function text in other rows');
  });

  test('other methods are 405 and other paths are left to the host server', async () => {
    const put = await request(srv.port, {method: 'PUT', path: '/api/responses'});
    assert.equal(put.status, 405);
    assert.match(put.headers.allow, /POST/);
    const elsewhere = await request(srv.port, {path: '/index.html'});
    assert.equal(elsewhere.status, 404);
    assert.equal(elsewhere.text, 'not mine');
  });
});

describe('reference endpoint across restarts', () => {
  test('data survives a restart and the same key is still recognised', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'rs-restart-'));
    try {
      const body = makeResponse();
      let srv = await startServer(dataDir);
      assert.equal((await postJson(srv.port, body)).status, 201);
      await srv.stop();

      srv = await startServer(dataDir);
      const {json} = await request(srv.port, {path: '/api/responses', headers: AUTH});
      assert.deepEqual(
        json.responses.map((r) => r.body),
        [body],
      );
      assert.equal((await postJson(srv.port, body)).status, 200);
      await srv.stop();
    } finally {
      await rm(dataDir, {recursive: true, force: true});
    }
  });

  test('a data folder in use by another endpoint is refused', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'rs-lock-'));
    try {
      const srv = await startServer(dataDir);
      const second = createEndpoint({dataDir, log: () => {}});
      await assert.rejects(second.ready, /in use by another server/);
      await second.close();
      await srv.stop();
      // Released on close: a new instance may open it.
      const third = await startServer(dataDir);
      await third.stop();
    } finally {
      await rm(dataDir, {recursive: true, force: true});
    }
  });
});
