// Serves the public FHIR Questionnaires of ../shared/fhir/ to browser tests at
// /__shared/fhir/<file>, so the element fetches them over real HTTP as a page would.
import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import path from 'node:path';

const dir = fileURLToPath(new URL('../../../shared/fhir/', import.meta.url));
const PREFIX = '/__shared/fhir/';

export function sharedFiles() {
  return async (ctx, next) => {
    if (!ctx.path.startsWith(PREFIX)) return next();
    const name = ctx.path.slice(PREFIX.length);
    if (!/^[\w.-]+\.json$/.test(name)) {
      ctx.status = 404;
      return;
    }
    try {
      ctx.body = await readFile(path.join(dir, name), 'utf8');
      ctx.type = 'application/fhir+json';
    } catch {
      ctx.status = 404;
    }
  };
}
