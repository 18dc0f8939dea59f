import {adoptStyles, html, LitElement} from 'lit';
import {Task, TaskStatus} from '@lit/task';
import type {RsSurveyEventMap} from '../../events.js';
import {LocaleController} from '../../i18n/index.js';
import {PackError} from '../../instrument/load.js';
import {loadBuiltin} from '../../instrument/packs/index.js';
import {formatProblem} from '../../instrument/text.js';
import type {Answer, Answers} from '../../instrument/types.js';
import type {FieldError} from '../../instrument/validate.js';
import {realClock, type Clock} from '../../internal/clock.js';
import {DateFormats, whenIdle} from '../../internal/date-format.js';
import {loadIdentifierCheck} from '../../internal/identifiers.js';
import {likertStyles} from '../../internal/likert.js';
import {reflectionStyles} from '../../internal/reflection.js';
import {saveFile} from '../../internal/save-file.js';
import {DraftController} from '../../store/draft-controller.js';
import {DRAFT_MAX_AGE_MS, openStore, type OpenStoreResult} from '../../store/store.js';
import type {Draft} from '../../store/types.js';
import type {ResponseBody} from '../../transport/body-json.js';
import type {DeliveryControllerOptions} from '../../transport/delivery-controller.js';
import {FinishController, type Finish} from './finish-controller.js';
import {LmsController} from './lms-controller.js';
import {loadSurvey, packSource, type Loaded} from './load-survey.js';
import {consentPage, declinedPage} from './pages/consent.js';
import {errorSummary} from './pages/error-summary.js';
import * as notices from './pages/notices.js';
import {sectionPage} from './pages/section.js';
import {startPage} from './pages/start.js';
import {heading, type PageView} from './pages/view.js';
import {fieldId, t, type QuestionContext} from './questions.js';
import * as session from './session.js';
import type {Page} from './session.js';
import {styles} from './rs-survey.styles.js';

export type {
  ReadyDetail,
  ResponseFormat,
  SurveyErrorCode,
  SurveyErrorDetail,
} from '../../events.js';
import type {ResponseFormat} from '../../events.js';

const errorText = (error: unknown) => String((error as Error)?.message ?? error);

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
 * @event rs-ready - The instrument loaded and rendered. `detail: {instrument: {id, version}, timepoint, restored}`.
 * @event rs-draft-saved - A change was stored on the device. `detail: {savedAt}`.
 * @event rs-submit - Before sending; cancelable. `detail: {response}`.
 * @event rs-queued - The response is in the outbox and not yet delivered. `detail: {id}`.
 * @event rs-submitted - The endpoint accepted the response, or local mode stored it. `detail: {id, status}`.
 * @event rs-error - Something the person or the page must know about. `detail: {code, message}`.
 *
 * @csspart card - The box around each page.
 * @csspart heading - Each page's heading.
 * @csspart progress - The progress indicator.
 * @csspart button - Every button.
 * @csspart primary - The main button of a page (Start, Next, Submit).
 * @csspart error-summary - The list of problems at the top of a page.
 * @csspart status - The delivery status line.
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
    unsent: {state: true},
  };

  // Seams for tests, read when a survey is created (openStore: each time a survey loads).
  /** @internal Opens the device's storage (one connection shared by every widget). */
  static openStore: () => Promise<OpenStoreResult> = () => (sharedStore ??= openStore());
  /** @internal Retry timing for delivery (tests shorten the backoff). */
  static deliveryOptions: Pick<DeliveryControllerOptions, 'backoff' | 'timeoutMs' | 'random'> = {};
  /** @internal Loads the finish code (tests hand in one that fails, as a dropped connection would). */
  static importFinish: () => Promise<Finish> = () => import('./finish.js');
  /** @internal How long the last pages wait for their code before they offer "Try again". */
  static finishTimeoutMs = 20_000;
  /** @internal Timers of autosave, delivery and the finish code (tests move a fake one). */
  static clock: Clock = realClock;

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

  protected page: Page = session.startPage;
  protected answers: Answers = session.answersFrom();
  /** What is wrong on the page, by answer key. */
  protected errors: ReadonlyMap<string, FieldError> = new Map();
  protected submitting = false;
  /** A notice at the top: answers restored, open in another tab, storage refused, deleted. */
  protected notice: notices.Notice | null = null;
  protected savedAt: string | null = null;
  /** Which destructive action waits for a "Yes". */
  protected confirming: notices.Confirmable | null = null;
  protected storageFailed = false;
  protected rejection = '';
  /** Finished responses waiting on this device, counted when "Delete everything" asks. */
  protected unsent = 0;

  readonly #i18n = new LocaleController(this);
  readonly #clock = RsSurvey.clock;
  readonly #dates = new DateFormats(() => this.requestUpdate());
  /** The finished response, kept for the person's own download. */
  #response: ResponseBody | null = null;
  #startedAt = new Date(this.#clock.now()).toISOString();
  #responseId = '';
  #submitted: Promise<void> | null = null;
  /** Where focus goes after the next render. */
  #focus: 'heading' | 'confirm' | null = null;
  #readyFired = false;
  #prefetched = false;
  #adoptedEnding = false;
  /** The device's storage, opening since the element connected (a first visit creates it). */
  #storeReady?: Promise<OpenStoreResult>;
  /** The step each reflection shows, by item id. */
  readonly #steps = new Map<string, number>();
  /** What the status line last said that a screen reader heard (not each retry's flip). */
  readonly #spoken = {text: ''};

  readonly #drafts = new DraftController(this, {
    clock: this.#clock,
    onSaved: (savedAt) => {
      this.savedAt = savedAt;
      // Written to memory once storage failed: not stored on the device, so not announced.
      if (!this.storageFailed) this.#emit('rs-draft-saved', {savedAt});
    },
    onRemoteChange: (draft, {localEdits}) => {
      const loaded = this.#loaded;
      if (!loaded) return;
      if (draft && !localEdits && !draft.submitted) {
        this.answers = session.knownAnswers(loaded.pack, draft.answers).answers;
      }
      // Both tabs submit under one id (the controller adopted it), or under a fresh one
      // after the other tab deleted the draft.
      this.#adopt(this.#drafts.draft);
      this.notice = {kind: 'elsewhere', text: this.#i18n.m.openElsewhere};
    },
    onError: (error) => this.#storageUnavailable(error.message),
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
  });

  readonly #lms = new LmsController(this, {
    mode: () => this.lms,
    fetch: () => this.fetch,
    onError: (error) =>
      this.#emit('rs-error', {code: 'lms-unavailable', message: errorText(error)}),
  });

  readonly #loader = new Task(this, {
    task: ([instrument, timepoint, participant, key], {signal}) => {
      const store = this.#storeReady ?? RsSurvey.openStore();
      this.#storeReady = undefined;
      return loadSurvey(
        {
          source: packSource(
            instrument,
            this.querySelector(':scope > script[type="application/json"]'),
          ),
          timepoint,
          participant,
          storageKey: key,
          lang: this.#i18n.lang,
          fetch: this.fetch,
          store,
          draftDays: this.draftDays,
          drafts: this.#drafts,
          onMemoryOnly: (message) => this.#storageUnavailable(message),
        },
        signal,
      );
    },
    args: () => [this.instrument, this.timepoint, this.participant, this.storageKey] as const,
    onComplete: (loaded) => this.#started(loaded),
    onError: (error) => {
      if (error instanceof PackError) {
        const [first] = error.problems;
        const where = first ? {path: first.path, problems: error.problems} : {};
        this.#emit('rs-error', {code: error.code, message: error.message, ...where});
      } else if (!(error instanceof DOMException && error.name === 'AbortError')) {
        this.#emit('rs-error', {code: 'instrument-invalid', message: errorText(error), path: '$'});
      }
    },
  });

  /**
   * Submits the response: checks every page, then sends it (or keeps it, in local mode).
   * A second call while one is under way, or after it, makes no second response.
   */
  submit(): Promise<void> {
    if (this.#submitted) return this.#submitted;
    const loaded = this.#loaded;
    if (!loaded) return Promise.resolve();
    const problem = session.firstProblem(loaded, this.answers);
    if (problem) {
      this.page = problem.page;
      this.errors = problem.errors;
      this.#focus = 'heading';
      return Promise.resolve();
    }
    this.submitting = true;
    // Set before anything is awaited, so a second click or call (a page calling submit()
    // from rs-submit, say) joins this submission.
    this.#submitted = this.#complete(loaded).finally(() => (this.submitting = false));
    return this.#submitted;
  }

  /** Deletes this survey's draft on this device and starts again. */
  async clearDraft(): Promise<void> {
    if (this.submitting) return;
    this.#forget(await this.#drafts.discard());
    this.savedAt = null;
    this.notice = null;
    if (this.page.kind !== 'declined') this.#goTo(session.startPage);
  }

  /** Sends whatever waits in the outbox now. */
  async flush(): Promise<void> {
    await this.#finish.start();
    await this.#finish.delivery!.flush();
  }

  /** Deletes everything the widget stored on this device: drafts, outbox, local responses. */
  async deleteEverything(): Promise<void> {
    if (this.submitting) return;
    const loaded = this.#loaded;
    const draft = await this.#drafts.discard();
    await loaded?.store.clearEverything();
    // What delivery was watching is gone, not delivered: a new one starts from nothing.
    this.#finish.reset();
    this.#forget(draft);
    this.#goTo(session.startPage);
    this.notice = {kind: 'deleted', text: this.#i18n.m.deleted};
  }

  override connectedCallback() {
    super.connectedCallback();
    // Opened now, not when the first render has run the loader: on a first visit creating
    // the database is the slowest step before the first page.
    this.#storeReady ??= RsSurvey.openStore();
  }

  // `lang` is the element's own attribute, not a Lit property: a change re-renders in the new language.
  static override get observedAttributes() {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null) {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  /** Resolves once the page shows, the last pages included (they wait for the finish code). */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    for (let p; (p = this.#finish.pending) && session.isLastPage(this.page);) {
      await p;
      done = await super.getUpdateComplete();
    }
    return done;
  }

  protected override willUpdate() {
    const finish = this.#finish.module;
    if (finish && !this.#adoptedEnding && this.renderRoot) {
      this.#adoptedEnding = true;
      const {elementStyles} = this.constructor as typeof RsSurvey;
      adoptStyles(this.renderRoot as ShadowRoot, [...elementStyles, finish.endingStyles]);
    }
    // The last pages (and delivery) need the finish code: on the review page, and on the
    // thank-you page brought back by a reload. After a failed load only the person's
    // "Try again" tries again (no loop of failures).
    if (
      this.#loaded &&
      !this.#finish.delivery &&
      !this.#finish.failed &&
      session.isLastPage(this.page)
    )
      this.#startFinish();
  }

  protected override updated() {
    this.#addLanguage();
    const loaded = this.#loaded;
    if (loaded && !this.#prefetched && this.page.kind === 'section') {
      this.#prefetched = true;
      // Once the first questions show, fetch the rest while the person answers them: a
      // connection that drops later then costs nothing. (Not earlier: a person who presses
      // Start at once should not wait for bytes the first questions do not need.) The build
      // puts both in one file (vite.config.ts): one request.
      whenIdle(() => {
        this.#finish.load(true).catch(() => {});
        void loadIdentifierCheck();
      });
    }
    if (loaded && !this.#readyFired) {
      this.#readyFired = true;
      const {pack, timepoint, restored} = loaded;
      const instrument = {id: pack.id, version: pack.version};
      this.#emit('rs-ready', {instrument, timepoint, restored});
    }
    const root = this.renderRoot;
    if (this.#focus === 'confirm') {
      this.#focus = null;
      root.querySelector<HTMLElement>('.confirm button')?.focus();
    } else if (this.#focus === 'heading') {
      // The last pages show a loading line until the finish code arrives: focus waits for
      // their heading rather than being dropped on the page's body.
      const target = root.querySelector<HTMLElement>('.error-summary, h2');
      if (target) {
        this.#focus = null;
        target.focus();
      }
    }
  }

  override render() {
    return html`<div class="survey" part="survey">
      ${this.#loader.render({
        initial: () => notices.loadingLine(this.#i18n.m),
        pending: () =>
          this.#loaded ? this.#renderPage(this.#loaded) : notices.loadingLine(this.#i18n.m),
        complete: (loaded) => this.#renderPage(loaded),
        error: (error) => this.#renderFailure(error),
      })}
    </div>`;
  }

  #renderFailure(error: unknown) {
    const m = this.#i18n.m;
    const problem = error instanceof PackError ? error : undefined;
    const code = problem?.code;
    return notices.failureCard({
      m,
      text:
        code === 'instrument-unreachable'
          ? m.instrumentUnreachable
          : code === 'timepoint-unknown'
            ? this.timepoint
              ? m.timepointUnknown(this.timepoint)
              : m.timepointMissing
            : m.instrumentInvalid,
      // For whoever set the page up: what is wrong (a broken pack's first problem; every
      // problem is in rs-error, and the demo's playground lists them).
      problem: problem?.message,
      retry: code === 'instrument-unreachable' ? () => void this.#loader.run() : undefined,
    });
  }

  #renderPage(loaded: Loaded) {
    const {page} = this;
    const m = this.#i18n.m;
    const v = this.#view(loaded);
    const next = () => this.#next(loaded);
    const back = () => this.#back(loaded);
    switch (page.kind) {
      case 'start':
        return startPage(v, {
          questions: session.questionsAtCount(loaded, this.answers),
          start: next,
        });
      case 'consent':
        return consentPage(v, {agree: next, decline: () => this.#decline()});
      case 'declined':
        return declinedPage(m);
      case 'section': {
        // Once per render (it runs on every keystroke): the visible pages give both this
        // page and the progress.
        const sections = session.sectionsOf(loaded, this.answers);
        const at = sections.findIndex((p) => p.section.id === page.id);
        if (at < 0)
          return startPage(v, {
            questions: session.questionsAtCount(loaded, this.answers),
            start: next,
          });
        const saved =
          this.savedAt && !this.storageFailed
            ? this.#dates.format(this.savedAt, this.#i18n.lang, 'time')
            : undefined;
        return sectionPage(v, {
          ...sections[at],
          at: at + 1,
          of: sections.length,
          saved: notices.savedLine(m, saved),
          next,
          back,
        });
      }
      default:
        return this.#renderEnding(loaded, v, page.kind === 'review', back);
    }
  }

  /** The last pages render from the finish code; if it could not load, the person can retry. */
  #renderEnding(loaded: Loaded, v: PageView, review: boolean, back: () => void) {
    const f = this.#finish.module;
    const m = this.#i18n.m;
    if (!f) {
      return this.#finish.failed
        ? notices.pageUnavailable(m, () => {
            this.#finish.retry();
            this.#focus = 'heading';
          })
        : notices.loadingLine(m);
    }
    const e = f.endingOf(m);
    const to = this.#finish.destination!;
    const status = this.#finish.delivery?.status ?? 'idle';
    const id = loaded.submitted ?? this.#responseId;
    return html`<section class="card" part="card">
      ${
        review
          ? f.reviewPage({
              ctx: v.ctx,
              top: html`${v.notice} ${v.errorSummary} ${heading(e.review)}`,
              pages: session.sectionsOf(loaded, this.answers),
              submitting: this.submitting,
              change: (section) => this.#goTo({kind: 'section', id: section}),
              submit: () => void this.submit(),
              back,
            })
          : f.donePage({
              ctx: v.ctx,
              timepoint: loaded.timepoint,
              top: heading(e.thanksTitle),
              bottom: v.deleteEverything,
              status,
              rejection: this.rejection,
              endpoint: to.kind,
              spoken: this.#spoken,
              // Offered while the response stays on the device (local mode, refused, rejected).
              download:
                to.kind !== 'send' || status === 'rejected'
                  ? (kind) => void this.#download(f, loaded, id, kind)
                  : undefined,
            })
      }
    </section>`;
  }

  /** Saves the person's own copy: this session's response, else the one kept on the device. */
  async #download(f: Finish, loaded: Loaded, id: string, kind: 'json' | 'csv') {
    const r = this.#response ?? (await f.keptResponse(loaded.store, id));
    if (!r) return;
    const file = f.responseFile(r, kind);
    saveFile(this.renderRoot, file.name, file.text, file.type);
  }

  #view(loaded: Loaded): PageView {
    const m = this.#i18n.m;
    const ctx = this.#context(loaded);
    const confirm: notices.ConfirmState = {
      m,
      confirming: this.confirming,
      unsent: this.unsent,
      ask: (kind) => void this.#ask(kind),
      cancel: () => (this.confirming = null),
    };
    const yes = (action: () => Promise<void>) => () => {
      this.confirming = null;
      void action();
    };
    return {
      ctx,
      timepoint: loaded.timepoint,
      notice: notices.noticeLine(
        this.notice,
        confirm,
        yes(() => this.clearDraft()),
      ),
      errorSummary: errorSummary({
        m,
        errors: ctx.errors,
        label: (key) => this.#fieldLabel(loaded, key),
        focus: (e, key) => this.#focusField(loaded, e, key),
      }),
      deleteEverything: html`<div class="delete">
        ${notices.confirmable(
          confirm,
          'delete',
          yes(() => this.deleteEverything()),
        )}
      </div>`,
    };
  }

  /**
   * Asks before deleting: says what would be lost that was never sent (or, in local mode,
   * never downloaded), counted before the question shows so a screen reader hears it with
   * the rest.
   */
  async #ask(kind: notices.Confirmable) {
    const store = this.#loaded?.store;
    const lists =
      kind === 'delete' && store
        ? await Promise.all([store.listOutbox(), store.listLocal()]).catch(() => [])
        : [];
    this.unsent = lists.reduce((n, list) => n + list.length, 0);
    this.confirming = kind;
    this.#focus = 'confirm';
  }

  #context(loaded: Loaded): QuestionContext {
    const m = this.#i18n.m;
    const messages = new Map<string, string>();
    for (const [key, e] of this.errors) {
      const text = m[e.code];
      messages.set(key, typeof text === 'function' ? text(e.n ?? 0) : text);
    }
    return {
      pack: loaded.pack,
      answers: this.answers,
      errors: messages,
      lang: this.#i18n.lang,
      m,
      set: (key, value) => this.#setAnswer(key, value),
      get: (key) => (Object.hasOwn(this.answers, key) ? this.answers[key] : undefined),
      refresh: () => this.requestUpdate(),
      stepOf: (id) => this.#steps.get(id) ?? 0,
      showStep: (id, index) => void this.#showStep(id, index),
      save: (name, text, type) => saveFile(this.renderRoot, name, text, type),
    };
  }

  /** Shows a reflection's step and, once it shows, puts focus in its text area. */
  async #showStep(id: string, index: number) {
    if (index < 0) return;
    this.#steps.set(id, index);
    this.requestUpdate();
    await this.updateComplete;
    (this.renderRoot as ShadowRoot).getElementById(`${fieldId(id)}-text`)?.focus();
  }

  /** What a field is called, so a summary line says which field it is about. */
  #fieldLabel(loaded: Loaded, key: string): string {
    const [id, part] = key.split('.');
    const item = session.questionById(loaded, this.answers, id);
    const ctx = {lang: this.#i18n.lang, pack: loaded.pack};
    if (!item) return '';
    if (part && item.type === 'code') return t(ctx, item.parts.find((p) => p.id === part)?.prompt);
    if (part && item.type === 'reflection')
      return t(ctx, item.steps.find((p) => p.id === part)?.prompt);
    return t(ctx, item.text);
  }

  /** Moves focus to a field from the error summary (a fragment link cannot reach into shadow DOM). */
  #focusField(loaded: Loaded, e: Event, key: string) {
    e.preventDefault();
    const find = (id: string) => this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
    const [itemId, step] = key.split('.');
    // A part of a code has its own field; a reflection shows one step at a time.
    const id = find(fieldId(key)) ? fieldId(key) : fieldId(itemId);
    const host = find(id);
    const item = session.questionById(loaded, this.answers, itemId);
    host?.scrollIntoView({block: 'center'});
    if (step && item?.type === 'reflection') {
      void this.#showStep(
        itemId,
        item.steps.findIndex((s) => s.id === step),
      );
      return;
    }
    const input = host?.querySelector<HTMLElement>('input, textarea, select');
    (find(`${id}-input`) ?? input ?? host)?.focus();
  }

  get #loaded(): Loaded | undefined {
    return this.#loader.status === TaskStatus.COMPLETE ? this.#loader.value : undefined;
  }

  /** Fires one of the survey's events (`events.ts`), bubbling and composed. */
  #emit<K extends keyof RsSurveyEventMap>(
    type: K,
    detail: RsSurveyEventMap[K]['detail'],
    cancelable = false,
  ): boolean {
    return this.dispatchEvent(
      new CustomEvent(type, {detail, bubbles: true, composed: true, cancelable}),
    );
  }

  #storageUnavailable(message: string) {
    if (this.storageFailed) return;
    this.storageFailed = true;
    this.notice = {kind: 'storage', text: this.#i18n.m.storageUnavailable};
    this.#emit('rs-error', {code: 'storage-unavailable', message});
  }

  /** Called once a pack has loaded: restores the draft, page and all, or starts afresh. */
  #started(loaded: Loaded) {
    const {draft} = loaded;
    const m = this.#i18n.m;
    this.#forget(draft);
    this.answers = draft.answers;
    this.page = loaded.submitted
      ? {kind: 'done'}
      : loaded.restored
        ? session.restoredPage(loaded, draft.answers, draft.page)
        : session.startPage;
    const when = () => this.#dates.format(draft.updatedAt, this.#i18n.lang, 'moment')!;
    this.notice = loaded.dropped
      ? {kind: 'dropped', text: m.droppedAnswers(loaded.dropped)}
      : loaded.restored && Object.keys(draft.answers).length
        ? {kind: 'restored', text: m.restored(when())}
        : this.notice?.kind === 'storage'
          ? this.notice
          : null;
    this.#readyFired = false;
    this.#finish.attach(loaded.store);
    // A response from an earlier visit still waits: start delivering it.
    if (loaded.waiting) this.#startFinish();
    if (loaded.warnings.length) {
      this.#emit('rs-error', {
        code: 'instrument-warning',
        message: loaded.warnings.map(formatProblem).join('\n'),
        problems: loaded.warnings,
      });
    }
  }

  /** Starts delivery early; a failed load is tried again when needed. */
  #startFinish() {
    this.#finish.start().catch(() => {});
  }

  /** Forgets this session's answers and response; takes the identity of `draft`. */
  #forget(draft: Draft | undefined) {
    this.answers = session.answersFrom();
    this.errors = new Map();
    this.#steps.clear();
    this.#response = null;
    this.#submitted = null;
    this.#adopt(draft);
  }

  /** Takes the identity of a draft: its response id (the Idempotency-Key) and start time. */
  #adopt(draft: Draft | undefined) {
    if (!draft) return;
    this.#responseId = draft.responseId;
    this.#startedAt = draft.startedAt;
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
      () => (loaded.langs = loaded.langs.filter((l) => l !== lang)),
    );
  }

  #setAnswer(key: string, value: Answer | undefined) {
    this.answers = session.withAnswer(this.answers, key, value);
    this.errors = session.errorsAfterChange(this.errors, key);
    if (this.notice?.kind === 'deleted') this.notice = null;
    if (this.#loaded && !this.#submitted)
      this.#drafts.set(this.answers, session.pageKey(this.page));
  }

  #goTo(page: Page) {
    this.confirming = null;
    this.page = page;
    this.errors = new Map();
    this.#focus = 'heading';
    // A restored-answers notice has done its job once the person moves on.
    if (this.notice?.kind === 'restored' || this.notice?.kind === 'dropped') this.notice = null;
    // An empty survey at its start is nothing to keep: after "Start again" or "Delete
    // everything" a stored one would come back on reload as "your answers are back".
    const keep = page.kind !== 'start' || Object.keys(this.answers).length > 0;
    if (
      this.#loaded &&
      !this.#submitted &&
      page.kind !== 'done' &&
      page.kind !== 'declined' &&
      keep
    )
      this.#drafts.set(this.answers, session.pageKey(page));
  }

  #next(loaded: Loaded) {
    const step = session.next(loaded, this.answers, this.page);
    if ('page' in step) return this.#goTo(step.page);
    this.errors = step.errors;
    this.#focus = 'heading';
  }

  #back(loaded: Loaded) {
    const page = session.back(loaded, this.answers, this.page);
    if (page) this.#goTo(page);
  }

  #decline() {
    this.answers = session.answersFrom();
    void this.clearDraft();
    this.#goTo({kind: 'declined'});
  }

  /**
   * Hands the response to the finish code (it asks the page with `rs-submit`, then queues or
   * keeps it). The response goes into the outbox (or, in local mode, the device's store)
   * before the draft is marked submitted, so a crash between the two leaves a draft that
   * submits again under the same id: one response either way.
   */
  async #complete(loaded: Loaded): Promise<void> {
    let done;
    try {
      const finish = await this.#finish.start();
      done = await finish.submitResponse({
        ...loaded,
        answers: this.answers,
        participant: this.participant,
        id: this.#responseId,
        locale: this.#i18n.lang,
        startedAt: this.#startedAt,
        submittedAt: new Date(this.#clock.now()).toISOString(),
        format: this.format,
        destination: this.#finish.destination!,
        headers: this.headers,
        credentials: this.credentials,
        origin: location.origin,
        delivery: this.#finish.delivery!,
        lrs: () => this.#lms.lrs(),
        confirm: (response) => this.#emit('rs-submit', {response}, true),
        stored: (id) => this.#emit('rs-submitted', {id, status: 'stored'}),
      });
    } catch (error) {
      // Offline before the sending code arrived: nothing is queued, so the person stays on
      // the review page with their draft and can submit again.
      this.#submitted = null;
      this.notice = {kind: 'storage', text: this.#i18n.m.submitFailed};
      this.#focus = 'heading';
      this.#emit('rs-error', {code: 'submit-failed', message: errorText(error)});
      return;
    }
    // Cancelled by the page: nothing is sent, the draft stays and a later submit() works.
    if (!done) return void (this.#submitted = null);
    this.#response = done.response;
    try {
      if (done.error) throw done.error;
      // The submitted draft only brings the thank-you page back after a reload: private
      // answers (reflections) have no reason to stay on a shared computer any longer.
      this.answers = session.answersFrom(done.response.answers);
      this.#drafts.set(this.answers, 'done');
      await this.#drafts.markSubmitted();
    } catch (error) {
      this.#storageUnavailable(errorText(error));
    }
    this.#goTo({kind: 'done'});
    await this.#lms.complete();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-survey': RsSurvey;
  }
}
