// Sign-in, CSRF, the Host allow-list, withdrawal, retention and the audit log, against a
// real server (Fastify inside a plain http server, as the demo site mounts it) on SQLite.
// Each finding of issue 12 that lives here has its test named after it.

import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {createServer} from 'node:http';
import {connect} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {createEndpoint} from '../../server/endpoint.js';
import {request} from './http.js';
import {makeResponse} from './response.js';

const TOKEN = 'auth-test-token-123';
const squash = (text) => text.replace(/\s+/g, ' ');
const AUTH = {authorization: `Bearer ${TOKEN}`};

async function start(options = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'rs-auth-'));
  const endpoint = createEndpoint({
    dataDir,
    token: TOKEN,
    log: () => {},
    allowedHosts: ['study.example.org'],
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
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await endpoint.close();
      await rm(dataDir, {recursive: true, force: true});
    },
  };
}

const post = (port, body, headers = {}, path = '/api/responses') =>
  request(port, {
    method: 'POST',
    path,
    headers: {'content-type': 'application/json', ...headers},
    body,
  });

const form = (port, path, fields, headers = {}) =>
  request(port, {
    method: 'POST',
    path,
    headers: {'content-type': 'application/x-www-form-urlencoded', ...headers},
    body: new URLSearchParams(fields).toString(),
  });

/** Signs in through the form; returns the cookie header and the page's CSRF token. */
async function signIn(port, host) {
  const res = await form(
    port,
    '/signin',
    {token: TOKEN, next: '/results/manage'},
    host ? {host} : {},
  );
  assert.equal(res.status, 303);
  const cookie = res.headers['set-cookie'][0];
  const pair = cookie.split(';')[0];
  const page = await request(port, {
    path: '/results/manage',
    headers: {cookie: pair, ...(host ? {host} : {})},
  });
  assert.equal(page.status, 200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)[1];
  return {cookie, pair, csrf, page};
}

describe('sign-in and the team pages', () => {
  let srv;
  before(async () => (srv = await start()));
  after(() => srv.stop());

  test('finding: results, exports and the read API need sign-in', async () => {
    const page = await request(srv.port, {path: '/results'});
    assert.equal(page.status, 303);
    assert.equal(page.headers.location, '/signin?next=%2Fresults');
    for (const path of ['/results.csv', '/api/responses', '/results/export/participants.csv']) {
      const res = await request(srv.port, {path});
      assert.equal(res.status, 401, path);
      assert.match(res.headers['www-authenticate'], /Bearer/);
    }
    const wrong = await request(srv.port, {
      path: '/api/responses',
      headers: {authorization: 'Bearer nope'},
    });
    assert.equal(wrong.status, 401);
    assert.equal((await request(srv.port, {path: '/api/responses', headers: AUTH})).status, 200);
  });

  test('the sign-in page works without script and sets a HttpOnly, SameSite session cookie', async () => {
    const pageRes = await request(srv.port, {path: '/signin'});
    assert.equal(pageRes.status, 200);
    assert.match(pageRes.headers['content-security-policy'], /default-src 'none'/);
    assert.doesNotMatch(pageRes.text, /<script|\sstyle=|<style/);
    assert.match(pageRes.text, /<label for="token">/);
    const bad = await form(srv.port, '/signin', {token: 'wrong'});
    assert.equal(bad.status, 401);
    assert.match(bad.text, /role="alert"/);
    assert.equal(bad.headers['set-cookie'], undefined);
    const {cookie} = await signIn(srv.port);
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Strict/i);
    assert.doesNotMatch(cookie, /Secure/i, 'plain http on localhost cannot keep a Secure cookie');
    const remote = await signIn(srv.port, 'study.example.org');
    assert.match(remote.cookie, /;\s*Secure/i, 'Secure everywhere but loopback');
  });

  test('a sign-in only redirects to a path on this server', async () => {
    const res = await form(srv.port, '/signin', {token: TOKEN, next: '//evil.example/'});
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/results');
  });

  test('CSRF: a form without the token, or from another origin, changes nothing', async () => {
    const {pair, csrf} = await signIn(srv.port);
    const body = makeResponse({participant: 'C-01-F'});
    await post(srv.port, body);
    const noToken = await form(
      srv.port,
      '/results/withdraw',
      {code: 'C-01-F', confirm: 'yes'},
      {cookie: pair},
    );
    assert.equal(noToken.status, 403);
    const crossSite = await form(
      srv.port,
      '/results/withdraw',
      {code: 'C-01-F', confirm: 'yes', _csrf: csrf},
      {cookie: pair, origin: 'https://evil.example'},
    );
    assert.equal(crossSite.status, 403);
    const {json} = await request(srv.port, {path: '/api/responses', headers: AUTH});
    assert.ok(
      json.responses.some((r) => r.key === body.id),
      'still stored',
    );
  });

  test('withdrawal asks first, deletes the code’s responses, and is in the audit log', async () => {
    const {pair, csrf} = await signIn(srv.port);
    const code = 'W-09-\u202EX';
    for (const timepoint of ['baseline', 'post-workshop'])
      await post(srv.port, makeResponse({participant: code, timepoint}));
    const ask = await form(srv.port, '/results/withdraw', {code, _csrf: csrf}, {cookie: pair});
    assert.equal(ask.status, 200);
    assert.match(
      squash(ask.text),
      /2 responses are stored under the code <bdi>W-09-\u202EX<\/bdi>/,
    );
    const done = await form(
      srv.port,
      '/results/withdraw',
      {code, confirm: 'yes', _csrf: csrf},
      {cookie: pair},
    );
    assert.equal(done.status, 303);
    const {json} = await request(srv.port, {path: '/api/responses', headers: AUTH});
    assert.ok(!json.responses.some((r) => r.body.participant === code));
    const audit = await request(srv.port, {path: '/results/audit', headers: {cookie: pair}});
    assert.equal(audit.status, 200);
    assert.match(audit.text, /withdrawal/);
    // finding: U+202E in a code is isolated on the page.
    assert.match(squash(audit.text), /code <bdi>W-09-\u202EX<\/bdi>: 2 deleted/);
  });

  test('every export is audit-logged, with its filters', async () => {
    await request(srv.port, {path: '/results.csv?cohort=ward-3', headers: AUTH});
    const {pair} = await signIn(srv.port);
    const audit = await request(srv.port, {path: '/results/audit', headers: {cookie: pair}});
    assert.match(
      squash(audit.text),
      /<td>export<\/td> ?<td>responses\.csv \(<bdi>cohort=ward-3<\/bdi>\)/,
    );
  });

  test('the retention setting deletes older responses and is logged', async () => {
    const {pair, csrf} = await signIn(srv.port);
    const db = await srv.endpoint.storage();
    const old = makeResponse();
    await db.put('response', [{key: old.id, body: old}], {receivedAt: '2020-01-01T00:00:00.000Z'});
    const res = await form(
      srv.port,
      '/results/retention',
      {days: '365', _csrf: csrf},
      {cookie: pair},
    );
    assert.equal(res.status, 303);
    assert.match(res.headers.location, /done=retention&n=1$/);
    const {json} = await request(srv.port, {path: '/api/responses', headers: AUTH});
    assert.ok(!json.responses.some((r) => r.key === old.id));
    const page = await request(srv.port, {path: '/results/manage', headers: {cookie: pair}});
    assert.match(page.text, /older than <strong>365 days<\/strong>/);
    const bad = await form(
      srv.port,
      '/results/retention',
      {days: 'soon', _csrf: csrf},
      {cookie: pair},
    );
    assert.equal(bad.status, 400);
  });

  test('sign-out ends the session', async () => {
    const {pair, csrf} = await signIn(srv.port);
    const out = await form(srv.port, '/signout', {_csrf: csrf}, {cookie: pair});
    assert.equal(out.status, 303);
    assert.equal(
      (await request(srv.port, {path: '/results', headers: {cookie: pair}})).status,
      303,
    );
  });

  test('a page sends the cohort label with ?cohort= and it is stored', async () => {
    const body = makeResponse();
    assert.equal((await post(srv.port, body, {}, '/api/responses?cohort=Ward%207')).status, 201);
    const db = await srv.endpoint.storage();
    for await (const row of db.responses({cohort: 'Ward 7'})) assert.equal(row.id, body.id);
  });

  test('the evaluation follows new and deleted responses (kept only while the data is unchanged)', async () => {
    const count = async () => {
      const page = await request(srv.port, {path: '/results?cohort=cache-test', headers: AUTH});
      const m = /(\d+) responses?\b/.exec(squash(page.text).replace(/<[^>]+>/g, ''));
      return m ? Number(m[1]) : 0;
    };
    assert.equal(await count(), 0);
    const body = makeResponse({participant: 'CACHE-1'});
    await post(srv.port, body, {}, '/api/responses?cohort=cache-test');
    assert.equal(await count(), 1);
    await post(
      srv.port,
      makeResponse({participant: 'CACHE-2'}),
      {},
      '/api/responses?cohort=cache-test',
    );
    assert.equal(await count(), 2);
    await (await srv.endpoint.storage()).deleteParticipant('CACHE-1');
    assert.equal(await count(), 1);
  });

  test('the health check says whether the database answers', async () => {
    const res = await request(srv.port, {path: '/health', headers: {host: 'lb.internal'}});
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, {status: 'ok', database: 'ok'});
  });
});

describe('findings of issue 12', () => {
  let srv;
  before(async () => (srv = await start()));
  after(() => srv.stop());

  test('finding: no Host allow-list (DNS rebinding with Host and Origin attacker.example)', async () => {
    const evil = {host: 'attacker.example', origin: 'http://attacker.example'};
    const res = await post(srv.port, makeResponse(), evil);
    assert.equal(res.status, 421);
    assert.equal(res.json.error, 'host-not-allowed');
    const read = await request(srv.port, {path: '/api/responses', headers: {...evil, ...AUTH}});
    assert.equal(read.status, 421);
    const listed = await post(srv.port, makeResponse(), {
      host: 'study.example.org',
      origin: 'https://study.example.org',
    });
    assert.equal(listed.status, 201, 'a listed host is served');
  });

  test('finding: `OPTIONS *:abc` (and *%, *[) does not kill the process', async () => {
    for (const target of ['*:abc', '*%', '*[']) {
      const answer = await new Promise((resolve, reject) => {
        const socket = connect(srv.port, '127.0.0.1');
        let data = '';
        socket.on('data', (chunk) => (data += chunk));
        socket.on('end', () => resolve(data));
        socket.on('close', () => resolve(data));
        socket.on('error', reject);
        socket.end(`OPTIONS ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      });
      assert.match(answer, /^HTTP\/1\.1 4\d\d/, target);
    }
    const after = await post(srv.port, makeResponse());
    assert.equal(after.status, 201, 'still serving');
  });

  test('finding: a body nested 60,000 deep in client is a 400, not a 500', async () => {
    const body = makeResponse();
    const deep = `${JSON.stringify({...body, client: null}).replace('"client":null', `"client":{"version":"1","x":${'['.repeat(60_000)}${']'.repeat(60_000)}}`)}`;
    const res = await post(srv.port, deep);
    assert.equal(res.status, 400);
    assert.equal(res.json.error, 'invalid-body');
    assert.match(res.json.message, /nests deeper than 64 levels/);
  });

  test('finding: sign-in attempts are rate-limited', async () => {
    const statuses = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await form(srv.port, '/signin', {token: `guess-${i}`})).status);
    assert.deepEqual(statuses.slice(0, 10), Array(10).fill(401));
    assert.equal(statuses[11], 429);
    // Even the right token waits out the window.
    assert.equal((await form(srv.port, '/signin', {token: TOKEN})).status, 429);
  });
});
