// The evaluation page kept up to date (server/pages.js): after new responses the kept
// evaluation is extended rather than computed again, and says the same as one computed from
// scratch by a freshly started server over the same store; a withdrawal drops what was kept,
// so the next page is computed without the person. On SQLite and on the real PostgreSQL
// that scripts/test.js starts (TEST_DATABASE_URL).
import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import {mkdtemp, rm} from 'node:fs/promises';
import {createServer} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import process from 'node:process';
import {after, before, describe, test} from 'node:test';
import {createEndpoint} from '../../server/endpoint.js';
import {simulateStudy} from '../../server/demo-study.js';
import {request} from './http.js';
import {freshDatabase} from './fresh-database.js';

const TOKEN = 'evaluation-test-token-1';
const AUTH = {authorization: `Bearer ${TOKEN}`};
const pgUrl = process.env.TEST_DATABASE_URL;

async function start(store) {
  const endpoint = createEndpoint({
    ...store,
    token: TOKEN,
    log: () => {},
    logger: process.env.DEBUG_EVAL ? {level: 'error'} : false,
  });
  await endpoint.ready;
  const server = createServer(async (req, res) => {
    if (!(await endpoint.handle(req, res))) res.writeHead(404).end('not mine');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: /** @type {any} */ (server.address()).port,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await endpoint.close();
    },
  };
}

const post = (port, body) =>
  request(port, {
    method: 'POST',
    path: '/api/responses',
    headers: {'content-type': 'application/json'},
    body,
  });

/** The evaluation page: how it was had (Server-Timing) and its evaluation fragment. */
async function page(port) {
  const res = await request(port, {path: '/results', headers: AUTH});
  assert.equal(res.status, 200);
  const how = /desc="([a-z]+)"/.exec(String(res.headers['server-timing']))?.[1];
  const start = res.text.indexOf('<div class="rs-eval">');
  assert.ok(start > 0);
  return {how, fragment: res.text.slice(start, res.text.indexOf('</main>', start))};
}

const engines = [
  {
    name: 'sqlite',
    async store() {
      const dataDir = await mkdtemp(join(tmpdir(), 'rs-eval-kept-'));
      return {store: {dataDir}, cleanup: () => rm(dataDir, {recursive: true, force: true})};
    },
  },
  {
    name: 'postgres',
    async store() {
      const databaseUrl = await freshDatabase(/** @type {string} */ (pgUrl));
      return {store: {databaseUrl}, cleanup: async () => {}};
    },
  },
];

for (const engine of engines) {
  describe(`the evaluation page kept up to date: ${engine.name}`, () => {
    if (engine.name === 'postgres' && !pgUrl) {
      test(
        'PostgreSQL suite',
        {skip: process.env.REQUIRE_POSTGRES ? false : 'TEST_DATABASE_URL is not set'},
        () => assert.fail('TEST_DATABASE_URL is not set although REQUIRE_POSTGRES is'),
      );
      return;
    }
    const bodies = simulateStudy({seed: 11}).map((b) => ({...b, client: {version: '1.0.0'}}));
    let place;
    let srv;
    before(async () => {
      place = await engine.store();
      srv = await start(place.store);
    });
    after(async () => {
      await srv?.stop();
      await place?.cleanup();
    });

    /** The page a server started afresh over the same store computes. */
    async function fromScratch() {
      await srv.stop();
      srv = await start(place.store);
      return (await page(srv.port)).fragment;
    }

    test('new responses extend the kept evaluation, which says what one computed afresh says', async () => {
      for (const body of bodies.slice(0, 120))
        assert.equal((await post(srv.port, body)).status, 201);
      const first = await page(srv.port);
      // Computed, or (when the start's own evaluation of the empty store came first) extended.
      assert.match(String(first.how), /^(computed|extended)$/);
      assert.equal((await page(srv.port)).how, 'kept');
      for (const body of bodies.slice(120)) assert.equal((await post(srv.port, body)).status, 201);
      const extended = await page(srv.port);
      assert.equal(extended.how, 'extended');
      assert.notEqual(extended.fragment, first.fragment);
      assert.equal(extended.fragment, await fromScratch());
      // One more, on the freshly started server: extended again, still the same as afresh.
      assert.equal(
        (await post(srv.port, {...bodies[3], id: randomUUID(), timepoint: 'follow-up'})).status,
        201,
      );
      const again = await page(srv.port);
      assert.equal(again.how, 'extended');
      assert.equal(again.fragment, await fromScratch());
    });

    test('a withdrawal drops what was kept: the next page is computed without the person', async () => {
      const before = await page(srv.port);
      const code = bodies[0].participant;
      const signIn = await request(srv.port, {
        method: 'POST',
        path: '/signin',
        headers: {'content-type': 'application/x-www-form-urlencoded'},
        body: new URLSearchParams({token: TOKEN, next: '/results/manage'}).toString(),
      });
      const cookie = String(signIn.headers['set-cookie']?.[0]).split(';')[0];
      const manage = await request(srv.port, {path: '/results/manage', headers: {cookie}});
      const csrf = /name="_csrf" value="([^"]+)"/.exec(manage.text)?.[1] ?? '';
      const done = await request(srv.port, {
        method: 'POST',
        path: '/results/withdraw',
        headers: {'content-type': 'application/x-www-form-urlencoded', cookie},
        body: new URLSearchParams({code, confirm: 'yes', _csrf: csrf}).toString(),
      });
      assert.equal(done.status, 303);
      const after = await page(srv.port);
      assert.equal(after.how, 'computed');
      assert.notEqual(after.fragment, before.fragment);
      assert.equal(after.fragment, await fromScratch());
    });
  });
}
