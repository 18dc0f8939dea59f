// For Node suites: bundles TypeScript source of the project to one ES module (esbuild, as
// the browser suites' dev server does) and imports it from a data: URL.
import {Buffer} from 'node:buffer';
import {URL} from 'node:url';
import {build} from 'esbuild';

const root = new URL('../../', import.meta.url);

/**
 * `contents` is TypeScript whose relative imports start at the project's root; `plugins` are
 * esbuild plugins (to stand in for a module, say).
 */
export async function loadTs(contents, {plugins = []} = {}) {
  const out = await build({
    stdin: {contents, resolveDir: new URL('.', root).pathname, loader: 'ts'},
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'silent',
    plugins,
  });
  const code = Buffer.from(out.outputFiles[0].contents).toString('base64');
  return import(`data:text/javascript;base64,${code}`);
}
