import {adoptStyles, html, LitElement, supportsAdoptingStyleSheets, type CSSResult} from 'lit';
import type {ResponseFormat, RsSurveyEventMap} from '../../events.js';
import {LocaleController} from '../../i18n/index.js';
import {realClock, type Clock} from '../../internal/clock.js';
import {DateFormats} from '../../internal/date-format.js';
import {likertStyles} from '../../internal/likert.js';
import {DRAFT_MAX_AGE_MS, openStore, type OpenStoreResult} from '../../store/store.js';
import type {DeliveryControllerOptions} from '../../transport/delivery-controller.js';
import {FinishController, type Finish} from './finish-controller.js';
import {lastPage} from './last-pages.js';
import {PackController} from './pack-controller.js';
import {LmsController} from './lms-controller.js';
import {addLanguage, loadError, type Loaded} from './load-survey.js';
import {consentPage, declinedPage} from './pages/consent.js';
import * as notices from './pages/notices.js';
import {sectionPage} from './pages/section.js';
import {ReflectionController, type ReflectionCode} from './reflection-controller.js';
import {startPage} from './pages/start.js';
import * as session from './session.js';
import {SessionController} from './session-controller.js';
import {surveyView} from './survey-view.js';
import {styles} from './rs-survey.styles.js';

// Every widget on the page shares one connection; it opens on first use.
let sharedStore: Promise<OpenStoreResult> | undefined;

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The drop-in questionnaire: loads an instrument pack, shows one timepoint of it page by
 * page, and delivers the finished response.
 *
 * @tagname rs-survey
 * @summary A before- or after-training resilience questionnaire with reflection prompts.
 *
 * @slot - Fallback content, shown only where the element cannot run (old browsers, IE mode).
 *
 * @attr {string} lang - Language of the interface and of the pack's text (`en`, `cy`). Default: the nearest `lang` up the tree, else `en`.
 *
 * @event rs-ready - The instrument loaded and rendered. `detail: {instrument: {id, version}, timepoint, restored}`.
 * @event rs-draft-saved - A change was stored on the device. `detail: {savedAt}`.
 * @event rs-submit - Before sending; cancelable. `detail: {response}`.
 * @event rs-queued - The response is in the outbox and not yet delivered. `detail: {id}`.
 * @event rs-submitted - The endpoint accepted the response, or local mode stored it. `detail: {id, status}`.
 * @event rs-error - Something the person or the page must know about. `detail: {code, message}`.
 *
 * @csspart survey - The whole survey, inside the element.
 * @csspart card - The box around each page.
 * @csspart heading - Each page's heading.
 * @csspart progress - The progress indicator.
 * @csspart button - Every button.
 * @csspart primary - The main button of a page (Start, Next, Submit).
 * @csspart error-summary - The list of problems at the top of a page.
 * @csspart status - The delivery status line.
 * @csspart notice - The notice at the top of a page: answers restored, open in another tab, storage refused, everything deleted.
 * @csspart fieldset - Each Likert and reflection question; inside, the parts of `<rs-likert>` and `<rs-reflection>` (`label`, `help`, `error`, `radio`, `textarea`, …), except that a reflection's "Step 1 of 3" is `step-progress`.
 *
 * @cssprop --rs-accent - Buttons, selected controls and links. Default `#005eb8`.
 * @cssprop --rs-text-color - Text colour. Default `#212b32`.
 * @cssprop --rs-secondary-text-color - Hints and secondary text. Default `#4c6272`.
 * @cssprop --rs-text - The first name of `--rs-text-color`, read when that is not set (until 1.0).
 * @cssprop --rs-muted - The first name of `--rs-secondary-text-color`, read when that is not set (until 1.0).
 * @cssprop --rs-background - Page background. Default `#ffffff`.
 * @cssprop --rs-surface - Background of cards and matrix rows. Default `#f0f4f5`.
 * @cssprop --rs-border-color - Borders of inputs. Default `#4c6272`.
 * @cssprop --rs-divider-color - Lines between matrix and review rows. Default `#d8dde0`.
 * @cssprop --rs-error-color - Errors. Default `#d5281b`.
 * @cssprop --rs-focus-color - The focus highlight. Default `#ffeb3b`.
 * @cssprop --rs-radius - Corner radius. Default `4px`.
 * @cssprop --rs-space - The base spacing unit. Default `1rem`.
 * @cssprop --rs-max-width - Widest the survey grows. Default `48rem`.
 */
export class RsSurvey extends LitElement {
  static override styles = [styles, likertStyles];

  static override properties = {
    instrument: {},
    timepoint: {reflect: true},
    endpoint: {},
    terminology: {},
    format: {},
    participant: {},
    credentials: {},
    storageKey: {attribute: 'storage-key'},
    lms: {},
    draftDays: {attribute: 'draft-days', type: Number},
    headers: {attribute: false},
    launchContext: {attribute: false},
    fetch: {attribute: false},
    submitting: {state: true},
    rejection: {state: true},
  };

  // Seams for tests, read when a survey is created (openStore: each time a survey loads).
  /** @internal Opens the device's storage (one connection shared by every widget). */
  static openStore: () => Promise<OpenStoreResult> = () => (sharedStore ??= openStore());
  /** @internal Retry timing for delivery (tests shorten the backoff). */
  static deliveryOptions: Pick<DeliveryControllerOptions, 'backoff' | 'timeoutMs' | 'random'> = {};
  /** @internal Loads the finish code (tests hand in one that fails, as a dropped connection would). */
  static importFinish: () => Promise<Finish> = () => import('./finish.js');
  /** @internal Loads the reflection view's code (tests hand in one that fails or waits). */
  static importReflection = (): Promise<ReflectionCode> => import('../../internal/reflection.js');
  /** @internal How long the last pages (or a reflection) wait for their code before "Try again". */
  static finishTimeoutMs = 20_000;
  /** @internal Timers of autosave, delivery and the finish code (tests move a fake one). */
  static clock: Clock = realClock;

  /** A built-in pack's id, a URL of a pack, or (as a property) a pack object. */
  instrument?: string | object;
  /** Which timepoint of the pack to show; required when the pack has several. */
  timepoint?: string;
  /** Where a finished response is POSTed. None: local mode. */
  endpoint?: string;
  /**
   * A FHIR terminology server (base URL; `endpoint`'s rules) that expands (`ValueSet/$expand`) value
   * sets a Questionnaire does not contain. None, or no answer: such a question is free text.
   */
  terminology?: string;
  /** The body sent to `endpoint`. */
  format: ResponseFormat = 'json';
  /** A pseudonymous id from the host; otherwise the pack's code question links timepoints. */
  participant?: string;
  /** `credentials` for requests to `endpoint`, as for `fetch`. */
  credentials: RequestCredentials = 'same-origin';
  /** Keeps this widget's drafts apart from any other with the same pack, timepoint and participant. */
  storageKey?: string;
  /**
   * Which LMS to tell about the attempt: `auto` finds a SCORM 1.2 or 2004 API up the frames
   * or the opener; `cmi5` follows cmi5's launch parameters in the page's address; `none`.
   */
  lms: 'auto' | 'cmi5' | 'none' = 'auto';
  /** Days a draft is kept on the device after its last change. */
  draftDays = DRAFT_MAX_AGE_MS / dayMs;
  /** Extra request headers for `endpoint` (a CSRF token, an `Authorization`). */
  headers: Record<string, string> = {};
  /**
   * FHIR resources a Questionnaire's expressions read by name (SDC's launch context): `{patient:
   * {resourceType: 'Patient', …}}` gives `%patient`. Read as the instrument loads; a value an
   * expression lacks leaves its item empty, and `instrument-warning` names it.
   */
  launchContext?: Record<string, object>;
  /** The page `fetch` used for packs and delivery (tests hand in their own). */
  fetch: typeof globalThis.fetch = (...args) => globalThis.fetch(...args);

  /** The answers now (a page's own debugging, the end-to-end suite). @internal */
  protected get answers() {
    return this.#session.answers;
  }

  protected submitting = false;
  /** The server's reason, when it rejected the response. */
  protected rejection = '';

  readonly #i18n = new LocaleController(this);
  readonly #clock = RsSurvey.clock;
  #readyFired = false;
  readonly #session = new SessionController(this, {
    clock: this.#clock,
    dates: new DateFormats(() => this.requestUpdate()),
    locale: () => this.#i18n,
    loaded: () => this.#pack.loaded,
    onSaved: (savedAt) => this.#emit('rs-draft-saved', {savedAt}),
    onError: (detail) => this.#emit('rs-error', detail),
  });

  readonly #finish = new FinishController(this, {
    import: () => RsSurvey.importFinish(),
    timeoutMs: () => RsSurvey.finishTimeoutMs,
    clock: this.#clock,
    settings: () => this,
    delivery: {
      ...RsSurvey.deliveryOptions,
      onStatus: () => this.requestUpdate(),
      onQueued: (detail) => this.#emit('rs-queued', detail),
      onSubmitted: (detail) => this.#emit('rs-submitted', detail),
      onError: ({code, message}) => {
        this.rejection = message;
        this.#emit('rs-error', {code, message});
      },
    },
    onProblem: (detail) => this.#emit('rs-error', detail),
    // The last pages' styles come with their code (the element may not be connected yet).
    // The last pages need it: on the review page, and on the thank-you page after a reload.
    needed: () => !!this.#pack.loaded && session.isLastPage(this.#session.page),
    adopt: (css) => this.#adopt(css),
  });

  readonly #reflections = new ReflectionController(this, {
    import: () => RsSurvey.importReflection(),
    timeoutMs: () => RsSurvey.finishTimeoutMs,
    clock: this.#clock,
    survey: () => ({loaded: this.#pack.loaded, page: this.#session.page}),
    adopt: (css) => this.#adopt(css),
  });

  readonly #lms = new LmsController(this, {
    mode: () => this.lms,
    fetch: () => this.fetch,
    onError: (detail) => this.#emit('rs-error', detail),
  });

  readonly #pack: PackController = new PackController(this, {
    lang: () => this.#i18n.lang,
    drafts: this.#session.drafts,
    onMemoryOnly: (message) => this.#session.storageUnavailable(message),
    openStore: () => RsSurvey.openStore(),
    onLoaded: (loaded) => this.#started(loaded),
    onError: (error) => {
      const detail = loadError(error);
      if (detail) this.#emit('rs-error', detail);
    },
  });

  /**
   * Submits the response: checks every page, then sends it (or keeps it, in local mode).
   * A second call while one is under way, or after it, makes no second response.
   */
  submit(): Promise<void> {
    const s = this.#session;
    if (s.submitted) return s.submitted;
    const loaded = this.#pack.loaded;
    if (!loaded || !s.ready(loaded)) return Promise.resolve();
    this.submitting = true;
    // Set before anything is awaited, so a second click or call (a page calling submit()
    // from rs-submit, say) joins this submission.
    s.submitted = this.#complete(loaded).finally(() => (this.submitting = false));
    return s.submitted;
  }

  /** Deletes this survey's draft on this device and starts again. */
  async clearDraft(): Promise<void> {
    if (this.submitting) return;
    this.#session.cleared(await this.#session.drafts.discard());
  }

  /** Sends whatever waits in the outbox now. */
  async flush(): Promise<void> {
    await this.#finish.start();
    await this.#finish.delivery!.flush();
  }

  /** Deletes everything the widget stored on this device: drafts, outbox, local responses. */
  async deleteEverything(): Promise<void> {
    if (this.submitting) return;
    const s = this.#session;
    const draft = await s.drafts.discard();
    await this.#pack.loaded?.store.clearEverything();
    // What delivery was watching is gone, not delivered: a new one starts from nothing.
    this.#finish.reset();
    s.forget(draft);
    s.goTo(session.startPage);
    s.notice = {kind: 'deleted', text: this.#i18n.m.deleted};
  }

  /** A page's declarative shadow root (its "Loading" line, README) gives way to the survey. */
  protected override createRenderRoot() {
    this.shadowRoot?.replaceChildren();
    return super.createRenderRoot();
  }

  // `lang` is the element's own attribute, not a Lit property: a change re-renders in the new language.
  static override get observedAttributes() {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null) {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  /** Resolves once the page shows, with the code it waits for (last pages, reflections). */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    const code = () => (session.isLastPage(this.#session.page) ? this.#finish : this.#reflections);
    for (let p; (p = code().pending);) {
      await p;
      done = await super.getUpdateComplete();
    }
    return done;
  }

  protected override updated() {
    const loaded = this.#pack.loaded;
    // After the locale controller has read `lang` (it does in hostUpdate, after willUpdate).
    if (loaded)
      addLanguage(
        loaded,
        this.#i18n.lang,
        () => this.#pack.loaded === loaded && this.requestUpdate(),
      );
    const s = this.#session;
    // Once the first questions show, fetch the rest while the person answers them.
    if (loaded && session.sectionOf(s.page)) this.#finish.prefetch();
    if (loaded && !this.#readyFired) {
      this.#readyFired = true;
      const {pack, timepoint, restored} = loaded;
      const instrument = {id: pack.id, version: pack.version};
      this.#emit('rs-ready', {instrument, timepoint, restored});
    }
    s.moveFocus(this.renderRoot);
  }

  override render() {
    const {loaded, failure} = this.#pack;
    const m = this.#i18n.m;
    return html`<div class="survey" part="survey">
      ${
        loaded
          ? this.#renderPage(loaded)
          : failure
            ? notices.failure(failure.error, m, this.timepoint, () => this.#pack.run())
            : notices.loadingLine(m)
      }
    </div>`;
  }

  #renderPage(loaded: Loaded) {
    const s = this.#session;
    const {page, answers} = s;
    const v = surveyView(this, s, loaded, this.#i18n, this.#reflections);
    const next = () => s.next(loaded);
    const start = () =>
      startPage(v, {questions: session.questionsAtCount(loaded, answers), start: next});
    if (page === 'start') return start();
    if (page === 'consent') {
      return consentPage(v, {agree: next, decline: () => s.decline(() => this.clearDraft())});
    }
    if (page === 'declined') return declinedPage(this.#i18n.m);
    if (session.isLastPage(page)) {
      return lastPage(this.#finish, s, loaded, v, {
        review: page === 'review',
        submitting: this.submitting,
        rejection: this.rejection,
        root: this.renderRoot,
        submit: () => void this.submit(),
      });
    }
    return (
      sectionPage(v, {
        // Once per render (it runs on every keystroke): the visible pages give both this
        // page and the progress.
        sections: session.sectionsOf(loaded, answers),
        id: session.sectionOf(page)!,
        saved: notices.savedLine(this.#i18n.m, s.savedTime),
        next,
        back: () => s.back(loaded),
      }) ?? start()
    );
  }

  /** Styles that came with code loaded later (last pages, reflections), added to the root's. */
  #adopt(css: CSSResult) {
    const root = this.renderRoot as ShadowRoot;
    if (supportsAdoptingStyleSheets)
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, css.styleSheet!];
    else adoptStyles(root, [css]);
  }

  /** Fires one of the survey's events (`events.ts`), bubbling and composed. */
  #emit<K extends keyof RsSurveyEventMap>(
    type: K,
    detail: RsSurveyEventMap[K]['detail'],
    cancelable = false,
  ): boolean {
    const init = {detail, bubbles: true, composed: true, cancelable};
    return this.dispatchEvent(new CustomEvent(type, init));
  }

  /** A pack has loaded: the session restores its draft; delivery starts if responses wait. */
  #started(loaded: Loaded) {
    this.#session.started(loaded);
    this.#readyFired = false;
    this.#finish.attach(loaded.store, loaded.waiting);
  }

  /** Hands the response to the finish code, which asks the page (`rs-submit`), then queues or keeps it. */
  async #complete(loaded: Loaded): Promise<void> {
    const s = this.#session;
    const done = await s.complete(() =>
      this.#finish.submit({
        ...loaded,
        answers: s.answers,
        id: s.responseId,
        locale: this.#i18n.lang,
        startedAt: s.startedAt,
        submittedAt: new Date(this.#clock.now()).toISOString(),
        lrs: () => this.#lms.lrs(),
        confirm: (response) => this.#emit('rs-submit', {response}, true),
        stored: (id) => this.#emit('rs-submitted', {id, status: 'stored'}),
      }),
    );
    if (done) await this.#lms.complete();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-survey': RsSurvey;
  }
}
