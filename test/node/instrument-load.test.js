// loadPack (src/instrument/load.ts) and its lazy checker (parse.ts): a built-in pack never
// loads the checker; a pack from outside starts loading it before its fetch is answered (one
// round trip, not two); a checker that cannot load (offline) is a PackError, never an
// unhandled rejection. A stand-in for the checker counts its loads or fails as an offline
// chunk does.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {loadTs} from './load-ts.js';

const parseTs = fileURLToPath(new URL('../../src/instrument/parse.ts', import.meta.url));
const baseUrl = 'https://example.org/survey/';

let bundles = 0;
/** A fresh copy of load.ts (the checker not yet loaded) whose checker is the stand-in. */
async function load({offline = false, converterOffline = false} = {}) {
  const checker = {
    name: 'checker',
    setup(build) {
      // The FHIR converter, which the checker loads for a Questionnaire, as an offline chunk.
      if (converterOffline) {
        build.onResolve({filter: /^\.\/fhir\.js$/}, (args) =>
          path.basename(args.importer) === 'parse.ts'
            ? {path: 'fhir.js', namespace: 'converter'}
            : undefined,
        );
        build.onLoad({filter: /.*/, namespace: 'converter'}, () => ({
          contents: `export {}; throw new TypeError('Failed to fetch dynamically imported module');`,
          loader: 'js',
        }));
      }
      build.onResolve({filter: /^\.\/parse\.js$/}, (args) =>
        path.basename(args.importer) === 'load.ts'
          ? {path: 'parse.js', namespace: 'checker'}
          : undefined,
      );
      build.onLoad({filter: /.*/, namespace: 'checker'}, () => ({
        contents: offline
          ? `export {}; throw new TypeError('Failed to fetch dynamically imported module');`
          : `globalThis.checkerLoads = (globalThis.checkerLoads ?? 0) + 1;
             export * from ${JSON.stringify(parseTs)};`,
        loader: 'js',
        resolveDir: path.dirname(parseTs),
      }));
    },
  };
  globalThis.checkerLoads = 0;
  // `bundle` makes each bundle's data: URL, and so its module instance, a new one.
  return loadTs(
    `export {loadPack, PackError} from './src/instrument/load.ts';
     export {basePack} from './test/instrument/fixtures.ts';
     export const bundle = ${++bundles};`,
    {plugins: [checker]},
  );
}

const noFetch = () => assert.fail('a built-in pack is not fetched');

test('a built-in pack, by id or by default, opens without loading the checker', async () => {
  const {loadPack} = await load();
  for (const ref of ['coping-with-error', '']) {
    const loaded = await loadPack({kind: 'ref', ref}, {fetch: noFetch, baseUrl});
    assert.equal(loaded.pack.id, 'coping-with-error');
  }
  assert.equal(globalThis.checkerLoads, 0);
});

test('a pack from a URL starts loading the checker before the fetch is answered', async () => {
  const {loadPack, basePack} = await load();
  let loadsWhileFetching;
  const fetch = async (url) => {
    assert.equal(String(url), 'https://example.org/packs/test.json');
    await new Promise((resolve) => setTimeout(resolve, 20));
    loadsWhileFetching = globalThis.checkerLoads;
    return new Response(JSON.stringify(basePack));
  };
  const loaded = await loadPack({kind: 'ref', ref: '../packs/test.json'}, {fetch, baseUrl});
  assert.equal(loaded.pack.id, 'test-pack');
  assert.equal(loadsWhileFetching, 1);
  assert.equal(globalThis.checkerLoads, 1);
});

test('packs given inline or as an object are checked', async () => {
  const {loadPack, basePack} = await load();
  const inline = await loadPack({kind: 'inline', text: JSON.stringify(basePack)}, {baseUrl});
  const broken = {kind: 'object', value: {...basePack, id: ''}};
  const error = await loadPack(broken, {baseUrl}).catch((e) => e);
  assert.equal(inline.pack.id, 'test-pack');
  assert.equal(error.code, 'instrument-invalid');
  assert.equal(globalThis.checkerLoads, 1);
});

test('a checker that cannot load (offline) is an instrument-unreachable PackError', async () => {
  for (const kind of ['inline', 'object']) {
    const {loadPack, PackError, basePack} = await load({offline: true});
    const source =
      kind === 'inline' ? {kind, text: JSON.stringify(basePack)} : {kind, value: basePack};
    const error = await loadPack(source, {baseUrl}).catch((e) => e);
    assert.ok(error instanceof PackError, String(error));
    assert.equal(error.code, 'instrument-unreachable');
    assert.match(error.message, /checker could not be loaded/);
  }
});

test('a FHIR converter that cannot load (offline) is an instrument-unreachable PackError', async () => {
  const {loadPack, PackError} = await load({converterOffline: true});
  const questionnaire = {resourceType: 'Questionnaire', status: 'active', item: []};
  const error = await loadPack({kind: 'object', value: questionnaire}, {baseUrl}).catch((e) => e);
  assert.ok(error instanceof PackError, String(error));
  assert.equal(error.code, 'instrument-unreachable');
  assert.match(error.message, /FHIR converter could not be loaded/);
});

test('offline, a failed fetch is what the page hears, and nothing is left unhandled', async () => {
  const {loadPack, PackError} = await load({offline: true});
  const unhandled = [];
  const record = (reason) => unhandled.push(reason);
  process.on('unhandledRejection', record);
  try {
    const fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const error = await loadPack({kind: 'ref', ref: 'pack.json'}, {fetch, baseUrl}).catch((e) => e);
    assert.ok(error instanceof PackError, String(error));
    assert.equal(error.code, 'instrument-unreachable');
    assert.match(error.message, /could not be fetched/);
    // Unhandled rejections are reported after the microtask queue drains.
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(unhandled, []);
  } finally {
    process.off('unhandledRejection', record);
  }
});
