/**
 * Value sets from a FHIR terminology server (the survey's `terminology` attribute): for each
 * `answerValueSet` of a Questionnaire that it does not contain, `GET
 * {terminology}/ValueSet/$expand?url=…` (and `valueSetVersion` for a canonical with `|version`).
 * Loaded by the checker only when a page names a server and a Questionnaire needs one.
 *
 * The server obeys the rules of `endpoint` (https:, the page's own origin, or this machine);
 * nothing else is ever asked. Requests use the page's `fetch` and the survey's AbortSignal,
 * and give up after `timeoutMs` in all. Whatever fails (refused address, network, HTTP error,
 * an answer that is no ValueSet, an expansion with no code) is named in `failed`: the import
 * then offers the item as free text and warns, as it does with no server at all.
 */
import {checkEndpoint} from '../transport/endpoint.js';

type Obj = Record<string, unknown>;

export interface TerminologyOptions {
  /** The `terminology` attribute: the server's base URL, resolved against `baseUrl`. */
  readonly url: string;
  readonly baseUrl: string;
  readonly fetch: typeof globalThis.fetch;
  readonly signal?: AbortSignal;
  /** How long all the expansions may take together. */
  readonly timeoutMs?: number;
}

/** What the import needs: expanded value sets by canonical, and why the others are missing. */
export interface Expansions {
  /** `ValueSet` resources with an `expansion`, each with the canonical's url. */
  readonly valueSets: readonly Obj[];
  /** Why a canonical (as the Questionnaire wrote it) could not be expanded. */
  readonly failed: ReadonlyMap<string, string>;
}

/** An expansion longer than this is not listed as options (the item stays free text). */
export const MAX_CODES = 1000;
/** Requests in flight at once: a browser's own limit per host under HTTP/1.1. */
const PARALLEL = 6;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Asks the terminology server for every canonical; never throws but for the survey's own abort. */
export async function expandValueSets(
  canonicals: readonly string[],
  options: TerminologyOptions,
): Promise<Expansions> {
  const failed = new Map<string, string>();
  const valueSets: Obj[] = [];
  const check = checkEndpoint(options.url, options.baseUrl);
  if (!check.ok) {
    const why = `terminology server refused: ${check.message.replace(/^Endpoint /, '')}`;
    for (const c of canonicals) failed.set(c, why);
    return {valueSets, failed};
  }
  const base = check.url.href.replace(/\/+$/, '');
  const limit = new AbortController();
  const outer = options.signal;
  const stop = () => limit.abort(outer?.reason);
  outer?.addEventListener('abort', stop, {once: true});
  const timer = setTimeout(
    () => limit.abort(new DOMException('timed out', 'TimeoutError')),
    options.timeoutMs ?? 10_000,
  );
  const queue = [...canonicals];
  const one = async (canonical: string) => {
    const [url, version] = canonical.split('|');
    const query = new URLSearchParams({url});
    if (version) query.set('valueSetVersion', version);
    const where = `${base}/ValueSet/$expand?${query}`;
    let response: Response;
    try {
      response = await options.fetch(where, {
        signal: limit.signal,
        credentials: 'same-origin',
        headers: {Accept: 'application/fhir+json, application/json'},
      });
    } catch {
      failed.set(
        canonical,
        limit.signal.aborted && !outer?.aborted
          ? 'the terminology server did not answer in time'
          : 'the terminology server could not be reached',
      );
      return;
    }
    if (!response.ok) {
      failed.set(canonical, `the terminology server answered HTTP ${response.status}`);
      return;
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      failed.set(canonical, 'the terminology server did not answer with JSON');
      return;
    }
    const contains = isObj(json) && isObj(json.expansion) ? json.expansion.contains : undefined;
    if (!isObj(json) || json.resourceType !== 'ValueSet' || !Array.isArray(contains)) {
      failed.set(canonical, 'the terminology server did not answer with an expanded ValueSet');
      return;
    }
    const codes = countCodes(contains);
    if (!codes) {
      failed.set(canonical, 'the expansion has no code');
      return;
    }
    if (codes > MAX_CODES) {
      failed.set(canonical, `the expansion has ${codes} codes, more than ${MAX_CODES}`);
      return;
    }
    valueSets.push({resourceType: 'ValueSet', url, expansion: {contains}});
  };
  const worker = async () => {
    for (let next; (next = queue.shift()) !== undefined;) await one(next);
  };
  try {
    await Promise.all(Array.from({length: Math.min(PARALLEL, queue.length)}, worker));
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', stop);
  }
  outer?.throwIfAborted();
  return {valueSets, failed};
}

function countCodes(contains: unknown[]): number {
  let n = 0;
  for (const c of contains) {
    if (!isObj(c)) continue;
    if (typeof c.code === 'string') n++;
    if (Array.isArray(c.contains)) n += countCodes(c.contains);
  }
  return n;
}
