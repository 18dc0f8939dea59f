// The layers of src/ import one way only (instrument ← store ← transport ← lms ← elements):
// no module may reach itself through its imports, type-only imports included, since a cycle
// of types is as hard to follow as one of values.
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {fileURLToPath} from 'node:url';
import {parseCircular, parseDependencyTree} from 'dpdm';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('src/', () => {
  it('has no import cycle', async () => {
    const previous = process.cwd();
    process.chdir(root);
    try {
      const tree = await parseDependencyTree('src/**/*.ts', {
        context: root,
        tsconfig: 'tsconfig.json',
        transform: false,
        skipDynamicImports: false,
      });
      const cycles = parseCircular(tree).map((cycle) => cycle.join(' -> '));
      assert.deepEqual(cycles, [], `import cycles in src/:\n${cycles.join('\n')}`);
    } finally {
      process.chdir(previous);
    }
  });
});
