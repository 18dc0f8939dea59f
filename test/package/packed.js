// The package as a user gets it: `npm pack` of the built repository, and app folders (outside
// the repository, so nothing resolves from its node_modules by accident) holding the unpacked
// tarball in node_modules/resilience-survey, links to its dependencies, and the framework
// packages an app names. The build must have run (`npm test` runs it before these suites).
import {execFileSync} from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const fixtures = path.join(root, 'test/frameworks');

/** Packs the repository once (per process) without rebuilding; returns the tarball and its listing. */
let packed;
export function pack() {
  if (packed) return packed;
  if (!existsSync(path.join(root, 'lib/define.js')))
    throw new Error('lib/ is missing: run `npm run build` first');
  const dir = mkdtempSync(path.join(tmpdir(), 'rs-pack-'));
  // The build has run; prepack would run it again.
  const out = execFileSync(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', dir],
    {cwd: root, encoding: 'utf8'},
  );
  const [info] = JSON.parse(out);
  packed = {dir, tarball: path.join(dir, info.filename), info};
  process.on('exit', () => rmSync(dir, {recursive: true, force: true}));
  return packed;
}

/**
 * An app folder: the files of test/frameworks/<fixture> (its own node_modules left out), the
 * packed package unpacked in node_modules/resilience-survey, its dependencies linked from the
 * repository, and `links`: package name → folder (relative to the repository).
 */
export function makeApp(fixture, links = {}) {
  const {tarball} = pack();
  const dir = mkdtempSync(path.join(tmpdir(), `rs-app-${fixture}-`));
  cpSync(path.join(fixtures, fixture), dir, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}node_modules`) && !src.endsWith('package.json'),
  });
  const modules = path.join(dir, 'node_modules');
  const pkg = path.join(modules, 'resilience-survey');
  mkdirSync(pkg, {recursive: true});
  execFileSync('tar', ['-xzf', tarball, '-C', pkg, '--strip-components=1']);
  const manifest = JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8'));
  const link = (name, target) => {
    const at = path.join(modules, name);
    mkdirSync(path.dirname(at), {recursive: true});
    symlinkSync(path.resolve(root, target), at, 'dir');
  };
  // A dependency with none of its own is copied, so that it resolves its peers (React's
  // types, for @lit/react) from the app, as an install would; the others are linked.
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    const from = path.join(root, 'node_modules', name);
    const own = JSON.parse(readFileSync(path.join(from, 'package.json'), 'utf8'));
    if (Object.keys(own.dependencies ?? {}).length) link(name, from);
    else cpSync(from, path.join(modules, name), {recursive: true});
  }
  for (const [name, target] of Object.entries(links)) link(name, target);
  return {
    dir,
    remove: () => rmSync(dir, {recursive: true, force: true}),
  };
}

/** Runs a tool of the repository (`tsc`, `vue-tsc`, `svelte-check`, `ngc`) in an app; its output and status. */
export function runTool(bin, args, cwd) {
  try {
    const out = execFileSync(process.execPath, [path.join(root, bin), ...args], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return {status: 0, out};
  } catch (error) {
    return {status: error.status ?? 1, out: `${error.stdout ?? ''}${error.stderr ?? ''}`};
  }
}

/** The custom elements of the built manifest: tag → attribute names, property names, event names. */
export function manifestTags() {
  const manifest = JSON.parse(readFileSync(path.join(root, 'custom-elements.json'), 'utf8'));
  const tags = {};
  for (const mod of manifest.modules) {
    for (const d of mod.declarations ?? []) {
      if (!d.tagName) continue;
      tags[d.tagName] = {
        attributes: (d.attributes ?? []).map((a) => a.name),
        fields: (d.attributes ?? []).map((a) => a.fieldName).filter(Boolean),
        events: (d.events ?? []).map((e) => e.name),
      };
    }
  }
  return tags;
}

/**
 * The diagnostics a checker printed, as {file, line, message}: tsc and vue-tsc
 * (`file(line,col): error TS…: message`), Angular's ngc (`file:line:col - error TS…`) or
 * svelte-check's machine output.
 */
export function diagnostics(out) {
  const found = [];
  // eslint-disable-next-line no-control-regex
  for (const line of out.replace(/\x1b\[[0-9;]*m/g, '').split('\n')) {
    let m =
      /^(.+?)\((\d+),\d+\): error (TS\d+: .*)$/.exec(line) ??
      /^(.+?):(\d+):\d+ - error (TS\d+: .*)$/.exec(line);
    if (m) {
      found.push({file: path.basename(m[1]), line: Number(m[2]), message: m[3]});
      continue;
    }
    m = /^\d+ ERROR "(.+?)" (\d+):\d+ "(.*)"$/.exec(line);
    if (m) found.push({file: path.basename(m[1]), line: Number(m[2]), message: m[3]});
  }
  return found;
}

/**
 * Checks that the errors are exactly the expected ones: each {file, code, message} names a
 * unique piece of code in that file, and an error whose text includes `message` must be on
 * its line; no other error may be anywhere.
 */
export function expectErrors(dir, found, expected) {
  const problems = [];
  const left = [...found];
  for (const {file, code, message} of expected) {
    const text = readFileSync(path.join(dir, 'src', file), 'utf8').split('\n');
    const lines = text.flatMap((l, i) => (l.includes(code) ? [i + 1] : []));
    if (lines.length !== 1) {
      problems.push(`${file}: "${code}" is on ${lines.length} lines, not one`);
      continue;
    }
    const at = left.findIndex(
      (d) => d.file === file && d.line === lines[0] && d.message.includes(message),
    );
    if (at < 0) problems.push(`${file}:${lines[0]} (${code}): no error saying "${message}"`);
    else left.splice(at, 1);
  }
  for (const d of left) problems.push(`unexpected: ${d.file}:${d.line}: ${d.message}`);
  return problems;
}
