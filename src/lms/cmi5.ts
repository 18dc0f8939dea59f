/**
 * cmi5: an assignable unit launched by an LMS with `endpoint`, `fetch`, `actor`,
 * `registration` and `activityId` in its URL. The session fetches its auth token once (the
 * fetch URL works only once), reads `LMS.LaunchData`, and sends the cmi5-defined statements
 * `initialized`, `completed` and `terminated`, each once, in that order. Progress, the token
 * and the statement ids live in `sessionStorage`, so a reload carries on where it was and a
 * resend after a crash repeats the same statement id (`PUT`, idempotent).
 *
 * Only completion goes to the LMS: answers go to the research endpoint under the code.
 */
import {uuidV5, VERBS, XAPI_VERSION, type XapiAgent} from '../transport/xapi.js';
import type {Cmi5Launch, LmsLink} from './link.js';

export type {Cmi5Launch};

/** The launch parameters, or null when the page was not launched by a cmi5 LMS. */
export function parseCmi5Launch(location: {readonly search: string} | string): Cmi5Launch | null {
  const search = typeof location === 'string' ? location : location.search;
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const endpoint = params.get('endpoint');
  const fetchUrl = params.get('fetch');
  const actorText = params.get('actor');
  const registration = params.get('registration');
  const activityId = params.get('activityId');
  if (!endpoint || !fetchUrl || !actorText || !registration || !activityId) return null;
  let actor: unknown;
  try {
    actor = JSON.parse(actorText);
  } catch {
    return null;
  }
  if (typeof actor !== 'object' || actor === null) return null;
  return {endpoint, fetch: fetchUrl, actor: actor as XapiAgent, registration, activityId};
}

const CATEGORY = {
  cmi5: 'https://w3id.org/xapi/cmi5/context/categories/cmi5',
  moveOn: 'https://w3id.org/xapi/cmi5/context/categories/moveon',
} as const;

type Json = {[key: string]: unknown};

interface Progress {
  token?: string;
  launchData?: Json;
  /** When `initialized` was sent: durations count from here. */
  startedAt?: number;
  sent: string[];
}

export interface Cmi5Options {
  readonly fetch: typeof fetch;
  /** `sessionStorage`: it survives a reload of this tab, and no other tab shares it. */
  readonly storage: Pick<Storage, 'getItem' | 'setItem'>;
  readonly now?: () => number;
}

export class Cmi5Error extends Error {}

/** One launch of the AU. `start()`, `complete()`, `terminate()`; each safe to call again. */
export class Cmi5Session {
  readonly #key: string;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly launch: Cmi5Launch,
    readonly options: Cmi5Options,
  ) {
    this.#key = `rs-cmi5:${launch.registration}:${launch.activityId}`;
  }

  get progress(): Progress {
    try {
      const stored = JSON.parse(
        this.options.storage.getItem(this.#key) ?? 'null',
      ) as Progress | null;
      if (stored && Array.isArray(stored.sent)) return stored;
    } catch {
      // Unreadable: start afresh (a token fetch may then fail, and says so).
    }
    return {sent: []};
  }

  #save(progress: Progress): void {
    this.options.storage.setItem(this.#key, JSON.stringify(progress));
  }

  /** The `launchMode` from LMS.LaunchData: only `Normal` records completion. */
  get launchMode(): string {
    return String(this.progress.launchData?.launchMode ?? 'Normal');
  }

  #url(path: string): string {
    return `${this.launch.endpoint.replace(/\/+$/, '')}/${path}`;
  }

  /** The auth token: fetched once per launch and kept for reloads. */
  async #token(): Promise<string> {
    const progress = this.progress;
    if (progress.token) return progress.token;
    const response = await this.options.fetch(this.launch.fetch, {method: 'POST'});
    const body = (await response.json().catch(() => ({}))) as Json;
    const token = body['auth-token'];
    if (!response.ok || typeof token !== 'string') {
      throw new Cmi5Error(
        `The LMS gave no auth token (${String(body['error-text'] ?? `HTTP ${response.status}`)}).`,
      );
    }
    this.#save({...progress, token});
    return token;
  }

  async #headers(): Promise<Record<string, string>> {
    return {
      Authorization: `Basic ${await this.#token()}`,
      'X-Experience-API-Version': XAPI_VERSION,
    };
  }

  /** Serialises the steps, so `complete()` right after `start()` waits for it. */
  #then<T>(step: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(step, step);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** Fetches the token and LMS.LaunchData, then sends `initialized` (once per launch). */
  start(): Promise<void> {
    return this.#then(async () => {
      const progress = this.progress;
      if (!progress.launchData) {
        const params = new URLSearchParams({
          stateId: 'LMS.LaunchData',
          activityId: this.launch.activityId,
          agent: JSON.stringify(this.launch.actor),
          registration: this.launch.registration,
        });
        const response = await this.options.fetch(this.#url(`activities/state?${params}`), {
          headers: await this.#headers(),
        });
        if (!response.ok) throw new Cmi5Error(`LMS.LaunchData: HTTP ${response.status}`);
        const launchData = (await response.json()) as Json;
        this.#save({...this.progress, launchData});
      }
      await this.#send('initialized');
    });
  }

  /** Sends `completed` (not in Browse or Review mode), after `initialized`. */
  complete(): Promise<void> {
    return this.#then(async () => {
      if (!this.progress.sent.includes('initialized')) throw new Cmi5Error('Not initialized.');
      if (this.launchMode === 'Normal') await this.#send('completed');
    });
  }

  /** Sends `terminated`: the last statement of the launch. */
  terminate(): Promise<void> {
    return this.#then(async () => {
      if (this.progress.sent.includes('initialized')) await this.#send('terminated');
    });
  }

  /** Where the LMS wants the learner to go after `terminated`, if it said. */
  get returnUrl(): string | undefined {
    const url = this.progress.launchData?.returnURL;
    return typeof url === 'string' ? url : undefined;
  }

  async #send(verb: 'initialized' | 'completed' | 'terminated'): Promise<void> {
    const progress = this.progress;
    if (progress.sent.includes(verb)) return;
    const now = (this.options.now ?? Date.now)();
    const startedAt = progress.startedAt ?? now;
    if (progress.startedAt === undefined) this.#save({...progress, startedAt});
    const statement = this.statement(verb, now - startedAt);
    const response = await this.options.fetch(
      this.#url(`statements?${new URLSearchParams({statementId: statement.id as string})}`),
      {
        method: 'PUT',
        headers: {...(await this.#headers()), 'Content-Type': 'application/json'},
        body: JSON.stringify(statement),
      },
    );
    // 409: the LRS has this id already, from a send whose answer was lost.
    if (!response.ok && response.status !== 409) {
      throw new Cmi5Error(`${verb}: HTTP ${response.status}`);
    }
    const after = this.progress;
    this.#save({...after, sent: [...after.sent, verb]});
  }

  /** A cmi5-defined statement: same id for the same launch and verb, on every try. */
  statement(verb: 'initialized' | 'completed' | 'terminated', durationMs: number): Json {
    const template = (this.progress.launchData?.contextTemplate ?? {}) as Json;
    const activities = (template.contextActivities ?? {}) as Json;
    const category = [
      ...((activities.category as Json[] | undefined) ?? []),
      {id: CATEGORY.cmi5},
      ...(verb === 'completed' ? [{id: CATEGORY.moveOn}] : []),
    ];
    const statement: Json = {
      id: uuidV5(
        `cmi5/${this.launch.registration}/${this.launch.activityId}/${this.sessionId}/${verb}`,
      ),
      actor: this.launch.actor,
      verb: {id: VERBS[verb], display: {'en-US': verb}},
      object: {objectType: 'Activity', id: this.launch.activityId},
      context: {
        ...template,
        registration: this.launch.registration,
        contextActivities: {...activities, category},
      },
      timestamp: new Date((this.options.now ?? Date.now)()).toISOString(),
    };
    if (verb !== 'initialized') {
      statement.result = {
        ...(verb === 'completed' ? {completion: true} : {}),
        duration: `PT${Math.max(0, Math.round(durationMs / 10) / 100)}S`,
      };
    }
    return statement;
  }

  /** The LMS's session id (from the context template), part of every statement id. */
  get sessionId(): string {
    const extensions = (this.progress.launchData?.contextTemplate as Json | undefined)
      ?.extensions as Json | undefined;
    return String(extensions?.['https://w3id.org/xapi/cmi5/context/extensions/sessionid'] ?? '');
  }
}

/**
 * Starts the attempt of a page cmi5 launched (its parameters in the page's address);
 * undefined when the address has none. A failed start goes to `onError`.
 */
export function connectCmi5(
  fetch: typeof globalThis.fetch,
  onError: (error: unknown) => void,
): LmsLink | undefined {
  const launch = parseCmi5Launch(location);
  if (!launch) return undefined;
  const session = new Cmi5Session(launch, {fetch, storage: sessionStorage});
  session.start().catch(onError);
  return {
    launch,
    complete: async () => {
      await session.complete();
      await session.terminate();
    },
  };
}
