// The types come with the import: an app per framework (test/frameworks/), compiled against
// the packed package by the framework's own checker (tsc, vue-tsc, svelte-check, ngc). Each app uses the tags as its users
// would, names every attribute, property and event the manifest lists (a file written here
// from custom-elements.json), and holds wrong uses that must be errors, each on its line.
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {diagnostics, expectErrors, makeApp, manifestTags, runTool} from './packed.js';

const tsc = 'node_modules/typescript/bin/tsc';
const vueTsc = 'node_modules/vue-tsc/bin/vue-tsc.js';
const svelteCheck = 'node_modules/svelte-check/bin/svelte-check';
const ngc = 'node_modules/@angular/compiler-cli/bundles/src/bin/ngc.js';

const react19 = {
  react: 'node_modules/react',
  'react-dom': 'node_modules/react-dom',
  '@types/react': 'node_modules/@types/react',
  '@types/react-dom': 'node_modules/@types/react-dom',
};
const react18 = {
  react: 'test/frameworks/react18/node_modules/react',
  'react-dom': 'test/frameworks/react18/node_modules/react-dom',
  '@types/react': 'test/frameworks/react18/node_modules/@types/react',
  '@types/react-dom': 'test/frameworks/react18/node_modules/@types/react-dom',
};

const tags = manifestTags();
const pascal = (event) => event.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase());
const list = (names) => `[${[...new Set(names)].map((n) => JSON.stringify(n)).join(', ')}]`;

/**
 * A module that compiles only if every name is a key of `keysOf<tag>`: the manifest's
 * attributes and properties (and events, as the framework names them) are all typed.
 */
function namesModule(head, keysOf, names) {
  const lines = Object.entries(tags).map(
    ([tag, t]) => `  '${tag}': ${list(names(tag, t))} satisfies (${keysOf(tag)})[],`,
  );
  return `${head}\nexport const names = {\n${lines.join('\n')}\n};\n`;
}

/** Compiles an app and checks that its errors are exactly the expected wrong uses. */
function check(app, run, expected) {
  const {status, out} = run(app.dir);
  const found = diagnostics(out);
  const problems = expectErrors(app.dir, found, expected);
  assert.deepEqual(problems, [], `${problems.join('\n')}\n--- checker output:\n${out}`);
  assert.notEqual(status, 0, 'the wrong uses fail the check');
  assert.ok(found.length >= expected.length);
}

describe('types from the packed package', {concurrency: 2}, () => {
  it('React 19: the tag in JSX has typed attributes, properties and onrs-* events', () => {
    const app = makeApp('react19', react19);
    try {
      writeFileSync(
        path.join(app.dir, 'src/names.ts'),
        namesModule(
          "import 'resilience-survey/define.js';\nimport type {JSX} from 'react';",
          (tag) => `keyof JSX.IntrinsicElements['${tag}']`,
          (tag, t) => [
            ...t.attributes,
            ...t.fields,
            ...(tag === 'rs-survey' ? t.events.map((e) => `on${e}`) : []),
          ],
        ),
      );
      check(app, (dir) => runTool(tsc, ['-p', dir, '--pretty', 'false'], dir), [
        {file: 'Wrong.tsx', code: 'e.detail.nope', message: "'nope' does not exist"},
        {file: 'Wrong.tsx', code: 'format="yaml"', message: '"yaml"'},
        {file: 'Wrong.tsx', code: 'draftDays="soon"', message: 'not assignable'},
        {file: 'Wrong.tsx', code: '<rs-surveys', message: "'rs-surveys'"},
      ]);
    } finally {
      app.remove();
    }
  });

  it('React 18: resilience-survey/react wrappers type onRs* events; the bare tag takes attributes only', () => {
    const app = makeApp('react18', react18);
    try {
      writeFileSync(
        path.join(app.dir, 'src/names.ts'),
        namesModule(
          "import type {ComponentProps} from 'react';\nimport * as W from 'resilience-survey/react';",
          (tag) => `keyof ComponentProps<typeof W.${pascal(tag)}>`,
          (tag, t) => [
            ...t.fields,
            ...(tag === 'rs-survey' ? t.events.map((e) => `on${pascal(e)}`) : []),
          ],
        ),
      );
      check(app, (dir) => runTool(tsc, ['-p', dir, '--pretty', 'false'], dir), [
        {file: 'Wrong.tsx', code: 'e.detail.nope', message: "'nope' does not exist"},
        {file: 'Wrong.tsx', code: 'format="yaml"', message: '"yaml"'},
        {file: 'Wrong.tsx', code: 'onrs-submitted', message: 'not assignable'},
        {file: 'Wrong.tsx', code: 'headers={{', message: 'headers'},
      ]);
    } finally {
      app.remove();
    }
  });

  it('Vue (vue-tsc, strict templates): typed attributes, properties and @rs-* events', () => {
    const app = makeApp('vue', {vue: 'node_modules/vue'});
    try {
      // Events: each name must be one `$emit` takes (the template's `@rs-submitted`).
      const emits = Object.entries(tags).flatMap(([tag, t]) =>
        t.events.map((e) => `emit<'${tag}'>()('${e}', null!);`),
      );
      writeFileSync(
        path.join(app.dir, 'src/names.ts'),
        namesModule(
          "import 'resilience-survey/define.js';\nimport type {GlobalComponents} from 'vue';\n" +
            "type Props<T extends keyof GlobalComponents> = InstanceType<GlobalComponents[T]>['$props'];\n" +
            "declare function emit<T extends keyof GlobalComponents>(): InstanceType<GlobalComponents[T]>['$emit'];\n" +
            emits.join('\n'),
          (tag) => `keyof Props<'${tag}'>`,
          (tag, t) => [...t.attributes, ...t.fields],
        ),
      );
      check(app, (dir) => runTool(vueTsc, ['-p', dir, '--pretty', 'false'], dir), [
        {file: 'Wrong.vue', code: 'e.detail.nope', message: "'nope' does not exist"},
        {file: 'Wrong.vue', code: 'format="yaml"', message: '"yaml"'},
        {file: 'Wrong.vue', code: ':draft-days="\'soon\'"', message: 'not assignable'},
      ]);
    } finally {
      app.remove();
    }
  });

  it('Svelte (svelte-check): typed attributes, properties and onrs-* events', () => {
    const app = makeApp('svelte', {svelte: 'node_modules/svelte'});
    try {
      writeFileSync(
        path.join(app.dir, 'src/names.ts'),
        namesModule(
          "import 'resilience-survey/define.js';\nimport type {SvelteHTMLElements} from 'svelte/elements';",
          (tag) => `keyof SvelteHTMLElements['${tag}']`,
          (tag, t) => [
            ...t.attributes,
            ...t.fields,
            ...(tag === 'rs-survey' ? t.events.map((e) => `on${e}`) : []),
          ],
        ),
      );
      const run = (dir) =>
        runTool(
          svelteCheck,
          [
            '--workspace',
            dir,
            '--tsconfig',
            './tsconfig.json',
            '--output',
            'machine',
            '--fail-on-warnings',
          ],
          dir,
        );
      check(app, run, [
        {file: 'Wrong.svelte', code: 'e.detail.nope', message: "'nope' does not exist"},
        {file: 'Wrong.svelte', code: 'format="yaml"', message: 'yaml'},
        {file: 'Wrong.svelte', code: 'draftDays="soon"', message: 'not assignable'},
      ]);
    } finally {
      app.remove();
    }
  });

  it('Angular (ngc, strict templates): $event of (rs-submitted) and the like is typed', () => {
    const app = makeApp('angular', {
      '@angular/core': 'node_modules/@angular/core',
      '@angular/common': 'node_modules/@angular/common',
      rxjs: 'node_modules/rxjs',
      tslib: 'node_modules/tslib',
    });
    try {
      check(app, (dir) => runTool(ngc, ['-p', dir], dir), [
        {file: 'wrong.component.ts', code: '$event.detail.nope', message: "'nope' does not exist"},
        {file: 'wrong.component.ts', code: '$event.detail.message', message: 'not assignable'},
      ]);
    } finally {
      app.remove();
    }
  });

  it('plain TypeScript with no framework installed (skipLibCheck off): tags and events in the global maps', () => {
    const app = makeApp('plain');
    try {
      writeFileSync(
        path.join(app.dir, 'src/names.ts'),
        namesModule(
          "import 'resilience-survey/define.js';",
          (tag) => `keyof HTMLElementTagNameMap['${tag}'] | keyof HTMLElementEventMap`,
          (tag, t) => [...t.fields, ...t.events],
        ),
      );
      check(app, (dir) => runTool(tsc, ['-p', dir, '--pretty', 'false'], dir), [
        {file: 'wrong.ts', code: 'e.detail.nope', message: "'nope' does not exist"},
        {file: 'wrong.ts', code: "'yaml'", message: '"yaml"'},
        {file: 'wrong.ts', code: "'soon'", message: 'not assignable'},
      ]);
    } finally {
      app.remove();
    }
  });
});
