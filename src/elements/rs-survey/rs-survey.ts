import {adoptStyles, html, LitElement, nothing} from 'lit';
import {Task, TaskStatus} from '@lit/task';
import {LocaleController} from '../../i18n/index.js';
import {cssProps} from '../../internal/css-props.js';
import {answerKeys, initialAnswers, pagesAt, questionsAt} from '../../instrument/conditions.js';
import {formatProblem} from '../../instrument/text.js';
import type {FhirLink} from '../../instrument/fhir.js';
import {loadPack, PackError, resolveTimepoint, type PackSource} from '../../instrument/load.js';
import {loadBuiltin} from '../../instrument/packs/index.js';
import type {LmsLink} from '../../lms/link.js';
import type {
  Answer,
  Answers,
  LikertItem,
  Pack,
  PackProblem,
  Question,
} from '../../instrument/types.js';
import {validateQuestion, type FieldError} from '../../instrument/validate.js';
import {DraftController} from '../../store/draft-controller.js';
import {
  DRAFT_MAX_AGE_MS,
  openStore,
  storageKey,
  type OpenStoreResult,
  type Store,
} from '../../store/store.js';
import type {Draft} from '../../store/types.js';
import type {ResponseBody} from '../../transport/body-json.js';
import type {
  DeliveryController,
  DeliveryControllerOptions,
} from '../../transport/delivery-controller.js';
import {loadIdentifierCheck} from '../../internal/identifiers.js';
import {
  fieldId,
  groupItems,
  likertPoints,
  renderItem,
  t,
  type QuestionContext,
} from './questions.js';
import {likertStyles} from '../../internal/likert.js';
import {reflectionStyles} from '../../internal/reflection.js';
import {saveFile} from '../../internal/save-file.js';
import {styles} from './rs-survey.styles.js';

export type {
  ReadyDetail,
  ResponseFormat,
  SurveyErrorCode,
  SurveyErrorDetail,
} from '../../events.js';
import type {ReadyDetail, ResponseFormat, SurveyErrorDetail} from '../../events.js';

interface Loaded {
  /** Replaced when a built-in pack gets the text of a language the page switched to. */
  pack: Pack;
  /** A built-in pack's id: its other languages load when the page shows them. */
  builtin?: string;
  /** The languages asked of a built-in pack so far. */
  langs: string[];
  timepoint: string;
  /** What the pack asks for that the widget does not do (FHIR features, unknown fields). */
  warnings: readonly PackProblem[];
  /** How answers map back to a FHIR Questionnaire's linkIds, when the pack was one. */
  fhir?: FhirLink;
  store: Store;
  draft: Draft;
  restored: boolean;
  /** The id of the response the person submitted from this draft (a reload of the thank-you page). */
  submitted?: string;
  /** Answers of the draft for questions the pack no longer has. */
  dropped: number;
}

type Finish = typeof import('./finish.js');

const errorText = (error: unknown) => String((error as Error)?.message ?? error);

// Every widget on the page shares one connection; it opens on first use.
let sharedStore: Promise<OpenStoreResult> | undefined;

const dayMs = 24 * 60 * 60 * 1000;

/** Runs `task` when the page is idle (soon, where the browser cannot say: WebKit). */
const whenIdle = (task: () => void) => (window.requestIdleCallback ?? setTimeout)(task);

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
 * @cssprop --rs-text - Text colour. Default `#212b32`.
 * @cssprop --rs-muted - Hints and secondary text. Default `#4c6272`.
 * @cssprop --rs-background - Page background. Default `#ffffff`.
 * @cssprop --rs-surface - Background of cards and matrix rows. Default `#f0f4f5`.
 * @cssprop --rs-border-color - Borders of inputs. Default `#4c6272`.
 * @cssprop --rs-error-color - Errors. Default `#d5281b`.
 * @cssprop --rs-focus-color - The focus highlight. Default `#ffeb3b`.
 * @cssprop --rs-radius - Corner radius. Default `4px`.
 * @cssprop --rs-space - The base spacing unit. Default `1rem`.
 * @cssprop --rs-max-width - Widest the survey grows. Default `48rem`.
 */
export class RsSurvey extends LitElement {
  static override styles = [styles, likertStyles, reflectionStyles];

  static override properties = {
    instrument: {},
    timepoint: {reflect: true},
    endpoint: {},
    format: {},
    participant: {},
    credentials: {},
    storageKey: {attribute: 'storage-key'},
    lms: {},
    draftDays: {attribute: 'draft-days', type: Number},
    headers: {attribute: false},
    fetch: {attribute: false},
    page: {state: true},
    answers: {state: true},
    errors: {state: true},
    submitting: {state: true},
    notice: {state: true},
    savedAt: {state: true},
    confirming: {state: true},
    storageFailed: {state: true},
    rejection: {state: true},
    finishFailed: {state: true},
    unsent: {state: true},
  };

  /**
   * Opens the device's storage (one connection shared by every widget). A seam for tests,
   * which hand in a store the browser refuses. Read each time a survey loads.
   * @internal
   */
  static openStore: () => Promise<OpenStoreResult> = () => (sharedStore ??= openStore());

  /**
   * Retry timing for delivery (tests shorten the backoff). Read when a survey is created.
   * @internal
   */
  static deliveryOptions: Pick<DeliveryControllerOptions, 'backoff' | 'timeoutMs' | 'random'> = {};

  /**
   * Loads the finish module (tests hand in one that fails, as a dropped connection would).
   * @internal
   */
  static importFinish: () => Promise<Finish> = () => import('./finish.js');

  /**
   * How long the last pages wait for their code on a stalled connection before they offer
   * "Try again" instead of "Loading" for ever.
   * @internal
   */
  static finishTimeoutMs = 20_000;

  /** A built-in pack's id, a URL of a pack, or (as a property) a pack object. */
  instrument?: string | object;

  /** Which timepoint of the pack to show; required when the pack has several. */
  timepoint?: string;

  /** Where a finished response is POSTed. None: local mode. */
  endpoint?: string;

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

  /** The page `fetch` used for packs and delivery (tests hand in their own). */
  fetch: typeof globalThis.fetch = (...args) => globalThis.fetch(...args);

  protected page = 'start';
  protected answers: Answers = {};
  protected errors: ReadonlyMap<string, string> = new Map();
  protected submitting = false;
  /** A notice at the top: answers restored, open in another tab, storage refused, deleted. */
  protected notice: {
    kind: 'restored' | 'elsewhere' | 'storage' | 'deleted' | 'dropped';
    text: string;
  } | null = null;
  protected savedAt: string | null = null;
  /** Which destructive action waits for a "Yes". */
  protected confirming: 'restart' | 'delete' | null = null;
  #focusConfirm = false;
  protected storageFailed = false;
  protected rejection = '';
  /** The finish module could not load (offline early on): the review page offers a retry. */
  protected finishFailed = false;
  /** Finished responses waiting on this device, counted when "Delete everything" asks. */
  protected unsent = 0;
  /** The finished response, kept for the person's own download. */
  #response: ResponseBody | null = null;

  readonly #i18n = new LocaleController(this);
  #startedAt = new Date().toISOString();
  #responseId = '';
  #restored = false;
  #focusHeading = false;
  #readyFired = false;
  #prefetched = false;
  /** The device's storage, opening since the element connected (a first visit creates it). */
  #storeReady?: Promise<OpenStoreResult>;
  #submitted: Promise<void> | null = null;

  readonly #drafts = new DraftController(this, {
    onSaved: (savedAt) => {
      this.savedAt = savedAt;
      // Written to memory once storage failed: not stored on the device, so not announced.
      if (!this.storageFailed) this.#emit('rs-draft-saved', {savedAt});
    },
    onRemoteChange: (draft, {localEdits}) => {
      const loaded = this.#loaded;
      if (!loaded) return;
      if (draft && !localEdits && !draft.submitted) {
        this.answers = this.#known(loaded.pack, draft.answers).answers;
      }
      // Both tabs submit under one id (the controller adopted it), or under a fresh one
      // after the other tab deleted the draft.
      this.#adopt(this.#drafts.draft);
      this.notice = {kind: 'elsewhere', text: this.#i18n.m.openElsewhere};
    },
    onError: (error) => this.#storageUnavailable(error.message),
  });

  /** Delivery, once `finish.ts` has loaded (on the review page, or at start when the outbox holds something). */
  #delivery?: DeliveryController;
  #finishing?: Promise<Finish>;
  // Read when the survey is created, as documented, though delivery starts later.
  readonly #deliveryOptions = RsSurvey.deliveryOptions;
  /** The finish module, once loaded. */
  #finished?: Finish;
  #store?: Store;

  /** Starts delivery early; a failed load is tried again when needed. */
  #prefetchFinish() {
    this.#finish().catch(() => {});
  }

  #module?: Promise<Finish>;

  /**
   * Loads the finish module (and the page's body format, so a person who reached the review
   * page online can still submit after the connection drops); once, unless it failed. A
   * failure in the background is tried again when the person reaches the last pages; only a
   * failure they wait for is shown.
   */
  #loadFinish(background = false): Promise<Finish> {
    return (this.#module ??= this.#importFinish().then(
      (finish) => {
        this.#finished = finish;
        this.finishFailed = false;
        // Delivery's settings are checked with delivery, in this module, which loads once the
        // first questions show: a page author learns of an endpoint or format it cannot use
        // then, not after a participant's last page.
        for (const problem of finish.settingsProblems(this)) this.#fail(problem);
        // Its styles are adopted at the next update (the element may not be connected yet).
        this.requestUpdate();
        return finish;
      },
      (error) => {
        this.#module = undefined;
        if (!background) this.finishFailed = true;
        throw error;
      },
    ));
  }

  /** The finish module and the page's body format, or a TimeoutError on a stalled connection. */
  async #importFinish(): Promise<Finish> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stalled = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new DOMException('The page took too long to load.', 'TimeoutError')),
        RsSurvey.finishTimeoutMs,
      );
    });
    try {
      return await Promise.race([
        RsSurvey.importFinish().then(async (finish) => {
          await finish.loadFormat(this.format);
          return finish;
        }),
        stalled,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Loads what finishing needs and starts delivery; once per element. */
  #finish(): Promise<Finish> {
    this.#finishing ??= this.#loadFinish().then(
      (finish) => {
        this.#delivery = finish.deliveryFor(this, {
          ...this.#deliveryOptions,
          onQueued: (detail) => this.#emit('rs-queued', detail),
          onSubmitted: (detail) => this.#emit('rs-submitted', detail),
          onError: ({code, message}) => {
            this.rejection = message;
            this.#fail({code, message});
          },
        });
        if (this.#store) this.#delivery.attach(this.#store);
        this.requestUpdate();
        return finish;
      },
      (error) => {
        this.#finishing = undefined;
        throw error;
      },
    );
    return this.#finishing;
  }

  readonly #loader = new Task(this, {
    task: async ([instrument, timepoint, participant, key], {signal}): Promise<Loaded> => {
      const inline = this.querySelector(':scope > script[type="application/json"]');
      const source: PackSource =
        instrument && typeof instrument === 'object'
          ? {kind: 'object', value: instrument}
          : !instrument && inline
            ? {kind: 'inline', text: inline.textContent ?? ''}
            : {kind: 'ref', ref: instrument ?? ''};
      // The database opens while the pack loads: a participant waits for the slower, not both.
      const storeReady = this.#storeReady ?? RsSurvey.openStore();
      this.#storeReady = undefined;
      const langs = [this.#i18n.lang];
      const {pack, warnings, fhir, builtin} = await loadPack(source, {
        fetch: this.fetch,
        signal,
        baseUrl: document.baseURI,
        timepoint,
        langs,
      });
      const tp = resolveTimepoint(pack, timepoint);
      const opened = await storeReady;
      // A newer load (the page changed `participant`, say) owns the draft from here on.
      signal.throwIfAborted();
      if (!opened.persistent)
        this.#storageUnavailable(opened.error ?? 'IndexedDB is not available.');
      this.#store = opened.store;
      this.#delivery?.attach(opened.store);
      // A response from an earlier visit still waits: start delivering it (looked up alongside).
      const waiting = opened.store.listOutbox().catch(() => []);
      // Expiry applies to every draft of the site, so a bad value must not delete them all.
      // Not awaited: IndexedDB runs the draft read below after it, in order.
      const days = this.draftDays > 0 ? this.draftDays : DRAFT_MAX_AGE_MS / dayMs;
      opened.store.expireDrafts(days * dayMs).catch(() => 0);
      const init = {
        key: storageKey(pack.id, tp, participant ?? null, key),
        packId: pack.id,
        packVersion: pack.version,
        timepoint: tp,
        participant: participant ?? null,
      };
      const {draft, restored, stored} = await this.#drafts.open(opened.store, init);
      if ((await waiting).length) this.#prefetchFinish();
      const known = this.#known(pack, draft.answers);
      return {
        pack,
        warnings,
        fhir,
        builtin,
        // What the pack was loaded with: the page's language may have changed since.
        langs,
        timepoint: tp,
        store: opened.store,
        draft: restored
          ? {...draft, answers: known.answers}
          : {...draft, answers: {...initialAnswers(pack), ...draft.answers}},
        restored,
        submitted:
          !restored && stored?.submitted === true && stored.packId === pack.id
            ? stored.responseId
            : undefined,
        dropped: restored && draft.packVersion !== pack.version ? known.dropped : 0,
      };
    },
    args: () => [this.instrument, this.timepoint, this.participant, this.storageKey] as const,
    onComplete: (loaded) => this.#started(loaded),
    onError: (error) => {
      if (error instanceof PackError) {
        this.#fail({
          code: error.code,
          message: error.message,
          ...(error.problems.length
            ? {path: error.problems[0].path, problems: error.problems}
            : {}),
        });
      } else if (!(error instanceof DOMException && error.name === 'AbortError')) {
        this.#fail({
          code: 'instrument-invalid',
          message: errorText(error),
        });
      }
    },
  });

  /** Takes the identity of a draft: its response id (the Idempotency-Key) and start time. */
  #adopt(draft: Draft | undefined) {
    if (!draft) return;
    this.#responseId = draft.responseId;
    this.#startedAt = draft.startedAt;
  }

  /** Keeps the answers whose questions the pack still has. */
  #known(pack: Pack, answers: Answers): {answers: Answers; dropped: number} {
    const keys = new Set(pack.sections.flatMap((s) => s.items.flatMap(answerKeys)));
    const kept: Record<string, Answer> = {};
    let dropped = 0;
    for (const [key, value] of Object.entries(answers)) {
      if (keys.has(key)) kept[key] = value;
      else dropped++;
    }
    return {answers: kept, dropped};
  }

  /** Called once a pack has loaded: restores the draft, page and all, or starts afresh. */
  #started(loaded: Loaded) {
    const {draft} = loaded;
    this.answers = draft.answers;
    this.#steps.clear();
    this.errors = new Map();
    this.#adopt(draft);
    this.#restored = loaded.restored;
    this.#submitted = null;
    this.#response = null;
    this.page = loaded.submitted
      ? 'done'
      : loaded.restored
        ? this.#validPage(loaded, draft.page)
        : 'start';
    this.notice = loaded.dropped
      ? {kind: 'dropped', text: this.#i18n.m.droppedAnswers(loaded.dropped)}
      : loaded.restored && Object.keys(draft.answers).length
        ? {
            kind: 'restored',
            text: this.#i18n.m.restored(this.#formatDate(draft.updatedAt, 'moment')!),
          }
        : this.notice?.kind === 'storage'
          ? this.notice
          : null;
    this.#readyFired = false;
    if (loaded.warnings.length) {
      this.#fail({
        code: 'instrument-warning',
        message: loaded.warnings.map(formatProblem).join('\n'),
        problems: loaded.warnings,
      });
    }
  }

  /** A stored page if the pack still has it, else the start. */
  #validPage(loaded: Loaded, page: string): string {
    // The task's value is not `this.#loaded` yet while its completion runs.
    return this.#pageIds(loaded).includes(page) ? page : 'start';
  }

  readonly #formats = new Map<string, Intl.DateTimeFormat | null>();

  /**
   * A date as the person's language writes it: `time` for the saved line (it renders on every
   * keystroke, so each format is made once per language), `moment` for the restore notice.
   * The first date format a page makes costs 15-25 ms (the browser loads its locale data), so
   * the saved line's is made when the page is idle, not while the first questions render:
   * until then the line waits (undefined).
   */
  #formatDate(iso: string, style: 'time' | 'moment'): string | undefined {
    const lang = this.#i18n.lang;
    const key = lang + style;
    const make = () => {
      const options: Intl.DateTimeFormatOptions = {timeStyle: 'short'};
      if (style === 'moment') options.dateStyle = 'medium';
      let format;
      try {
        format = new Intl.DateTimeFormat(lang, options);
      } catch {
        // A page's `lang` that is no valid language tag.
        format = new Intl.DateTimeFormat('en', options);
      }
      this.#formats.set(key, format);
      return format;
    };
    const format = this.#formats.get(key) ?? (style === 'moment' ? make() : undefined);
    if (format) return format.format(new Date(iso));
    if (!this.#formats.has(key)) {
      this.#formats.set(key, null);
      whenIdle(() => {
        make();
        this.requestUpdate();
      });
    }
    return undefined;
  }

  #storageUnavailable(message: string) {
    if (this.storageFailed) return;
    this.storageFailed = true;
    this.notice = {kind: 'storage', text: this.#i18n.m.storageUnavailable};
    this.#fail({code: 'storage-unavailable', message});
  }

  // `lang` is the element's own attribute, not a Lit property: a change re-renders in the new language.
  static override get observedAttributes() {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null) {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  #adopted = false;

  protected override willUpdate() {
    if (this.#finished && !this.#adopted && this.renderRoot) {
      this.#adopted = true;
      adoptStyles(this.renderRoot as ShadowRoot, [
        ...(this.constructor as typeof RsSurvey).elementStyles,
        this.#finished.endingStyles,
      ]);
    }
    // The last pages (and delivery) need the finish module: on the review page, and on the
    // thank-you page brought back by a reload.
    // After a failed load only the person's "Try again" tries again (no loop of failures).
    if (this.#loaded && !this.#delivery && !this.finishFailed && this.#onLastPage)
      this.#prefetchFinish();
  }

  protected override updated() {
    // After the locale controller has read `lang` (it does in hostUpdate, after willUpdate).
    this.#addLanguage();
    const loaded = this.#loaded;
    if (loaded && !this.#prefetched && this.page.startsWith('section:')) {
      this.#prefetched = true;
      // Once the first questions show, fetch the rest while the person answers them: a
      // connection that drops later then costs nothing. (Not earlier: a person who presses
      // Start at once should not wait for bytes the first questions do not need.) The build
      // puts all three in one file (vite.config.ts): one request.
      whenIdle(() => {
        this.#loadFinish(true).catch(() => {});
        void loadIdentifierCheck();
        // Storage that fails later (a full disk) falls back to memory, which must be here then.
        import('../../store/memory.js').catch(() => {});
      });
    }
    if (loaded && !this.#readyFired) {
      this.#readyFired = true;
      this.#emit<ReadyDetail>('rs-ready', {
        instrument: {id: loaded.pack.id, version: loaded.pack.version},
        timepoint: loaded.timepoint,
        restored: this.#restored,
      });
    }
    if (this.#focusConfirm) {
      this.#focusConfirm = false;
      this.renderRoot.querySelector<HTMLElement>('.confirm button')?.focus();
    }
    if (this.#focusHeading) {
      const target =
        this.renderRoot.querySelector<HTMLElement>('.error-summary') ??
        this.renderRoot.querySelector<HTMLElement>('h2');
      // The last pages show a loading line until the finish module arrives: focus waits for
      // their heading rather than being dropped on the page's body.
      if (target) {
        this.#focusHeading = false;
        target.focus();
      }
    }
  }

  /** A built-in pack gets the text of a language the page switched to after it loaded. */
  #addLanguage() {
    const loaded = this.#loaded;
    const lang = this.#i18n.lang;
    if (!loaded?.builtin || loaded.langs.includes(lang)) return;
    loaded.langs.push(lang);
    loadBuiltin(loaded.builtin, loaded.langs).then(
      (pack) => {
        if (!pack || this.#loaded !== loaded) return;
        loaded.pack = pack;
        this.requestUpdate();
      },
      // Offline: the pack's English (or what it had) stays; the next switch tries again.
      () => {
        loaded.langs = loaded.langs.filter((l) => l !== lang);
      },
    );
  }

  /** Resolves once the page shows, the last pages included (they wait for the finish module). */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this.#module && !this.#finished && this.#onLastPage) {
      await this.#module.catch(() => {});
      done = await super.getUpdateComplete();
    }
    return done;
  }

  /** On the review or thank-you page, which render from the finish module. */
  get #onLastPage(): boolean {
    return this.page === 'review' || this.page === 'done';
  }

  get #loaded(): Loaded | undefined {
    return this.#loader.status === TaskStatus.COMPLETE ? this.#loader.value : undefined;
  }

  #emit<T>(type: string, detail: T, cancelable = false): boolean {
    return this.dispatchEvent(
      new CustomEvent(type, {detail, bubbles: true, composed: true, cancelable}),
    );
  }

  #fail(detail: SurveyErrorDetail) {
    this.#emit('rs-error', detail);
  }

  /** The pages in order: start, consent (if the pack asks), one per section, review. */
  #pageIds(loaded = this.#loaded): string[] {
    if (!loaded) return [];
    const sections = pagesAt(loaded.pack, loaded.timepoint, this.answers).map(
      (p) => `section:${p.section.id}`,
    );
    return ['start', ...(loaded.pack.consent ? ['consent'] : []), ...sections, 'review'];
  }

  #setAnswer(key: string, value: Answer | undefined) {
    const next = {...this.answers};
    if (value === undefined) delete next[key];
    else next[key] = value;
    this.answers = next;
    if (this.errors.size) {
      // An error goes away as soon as the person changes the field it is about.
      const errors = new Map(this.errors);
      errors.delete(key);
      errors.delete(key.split('.')[0]);
      this.errors = errors;
    }
    this.#answersChanged();
  }

  #answersChanged() {
    if (this.notice?.kind === 'deleted') this.notice = null;
    if (this.#loaded && !this.#submitted) this.#drafts.set(this.answers, this.page);
  }

  #message(error: FieldError): string {
    const m = this.#i18n.m[error.code];
    return typeof m === 'function' ? m(error.n ?? 0) : m;
  }

  #validate(questions: readonly Question[]): Map<string, string> {
    const errors = new Map<string, string>();
    for (const q of questions) {
      for (const e of validateQuestion(q, this.answers)) {
        if (!errors.has(e.key)) errors.set(e.key, this.#message(e));
      }
    }
    return errors;
  }

  #questionsOn(page: string): Question[] {
    const loaded = this.#loaded;
    if (!loaded || !page.startsWith('section:')) return [];
    const id = page.slice('section:'.length);
    const p = pagesAt(loaded.pack, loaded.timepoint, this.answers).find((x) => x.section.id === id);
    return (p?.items ?? []).filter((i): i is Question => i.type !== 'display');
  }

  protected goTo(page: string) {
    this.confirming = null;
    this.page = page;
    this.errors = new Map();
    this.#focusHeading = true;
    this.#pageChanged();
  }

  #pageChanged() {
    // A restored-answers notice has done its job once the person moves on.
    if (this.notice?.kind === 'restored' || this.notice?.kind === 'dropped') this.notice = null;
    if (this.#loaded && !this.#submitted && this.page !== 'done' && this.page !== 'declined') {
      // An empty survey at its start is nothing to keep: after "Start again" or "Delete
      // everything" a stored one would come back on reload as "your answers are back".
      if (this.page !== 'start' || Object.keys(this.answers).length) {
        this.#drafts.set(this.answers, this.page);
      }
    }
  }

  #next() {
    const pages = this.#pageIds();
    const errors = this.#validate(this.#questionsOn(this.page));
    if (errors.size) {
      this.errors = errors;
      this.#focusHeading = true;
      return;
    }
    const at = pages.indexOf(this.page);
    this.goTo(pages[Math.min(at + 1, pages.length - 1)]);
  }

  #back() {
    const pages = this.#pageIds();
    const at = pages.indexOf(this.page);
    if (at > 0) this.goTo(pages[at - 1]);
  }

  /**
   * Submits the response: checks every page, then sends it (or keeps it, in local mode).
   * A second call while one is under way, or after it, makes no second response.
   */
  submit(): Promise<void> {
    if (this.#submitted) return this.#submitted;
    const loaded = this.#loaded;
    if (!loaded) return Promise.resolve();
    for (const page of this.#pageIds()) {
      const errors = this.#validate(this.#questionsOn(page));
      if (errors.size) {
        this.page = page;
        this.errors = errors;
        this.#focusHeading = true;
        return Promise.resolve();
      }
    }
    this.submitting = true;
    // Set before anything is awaited, so a second click or call joins this submission.
    this.#submitted = this.#complete(loaded).finally(() => {
      this.submitting = false;
    });
    return this.#submitted;
  }

  /**
   * Hands the response to the finish module (it asks the page with `rs-submit`, then queues or
   * keeps it). The response goes into the outbox (or, in local mode, the device's store)
   * before the draft is marked submitted, so a crash between the two leaves a draft that
   * submits again under the same id: one response either way.
   */
  async #complete(loaded: Loaded): Promise<void> {
    let done;
    try {
      done = await (
        await this.#finish()
      ).submitResponse({
        ...loaded,
        survey: this,
        answers: this.answers,
        participant: this.participant,
        id: this.#responseId,
        locale: this.#i18n.lang,
        startedAt: this.#startedAt,
        delivery: this.#delivery!,
        lms: this.#lms,
        emit: (type, detail, cancelable) => this.#emit(type, detail, cancelable),
      });
    } catch (error) {
      // Offline before the sending code arrived: nothing is queued, so the person stays on
      // the review page with their draft and can submit again.
      return this.#submitFailed(error);
    }
    if (!done) {
      // Cancelled by the page: nothing is sent, the draft stays and a later submit() works.
      this.#submitted = null;
      return;
    }
    const {response, error} = done;
    this.#response = response;
    try {
      if (error) throw error;
      // The submitted draft only brings the thank-you page back after a reload: private
      // answers (reflections) have no reason to stay on a shared computer any longer.
      this.answers = response.answers;
      this.#drafts.set(this.answers, 'done');
      await this.#drafts.markSubmitted();
    } catch (error) {
      this.#storageUnavailable(errorText(error));
    }
    this.goTo('done');
    await this.#reportToLms();
  }

  /** Submitting could not start (the code for it could not load): say so, keep everything. */
  #submitFailed(error: unknown) {
    this.#submitted = null;
    this.#response = null;
    this.notice = {kind: 'storage', text: this.#i18n.m.submitFailed};
    this.#focusHeading = true;
    this.#fail({code: 'submit-failed', message: errorText(error)});
  }

  #lms?: Promise<LmsLink | undefined>;

  override connectedCallback() {
    super.connectedCallback();
    // Opened now, not when the first render has run the loader: on a first visit creating
    // the database is the slowest step before the first page.
    this.#storeReady ??= RsSurvey.openStore();
    this.#lms ??= this.#connectLms();
  }

  /**
   * Tells an LMS about the attempt: cmi5 when launched with its query parameters, else SCORM
   * when an API is found up the frame chain or the opener. Loaded only in those cases.
   */
  async #connectLms(): Promise<LmsLink | undefined> {
    try {
      // cmi5 sends requests to hosts named in the page's address, so a page must ask for it.
      if (this.lms === 'cmi5') {
        const {connectCmi5} = await import('../../lms/cmi5.js');
        return connectCmi5(this.fetch, (error) => this.#lmsFailed(error));
      }
      // A top-level page that nothing opened has no SCORM API to find.
      if (this.lms !== 'none' && (window.parent !== window || window.opener)) {
        const {connectScorm} = await import('../../lms/scorm.js');
        return connectScorm(window);
      }
    } catch (error) {
      this.#lmsFailed(error);
    }
    return undefined;
  }

  #lmsFailed(error: unknown) {
    this.#fail({code: 'lms-unavailable', message: errorText(error)});
  }

  /** Completion only: answer text never goes to the LMS. */
  async #reportToLms() {
    try {
      await (await this.#lms)?.complete();
    } catch (error) {
      this.#lmsFailed(error);
    }
  }

  /** Deletes this survey's draft on this device and starts again. */
  async clearDraft(): Promise<void> {
    if (this.submitting) return;
    const draft = await this.#drafts.discard();
    this.#submitted = null;
    this.#response = null;
    this.answers = {};
    this.#steps.clear();
    this.errors = new Map();
    this.notice = null;
    this.savedAt = null;
    this.#adopt(draft);
    if (this.page !== 'declined') this.goTo('start');
  }

  /** Sends whatever waits in the outbox now. */
  async flush(): Promise<void> {
    await (await this.#finish(), this.#delivery!.flush());
  }

  /** Deletes everything the widget stored on this device: drafts, outbox, local responses. */
  async deleteEverything(): Promise<void> {
    if (this.submitting) return;
    const loaded = this.#loaded;
    this.#adopt(await this.#drafts.discard());
    await loaded?.store.clearEverything();
    // What it was watching is gone, not delivered: a new controller starts from nothing.
    if (this.#delivery) {
      this.#delivery.hostDisconnected();
      this.removeController(this.#delivery);
      this.#delivery = undefined;
      this.#finishing = undefined;
    }
    this.answers = {};
    this.#steps.clear();
    this.#response = null;
    this.#submitted = null;
    this.goTo('start');
    this.notice = {kind: 'deleted', text: this.#i18n.m.deleted};
  }

  #decline() {
    this.answers = {};
    void this.clearDraft();
    this.goTo('declined');
  }

  override render() {
    return html`<div class="survey" part="survey">
      ${this.#loader.render({
        initial: () => this.#renderLoading(),
        pending: () => (this.#loaded ? this.#renderPage(this.#loaded) : this.#renderLoading()),
        complete: (loaded) => this.#renderPage(loaded),
        error: (error) => this.#renderFailure(error),
      })}
    </div>`;
  }

  #renderLoading() {
    return html`<p class="loading" role="status">${this.#i18n.m.loading}</p>`;
  }

  #renderFailure(error: unknown) {
    const m = this.#i18n.m;
    const problem = error instanceof PackError ? error : undefined;
    const text =
      problem?.code === 'instrument-unreachable'
        ? m.instrumentUnreachable
        : problem?.code === 'timepoint-unknown'
          ? this.timepoint
            ? m.timepointUnknown(this.timepoint)
            : m.timepointMissing
          : m.instrumentInvalid;
    return html`<div class="card failure" part="card" role="alert">
      <p>${text}</p>
      ${
        // For whoever set the page up: what is wrong (a broken pack's first problem; every
        // problem is in rs-error, and the demo's playground lists them).
        problem ? html`<p class="hint problem">${problem.message}</p>` : nothing
      }
      ${
        problem?.code === 'instrument-unreachable'
          ? html`<button class="button" part="button" @click=${() => this.#loader.run()}>
              ${m.retry}
            </button>`
          : nothing
      }
    </div>`;
  }

  #context(loaded: Loaded): QuestionContext {
    return {
      pack: loaded.pack,
      answers: this.answers,
      errors: this.errors,
      lang: this.#i18n.lang,
      m: this.#i18n.m,
      set: (key, value) => this.#setAnswer(key, value),
      get: (key) => this.answers[key],
      refresh: () => this.requestUpdate(),
      stepOf: (id) => this.#steps.get(id) ?? 0,
      showStep: (id, index) => this.#showStep(id, index),
      save: (name, text, type) => saveFile(this.renderRoot, name, text, type),
    };
  }

  /** The step each reflection shows, by item id. */
  readonly #steps = new Map<string, number>();

  /** Shows a reflection's step and, once it shows, puts focus in its text area. */
  async #showStep(id: string, index: number) {
    if (index < 0) return;
    this.#steps.set(id, index);
    this.requestUpdate();
    await this.updateComplete;
    (this.renderRoot as ShadowRoot).getElementById(`${fieldId(id)}-text`)?.focus();
  }

  #renderPage(loaded: Loaded) {
    const page = this.page;
    if (page === 'start') return this.#renderStart(loaded);
    if (page === 'consent') return this.#renderConsent(loaded);
    if (page === 'review' || page === 'done') return this.#renderEnding(loaded, page);
    if (page === 'declined') return this.#renderDeclined();
    return this.#renderSection(loaded, page);
  }

  #heading(text: string) {
    return html`<h2 class="heading" part="heading" tabindex="-1">${text}</h2>`;
  }

  #renderStart(loaded: Loaded) {
    const ctx = this.#context(loaded);
    const {pack} = loaded;
    const tp = pack.timepoints.find((x) => x.id === loaded.timepoint);
    const m = this.#i18n.m;
    const count = questionsAt(pack, loaded.timepoint, this.answers).length;
    return html`<section class="card" part="card">
      ${this.#renderNotice()} ${this.#heading(t(ctx, pack.title))}
      ${tp ? html`<p class="timepoint">${t(ctx, tp.label)}</p>` : nothing}
      ${pack.description ? html`<p>${t(ctx, pack.description)}</p>` : nothing}
      ${tp?.description ? html`<p>${t(ctx, tp.description)}</p>` : nothing}
      <p class="meta">
        ${m.questions(count)}${pack.minutes ? html` · ${m.minutes(pack.minutes)}` : nothing}
      </p>
      ${pack.licence?.illustrative ? html`<p class="hint">${m.illustrative}</p>` : nothing}
      <div class="actions">
        <button class="button primary" part="button primary" @click=${() => this.#next()}>
          ${m.start}
        </button>
      </div>
      ${this.#renderDeleteEverything()}
    </section>`;
  }

  #renderConsent(loaded: Loaded) {
    const ctx = this.#context(loaded);
    const consent = loaded.pack.consent!;
    const m = this.#i18n.m;
    return html`<section class="card" part="card">
      ${this.#heading(t(ctx, consent.title) || m.consentTitle)}
      ${consent.paragraphs.map((p) => html`<p>${t(ctx, p)}</p>`)}
      <p class="statement"><strong>${t(ctx, consent.statement)}</strong></p>
      <div class="actions">
        <button class="button primary" part="button primary" @click=${() => this.#next()}>
          ${m.consentAgree}
        </button>
        <button class="button secondary" part="button" @click=${() => this.#decline()}>
          ${m.consentDecline}
        </button>
      </div>
    </section>`;
  }

  #renderDeclined() {
    const m = this.#i18n.m;
    return html`<section class="card" part="card">
      ${this.#heading(m.declinedTitle)}
      <p>${m.declinedText}</p>
    </section>`;
  }

  #renderProgress(at: number, of: number) {
    const label = this.#i18n.m.pageOf(at, of);
    return html`<div class="progress" part="progress">
      <span id="progress-label">${label}</span>
      <progress max=${of} .value=${at} aria-labelledby="progress-label"></progress>
    </div>`;
  }

  #renderErrorSummary() {
    if (!this.errors.size) return nothing;
    return html`<div
      class="error-summary"
      part="error-summary"
      role="alert"
      tabindex="-1"
      aria-labelledby="error-summary-title"
    >
      <h3 id="error-summary-title">${this.#i18n.m.errorSummary}</h3>
      <ul>
        ${[...this.errors].map(([key, message]) => {
          const label = this.#fieldLabel(key);
          return html`<li>
            <a href="#${fieldId(key)}" @click=${(e: Event) => this.#focusField(e, key)}
              >${
                // "Which role? Answer this question"; "I can … at work: Answer this question".
                !label
                  ? message
                  : /\?$/.test(label)
                    ? `${label} ${message}`
                    : `${label.replace(/[.:]$/, '')}: ${message}`
              }</a
            >
          </li>`;
        })}
      </ul>
    </div>`;
  }

  /** What a field is called, so a summary line says which field it is about. */
  #fieldLabel(key: string): string {
    const [id, part] = key.split('.');
    const item = this.#question(id);
    if (!item) return '';
    const ctx = {lang: this.#i18n.lang, pack: this.#loaded!.pack};
    if (part && item.type === 'code') return t(ctx, item.parts.find((p) => p.id === part)?.prompt);
    if (part && item.type === 'reflection')
      return t(ctx, item.steps.find((p) => p.id === part)?.prompt);
    return t(ctx, item.text);
  }

  /** Moves focus to a field from the error summary (a fragment link cannot reach into shadow DOM). */
  #focusField(e: Event, key: string) {
    e.preventDefault();
    const root = this.renderRoot;
    const find = (id: string) => root.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
    const [itemId, step] = key.split('.');
    // A part of a code has its own field; a reflection shows one step at a time.
    const id = find(fieldId(key)) ? fieldId(key) : fieldId(itemId);
    const host = find(id);
    const item = this.#question(itemId);
    host?.scrollIntoView({block: 'center'});
    if (step && item?.type === 'reflection') {
      void this.#showStep(
        itemId,
        item.steps.findIndex((s) => s.id === step),
      );
      return;
    }
    const target =
      find(`${id}-input`) ?? host?.querySelector<HTMLElement>('input, textarea, select') ?? host;
    target?.focus();
  }

  /** The question with this id that the person has now (its conditions met). */
  #question(id: string): Question | undefined {
    const loaded = this.#loaded;
    return (
      loaded && questionsAt(loaded.pack, loaded.timepoint, this.answers).find((q) => q.id === id)
    );
  }

  #renderMatrixHead(ctx: QuestionContext, item: LikertItem) {
    const points = likertPoints(ctx, item);
    return html`<div
      class="matrix-head"
      aria-hidden="true"
      ${cssProps({'--rs-likert-columns': String(points.length)})}
    >
      <span></span>${points.map((p) => html`<span>${p.label}</span>`)}
    </div>`;
  }

  #renderSection(loaded: Loaded, page: string) {
    const ctx = this.#context(loaded);
    const id = page.slice('section:'.length);
    // Once per render (it runs on every keystroke): the visible pages give both this page
    // and the progress.
    const sections = pagesAt(loaded.pack, loaded.timepoint, this.answers);
    const at = sections.findIndex((p) => p.section.id === id);
    const current = sections[at];
    if (!current) return this.#renderStart(loaded);
    const m = this.#i18n.m;
    return html`<section class="card" part="card">
      ${this.#renderNotice()} ${this.#renderProgress(at + 1, sections.length)}
      ${this.#renderErrorSummary()} ${this.#heading(t(ctx, current.section.title))}
      ${current.section.description ? html`<p class="intro">${t(ctx, current.section.description)}</p>` : nothing}
      <div class="questions">
        ${groupItems(current.items).map((group) =>
          Array.isArray(group)
            ? html`<div class="matrix">
                ${this.#renderMatrixHead(ctx, group[0])}
                ${group.map((item) => renderItem(ctx, item, true))}
              </div>`
            : renderItem(ctx, group),
        )}
      </div>
      <div class="actions">
        <button class="button primary" part="button primary" @click=${() => this.#next()}>
          ${m.next}
        </button>
        <button class="button secondary" part="button" @click=${() => this.#back()}>
          ${m.back}
        </button>
      </div>
      ${this.#renderSaved()}
    </section>`;
  }

  /** The last pages wait for the finish module; if it could not load, the person can retry. */
  #renderEnding(loaded: Loaded, page: 'review' | 'done') {
    const f = this.#finished;
    const m = this.#i18n.m;
    if (!f) {
      return this.finishFailed
        ? html`<section class="card failure" part="card" role="alert">
            <p>${m.pageUnavailable}</p>
            <button
              class="button"
              part="button"
              @click=${() => {
                // The loading line shows while it tries again.
                this.finishFailed = false;
                this.#focusHeading = true;
              }}
            >
              ${m.retry}
            </button>
          </section>`
        : this.#renderLoading();
    }
    const ctx = this.#context(loaded);
    const e = f.endingOf(m);
    return html`<section class="card" part="card">
      ${
        page === 'review'
          ? f.reviewPage({
              ctx,
              top: html`${this.#renderNotice()} ${this.#renderErrorSummary()}
              ${this.#heading(e.review)}`,
              pages: pagesAt(loaded.pack, loaded.timepoint, this.answers),
              submitting: this.submitting,
              change: (id) => this.goTo(`section:${id}`),
              submit: () => void this.submit(),
              back: () => this.#back(),
            })
          : f.thanksPage(this, {
              ctx,
              timepoint: loaded.timepoint,
              top: this.#heading(e.thanksTitle),
              delivery: this.#delivery,
              rejection: this.rejection,
              spoken: this.#spoken,
              response: this.#response,
              store: loaded.store,
              id: loaded.submitted ?? this.#responseId,
              bottom: this.#renderDeleteEverything(),
            })
      }
    </section>`;
  }

  #renderNotice() {
    const notice = this.notice;
    if (!notice) return nothing;
    return html`<div class="notice ${notice.kind}" part="notice" role="status">
      <p>${notice.text}</p>
      ${
        notice.kind === 'restored' || notice.kind === 'elsewhere'
          ? this.#confirmable('restart', () => this.clearDraft())
          : nothing
      }
    </div>`;
  }

  /**
   * A button that deletes what a person wrote asks first, in the page (a native dialog may be
   * blocked in a sandboxed frame): what will go, then "Yes" or "Cancel".
   */
  #confirmable(kind: 'restart' | 'delete', action: () => Promise<void>) {
    const m = this.#i18n.m;
    if (this.confirming !== kind) {
      return html`<button
        class="link"
        part="button"
        @click=${async () => {
          // Say what would be lost that was never sent (or, in local mode, never downloaded),
          // counted before the question shows so a screen reader hears it with the rest.
          const store = this.#loaded?.store;
          const lists =
            kind === 'delete' && store
              ? await Promise.all([store.listOutbox(), store.listLocal()]).catch(() => [])
              : [];
          this.unsent = lists.reduce((n, list) => n + list.length, 0);
          this.confirming = kind;
          this.#focusConfirm = true;
        }}
      >
        ${kind === 'restart' ? m.startAgain : m.deleteEverything}
      </button>`;
    }
    return html`<div class="confirm" role="group" aria-labelledby="confirm-text">
      <p id="confirm-text">
        ${kind === 'restart' ? m.restartWarning : m.deleteWarning}
        ${kind === 'delete' && this.unsent ? m.unsentResponses(this.unsent) : nothing}
      </p>
      <button
        class="button danger"
        part="button"
        @click=${() => {
          this.confirming = null;
          void action();
        }}
      >
        ${kind === 'restart' ? m.confirmRestart : m.confirmDelete}
      </button>
      <button class="button secondary" part="button" @click=${() => (this.confirming = null)}>
        ${m.cancel}
      </button>
    </div>`;
  }

  /** When the draft was last stored; quiet (not a live region), or it would speak at every pause. */
  #renderSaved() {
    if (!this.savedAt || this.storageFailed) return nothing;
    const time = this.#formatDate(this.savedAt, 'time');
    if (!time) return nothing;
    return html`<p class="saved muted">${this.#i18n.m.draftSaved(time)}</p>`;
  }

  /** What the status line last said that a screen reader heard (not each retry's flip). */
  readonly #spoken = {text: ''};

  #renderDeleteEverything() {
    return html`<div class="delete">
      ${this.#confirmable('delete', () => this.deleteEverything())}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-survey': RsSurvey;
  }
  interface HTMLElementEventMap {
    'rs-ready': CustomEvent<ReadyDetail>;
    'rs-draft-saved': CustomEvent<{savedAt: string}>;
    'rs-submit': CustomEvent<{response: ResponseBody}>;
    'rs-queued': CustomEvent<{id: string}>;
    'rs-submitted': CustomEvent<{id: string; status: number | 'stored'}>;
    'rs-error': CustomEvent<SurveyErrorDetail>;
  }
}
