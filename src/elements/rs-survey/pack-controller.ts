/**
 * The pack as a controller: opens the device's storage as soon as the element connects (on a
 * first visit creating the database is the slowest step before the first page), loads the
 * survey (`loadSurvey`) when the element's instrument, timepoint, participant or storage key
 * change, abandons a load that such a change made stale (its signal aborts, and what it brings
 * is dropped), and keeps what came of the latest: the loaded survey, or why it failed.
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {DraftController} from '../../store/draft-controller.js';
import type {OpenStoreResult} from '../../store/store.js';
import {loadSurvey, type LoadSettings, type Loaded} from './load-survey.js';

/**
 * The element: a change to its instrument, timepoint, participant, storage key or terminology
 * server loads again.
 */
export type PackHost = ReactiveControllerHost & LoadSettings;

export interface PackOptions {
  /** The language the page shows now. */
  readonly lang: () => string;
  readonly drafts: DraftController;
  /** Storage is refused: the survey runs in memory and says so. */
  readonly onMemoryOnly: (message: string) => void;
  readonly openStore: () => Promise<OpenStoreResult>;
  readonly onLoaded: (loaded: Loaded) => void;
  readonly onError: (error: unknown) => void;
}

export class PackController implements ReactiveController {
  /** The survey, once the latest load has finished. */
  loaded?: Loaded;
  /** Why the latest load failed; `undefined` while it runs or after it succeeded. */
  failure?: {readonly error: unknown};

  readonly #host: PackHost;
  readonly #options: PackOptions;
  /** The storage, opening since the element connected, for the next load. */
  #store?: Promise<OpenStoreResult>;
  #args?: readonly unknown[];
  #abort?: AbortController;

  constructor(host: PackHost, options: PackOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    this.#store ??= this.#options.openStore();
  }

  hostUpdate(): void {
    const {instrument, timepoint, participant, storageKey, terminology} = this.#host;
    const args = [instrument, timepoint, participant, storageKey, terminology];
    if (this.#args?.every((arg, i) => arg === args[i])) return;
    this.#args = args;
    this.run();
  }

  /** Loads again (the failure page's "Try again"). */
  run(): void {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    const store = this.#store ?? this.#options.openStore();
    this.#store = undefined;
    this.loaded = this.failure = undefined;
    const {lang, drafts, onMemoryOnly} = this.#options;
    const input = {settings: this.#host, lang: lang(), drafts, onMemoryOnly, store};
    loadSurvey(input, abort.signal).then(
      (loaded) => {
        if (abort.signal.aborted) return;
        this.loaded = loaded;
        this.#options.onLoaded(loaded);
        this.#host.requestUpdate();
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        this.failure = {error};
        this.#options.onError(error);
        this.#host.requestUpdate();
      },
    );
    this.#host.requestUpdate();
  }
}
