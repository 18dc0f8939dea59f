// The test endpoint's rules, checked over real HTTP with Koa (as the dev server runs it).
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import Koa from 'koa';
import {testEndpoint} from '../server/endpoint.js';

let server;
let base;

before(async () => {
  const app = new Koa();
  app.use(testEndpoint());
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${server.address().port}/__endpoint`;
});
after(() => server.close());

const body = (id, extra = {}) => ({
  schema: 'resilience-survey/response@1',
  id,
  instrument: {id: 'coping-with-error', version: '1.0.0'},
  timepoint: 'baseline',
  participant: null,
  locale: 'en',
  startedAt: '2026-11-27T09:00:00.000Z',
  submittedAt: '2026-11-27T09:12:31.000Z',
  answers: {'conf-1': 4},
  scores: {},
  client: {version: '1.0.0'},
  ...extra,
});

const post = (bucket, id, payload = body(id)) =>
  fetch(`${base}/${bucket}/responses`, {
    method: 'POST',
    headers: {'Content-Type': 'application/json', 'Idempotency-Key': id},
    body: JSON.stringify(payload),
  });
const log = async (bucket) => (await fetch(`${base}/${bucket}/log`)).json();
const script = (bucket, steps) =>
  fetch(`${base}/${bucket}/script`, {method: 'POST', body: JSON.stringify(steps)});

test('stores a valid body once per Idempotency-Key and counts the repeat', async () => {
  const bucket = 'b' + randomUUID();
  const id = randomUUID();
  assert.equal((await post(bucket, id)).status, 201);
  assert.equal((await post(bucket, id)).status, 200);
  const l = await log(bucket);
  assert.equal(l.stored.length, 1);
  assert.equal(l.attempts.length, 2);
  assert.equal(l.duplicates, 1);
  assert.deepEqual(l.violations, []);
});

test('records schema and protocol violations', async () => {
  const bucket = 'b' + randomUUID();
  const id = randomUUID();
  await post(bucket, id, body(randomUUID(), {extra: true, locale: 'e'}));
  const messages = (await log(bucket)).violations.map((v) => v.message).join('\n');
  assert.match(messages, /Idempotency-Key .* is not the body id/);
  assert.match(messages, /additional properties/);
  assert.match(messages, /\/locale/);
});

test('plays a script: statuses, Retry-After and messages, then normal service', async () => {
  const bucket = 'b' + randomUUID();
  await script(bucket, [{status: 503}, {status: 429, retryAfter: 1}, {status: 400, message: 'no'}]);
  const id = randomUUID();
  const first = await post(bucket, id);
  const second = await post(bucket, id);
  const third = await post(bucket, id);
  const fourth = await post(bucket, id);
  assert.deepEqual(
    [first.status, second.status, third.status, fourth.status],
    [503, 429, 400, 201],
  );
  assert.equal(second.headers.get('Retry-After'), '1');
  assert.deepEqual(await third.json(), {message: 'no'});
  assert.equal((await log(bucket)).stored.length, 1);
});

test('drop destroys the connection; hang answers nothing until the client gives up', async () => {
  const bucket = 'b' + randomUUID();
  await script(bucket, [{drop: true}, {hang: true}]);
  await assert.rejects(post(bucket, randomUUID()));
  const started = Date.now();
  await assert.rejects(
    fetch(`${base}/${bucket}/responses`, {
      method: 'POST',
      body: '{}',
      signal: AbortSignal.timeout(300),
    }),
  );
  assert.ok(Date.now() - started >= 250);
  const l = await log(bucket);
  assert.deepEqual(
    l.attempts.map((a) => a.status),
    ['drop', 'hang'],
  );
  assert.equal(l.stored.length, 0);
});

test('DELETE forgets a bucket; buckets are separate', async () => {
  const a = 'b' + randomUUID();
  const b = 'b' + randomUUID();
  await post(a, randomUUID());
  assert.equal((await log(b)).stored.length, 0);
  assert.equal((await fetch(`${base}/${a}`, {method: 'DELETE'})).status, 204);
  assert.equal((await log(a)).stored.length, 0);
});

test('refuses a script that is not a list', async () => {
  const res = await fetch(`${base}/b${randomUUID()}/script`, {method: 'POST', body: '{}'});
  assert.equal(res.status, 400);
});
