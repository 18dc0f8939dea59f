import {html, LitElement, nothing, type PropertyValues} from 'lit';
import {property, state} from 'lit/decorators.js';
import {styleMap} from 'lit/directives/style-map.js';
import {Task, TaskStatus} from '@lit/task';
import {LocaleController} from '../../i18n/index.js';
import {pagesAt, questionsAt, visibleAnswers} from '../../instrument/conditions.js';
import {loadPack, PackError, resolveTimepoint, type PackSource} from '../../instrument/load.js';
import {scoreAll} from '../../instrument/scoring.js';
import type {Answer, Answers, LikertItem, Pack, PackProblem, Question, Score} from '../../instrument/types.js';
import {assembleCode, validateQuestion, type FieldError} from '../../instrument/validate.js';
import {buildJsonBody, type ResponseBody} from '../../transport/body-json.js';
import {version} from '../../version.js';
import {answerText, fieldId, groupItems, likertPoints, renderItem, t, type QuestionContext} from './questions.js';
import {styles} from './rs-survey.styles.js';

/** Body formats an endpoint can receive. */
export type ResponseFormat = 'json' | 'fhir' | 'xapi';

/** `rs-error` codes (the contract names at least these). */
export type SurveyErrorCode =
  | 'instrument-invalid'
  | 'instrument-unreachable'
  | 'timepoint-unknown'
  | 'endpoint-invalid'
  | 'storage-unavailable'
  | 'delivery-rejected';

export interface SurveyErrorDetail {
  code: SurveyErrorCode;
  message: string;
  /** For `instrument-invalid`: the JSON path at fault and every problem found. */
  path?: string;
  problems?: readonly PackProblem[];
}

export interface ReadyDetail {
  instrument: {id: string; version: string};
  timepoint: string;
  restored: boolean;
}

interface Loaded {
  pack: Pack;
  timepoint: string;
  warnings: readonly PackProblem[];
}

/**
 * The drop-in questionnaire: loads an instrument pack, shows one timepoint of it page by
 * page, and delivers the finished response.
 *
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
  static override styles = styles;
  static override shadowRootOptions = {...LitElement.shadowRootOptions, delegatesFocus: false};

  /** A built-in pack's id, a URL of a pack, or (as a property) a pack object. */
  @property() instrument?: string | object;

  /** Which timepoint of the pack to show; required when the pack has several. */
  @property({reflect: true}) timepoint?: string;

  /** Where a finished response is POSTed. None: local mode. */
  @property() endpoint?: string;

  /** The body sent to `endpoint`. */
  @property() format: ResponseFormat = 'json';

  /** A pseudonymous id from the host; otherwise the pack's code question links timepoints. */
  @property() participant?: string;

  /** `credentials` for requests to `endpoint`, as for `fetch`. */
  @property() credentials: RequestCredentials = 'same-origin';

  /** Keeps this widget's drafts apart from any other with the same pack, timepoint and participant. */
  @property({attribute: 'storage-key'}) storageKey?: string;

  /** Extra request headers for `endpoint` (a CSRF token, an `Authorization`). */
  @property({attribute: false}) headers: Record<string, string> = {};

  /** The page `fetch` used for packs and delivery (tests hand in their own). */
  @property({attribute: false}) fetch: typeof globalThis.fetch = (...args) => globalThis.fetch(...args);

  @state() protected page = 'start';
  @state() protected answers: Answers = {};
  @state() protected errors: ReadonlyMap<string, string> = new Map();
  @state() protected submitting = false;

  protected readonly i18n = new LocaleController(this);
  protected startedAt = new Date().toISOString();
  protected responseId = '';
  protected restored = false;
  #focusHeading = false;
  #readyFired = false;
  #submitted: Promise<void> | null = null;

  protected readonly loader = new Task(this, {
    task: async ([instrument, timepoint], {signal}): Promise<Loaded> => {
      const inline = this.querySelector(':scope > script[type="application/json"]');
      const source: PackSource =
        instrument && typeof instrument === 'object'
          ? {kind: 'object', value: instrument}
          : !instrument && inline
            ? {kind: 'inline', text: inline.textContent ?? ''}
            : {kind: 'ref', ref: instrument ?? ''};
      const {pack, warnings} = await loadPack(source, {fetch: this.fetch, signal, baseUrl: document.baseURI});
      return {pack, warnings, timepoint: resolveTimepoint(pack, timepoint)};
    },
    args: () => [this.instrument, this.timepoint] as const,
    onComplete: (loaded) => this.started(loaded),
    onError: (error) => {
      if (error instanceof PackError) {
        this.fail({
          code: error.code,
          message: error.message,
          ...(error.problems.length ? {path: error.problems[0].path, problems: error.problems} : {}),
        });
      } else if (!(error instanceof DOMException && error.name === 'AbortError')) {
        this.fail({code: 'instrument-invalid', message: String((error as Error)?.message ?? error)});
      }
    },
  });

  /** Called once a pack has loaded: starts a fresh response (drafts restore here later). */
  protected started(_loaded: Loaded) {
    this.answers = {};
    this.errors = new Map();
    this.page = 'start';
    this.startedAt = new Date().toISOString();
    this.responseId = crypto.randomUUID();
    this.restored = false;
    this.#readyFired = false;
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('lang' as keyof RsSurvey)) this.i18n.refresh();
  }

  protected override updated() {
    const loaded = this.loaded;
    if (loaded && !this.#readyFired) {
      this.#readyFired = true;
      this.emit<ReadyDetail>('rs-ready', {
        instrument: {id: loaded.pack.id, version: loaded.pack.version},
        timepoint: loaded.timepoint,
        restored: this.restored,
      });
    }
    if (this.#focusHeading) {
      this.#focusHeading = false;
      const summary = this.renderRoot.querySelector<HTMLElement>('.error-summary');
      (summary ?? this.renderRoot.querySelector<HTMLElement>('h2'))?.focus();
    }
  }

  protected get loaded(): Loaded | undefined {
    return this.loader.status === TaskStatus.COMPLETE ? this.loader.value : undefined;
  }

  protected emit<T>(type: string, detail: T, cancelable = false): boolean {
    return this.dispatchEvent(new CustomEvent(type, {detail, bubbles: true, composed: true, cancelable}));
  }

  protected fail(detail: SurveyErrorDetail) {
    this.emit('rs-error', detail);
  }

  /** Answers of the questions a person can see now (hidden items' answers are ignored). */
  protected questions(): Question[] {
    const loaded = this.loaded;
    return loaded ? questionsAt(loaded.pack, loaded.timepoint, this.answers) : [];
  }

  /** The pages in order: start, consent (if the pack asks), one per section, review. */
  protected pageIds(): string[] {
    const loaded = this.loaded;
    if (!loaded) return [];
    const sections = pagesAt(loaded.pack, loaded.timepoint, this.answers).map((p) => `section:${p.section.id}`);
    return ['start', ...(loaded.pack.consent ? ['consent'] : []), ...sections, 'review'];
  }

  protected setAnswer(key: string, value: Answer | undefined) {
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
    this.answersChanged();
  }

  /** Hook for autosave. */
  protected answersChanged() {}

  protected message(error: FieldError): string {
    const m = this.i18n.m[error.code];
    return typeof m === 'function' ? m(error.n ?? 0) : m;
  }

  protected validate(questions: readonly Question[]): Map<string, string> {
    const errors = new Map<string, string>();
    for (const q of questions) {
      for (const e of validateQuestion(q, this.answers)) {
        if (!errors.has(e.key)) errors.set(e.key, this.message(e));
      }
    }
    return errors;
  }

  protected questionsOn(page: string): Question[] {
    const loaded = this.loaded;
    if (!loaded || !page.startsWith('section:')) return [];
    const id = page.slice('section:'.length);
    const p = pagesAt(loaded.pack, loaded.timepoint, this.answers).find((x) => x.section.id === id);
    return (p?.items ?? []).filter((i): i is Question => i.type !== 'display');
  }

  protected goTo(page: string) {
    this.page = page;
    this.errors = new Map();
    this.#focusHeading = true;
    this.pageChanged();
  }

  /** Hook for autosave. */
  protected pageChanged() {}

  protected next() {
    const pages = this.pageIds();
    const errors = this.validate(this.questionsOn(this.page));
    if (errors.size) {
      this.errors = errors;
      this.#focusHeading = true;
      return;
    }
    const at = pages.indexOf(this.page);
    this.goTo(pages[Math.min(at + 1, pages.length - 1)]);
  }

  protected back() {
    const pages = this.pageIds();
    const at = pages.indexOf(this.page);
    if (at > 0) this.goTo(pages[at - 1]);
  }

  /** The scores of the answers so far, as they go into the response. */
  protected scores(): Record<string, Score> {
    const loaded = this.loaded;
    return loaded ? scoreAll(loaded.pack, loaded.timepoint, this.answers) : {};
  }

  /**
   * Submits the response: checks every page, then sends it (or keeps it, in local mode).
   * A second call while one is under way, or after it, makes no second response.
   */
  submit(): Promise<void> {
    if (this.#submitted) return this.#submitted;
    const loaded = this.loaded;
    if (!loaded) return Promise.resolve();
    for (const page of this.pageIds()) {
      const errors = this.validate(this.questionsOn(page));
      if (errors.size) {
        this.page = page;
        this.errors = errors;
        this.#focusHeading = true;
        return Promise.resolve();
      }
    }
    this.submitting = true;
    this.#submitted = this.deliver(loaded).finally(() => {
      this.submitting = false;
    });
    return this.#submitted;
  }

  /** The participant: the host's pseudonymous id, else the code the person assembled. */
  protected participantCode(loaded: Loaded): string | null {
    if (this.participant) return this.participant;
    for (const q of questionsAt(loaded.pack, loaded.timepoint, this.answers)) {
      if (q.type === 'code') return assembleCode(q, this.answers);
    }
    return null;
  }

  /** The body for `format="json"`: answers of shared, visible questions only. */
  protected buildResponse(loaded: Loaded): ResponseBody {
    return buildJsonBody({
      id: this.responseId,
      pack: loaded.pack,
      timepoint: loaded.timepoint,
      participant: this.participantCode(loaded),
      locale: this.i18n.lang,
      startedAt: this.startedAt,
      submittedAt: new Date().toISOString(),
      answers: visibleAnswers(loaded.pack, loaded.timepoint, this.answers),
      scores: this.scores(),
      clientVersion: version,
    });
  }

  /** Sends or keeps the finished response. */
  protected async deliver(loaded: Loaded): Promise<void> {
    const response = this.buildResponse(loaded);
    if (!this.emit('rs-submit', {response}, true)) {
      // Cancelled by the page: nothing is sent and the draft stays.
      this.#submitted = null;
      return;
    }
    this.goTo('done');
  }

  /** Deletes this survey's draft on this device. */
  async clearDraft(): Promise<void> {}

  /** Sends whatever waits in the outbox now. */
  async flush(): Promise<void> {}

  protected decline() {
    this.answers = {};
    void this.clearDraft();
    this.goTo('declined');
  }

  override render() {
    return html`<div class="survey" part="survey">
      ${this.loader.render({
        initial: () => this.renderLoading(),
        pending: () => (this.loaded ? this.renderPage(this.loaded) : this.renderLoading()),
        complete: (loaded) => this.renderPage(loaded),
        error: (error) => this.renderFailure(error),
      })}
    </div>`;
  }

  protected renderLoading() {
    return html`<p class="loading" role="status">${this.i18n.m.loading}</p>`;
  }

  protected renderFailure(error: unknown) {
    const m = this.i18n.m;
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
      ${problem?.problems.length
        ? html`<ul class="problems">
            ${problem.problems.slice(0, 10).map((p) => html`<li><code>${p.path}</code>: ${p.message}</li>`)}
          </ul>`
        : problem
          ? html`<p class="hint">${problem.message}</p>`
          : nothing}
      ${problem?.code === 'instrument-unreachable'
        ? html`<button class="button" part="button" @click=${() => this.loader.run()}>${m.retry}</button>`
        : nothing}
    </div>`;
  }

  protected context(loaded: Loaded): QuestionContext {
    return {
      pack: loaded.pack,
      answers: this.answers,
      errors: this.errors,
      lang: this.i18n.lang,
      m: this.i18n.m,
      set: (key, value) => this.setAnswer(key, value),
      get: (key) => this.answers[key],
    };
  }

  protected renderPage(loaded: Loaded) {
    const page = this.page;
    if (page === 'start') return this.renderStart(loaded);
    if (page === 'consent') return this.renderConsent(loaded);
    if (page === 'review') return this.renderReview(loaded);
    if (page === 'done') return this.renderDone(loaded);
    if (page === 'declined') return this.renderDeclined();
    return this.renderSection(loaded, page);
  }

  protected heading(text: string) {
    return html`<h2 class="heading" part="heading" tabindex="-1">${text}</h2>`;
  }

  protected renderStart(loaded: Loaded) {
    const ctx = this.context(loaded);
    const {pack} = loaded;
    const tp = pack.timepoints.find((x) => x.id === loaded.timepoint);
    const m = this.i18n.m;
    const count = questionsAt(pack, loaded.timepoint, this.answers).length;
    return html`<section class="card" part="card">
      ${this.heading(t(ctx, pack.title))}
      ${tp ? html`<p class="timepoint">${t(ctx, tp.label)}</p>` : nothing}
      ${pack.description ? html`<p>${t(ctx, pack.description)}</p>` : nothing}
      ${tp?.description ? html`<p>${t(ctx, tp.description)}</p>` : nothing}
      <p class="meta">${m.questions(count)}${pack.minutes ? html` · ${m.minutes(pack.minutes)}` : nothing}</p>
      ${pack.licence?.illustrative ? html`<p class="hint">${m.illustrative}</p>` : nothing}
      <div class="actions">
        <button class="button primary" part="button primary" @click=${() => this.next()}>${m.start}</button>
      </div>
    </section>`;
  }

  protected renderConsent(loaded: Loaded) {
    const ctx = this.context(loaded);
    const consent = loaded.pack.consent!;
    const m = this.i18n.m;
    return html`<section class="card" part="card">
      ${this.heading(t(ctx, consent.title) || m.consentTitle)}
      ${consent.paragraphs.map((p) => html`<p>${t(ctx, p)}</p>`)}
      <p class="statement"><strong>${t(ctx, consent.statement)}</strong></p>
      <div class="actions">
        <button class="button primary" part="button primary" @click=${() => this.next()}>
          ${m.consentAgree}
        </button>
        <button class="button secondary" part="button" @click=${() => this.decline()}>${m.consentDecline}</button>
      </div>
    </section>`;
  }

  protected renderDeclined() {
    const m = this.i18n.m;
    return html`<section class="card" part="card">${this.heading(m.declinedTitle)}<p>${m.declinedText}</p></section>`;
  }

  protected renderProgress(pages: string[]) {
    const sections = pages.filter((p) => p.startsWith('section:'));
    const at = sections.indexOf(this.page) + 1;
    if (!at) return nothing;
    const label = this.i18n.m.pageOf(at, sections.length);
    return html`<div class="progress" part="progress">
      <span>${label}</span>
      <progress max=${sections.length} .value=${at} aria-label=${label}></progress>
    </div>`;
  }

  protected renderErrorSummary() {
    if (!this.errors.size) return nothing;
    return html`<div class="error-summary" part="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
      <h3 id="error-summary-title">${this.i18n.m.errorSummary}</h3>
      <ul>
        ${[...this.errors].map(
          ([key, message]) =>
            html`<li><a href="#${fieldId(key)}" @click=${(e: Event) => this.focusField(e, key)}>${message}</a></li>`,
        )}
      </ul>
    </div>`;
  }

  /** Moves focus to a field from the error summary (a fragment link cannot reach into shadow DOM). */
  protected focusField(e: Event, key: string) {
    e.preventDefault();
    const root = this.renderRoot;
    const id = fieldId(key);
    const host = root.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
    const target =
      root.querySelector<HTMLElement>(`#${CSS.escape(`${id}-input`)}`) ??
      host?.querySelector<HTMLElement>('input, textarea, select') ??
      host;
    if (host && 'focusStep' in host && key.includes('.')) {
      (host as HTMLElement & {focusStep(id: string): void}).focusStep(key.split('.').slice(1).join('.'));
      return;
    }
    host?.scrollIntoView({block: 'center'});
    target?.focus();
  }

  protected renderMatrixHead(ctx: QuestionContext, item: LikertItem) {
    const points = likertPoints(ctx, item);
    // styleMap sets the property through CSSOM, which a strict style-src allows.
    return html`<div class="matrix-head" aria-hidden="true" style=${styleMap({'--rs-likert-columns': String(points.length)})}>
      <span></span>${points.map((p) => html`<span>${p.label}</span>`)}
    </div>`;
  }

  protected renderSection(loaded: Loaded, page: string) {
    const ctx = this.context(loaded);
    const id = page.slice('section:'.length);
    const current = pagesAt(loaded.pack, loaded.timepoint, this.answers).find((p) => p.section.id === id);
    const pages = this.pageIds();
    if (!current) return this.renderStart(loaded);
    const m = this.i18n.m;
    return html`<section class="card" part="card">
      ${this.renderProgress(pages)} ${this.renderErrorSummary()} ${this.heading(t(ctx, current.section.title))}
      ${current.section.description ? html`<p class="intro">${t(ctx, current.section.description)}</p>` : nothing}
      <div class="questions">
        ${groupItems(current.items).map((group) =>
          Array.isArray(group)
            ? html`<div class="matrix">
                ${this.renderMatrixHead(ctx, group[0])} ${group.map((item) => renderItem(ctx, item, true))}
              </div>`
            : renderItem(ctx, group),
        )}
      </div>
      <div class="actions">
        <button class="button primary" part="button primary" @click=${() => this.next()}>${m.next}</button>
        <button class="button secondary" part="button" @click=${() => this.back()}>${m.back}</button>
      </div>
    </section>`;
  }

  protected renderReview(loaded: Loaded) {
    const ctx = this.context(loaded);
    const m = this.i18n.m;
    const pages = pagesAt(loaded.pack, loaded.timepoint, this.answers);
    return html`<section class="card" part="card">
      ${this.renderErrorSummary()} ${this.heading(m.review)}
      ${pages.map(
        ({section, items}) => html`<h3 class="review-section">${t(ctx, section.title)}</h3>
          <dl class="review">
            ${items
              .filter((i): i is Question => i.type !== 'display')
              .map((item) => {
                const text = answerText(ctx, item);
                return html`<div class="review-row">
                  <dt>${t(ctx, item.text)}</dt>
                  <dd>
                    ${text === null ? html`<span class="muted">${m.notAnswered}</span>` : html`<span class="answer">${text}</span>`}
                    ${item.type === 'reflection' && item.private !== false
                      ? html`<span class="private">${m.privateAnswer}</span>`
                      : item.private
                        ? html`<span class="private">${m.privateAnswer}</span>`
                        : nothing}
                  </dd>
                  <dd class="change">
                    <button class="link" part="button" @click=${() => this.goTo(`section:${section.id}`)}>
                      ${m.change}<span class="visually-hidden"> ${t(ctx, item.text)}</span>
                    </button>
                  </dd>
                </div>`;
              })}
          </dl>`,
      )}
      <div class="actions">
        <button class="button primary" part="button primary" ?disabled=${this.submitting} @click=${() => this.submit()}>
          ${m.submit}
        </button>
        <button class="button secondary" part="button" @click=${() => this.back()}>${m.back}</button>
      </div>
    </section>`;
  }

  protected renderDone(loaded: Loaded) {
    const ctx = this.context(loaded);
    const m = this.i18n.m;
    const {pack} = loaded;
    const scores = pack.feedback ? this.scores() : {};
    return html`<section class="card" part="card">
      ${this.heading(m.thanksTitle)}
      <p>${m.thanksText}</p>
      ${this.renderStatus()}
      ${pack.feedback && Object.keys(scores).length
        ? html`<h3>${m.yourScores}</h3>
            <dl class="scores">
              ${(pack.scores ?? [])
                .filter((rule) => scores[rule.id])
                .map((rule) => {
                  const s = scores[rule.id];
                  return html`<div class="score">
                    <dt>${t(ctx, rule.label)}</dt>
                    <dd>
                      ${s.value === null
                        ? m.noScore
                        : html`<strong>${s.value}</strong>${s.band ? html` · ${s.band}` : nothing}`}
                      <span class="muted">(${m.scoreOutOf(s.answered, s.of)})</span>
                    </dd>
                  </div>`;
                })}
            </dl>`
        : nothing}
      ${pack.support ? this.renderSupport(loaded) : nothing}
    </section>`;
  }

  /** The delivery status line; the delivery layer fills it in. */
  protected renderStatus(): unknown {
    return nothing;
  }

  protected renderSupport(loaded: Loaded) {
    const ctx = this.context(loaded);
    const support = loaded.pack.support!;
    return html`<aside class="support" aria-labelledby="support-title">
      <h3 id="support-title">${t(ctx, support.title)}</h3>
      <p>${t(ctx, support.text)}</p>
      ${support.links?.length
        ? html`<ul>
            ${support.links.map((l) => html`<li><a href=${l.href} target="_blank" rel="noopener">${t(ctx, l.label)}</a></li>`)}
          </ul>`
        : nothing}
    </aside>`;
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
