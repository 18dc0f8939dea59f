/**
 * The reflection view's code (`internal/reflection.ts`: its template and styles) as a
 * controller. Most pages have no reflection, so the bundle leaves it out: it loads in idle
 * time a page ahead, once the page before one with a reflection shows (so a slow connection
 * does not make the person wait at it, and a person whose first pages have none does not pay
 * for it with them), and at once when a page with one shows. Until it arrives the reflection shows its question and a loading line; when
 * it could not load (within a time limit), a "Try again" button. Both are said politely.
 */
import {html, type CSSResult, type ReactiveController, type ReactiveControllerHost} from 'lit';
import type {Messages} from '../../i18n/index.js';
import {whenIdle, withinTime, type Clock} from '../../internal/clock.js';
import {hasReflection, reflectionAhead, type Page, type Survey} from './session.js';

export type ReflectionCode = typeof import('../../internal/reflection.js');

export interface ReflectionOptions {
  import(): Promise<ReflectionCode>;
  /** How long to wait on a stalled connection before offering "Try again". */
  readonly timeoutMs: () => number;
  readonly clock: Clock;
  /** The survey (once loaded) and the page it shows. */
  readonly survey: () => {readonly loaded?: Survey; readonly page: Page};
  /** Takes the reflection's styles, which come with its code. */
  readonly adopt: (styles: CSSResult) => void;
}

export class ReflectionController implements ReactiveController {
  /** The code, once loaded. */
  code?: ReflectionCode;
  /** It could not load while a reflection showed (the reflection offers a retry). */
  failed = false;

  readonly #host: ReactiveControllerHost;
  readonly #options: ReflectionOptions;
  #loading?: Promise<ReflectionCode>;
  #prefetched = false;

  constructor(host: ReactiveControllerHost, options: ReflectionOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Resolves once loaded (or failed) while a page with a reflection waits for it. */
  get pending(): Promise<unknown> | undefined {
    return this.code || !this.#needed() ? undefined : this.#loading?.catch(() => {});
  }

  hostUpdate(): void {
    // After a failed load only the person's "Try again" tries again (no loop of failures).
    if (!this.code && !this.failed && this.#needed()) this.load().catch(() => {});
  }

  /**
   * Fetches the code when the page is idle once a page with a reflection shows or comes next
   * (not before: the first questions should not wait for bytes they do not need).
   */
  hostUpdated(): void {
    const {loaded, page} = this.#options.survey();
    if (this.#prefetched || !reflectionAhead(loaded, page)) return;
    this.#prefetched = true;
    // Not after a failure the person was shown: their "Try again" tries again.
    whenIdle(() => this.failed || this.load().catch(() => {}));
  }

  /**
   * Loads the code once (a failure is tried again on the next call). A failure is shown only
   * where a reflection waits for the code when it happens, even one that began in idle time.
   */
  load(): Promise<ReflectionCode> {
    const {clock, timeoutMs} = this.#options;
    return (this.#loading ??= withinTime(clock, timeoutMs(), this.#options.import()).then(
      (code) => {
        this.code = code;
        this.failed = false;
        this.#options.adopt(code.reflectionStyles);
        this.#host.requestUpdate();
        return code;
      },
      (error: unknown) => {
        this.#loading = undefined;
        if (this.#needed()) {
          this.failed = true;
          this.#host.requestUpdate();
        }
        throw error;
      },
    ));
  }

  /** Whether a reflection shows now. */
  #needed(): boolean {
    const {loaded, page} = this.#options.survey();
    return hasReflection(loaded, page);
  }

  /**
   * What a reflection shows until its code is here: its question, then a loading line, or
   * why it is missing and "Try again" (in one polite live region, so the change is heard).
   */
  placeholder(id: string, label: string, m: Messages) {
    const retry = () => {
      this.failed = false;
      this.#host.requestUpdate();
    };
    return html`<fieldset class="question" id=${id}>
      <legend class="question-text">${label}</legend>
      <div class="reflection-status" role="status">
        ${
          this.failed
            ? html`<p>${m.reflectionUnavailable}</p>
                <button class="button" part="button" type="button" @click=${retry}>
                  ${m.retry}
                </button>`
            : html`<p class="loading">${m.reflectionLoading}</p>`
        }
      </div>
    </fieldset>`;
  }
}
