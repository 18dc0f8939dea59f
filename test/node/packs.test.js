// Built-in packs ship as modules written from their sources (`npm run packs`): those modules
// must be the ones the sources give now, and adding the languages back must give the source.
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {packIds, packModules} from '../../scripts/packs.js';
import {loadTs} from './load-ts.js';

for (const id of packIds()) {
  describe(`built-in pack ${id}`, () => {
    it('ships the modules its source gives (run `npm run packs` after editing the source)', async () => {
      for (const [file, text] of Object.entries(await packModules(id))) {
        const written = readFileSync(
          new URL(`../../src/instrument/packs/${file}`, import.meta.url),
          'utf8',
        );
        assert.equal(written, text, `src/instrument/packs/${file} is not what the source gives`);
      }
    });

    it('in every language, is its source again; in English, has no other language', async () => {
      const m = await loadTs(`
        export {pack as source} from './src/instrument/packs/source/${id}.ts';
        export {loadBuiltin, builtinPacks} from './src/instrument/packs/index.ts';
      `);
      assert.deepEqual(await m.builtinPacks[id](), JSON.parse(JSON.stringify(m.source)));
      const english = JSON.stringify(await m.loadBuiltin(id, ['en-GB']));
      assert.doesNotMatch(english, /"cy":/);
      const welsh = await m.loadBuiltin(id, ['cy']);
      assert.equal(typeof welsh.title, 'object');
      assert.equal(typeof welsh.title.cy, 'string');
    });
  });
}
