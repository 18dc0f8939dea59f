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
// A classic script cannot load chunks, so the IIFE carries its dynamic imports inline.
await build({
  root,
  build: {
    lib: {
      entry: 'src/bundle.ts',
      formats: ['iife'],
      name: 'ResilienceSurvey',
      fileName: () => 'resilience-survey.iife.js',
    },
    rolldownOptions: {output: {codeSplitting: false, minify: true}},
  },
});
execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], {cwd: root, stdio: 'inherit'});
execFileSync('npm', ['run', '--silent', 'analyze'], {cwd: root, stdio: 'inherit'});
console.log('built dist/, lib/ and custom-elements.json');
