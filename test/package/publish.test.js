// The package publishes right: what `npm pack` holds (also from a fresh copy of the
// repository, where only `prepack` can make it), `exports` naming public entry points that
// exist, source maps that lead to the sources, the manifest describing shipped files, and
// publint and @arethetypeswrong/cli finding nothing.
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {publint} from 'publint';
import {formatMessage} from 'publint/utils';
import {pack, root} from './packed.js';

const read = (file) => readFileSync(path.join(root, file), 'utf8');
const pkg = JSON.parse(read('package.json'));

/** What a published package must hold, by path or folder. */
const required = [
  'package.json',
  'README.md',
  'LICENSE',
  'CHANGELOG.md',
  'custom-elements.json',
  'web-types.json',
  'vscode.html-custom-data.json',
  'vscode.css-custom-data.json',
  'schema/response.schema.json',
  'schema/instrument.schema.json',
  'dist/resilience-survey.js',
  'dist/resilience-survey.iife.js',
  'dist/blocks/resilience-survey-blocks.js',
  'dist/THIRD-PARTY-LICENSES.md',
  'lib/index.js',
  'lib/index.d.ts',
  'lib/define.js',
  'lib/define.d.ts',
  'lib/react.js',
  'lib/react.d.ts',
  'lib/frameworks.d.ts',
];

function checkContents(paths) {
  for (const file of required) assert.ok(paths.includes(file), `the package holds ${file}`);
  const stray = paths.filter((p) => /^(src|test|demo|bench|scripts|node_modules)\//.test(p));
  assert.deepEqual(stray, [], 'no sources, tests, demo or scripts');
  assert.ok(
    paths.some((p) => p.startsWith('dist/classic/')),
    "the classic script's chunks",
  );
}

describe('npm pack', () => {
  it('holds dist/, lib/, the manifests, schema/, LICENSE, README and CHANGELOG', (t) => {
    const {info} = pack();
    checkContents(info.files.map((f) => f.path));
    t.diagnostic(
      `packed: ${info.entryCount} files, ${info.size} bytes (${info.unpackedSize} unpacked)`,
    );
  });

  it('from a fresh copy of the repository (no dist/, lib/ or manifest): prepack builds them', () => {
    // The tracked files, as a clone has them, with the installed packages beside them.
    const dir = mkdtempSync(path.join(tmpdir(), 'rs-clone-'));
    try {
      const files = execFileSync('git', ['ls-files', '-z'], {cwd: root, encoding: 'utf8'})
        .split('\0')
        .filter((f) => f && !f.startsWith('test/'));
      for (const file of files) {
        try {
          cpSync(path.join(root, file), path.join(dir, file));
        } catch (error) {
          // A file deleted in the working tree but not yet from the index.
          if (error.code !== 'ENOENT') throw error;
        }
      }
      symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
      const out = execFileSync('npm', ['pack', '--dry-run', '--json'], {
        cwd: dir,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const [info] = JSON.parse(out.slice(out.indexOf('[\n')));
      checkContents(info.files.map((f) => f.path));
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});

describe('package.json', () => {
  it('exports names public entry points only, each a packed file, with types for each module', () => {
    const {info} = pack();
    const paths = new Set(info.files.map((f) => f.path));
    for (const [name, target] of Object.entries(pkg.exports)) {
      assert.ok(!/^\.\/(lib|dist)\/\*/.test(name), `${name}: no whole folder is public`);
      const targets = typeof target === 'string' ? [target] : Object.values(target);
      for (const t of targets) {
        if (t.includes('*')) {
          const re = new RegExp(`^${t.slice(2).replace('.', '\\.').replace('*', '[^/]+')}$`);
          assert.ok(
            [...paths].some((p) => re.test(p)),
            `${name} matches packed files`,
          );
        } else assert.ok(paths.has(t.slice(2)), `${name} → ${t} is packed`);
      }
      if (/\.js$|^\.$|^\.\/react$/.test(name) && !name.endsWith('.iife.js'))
        assert.ok(target.types, `${name} has types`);
    }
    assert.equal(pkg.scripts.prepack, 'npm run build');
    for (const field of ['repository', 'homepage', 'bugs', 'keywords', 'license'])
      assert.ok(pkg[field], `${field} is set`);
  });

  it('has no dependency the published code does not import', () => {
    // The published code: lib/ and the command (bin/, cli/). Imports and type imports (`import("lit-html").TemplateResult` in a declaration); the
    // framework types (React, Vue, Svelte) are optional and apply only where one is installed.
    const lib = execFileSync(
      'grep',
      [
        '-rhoE',
        '--exclude=frameworks.d.ts',
        `(from |import\\()['"][^.'"][^'"]*['"]`,
        path.join(root, 'lib'),
        path.join(root, 'bin'),
        path.join(root, 'cli'),
      ],
      {encoding: 'utf8'},
    );
    const imported = new Set(
      lib
        .split('\n')
        .map((l) => /['"]((?:@[^/'"]+\/)?[^/'"]+)/.exec(l)?.[1])
        .filter((name) => name && !name.startsWith('node:')),
    );
    for (const dep of Object.keys(pkg.dependencies))
      assert.ok(imported.has(dep), `${dep} is imported by the published code`);
    for (const name of imported)
      assert.ok(
        name in pkg.dependencies || name in (pkg.peerDependencies ?? {}),
        `${name} (imported by the published code) is a dependency`,
      );
  });
});

describe('source maps', () => {
  it('lib/ maps carry their sources; no declaration map points at unshipped files', () => {
    const {info} = pack();
    const maps = info.files
      .map((f) => f.path)
      .filter((p) => p.startsWith('lib/') && p.endsWith('.map'));
    assert.ok(maps.length > 10);
    for (const file of maps) {
      assert.ok(!file.endsWith('.d.ts.map'), `${file}: no declaration maps`);
      const map = JSON.parse(read(file));
      assert.equal(map.sourcesContent?.length, map.sources.length, `${file} carries its sources`);
      assert.ok(map.sourcesContent.every((s) => typeof s === 'string' && s.length > 0));
    }
  });

  it("the classic script's map leads to the sources, as the ES module's does", () => {
    const es = JSON.parse(read('dist/resilience-survey.js.map'));
    const classic = JSON.parse(read('dist/resilience-survey.iife.js.map'));
    assert.ok(!classic.sources.includes('resilience-survey.js'), 'not to the ES bundle');
    assert.ok(classic.sources.some((s) => s.endsWith('src/elements/rs-survey/rs-survey.ts')));
    assert.ok(classic.sources.some((s) => s.includes('lit-html')));
    assert.equal(classic.sourcesContent.filter(Boolean).length, classic.sources.length);
    assert.ok(
      classic.sources.length >= es.sources.length - 2,
      'about as many sources as the ES map',
    );
  });
});

describe('custom-elements.json', () => {
  const manifest = JSON.parse(read('custom-elements.json'));
  const declarations = manifest.modules.flatMap((m) => m.declarations ?? []);
  const survey = declarations.find((d) => d.tagName === 'rs-survey');

  it('describes shipped files and says which file defines which tag', () => {
    const {info} = pack();
    const paths = new Set(info.files.map((f) => f.path));
    const modules = JSON.stringify(manifest).match(/"(?:path|module)": ?"[^"]+"/g);
    for (const m of modules) {
      const file = /"([^"]+)"$/.exec(m)[1];
      assert.ok(paths.has(file), `${file} (named by the manifest) is packed`);
    }
    const definitions = manifest.modules.flatMap((m) =>
      (m.exports ?? [])
        .filter((e) => e.kind === 'custom-element-definition')
        .map((e) => `${m.path} ${e.name}`),
    );
    for (const d of [
      'lib/define.js rs-survey',
      'lib/define.js rs-likert',
      'lib/define.js rs-reflection',
      'dist/resilience-survey.js rs-survey',
      'dist/blocks/resilience-survey-blocks.js rs-likert',
    ])
      assert.ok(definitions.includes(d), d);
  });

  it("types every event of rs-survey with its detail, as src/events.ts's map does", () => {
    const events = Object.fromEntries(survey.events.map((e) => [e.name, e.type.text]));
    assert.equal(events['rs-submitted'], "CustomEvent<{id: string; status: number | 'stored'}>");
    assert.equal(events['rs-queued'], 'CustomEvent<{id: string}>');
    assert.match(events['rs-error'], /^CustomEvent<\{code: SurveyErrorCode; message: string;/);
    assert.deepEqual(Object.keys(events).sort(), [
      'rs-draft-saved',
      'rs-error',
      'rs-queued',
      'rs-ready',
      'rs-submit',
      'rs-submitted',
    ]);
  });

  it('lists the attributes a page writes, typed, with defaults, and no internal state', () => {
    const attributes = Object.fromEntries(survey.attributes.map((a) => [a.name, a]));
    assert.deepEqual(Object.keys(attributes).sort(), [
      'credentials',
      'draft-days',
      'endpoint',
      'format',
      'instrument',
      'lang',
      'lms',
      'participant',
      'storage-key',
      'terminology',
      'timepoint',
    ]);
    assert.equal(attributes.lang.type.text, 'string');
    assert.equal(attributes['draft-days'].default, '30');
    assert.equal(attributes.format.type.text, "'json' | 'fhir' | 'xapi'");
    assert.equal(attributes.format.default, "'json'");
    for (const d of declarations.filter((x) => x.tagName))
      for (const a of d.attributes) assert.ok(a.type?.text, `<${d.tagName}> ${a.name} typed`);
  });

  it('documents every part the templates of rs-survey use', () => {
    const documented = new Set(survey.cssParts.map((p) => p.name));
    const used = new Set();
    const files = readdirSync(path.join(root, 'src/elements/rs-survey'), {recursive: true});
    for (const file of files.filter((f) => f.endsWith('.ts'))) {
      const src = read(`src/elements/rs-survey/${file}`);
      for (const [, names] of src.matchAll(/\bpart="([^"$]+)"/g))
        for (const name of names.split(/\s+/)) used.add(name);
    }
    assert.ok(used.has('notice'));
    for (const name of used) assert.ok(documented.has(name), `part ${name} is documented`);
  });
});

describe('linters of packages', () => {
  it('publint finds nothing (strict)', async () => {
    const {tarball} = pack();
    const data = readFileSync(tarball);
    const result = await publint({
      pack: {tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)},
      strict: true,
      level: 'suggestion',
    });
    const messages = result.messages.map((m) => `${m.type}: ${formatMessage(m, result.pkg)}`);
    assert.deepEqual(messages, []);
  });

  it('@arethetypeswrong/cli finds nothing for an ES-module-only package', () => {
    const {tarball} = pack();
    // The classic script is no module to import: it is loaded with <script src>.
    const run = () =>
      execFileSync(
        process.execPath,
        [
          path.join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js'),
          tarball,
          '--profile',
          'esm-only',
          '--exclude-entrypoints',
          './dist/resilience-survey.iife.js',
          '--format',
          'table-flipped',
        ],
        {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, NO_COLOR: '1'}},
      );
    // It exits non-zero on any problem its profile does not ignore.
    assert.doesNotThrow(run, (error) => assert.fail(`${error.stdout}${error.stderr}`));
  });
});
