// The bench's own server: the bench pages, the built widget, SurveyJS from node_modules, the
// bundled floor element and the reference endpoint, on one origin. Every file goes out
// gzip-compressed (level 9, as scripts/size.js measures), so the browser's transferred bytes
// are the gzip bytes.
import http from 'node:http';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {gzipSync} from 'node:zlib';
import {createEndpoint} from '../server/endpoint.js';
import {nativePack, surveyJson} from './instrument.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

// URL prefix → folder. Only these are served.
const fixedMounts = [
  ['/dist/', path.join(root, 'dist')],
  ['/node_modules/survey-core/', path.join(root, 'node_modules', 'survey-core')],
  ['/node_modules/survey-js-ui/', path.join(root, 'node_modules', 'survey-js-ui')],
];

async function page(name) {
  const probe = await readFile(path.join(here, 'pages', 'probe.js'), 'utf8');
  const html = await readFile(path.join(here, 'pages', name), 'utf8');
  return html.replace('/* probe */', probe);
}

async function content(pathname, mounts) {
  if (pathname === '/widget') return {type: types['.html'], body: await page('widget.html')};
  if (pathname === '/surveyjs') return {type: types['.html'], body: await page('surveyjs.html')};
  if (pathname === '/floor') return {type: types['.html'], body: await page('floor.html')};
  if (pathname === '/bench/instrument.json')
    return {type: types['.json'], body: JSON.stringify(nativePack)};
  if (pathname === '/bench/surveyjs.json')
    return {type: types['.json'], body: JSON.stringify(surveyJson)};
  for (const [prefix, dir] of mounts) {
    if (!pathname.startsWith(prefix)) continue;
    const file = path.join(dir, pathname.slice(prefix.length));
    if (!file.startsWith(dir + path.sep)) return null;
    const body = await readFile(file).catch(() => null);
    return body && {type: types[path.extname(file)] ?? 'application/octet-stream', body};
  }
  return null;
}

/**
 * @param {{dataDir: string, floorDir: string}} options  `floorDir`: the bundled floor element.
 * @returns {Promise<{url: string, posts: Map<string, number>, storedKeys(): Promise<string[]>,
 *   storedCount(): Promise<number>, close(): Promise<void>}>}  `posts`: response POSTs the endpoint received, by
 *   Idempotency-Key; `storedKeys`: the keys of what its store holds.
 */
export async function startServer({dataDir, floorDir}) {
  const mounts = [...fixedMounts, ['/bench/floor/', floorDir]];
  const endpoint = createEndpoint({dataDir, basePath: '/api', log: () => {}});
  await endpoint.ready;
  const posts = new Map();
  const cache = new Map();
  const server = http.createServer(async (req, res) => {
    try {
      if (req.method === 'POST') {
        const key = req.headers['idempotency-key'];
        if (key) posts.set(key, (posts.get(key) ?? 0) + 1);
      }
      if (await endpoint.handle(req, res)) return;
      const pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
      let entry = cache.get(pathname);
      if (!entry) {
        const found = await content(pathname, mounts);
        if (!found) {
          res.writeHead(404).end();
          return;
        }
        entry = {type: found.type, gzip: gzipSync(found.body, {level: 9})};
        cache.set(pathname, entry);
      }
      res.writeHead(200, {
        'content-type': entry.type,
        'content-encoding': 'gzip',
        'content-length': entry.gzip.length,
        'cache-control': 'no-store',
      });
      res.end(entry.gzip);
    } catch (error) {
      console.error(error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    posts,
    /** How many records the endpoint's store holds (a cheap count, to poll). */
    async storedCount() {
      return (await (await endpoint.storage()).facets()).total;
    },
    /** The Idempotency-Keys of every record the endpoint's store holds. */
    async storedKeys() {
      const keys = [];
      for await (const record of (await endpoint.storage()).records()) keys.push(record.key);
      return keys;
    },
    async close() {
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await closed;
      await endpoint.close();
    },
  };
}
