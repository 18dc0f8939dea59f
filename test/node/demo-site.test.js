// The demo site answers odd request paths with a page or a client error, never a 500 and a stack trace.

import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {createSite} from '../../demo/site.js';
import {request} from './http.js';

/** GET with the path exactly as given (fetch would normalise `//` and bad escapes away). */
const statusOf = async (base, path) => (await request(new URL(base).port, {path})).status;

test('odd paths get a page or a client error, not a 500', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'rs-site-'));
  const site = await createSite({port: 0, dataDir});
  t.after(async () => {
    await site.close();
    await rm(dataDir, {recursive: true, force: true});
  });
  const errors = [];
  const original = console.error;
  console.error = (...args) => errors.push(args);
  t.after(() => (console.error = original));
  // A doubled slash is read as the path it spells (the start page), as most servers do.
  assert.equal(await statusOf(site.url, '//?timepoint=baseline'), 200);
  assert.equal(await statusOf(site.url, '//api/responses'), 404);
  assert.equal(await statusOf(site.url, '/%E0%A4%A'), 400);
  assert.equal(await statusOf(site.url, '/'), 200);
  assert.deepEqual(errors, []);
});
