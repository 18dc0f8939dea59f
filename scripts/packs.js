// `npm run packs`: writes the modules each built-in pack ships as, from its source in several
// languages (src/instrument/packs/source/<id>.ts):
//   src/instrument/packs/<id>.en.ts      the pack with its English text (every page loads it)
//   src/instrument/packs/<id>.<lang>.ts  each other language's texts (loaded when shown)
// so an English page does not download the Welsh, nor a Welsh page the English twice.
// test/node/packs.test.js fails when the written modules are not those of the source.
import {readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import prettier from 'prettier';

const root = fileURLToPath(new URL('..', import.meta.url));
const packs = path.join(root, 'src', 'instrument', 'packs');

/** The built-in packs that have a source. */
export const packIds = () =>
  readdirSync(path.join(packs, 'source'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3));

/** Imports TypeScript `contents` (relative imports from src/instrument/packs/). */
async function importTs(contents) {
  const out = await build({
    stdin: {contents, resolveDir: packs, loader: 'ts'},
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'silent',
  });
  const code = Buffer.from(out.outputFiles[0].contents).toString('base64');
  return import(`data:text/javascript;base64,${code}`);
}

/** The pack `id` split: `{english, languages}` (see src/instrument/packs/languages.ts). */
export async function splitPack(id) {
  const m = await importTs(
    `export {pack} from './source/${id}.ts'; export {splitLanguages} from './languages.ts';`,
  );
  return m.splitLanguages(m.pack);
}

const header = (id) =>
  `// Written by \`npm run packs\` from source/${id}.ts: edit that, then run it again.\n`;

/** The text of each module for pack `id`, by file name. */
export async function packModules(id) {
  const {english, languages} = await splitPack(id);
  const files = {
    [`${id}.en.ts`]:
      `${header(id)}import type {Pack} from '../types.js';\n\n` +
      `/** The built-in pack ${id}, its English text; each other language loads on its own. */\n` +
      `export const pack: Pack = ${JSON.stringify(english)};\n`,
  };
  for (const [lang, strings] of Object.entries(languages)) {
    files[`${id}.${lang}.ts`] =
      `${header(id)}import type {Pack} from '../types.js';\n` +
      `import {withLanguage, type Strings} from './languages.js';\n\n` +
      `const strings: Strings = ${JSON.stringify(strings)};\n\n` +
      `/** The pack with its "${lang}" text added. */\n` +
      `export const add = (pack: Pack): Pack => withLanguage(pack, '${lang}', strings);\n`;
  }
  const options = await prettier.resolveConfig(path.join(packs, 'x.ts'));
  for (const [file, text] of Object.entries(files)) {
    files[file] = await prettier.format(text, {...options, filepath: path.join(packs, file)});
  }
  return files;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const id of packIds()) {
    for (const [file, text] of Object.entries(await packModules(id))) {
      writeFileSync(path.join(packs, file), text);
      console.log(`wrote src/instrument/packs/${file}`);
    }
  }
}
