// Serves FHIR Questionnaires to browser tests, so the element fetches them over real HTTP as a
// page would: the team's own fixtures (test/fixtures/fhir/) at /__fixtures/fhir/<file>, and
// the public corpus of ../shared/fhir/ at /__shared/fhir/<file>. The corpus sits beside the
// repository, not in it: a fresh clone may not have it. /__shared/fhir/ (the folder) answers
// 200 when it is there and 404 when not, so a suite can say which ran.
import {existsSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import path from 'node:path';

export const sharedFhirDir = fileURLToPath(new URL('../../../shared/fhir/', import.meta.url));
export const fixturesFhirDir = fileURLToPath(new URL('../fixtures/fhir/', import.meta.url));

/** True when the public corpus is not beside the repository (a fresh clone without ../shared). */
export const sharedFhirMissing = () => !existsSync(sharedFhirDir);

/** The line a run prints when the public corpus is missing: said plainly, not skipped silently. */
export const sharedFhirNotice = () =>
  `NOTE: ${sharedFhirDir} not found: the public FHIR Questionnaire tests do not run; the team's fixtures in test/fixtures/fhir/ do.`;

export function sharedFiles() {
  return async (ctx, next) => {
    const [prefix, dir] = ctx.path.startsWith('/__shared/fhir/')
      ? ['/__shared/fhir/', sharedFhirDir]
      : ctx.path.startsWith('/__fixtures/fhir/')
        ? ['/__fixtures/fhir/', fixturesFhirDir]
        : [];
    if (!prefix) return next();
    const name = ctx.path.slice(prefix.length);
    if (name === '') {
      ctx.status = existsSync(dir) ? 200 : 404;
      ctx.body = ctx.status === 200 ? 'here' : 'not here';
      return;
    }
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
