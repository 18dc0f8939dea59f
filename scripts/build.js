// `npm run build`: the published files.
//   dist/resilience-survey.js       self-contained ES module (Lit inside), minified, source map
//   dist/resilience-survey.iife.js  classic script for <script src> without type="module"
//   dist/classic/                    the lazy chunks as the classic script loads them
//   dist/blocks/                     the building blocks (<rs-likert>, <rs-reflection>) alone
//   dist/single/                     one classic script with every lazy part inside (file://, LMS packages)
//   lib/                             unbundled ES modules with type declarations (npm users)
//   custom-elements.json             generated from the elements' JSDoc
import remapping from '@jridgewell/remapping';
import {minify as terser} from 'terser';
import {build} from 'vite';
import {execFileSync} from 'node:child_process';
import {copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}/dist`, {recursive: true, force: true});
rmSync(`${root}/lib`, {recursive: true, force: true});

await build({root});
// The classic script is made from the ES module just built. A classic script has no module
// URL, so its lazy parts (Welsh, the built-in pack, the last pages, FHIR, xAPI, LMS bridges)
// are imported from dist/classic/, resolved against the script's own address.
const chunkImport = /import\(`\.\/([\w.-]+\.js)`\)/g;
/** Where the classic chunks find what the classic script shares with them (its exports). */
const exportsKey = 'globalThis[Symbol.for("resilience-survey")]';
await build({
  root,
  configFile: false,
  logLevel: 'warn',
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    minify: true,
    lib: {
      entry: 'dist/resilience-survey.js',
      formats: ['iife'],
      name: 'ResilienceSurvey',
      fileName: () => 'resilience-survey.iife.js',
    },
    rolldownOptions: {
      external: (id) => /^\.\/[\w.-]+\.js$/.test(id),
      output: {
        minify: true,
        // No Symbol.toStringTag on the exports object: nothing reads it.
        generatedCode: {symbols: false},
        intro:
          'const rsBase=document.currentScript?.src??location.href,' +
          'rsImport=(f)=>import(new URL(`classic/${f}`,rsBase));',
        // A page that loads the script twice (an LMS wrapper and its lesson) keeps the first,
        // whose elements are the ones defined.
        footer: `${exportsKey}??=ResilienceSurvey;`,
      },
      plugins: [
        {
          name: 'chunks-beside-the-script',
          renderChunk(code) {
            const out = code.replace(chunkImport, 'rsImport(`$1`)');
            // An import left as it was would load from the page's folder, not the script's.
            if (/import\(\s*[`'"]\.\.?\//.test(out))
              throw new Error('an import() the classic build did not rewrite');
            return {code: out, map: null};
          },
        },
        {
          // As for the ES module (vite.config.ts): terser after the bundler's minifier.
          name: 'terser-after',
          async renderChunk(code) {
            const out = await terser(code, {
              ecma: 2020,
              compress: {passes: 2},
              format: {comments: false},
              sourceMap: true,
            });
            return {code: out.code, map: out.map};
          },
        },
      ],
    },
  },
});
classicChunks();
licencesInsideFhirpath();
await singleFile();
classicMapToSources();
// The building blocks, for pages with a plain form: their own self-contained module (the
// survey renders its questions itself, so the drop-in bundle leaves them out).
await build({
  root,
  build: {
    outDir: 'dist/blocks',
    lib: {entry: 'src/blocks.ts', formats: ['es'], fileName: () => 'resilience-survey-blocks.js'},
    // The survey's grouping of its later chunks (vite.config.ts) means nothing here.
    rolldownOptions: {output: {codeSplitting: true}},
  },
});
execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], {cwd: root, stdio: 'inherit'});
// The framework types are a declaration file written by hand (src/frameworks.d.ts): tsc
// reads it but emits nothing for it.
copyFileSync(`${root}/src/frameworks.d.ts`, `${root}/lib/frameworks.d.ts`);
execFileSync('npm', ['run', '--silent', 'analyze'], {cwd: root, stdio: 'inherit'});
console.log('built dist/, lib/ and custom-elements.json');

/**
 * fhirpath's ES build carries antlr4, ucum-lhc, date-fns, decimal.js and url-join inside its
 * own files, so the bundler's licence list names fhirpath alone: their licences are added to
 * dist/THIRD-PARTY-LICENSES.md here.
 */
function licencesInsideFhirpath() {
  const file = `${root}/dist/THIRD-PARTY-LICENSES.md`;
  /** What a package without a licence file says of itself (antlr4: its source headers). */
  const stated = {
    antlr4: 'Copyright (c) 2012-2017 The ANTLR Project. All rights reserved.',
  };
  let text = readFileSync(file, 'utf8');
  for (const name of ['antlr4', '@lhncbc/ucum-lhc', 'date-fns', 'decimal.js', '@loxjs/url-join']) {
    const dir = `${root}/node_modules/${name}`;
    const {version, license, author} = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
    const own = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
    const by =
      stated[name] ??
      `Copyright (c) ${typeof author === 'string' ? author : (author?.name ?? 'its authors')}.`;
    const body = own
      ? readFileSync(`${dir}/${own}`, 'utf8').trim()
      : `${by}\nLicensed under ${license} (the package ships no licence file).`;
    text += `\n## ${name} - ${version} (${license}; inside fhirpath's build)\n\n${body}\n`;
  }
  writeFileSync(file, text);
}

/**
 * dist/single/resilience-survey.single.js: the classic script with every lazy part inside
 * (Welsh, the built-in pack, the last pages, FHIR, xAPI, the LMS bridges). A page opened from
 * `file://` (an LMS's preview, a SCORM package run locally) may not load chunks at all, and an
 * LMS package is better off with one file. Made from the ES module just built, following its
 * chunk imports instead of leaving them out, so it runs the code the other bundles run. Larger
 * than the classic script by what a page would otherwise fetch only when it needs it; no
 * source map (debug with the ES module).
 */
async function singleFile() {
  // Without the FHIRPath engine (~220 KiB gzip, for Questionnaires with expressions only), and
  // with it: the LMS packager takes the second only for a Questionnaire that needs it.
  await singleBuild('resilience-survey.single.js', false);
  await singleBuild('resilience-survey.single-fhirpath.js', true);
  // The licences of what is inside are those of the ES module it is made from.
  copyFileSync(
    `${root}/dist/THIRD-PARTY-LICENSES.md`,
    `${root}/dist/single/THIRD-PARTY-LICENSES.md`,
  );
}

/** One single file; `fhirpath`: with the FHIRPath engine (otherwise importing it fails). */
async function singleBuild(fileName, fhirpath) {
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    build: {
      target: 'es2022',
      outDir: 'dist/single',
      emptyOutDir: false,
      sourcemap: false,
      minify: true,
      lib: {
        entry: 'dist/resilience-survey.js',
        formats: ['iife'],
        name: 'ResilienceSurvey',
        fileName: () => fileName,
      },
      rolldownOptions: {
        output: {minify: true, generatedCode: {symbols: false}, codeSplitting: false},
        plugins: [
          {
            name: 'fhirpath-engine-left-out',
            load(id) {
              if (fhirpath || !/[\\/]fhirpath-[\w-]+\.js$/.test(id)) return null;
              // The pack checker reports this as "The FHIRPath engine could not be loaded".
              return `throw new Error('not in ${fileName} (resilience-survey.single-fhirpath.js has it)'); export const engine = undefined;`;
            },
          },
          {
            name: 'nothing-left-to-fetch',
            renderChunk(code) {
              // A dynamic import, not a method named `import` (`options.import()`).
              if (/(?<![\w$.#])import\(/.test(code))
                throw new Error('the single file still imports a chunk');
              return null;
            },
          },
        ],
      },
    },
  });
}

/**
 * The lazy chunks for the classic script, in dist/classic/. The ES chunks import what they
 * share with the bundle (Lit, the store, the catalogue) from ./resilience-survey.js; a classic
 * page that followed that import would download and run a second copy of the whole widget.
 * The classic chunks take those bindings from the classic script's exports instead. The
 * import statement is blanked in place and the new line goes first, so each chunk's source
 * map stays right once its mappings move down one line.
 */
function classicChunks() {
  const dist = `${root}/dist`;
  const shared = /import\{([^}]*)\}from"\.\/resilience-survey\.js";?/;
  mkdirSync(`${dist}/classic`, {recursive: true});
  for (const file of readdirSync(dist)) {
    if (!file.endsWith('.js') || file.startsWith('resilience-survey.')) continue;
    let head = '';
    const code = readFileSync(`${dist}/${file}`, 'utf8').replace(shared, (statement, names) => {
      head = `const{${names.replace(/ as /g, ':')}}=${exportsKey};\n`;
      return ' '.repeat(statement.length);
    });
    if (code.includes('resilience-survey.js'))
      throw new Error(`${file} reaches the ES bundle in a way the classic build cannot follow`);
    writeFileSync(`${dist}/classic/${file}`, head + code);
    const map = JSON.parse(readFileSync(`${dist}/${file}.map`, 'utf8'));
    map.sources = map.sources.map((s) => `../${s}`);
    if (head) map.mappings = `;${map.mappings}`;
    writeFileSync(`${dist}/classic/${file}.map`, JSON.stringify(map));
  }
}

/**
 * The classic script is built from the minified ES module, so its own map leads there. Traced
 * through the ES module's map, it leads to the sources (with their text), as the ES module's does.
 */
function classicMapToSources() {
  const dist = `${root}/dist`;
  const esMap = JSON.parse(readFileSync(`${dist}/resilience-survey.js.map`, 'utf8'));
  const file = `${dist}/resilience-survey.iife.js.map`;
  const map = remapping(readFileSync(file, 'utf8'), (source) =>
    source.endsWith('resilience-survey.js') ? esMap : null,
  );
  if (map.sources.length < 2) throw new Error('the classic script map did not reach the sources');
  writeFileSync(file, map.toString());
}
