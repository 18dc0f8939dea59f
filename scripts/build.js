// `npm run build`: the published files.
//   dist/resilience-survey.js       self-contained ES module (Lit inside), minified, source map
//   dist/resilience-survey.iife.js  classic script for <script src> without type="module"
//   lib/                             unbundled ES modules with type declarations (npm users)
//   custom-elements.json             generated from the elements' JSDoc
import {build} from 'vite';
import {execFileSync} from 'node:child_process';
import {rmSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}/dist`, {recursive: true, force: true});
rmSync(`${root}/lib`, {recursive: true, force: true});

await build({root});
// The classic script is made from the ES module just built. A classic script has no module
// URL, so its lazy parts (Welsh, the built-in pack, FHIR, xAPI, LMS bridges) are imported
// from the ES chunks beside it, resolved against the script's own address.
const chunkImport = /import\(`(\.\/[\w-]+\.js)`\)/g;
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
      external: (id) => /^\.\/[\w-]+\.js$/.test(id),
      output: {
        minify: true,
        intro: 'const rsBase=document.currentScript?.src??location.href;',
      },
      plugins: [
        {
          name: 'chunks-beside-the-script',
          renderChunk(code) {
            return {
              code: code.replace(chunkImport, 'import(new URL(`$1`,rsBase).href)'),
              map: null,
            };
          },
        },
      ],
    },
  },
});
execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], {cwd: root, stdio: 'inherit'});
execFileSync('npm', ['run', '--silent', 'analyze'], {cwd: root, stdio: 'inherit'});
console.log('built dist/, lib/ and custom-elements.json');
