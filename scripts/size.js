// The size budget: the self-contained ES module and the classic script, each with every
// question type and English, at most 26 KiB gzip; and what every participant downloads on the
// built-in pack (the bundle, the pack's English and the chunk fetched once the first questions
// show) at most 38.5 KiB. Prints gzip (level 9) and brotli (quality 11) of every built script,
// then, for a bundle over budget, where its bytes go (from its source map). Exits 1 when
// either is over. Also prints, with no budget of its own, what a participant whose timepoint
// has a reflection downloads in all (the reflection view's chunk on top, fetched in idle
// time a page ahead of the reflection). Builds first when dist/ has no bundle.
//
//   node scripts/size.js            the table (and, over budget, where the bytes go)
//   node scripts/size.js --modules  where the bytes go, always
import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {brotliCompressSync, constants, gzipSync} from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(root, 'dist');
/** Each main bundle's budget: `npm test` fails when either is over. */
export const BUDGET = 26 * 1024;
/** What every participant downloads on the built-in pack, with each main bundle. */
export const PARTICIPANT_BUDGET = 38.5 * 1024;
const MAIN = ['resilience-survey.js', 'resilience-survey.iife.js'];

export const gzipSize = (buf) => gzipSync(buf, {level: 9}).length;
export const brotliSize = (buf) =>
  brotliCompressSync(buf, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  }).length;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = new Map([...B64].map((c, i) => [c, i]));

/** The fields of one source-map segment (base64 VLQ). */
function decodeSegment(text) {
  const fields = [];
  let value = 0;
  let shift = 0;
  for (const c of text) {
    const digit = B64_VALUE.get(c);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return fields;
}

/**
 * Bytes of the generated code by original source file: each generated column range goes to the
 * source of the segment it starts with; a line's text before its first segment goes with the
 * segment before it (template literals span lines); text before any segment is "(unmapped)".
 * @returns {{bySource: Map<string, {bytes: number, text: string[]}>, pieces: [string, string][]}}
 *   `pieces`: the whole code, in order, as [source, text].
 */
export function attribute(code, map) {
  const lines = code.split('\n');
  const mappings = map.mappings.split(';');
  const bySource = new Map();
  const pieces = [];
  const add = (name, text) => {
    pieces.push([name, text]);
    let entry = bySource.get(name);
    if (!entry) bySource.set(name, (entry = {bytes: 0, text: []}));
    entry.bytes += Buffer.byteLength(text);
    entry.text.push(text);
  };
  let source = 0;
  // A line without segments (inside a multi-line template literal) continues the last one.
  let current = -1;
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l];
    const segments = [];
    let col = 0;
    for (const seg of (mappings[l] ?? '').split(',')) {
      if (!seg) continue;
      const f = decodeSegment(seg);
      col += f[0];
      if (f.length >= 4) source += f[1];
      segments.push({col, source: f.length >= 4 ? source : -1});
    }
    let at = 0;
    for (const s of segments) {
      if (s.col > at) add(current < 0 ? '(unmapped)' : map.sources[current], line.slice(at, s.col));
      at = Math.max(at, s.col);
      current = s.source;
    }
    add(
      current < 0 ? '(unmapped)' : map.sources[current],
      line.slice(at) + (l < lines.length - 1 ? '\n' : ''),
    );
  }
  return {bySource, pieces};
}

/** `node_modules/lit-html/directives/live.js` → `lit-html/directives/live.js`; `src/…` stays. */
const tidy = (source) => {
  const i = source.lastIndexOf('node_modules/');
  if (i >= 0) return source.slice(i + 'node_modules/'.length);
  const s = source.lastIndexOf('src/');
  return s >= 0 ? source.slice(s) : source;
};

/** The package a module comes from (`lit-html`, `idb`) or the project folder (`src/store`). */
const group = (name) => {
  if (name.startsWith('src/'))
    return name
      .split('/')
      .slice(0, name.startsWith('src/elements/') ? 3 : 2)
      .join('/');
  if (name.startsWith('(')) return name;
  const parts = name.split('/');
  return name.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
};

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

function printAttribution(file, code, map, total, lazyInEs) {
  const {bySource, pieces} = attribute(code, map);
  // What the gzip of the bundle would lose without the module (its marginal cost).
  const without = (names) =>
    total -
    gzipSize(
      Buffer.from(
        pieces
          .filter(([s]) => !names.has(tidy(s)))
          .map(([, t]) => t)
          .join(''),
      ),
    );
  const rows = [...bySource].map(([source, {bytes}]) => {
    const name = tidy(source);
    return {name, bytes, gzip: without(new Set([name])), lazy: lazyInEs?.has(name)};
  });
  rows.sort((a, b) => b.bytes - a.bytes);
  const rawTotal = Buffer.byteLength(code);
  console.log(`\n${file}: where the ${rawTotal} minified bytes (${total} gzip) go`);
  console.log(
    '  min = minified bytes from the module; gzip = what the gzip of the bundle loses without them',
  );
  console.log(`  ${pad('module', 56)} ${lpad('min', 7)} ${lpad('gzip', 7)}`);
  for (const r of rows) {
    const note = r.lazy ? '  (lazy in ES)' : '';
    console.log(`  ${pad(r.name + note, 56)} ${lpad(r.bytes, 7)} ${lpad(r.gzip, 7)}`);
  }
  const groups = new Map();
  for (const r of rows) {
    const g = groups.get(group(r.name)) ?? {bytes: 0, names: new Set()};
    g.bytes += r.bytes;
    g.names.add(r.name);
    groups.set(group(r.name), g);
  }
  console.log(`  by package / folder:`);
  for (const [name, g] of [...groups].sort((a, b) => b[1].bytes - a[1].bytes)) {
    console.log(`    ${pad(name, 54)} ${lpad(g.bytes, 7)} ${lpad(without(g.names), 7)}`);
  }
  const lazy = rows.filter((r) => r.lazy);
  if (lazy.length) {
    const bytes = lazy.reduce((n, r) => n + r.bytes, 0);
    const gzip = without(new Set(lazy.map((r) => r.name)));
    console.log(
      `  inlined here, loaded on demand by the ES module: ${lazy.map((r) => r.name).join(', ')}` +
        ` — ${bytes} minified bytes, ${gzip} B gzip; without them this bundle would be ${total - gzip} B gzip`,
    );
  }
}

/**
 * The chunks in `dir` every participant loads: the built-in pack's English, the one prefetched
 * once the first questions show (the last pages, delivery, the identifier check), and what
 * they import. `reflection`: also the reflection view's chunk, which is prefetched a page
 * ahead of a reflection (the built-in pack's post-workshop and post-coaching, six pages in).
 */
export function participantChunks(dir, reflection = false) {
  const names = readdirSync(dir).filter((f) => f.endsWith('.js') && !MAIN.includes(f));
  const first = reflection
    ? /^(finish|reflection|coping-with-error\.en)-[\w-]+\.js$/
    : /^(finish|coping-with-error\.en)-[\w-]+\.js$/;
  const todo = names.filter((f) => first.test(f));
  const seen = new Set();
  while (todo.length) {
    const file = todo.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(path.join(dir, file), 'utf8');
    for (const [, dep] of code.matchAll(/from"\.\/([\w.-]+\.js)"/g)) {
      if (names.includes(dep)) todo.push(dep);
    }
  }
  return [...seen].sort();
}

export function measure() {
  const files = readdirSync(dist)
    .filter((f) => f.endsWith('.js'))
    .sort(
      (a, b) => (MAIN.indexOf(a) + 1 || 99) - (MAIN.indexOf(b) + 1 || 99) || a.localeCompare(b),
    );
  return files.map((file) => {
    const buf = readFileSync(path.join(dist, file));
    const main = MAIN.includes(file);
    const gzip = gzipSize(buf);
    return {
      file,
      main,
      raw: buf.length,
      gzip,
      brotli: brotliSize(buf),
      over: main && gzip > BUDGET,
    };
  });
}

function main() {
  if (!MAIN.every((f) => existsSync(path.join(dist, f)))) {
    console.log('dist/ has no bundles: building first');
    const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.js')], {
      cwd: root,
      stdio: 'inherit',
    });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  const rows = measure();
  console.log(`Bundle sizes (budget for each main bundle: ${BUDGET} bytes gzip = ${kib(BUDGET)})`);
  console.log(
    `${pad('file', 36)} ${lpad('raw', 8)} ${lpad('gzip', 8)} ${lpad('brotli', 8)}  budget`,
  );
  for (const r of rows) {
    const verdict = !r.main
      ? 'lazy chunk'
      : r.over
        ? `OVER by ${r.gzip - BUDGET} B (${kib(r.gzip)})`
        : `ok, ${BUDGET - r.gzip} B left`;
    console.log(
      `${pad(r.file, 36)} ${lpad(r.raw, 8)} ${lpad(r.gzip, 8)} ${lpad(r.brotli, 8)}  ${verdict}`,
    );
  }

  // What a participant of an English survey downloads in all: the bundle, then, once the
  // first page shows, what the widget fetches in idle time (the finish chunk: review,
  // thank-you, scoring, delivery, the identifier check) with every chunk it imports. The pack
  // itself and the checker of outside packs come on top. The classic script's path is the
  // same with the chunks in dist/classic/. Where the timepoint has a reflection, its view's
  // chunk is fetched a page ahead of it: shown, with no budget of its own.
  const heavy = [];
  for (const [bundle, dir] of [
    [MAIN[0], dist],
    [MAIN[1], path.join(dist, 'classic')],
  ]) {
    const bundleGzip = rows.find((r) => r.file === bundle).gzip;
    const totalOf = (files) =>
      files.reduce((n, f) => n + gzipSize(readFileSync(path.join(dir, f))), bundleGzip);
    const files = participantChunks(dir);
    const total = totalOf(files);
    console.log(
      `\nEvery participant (English, built-in pack), ${bundle}: + ${files.join(' + ')}` +
        ` = ${total} B gzip (${kib(total)}), ` +
        (total > PARTICIPANT_BUDGET
          ? `OVER the ${kib(PARTICIPANT_BUDGET)} budget by ${total - PARTICIPANT_BUDGET} B`
          : `${PARTICIPANT_BUDGET - total} B under the ${kib(PARTICIPANT_BUDGET)} budget`),
    );
    if (total > PARTICIPANT_BUDGET) heavy.push(`${bundle} with its chunks ${total} B gzip`);
    const extra = participantChunks(dir, true).filter((f) => !files.includes(f));
    if (extra.length) {
      const all = totalOf([...files, ...extra]);
      console.log(
        `  and by a reflection (post-workshop, post-coaching; fetched a page ahead): + ${extra.join(' + ')}` +
          ` = ${all} B gzip (${kib(all)}; no budget of its own)`,
      );
    }
  }

  // The single files (file:// pages, LMS packages) carry every lazy part, one without the
  // FHIRPath engine and one with it: no budget, shown.
  for (const [name, what] of [
    ['resilience-survey.single.js', 'every lazy part but the FHIRPath engine'],
    ['resilience-survey.single-fhirpath.js', 'every lazy part'],
  ]) {
    const file = path.join(dist, 'single', name);
    if (!existsSync(file)) continue;
    const buf = readFileSync(file);
    console.log(
      `\nsingle/${name} (${what} inside; no budget): ${buf.length} B,` +
        ` ${gzipSize(buf)} B gzip, ${brotliSize(buf)} B brotli`,
    );
  }

  const all = process.argv.includes('--modules');
  const esMap = path.join(dist, `${MAIN[0]}.map`);
  const esSources = existsSync(esMap)
    ? new Set(JSON.parse(readFileSync(esMap, 'utf8')).sources.map(tidy))
    : null;
  // The classic script is built from the ES module, so its map points there: one attribution,
  // printed when either is over.
  const anyOver = rows.some((x) => x.over) || heavy.length > 0;
  for (const r of rows.filter((x) => x.file === MAIN[0] && (anyOver || all))) {
    const mapFile = path.join(dist, `${r.file}.map`);
    if (!existsSync(mapFile)) continue;
    const map = JSON.parse(readFileSync(mapFile, 'utf8'));
    // Modules in the classic script that the ES module leaves to its lazy chunks.
    const lazy =
      r.file !== MAIN[0] && esSources
        ? new Set(map.sources.map(tidy).filter((s) => !esSources.has(s)))
        : undefined;
    printAttribution(r.file, readFileSync(path.join(dist, r.file), 'utf8'), map, r.gzip, lazy);
  }

  const over = rows.filter((r) => r.over);
  if (over.length) {
    console.error(
      `\nover the ${kib(BUDGET)} budget: ${over.map((r) => `${r.file} ${r.gzip} B gzip`).join(', ')} > ${BUDGET} B`,
    );
  }
  if (heavy.length) {
    console.error(`\nover the participant budget: ${heavy.join(', ')} > ${PARTICIPANT_BUDGET} B`);
  }
  if (over.length || heavy.length) process.exit(1);
  console.log('\nsize budget met');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
