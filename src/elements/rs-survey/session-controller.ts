/**
 * A person's way through one survey, as a controller: the page, the answers, what is wrong,
 * the notice at the top, and the draft that keeps them (autosave through `DraftController`).
 * The rules are the pure ones of `session.ts`; this adds what happens around them: the draft
 * written on each change, focus moving to a new page's heading, the response's identity.
 */
import type {ReactiveControllerHost} from 'lit';
import type {SurveyErrorDetail} from '../../events.js';
import type {Messages} from '../../i18n/index.js';
import {formatProblem} from '../../instrument/text.js';
import type {Answer, Answers} from '../../instrument/types.js';
import type {FieldError} from '../../instrument/validate.js';
import type {Clock} from '../../internal/clock.js';
import type {DateFormats} from '../../internal/date-format.js';
import {DraftController} from '../../store/draft-controller.js';
import type {Draft} from '../../store/types.js';
import type {ResponseBody} from '../../transport/body-json.js';
import type {Loaded} from './load-survey.js';
import type {Confirmable, Notice} from './pages/notices.js';
import * as session from './session.js';
import type {Page} from './session.js';

const errorText = (error: unknown) => String((error as Error)?.message ?? error);

export interface SessionOptions {
  readonly clock: Clock;
  readonly dates: DateFormats;
  /** The person's language and its messages now. */
  readonly locale: () => {lang: string; m: Messages};
  readonly loaded: () => Loaded | undefined;
  /** A draft was stored on the device (`rs-draft-saved`). */
  readonly onSaved: (savedAt: string) => void;
  readonly onError: (detail: SurveyErrorDetail) => void;
}

export class SessionController {
  page: Page = session.startPage;
  answers: Answers = session.answersFrom();
  /** What is wrong on the page, by answer key. */
  errors: ReadonlyMap<string, FieldError> = new Map();
  /** A notice at the top: answers restored, open in another tab, storage refused, deleted. */
  notice: Notice | null = null;
  savedAt: string | null = null;
  storageFailed = false;
  /** Which destructive action waits for a "Yes", and what it would lose that was never sent. */
  confirming: Confirmable | null = null;
  unsent = 0;
  /** Where focus goes after the next render. */
  focus: 'heading' | 'confirm' | null = null;
  /** The step each reflection shows, by item id. */
  readonly steps = new Map<string, number>();
  /** The draft's response id (the Idempotency-Key) and start time. */
  responseId = '';
  startedAt: string;
  /** The submission under way or done; a second submit joins it. */
  submitted: Promise<void> | null = null;
  /** The finished response, kept for the person's own download. */
  response: ResponseBody | null = null;
  /** What the status line last said that a screen reader heard (not each retry's flip). */
  readonly spoken = {text: ''};

  readonly drafts: DraftController;
  readonly #host: ReactiveControllerHost;
  readonly #o: SessionOptions;

  constructor(host: ReactiveControllerHost, options: SessionOptions) {
    this.#host = host;
    this.#o = options;
    this.startedAt = new Date(options.clock.now()).toISOString();
    this.drafts = new DraftController(host, {
      clock: options.clock,
      onSaved: (savedAt) => {
        const shown = this.savedTime;
        this.savedAt = savedAt;
        // Written to memory once storage failed: not stored on the device, so not announced.
        if (!this.storageFailed) options.onSaved(savedAt);
        // The saved line shows the minute: most saves (every pause in typing) change nothing.
        if (this.savedTime !== shown) host.requestUpdate();
      },
      onRemoteChange: (draft, {localEdits}) => {
        const loaded = options.loaded();
        if (!loaded) return;
        if (draft && !localEdits && !draft.submitted) {
          this.answers = session.knownAnswers(loaded.pack, draft.answers).answers;
        }
        // Both tabs submit under one id (the controller adopted it), or under a fresh one
        // after the other tab deleted the draft.
        this.#adopt(this.drafts.draft);
        this.#say('elsewhere', this.#m.openElsewhere);
      },
      onError: (error) => this.storageUnavailable(error.message),
    });
  }

  get #m() {
    return this.#o.locale().m;
  }

  /** The saved line's time, once the page can format it. */
  get savedTime(): string | undefined {
    if (!this.savedAt || this.storageFailed) return undefined;
    return this.#o.dates.format(this.savedAt, this.#o.locale().lang, 'time');
  }

  /** A pack has loaded: restores the draft, page and all, or starts afresh. */
  started(loaded: Loaded): void {
    const {draft} = loaded;
    this.forget(draft);
    // A new draft starts with the first values of a FHIR Questionnaire's expressions (its
    // pack's `initial`); a restored one has them stored.
    this.answers = draft.answers;
    this.page = loaded.submitted
      ? 'done'
      : loaded.restored
        ? session.restoredPage(loaded, draft.answers, draft.page)
        : session.startPage;
    const m = this.#m;
    const when = () => this.#o.dates.format(draft.updatedAt, this.#o.locale().lang, 'moment')!;
    this.notice = loaded.dropped
      ? {kind: 'dropped', text: m.droppedAnswers(loaded.dropped)}
      : loaded.restored && Object.keys(draft.answers).length
        ? {kind: 'restored', text: m.restored(when())}
        : this.notice?.kind === 'storage'
          ? this.notice
          : null;
    if (loaded.warnings.length) {
      this.#o.onError({
        code: 'instrument-warning',
        message: loaded.warnings.map(formatProblem).join('\n'),
        problems: loaded.warnings,
      });
    }
  }

  /** Forgets this session's answers and response; takes the identity of `draft`. */
  forget(draft: Draft | undefined): void {
    this.answers = session.answersFrom();
    this.errors = new Map();
    this.steps.clear();
    this.response = null;
    this.submitted = null;
    this.#adopt(draft);
    this.#host.requestUpdate();
  }

  /** The draft was deleted ("Start again"): a fresh start, unless the person declined. */
  cleared(draft: Draft | undefined): void {
    this.forget(draft);
    this.savedAt = null;
    this.notice = null;
    if (this.page !== 'declined') this.goTo(session.startPage);
  }

  /** Storage was refused or failed: the survey goes on in memory and says so, once. */
  storageUnavailable(message: string): void {
    if (this.storageFailed) return;
    this.storageFailed = true;
    this.#say('storage', this.#m.storageUnavailable);
    this.#o.onError({code: 'storage-unavailable', message});
  }

  setAnswer(key: string, value: Answer | undefined): void {
    this.answers = session.withAnswer(this.answers, key, value);
    this.errors = session.errorsAfterChange(this.errors, key);
    if (this.notice?.kind === 'deleted') this.notice = null;
    this.#keep(this.page);
    this.#host.requestUpdate();
  }

  goTo(page: Page): void {
    this.confirming = null;
    this.page = page;
    this.errors = new Map();
    this.focus = 'heading';
    // A restored-answers notice has done its job once the person moves on.
    if (this.notice?.kind === 'restored' || this.notice?.kind === 'dropped') this.notice = null;
    // An empty survey at its start is nothing to keep: after "Start again" or "Delete
    // everything" a stored one would come back on reload as "your answers are back".
    const empty = page === 'start' && !Object.keys(this.answers).length;
    if (page !== 'done' && page !== 'declined' && !empty) this.#keep(page);
    this.#host.requestUpdate();
  }

  /** "I do not agree": nothing is kept, and the person is thanked. */
  decline(clear: () => Promise<void>): void {
    this.answers = session.answersFrom();
    void clear();
    this.goTo('declined');
  }

  next(loaded: Loaded): void {
    const step = session.next(loaded, this.answers, this.page);
    if ('page' in step) return this.goTo(step.page);
    this.#showErrors(step.errors);
  }

  back(loaded: Loaded): void {
    const page = session.back(loaded, this.answers, this.page);
    if (page) this.goTo(page);
  }

  /** Submit's check: shows the first page with something wrong; true when all may be sent. */
  ready(loaded: Loaded): boolean {
    const problem = session.firstProblem(loaded, this.answers);
    if (!problem) return true;
    this.page = problem.page;
    this.#showErrors(problem.errors);
    return false;
  }

  /**
   * Runs a submission: `send` builds the response, lets the page see it and stores it for
   * delivery (or keeps it here). Then the draft is marked submitted, keeping only what was
   * sent (private answers have no reason to stay on a shared computer), and the thank-you page
   * shows. The response is stored before the draft is marked, so a crash between the two
   * leaves a draft that submits again under the same id: one response either way. Resolves to
   * whether the person got to the thank-you page.
   */
  async complete(
    send: () => Promise<{response: ResponseBody; error?: unknown} | undefined>,
  ): Promise<boolean> {
    let done;
    try {
      done = await send();
    } catch (error) {
      // Offline before the sending code arrived: nothing is queued, so the person stays on
      // the review page with their draft and can submit again.
      this.submitted = null;
      this.#say('storage', this.#m.submitFailed);
      this.focus = 'heading';
      this.#o.onError({code: 'submit-failed', message: errorText(error)});
      return false;
    }
    // Cancelled by the page: nothing is sent, the draft stays and a later submit() works.
    if (!done) {
      this.submitted = null;
      return false;
    }
    const {response, error} = done;
    this.response = response;
    try {
      if (error) throw error;
      this.answers = session.answersFrom(response.answers);
      this.drafts.set(this.answers, 'done');
      await this.drafts.markSubmitted();
    } catch (e) {
      this.storageUnavailable(errorText(e));
    }
    this.goTo('done');
    return true;
  }

  /** Moves focus where the last change asked for it, once the page shows it. */
  moveFocus(root: ParentNode): void {
    if (this.focus === 'confirm') {
      this.focus = null;
      root.querySelector<HTMLElement>('.confirm button')?.focus();
    } else if (this.focus === 'heading') {
      // The last pages show a loading line until the finish code arrives: focus waits for
      // their heading rather than being dropped on the page's body.
      const target = root.querySelector<HTMLElement>('.error-summary, h2');
      if (target) {
        this.focus = null;
        target.focus();
      }
    }
  }

  /** Asks before deleting: counts what would be lost first, so a screen reader hears it too. */
  async ask(kind: Confirmable): Promise<void> {
    const store = this.#o.loaded()?.store;
    const lists =
      kind === 'delete' && store
        ? await Promise.all([store.listOutbox(), store.listLocal()]).catch(() => [])
        : [];
    this.unsent = lists.reduce((n, list) => n + list.length, 0);
    this.confirming = kind;
    this.focus = 'confirm';
    this.#host.requestUpdate();
  }

  #showErrors(errors: ReadonlyMap<string, FieldError>) {
    this.errors = errors;
    this.focus = 'heading';
    this.#host.requestUpdate();
  }

  #say(kind: Notice['kind'], text: string) {
    this.notice = {kind, text};
    this.#host.requestUpdate();
  }

  /**
   * Writes the draft (after a pause): not before a pack loaded, nor once submitted. A FHIR
   * Questionnaire's expressions (its lazy FHIRPath chunk) work out their values first:
   * calculated answers, and which items their enableWhenExpressions show.
   */
  #keep(page: Page) {
    const loaded = this.#o.loaded();
    if (loaded && !this.submitted)
      this.drafts.set((this.answers = loaded.fhir?.derive?.(this.answers) ?? this.answers), page);
  }

  #adopt(draft: Draft | undefined) {
    if (!draft) return;
    this.responseId = draft.responseId;
    this.startedAt = draft.startedAt;
  }
}
