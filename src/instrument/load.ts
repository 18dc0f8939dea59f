import {defaultPackId, loadBuiltin} from './packs/index.js';
import {formatProblem} from './text.js';
import type {FhirLink} from './fhir.js';
import {PackError} from './pack-error.js';
import type {PackNeeds} from './parse.js';
import type {Pack, PackProblem} from './types.js';

export {PackError};

/** A pack, checked, and the code it needs before its first page (`PackNeeds`). */
export interface LoadedPack extends PackNeeds {
  readonly pack: Pack;
  readonly warnings: readonly PackProblem[];
  /** For a pack made from a FHIR Questionnaire: its linkIds and option values (`body-fhir.ts`). */
  readonly fhir?: FhirLink;
  /** For a built-in pack: its id (its other languages load with `loadBuiltin`). */
  readonly builtin?: string;
}

/** Where a pack comes from: an object, inline JSON text, a built-in id or a URL. */
export type PackSource =
  | {readonly kind: 'object'; readonly value: unknown}
  | {readonly kind: 'inline'; readonly text: string}
  | {readonly kind: 'ref'; readonly ref: string};

type Checker = (typeof import('./parse.js'))['checkPack'];

/**
 * Starts loading the checker, which only packs from outside need (the built-in ones are checked
 * by tests). Started alongside the pack's fetch, not after it: one round trip instead of two.
 */
function loadChecker(): Promise<Checker> {
  const checker = import('./parse.js').then(
    ({checkPack}) => checkPack,
    (e: unknown) => {
      throw new PackError(
        'instrument-unreachable',
        `The pack checker could not be loaded (${String(e)}).`,
      );
    },
  );
  // Awaited only once the pack is there: when the fetch fails first, nothing ever awaits it,
  // and its failure must not surface as an unhandled rejection.
  checker.catch(() => {});
  return checker;
}

/** Checks a pack (or a FHIR Questionnaire) from outside with the checker, when it arrives. */
async function parse(
  json: unknown,
  checker: Promise<Checker>,
  options: LoadOptions,
): Promise<LoadedPack> {
  let result;
  try {
    result = await (await checker)(json, options);
  } catch (e) {
    // A checker's own failure (a pack it did not foresee) still says where, in plain words.
    if (e instanceof PackError) throw e;
    throw invalid([{path: '$', message: `the pack could not be checked (${String(e)})`}]);
  }
  if (!result.ok) throw invalid(result.problems);
  return result;
}

/** The error for a pack the checker (or the FHIR import) refused: its first problem says why. */
const invalid = (problems: readonly PackProblem[]): PackError =>
  new PackError(
    'instrument-invalid',
    problems[0] ? formatProblem(problems[0]) : 'The instrument is not a valid pack.',
    problems,
  );

/** How `loadPack` fetches and checks a pack. */
export interface LoadOptions {
  fetch: typeof globalThis.fetch;
  signal?: AbortSignal;
  baseUrl: string;
  /** Languages a built-in pack should have text in besides English (the page's). */
  langs?: readonly string[];
  /** A FHIR Questionnaire has no timepoints: its one timepoint takes this id (`default`). */
  timepoint?: string;
  /** A FHIR terminology server's base URL, for value sets a Questionnaire does not contain. */
  terminology?: string;
  /** Resources a FHIR Questionnaire's expressions read by name (the page's `launchContext`). */
  launchContext?: object;
  /** `false`: FHIRPath expressions are not evaluated (the LMS packager's check, in Node). */
  fhirpath?: false;
}

/**
 * Loads and checks a pack. Built-in ids resolve locally; anything else is a URL relative to
 * the page, fetched with the page's `fetch` and the element's `AbortSignal`.
 */
export async function loadPack(source: PackSource, options: LoadOptions): Promise<LoadedPack> {
  const {fetch, signal, baseUrl, langs = []} = options;
  if (source.kind === 'object') return parse(source.value, loadChecker(), options);
  if (source.kind === 'inline') {
    const checker = loadChecker();
    let json: unknown;
    try {
      json = JSON.parse(source.text);
    } catch (e) {
      throw invalid([
        {path: '$', message: `the inline pack is not JSON (${(e as Error).message})`},
      ]);
    }
    return parse(json, checker, options);
  }
  const ref = source.ref.trim() || defaultPackId;
  let builtin: Pack | undefined;
  try {
    builtin = await loadBuiltin(ref, langs);
  } catch (e) {
    // Its chunk did not arrive (offline): the person can try again.
    throw new PackError(
      'instrument-unreachable',
      `The pack “${ref}” could not be loaded (${String(e)}).`,
    );
  }
  if (builtin) return {pack: builtin, warnings: [], builtin: ref};
  let url: URL | undefined;
  try {
    url = new URL(ref, baseUrl);
  } catch {
    // Said below, with the URLs of other schemes.
  }
  if (url?.protocol !== 'https:' && url?.protocol !== 'http:') {
    throw new PackError('instrument-unreachable', `“${ref}” is neither a built-in pack nor a URL.`);
  }
  const checker = loadChecker();
  let response: Response | undefined;
  try {
    response = await fetch(url, {
      signal,
      credentials: 'same-origin',
      headers: {Accept: 'application/json, application/fhir+json'},
    });
  } catch (e) {
    if (signal?.aborted) throw e;
  }
  if (!response?.ok) {
    throw new PackError(
      'instrument-unreachable',
      `The pack at ${url.href} could not be fetched${response ? ` (HTTP ${response.status})` : ''}.`,
    );
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw invalid([{path: '$', message: `the pack at ${url.href} is not JSON.`}]);
  }
  return parse(json, checker, options);
}

/** Checks the timepoint against the pack: required when it has several, else the only one. */
export function resolveTimepoint(pack: Pack, wanted: string | undefined): string {
  const ids = pack.timepoints.map((t) => t.id);
  if (wanted ? ids.includes(wanted) : ids.length === 1) return wanted || ids[0];
  throw new PackError(
    'timepoint-unknown',
    `The pack “${pack.id}” has ${wanted ? `no timepoint “${wanted}” (it has ${ids.join(', ')})` : `several timepoints (${ids.join(', ')}): set the timepoint attribute`}.`,
  );
}
