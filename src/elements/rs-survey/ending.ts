// The survey's last pages (review, thank-you) and what they do: the request body in the page's
// format, downloads. Part of the lazy finish chunk: the first page does not wait for it, and
// the survey fetches it while the person answers, so a dropped connection later loses nothing.
import {css, html, nothing, type TemplateResult} from 'lit';
import {endingOf, type EndingMessages} from '../../i18n/en-ending.js';
import type {FhirLink} from '../../instrument/fhir.js';
import type {Answers, Item, Pack, Question, Section} from '../../instrument/types.js';
import {isPrivate, questionsAt, visibleAnswers} from '../../instrument/conditions.js';
import {scoreAll} from '../../instrument/scoring.js';
import {assembleCode} from '../../instrument/validate.js';
import type {Cmi5Launch} from '../../lms/cmi5.js';
import {buildJsonBody, type ResponseBody} from '../../transport/body-json.js';
import {atOrBelow} from '../../transport/endpoint.js';
import {version} from '../../version.js';
import type {DeliveryStatus} from '../../transport/delivery-controller.js';
import {likertPoints, t, type QuestionContext} from './questions.js';

export {endingOf};

/** The answer of an item as a person reads it on the review page. */
export function answerText(
  ctx: Pick<QuestionContext, 'lang' | 'pack' | 'answers'>,
  item: Question,
): string | null {
  const a = ctx.answers;
  const value = a[item.id];
  switch (item.type) {
    case 'likert':
      return likertPoints(ctx, item).find((p) => p.value === value)?.label ?? null;
    case 'choice':
      return Array.isArray(value) && value.length
        ? (value as readonly string[])
            .map((v) => t(ctx, item.options.find((o) => o.value === v)?.label) || v)
            .join(', ')
        : null;
    case 'reflection': {
      const parts = item.steps
        .map((s) => a[`${item.id}.${s.id}`])
        .filter((v) => typeof v === 'string' && v.trim());
      // Blank steps are left out: '' means none was answered.
      return parts.join('\n\n') || null;
    }
    case 'code':
      return assembleCode(item, a);
    default:
      return value === undefined || value === '' ? null : String(value);
  }
}

/** What a response is made of: the survey's pack, timepoint and answers, and who and when. */
export interface ResponseInput {
  pack: Pack;
  timepoint: string;
  answers: Answers;
  /** The host's pseudonymous id; without it, the code the person assembled. */
  participant?: string;
  id: string;
  locale: string;
  startedAt: string;
}

/** The finished response (`format="json"`): the answers of shared, visible questions, and scores. */
export function responseOf(v: ResponseInput): ResponseBody {
  const questions = questionsAt(v.pack, v.timepoint, v.answers);
  const code = questions.find((q) => q.type === 'code');
  return buildJsonBody({
    id: v.id,
    pack: v.pack,
    timepoint: v.timepoint,
    participant: v.participant || (code ? assembleCode(code, v.answers) : null),
    locale: v.locale,
    startedAt: v.startedAt,
    submittedAt: new Date().toISOString(),
    answers: visibleAnswers(v.pack, v.timepoint, v.answers),
    scores: scoreAll(v.pack, v.timepoint, v.answers),
    clientVersion: version,
  });
}

/** What the review page shows and does; the survey supplies its top (notice, errors, heading). */
export interface ReviewView {
  ctx: QuestionContext;
  top: unknown;
  pages: readonly {section: Section; items: readonly Item[]}[];
  submitting: boolean;
  change(sectionId: string): void;
  submit(): void;
  back(): void;
}

export function reviewPage(v: ReviewView): TemplateResult {
  const {ctx} = v;
  const m = endingOf(ctx.m);
  return html`${v.top}
    ${v.pages.map(
      ({section, items}) =>
        html`<h3 class="review-section">${t(ctx, section.title)}</h3>
          <dl class="review">
            ${items
              .filter((i): i is Question => i.type !== 'display')
              .map((item) => {
                const text = answerText(ctx, item);
                return html`<div class="review-row">
                  <dt>${t(ctx, item.text)}</dt>
                  <dd>
                    ${text === null ? html`<span class="muted">${m.notAnswered}</span>` : html`<span class="answer">${text}</span>`}
                    ${isPrivate(item) ? html`<span class="private">${m.privateAnswer}</span>` : nothing}
                  </dd>
                  <dd class="change">
                    <button class="link" part="button" @click=${() => v.change(section.id)}>
                      ${m.change}<span class="visually-hidden"> ${t(ctx, item.text)}</span>
                    </button>
                  </dd>
                </div>`;
              })}
          </dl>`,
    )}
    <div class="actions">
      <button
        class="button primary"
        part="button primary"
        ?disabled=${v.submitting}
        @click=${v.submit}
      >
        ${m.submit}
      </button>
      <button class="button secondary" part="button" @click=${v.back}>${m.back}</button>
    </div>`;
}

/** The delivery status as a person reads it. */
function statusText(
  e: EndingMessages,
  status: DeliveryStatus,
  rejection: string,
  endpoint: 'none' | 'refused' | 'ok',
): string {
  return status === 'sending'
    ? e.statusSending
    : status === 'sent'
      ? e.statusSent
      : status === 'offline-waiting'
        ? e.statusOffline
        : status === 'rejected'
          ? e.statusRejected(rejection)
          : endpoint === 'none'
            ? e.localMode
            : endpoint === 'refused'
              ? e.endpointInvalid
              : e.statusSavedLocally;
}

/** What the thank-you page shows; the survey supplies its heading and delete button. */
export interface DoneView {
  ctx: QuestionContext;
  timepoint: string;
  top: unknown;
  bottom: unknown;
  status: DeliveryStatus;
  /** The server's reason, when it rejected the response. */
  rejection: string;
  endpoint: 'none' | 'refused' | 'ok';
  /**
   * What the live region last said. Retries flip between sending and waiting; a screen
   * reader hears outcomes, not each flip.
   */
  spoken: {text: string};
  /** Offered when the response stays on the device (local mode, refused, rejected). */
  download?: (kind: 'json' | 'csv') => void;
}

export function donePage(v: DoneView): TemplateResult {
  const {ctx, status} = v;
  const {pack} = ctx;
  const m = endingOf(ctx.m);
  // The person's scores, when the pack gives feedback.
  const scores = pack.feedback ? scoreAll(pack, v.timepoint, ctx.answers) : {};
  const rules = (pack.scores ?? []).filter((rule) => scores[rule.id]);
  const support = pack.support;
  const text = statusText(m, status, v.rejection, v.endpoint);
  if (status !== 'sending') v.spoken.text = text;
  return html`${v.top}
    <p>${m.thanksText}</p>
    <p class="status ${status}" part="status">${text}</p>
    <p class="visually-hidden" role="status">${v.spoken.text}</p>
    ${
      rules.length
        ? html`<h3>${m.yourScores}</h3>
            <dl class="scores">
              ${rules.map((rule) => {
                const s = scores[rule.id];
                return html`<div class="score">
                  <dt>${t(ctx, rule.label)}</dt>
                  <dd>
                    ${s.value === null ? m.noScore : html`<strong>${s.value}</strong>${s.band ? html` · ${s.band}` : nothing}`}
                    <span class="muted">(${m.scoreOutOf(s.answered, s.of)})</span>
                  </dd>
                </div>`;
              })}
            </dl>`
        : nothing
    }
    ${
      v.download
        ? html`<div class="downloads">
            ${(['json', 'csv'] as const).map(
              (kind) =>
                html`<button
                  class="button secondary"
                  part="button"
                  @click=${() => v.download!(kind)}
                >
                  ${kind === 'json' ? m.downloadJson : m.downloadCsv}
                </button>`,
            )}
          </div>`
        : nothing
    }
    ${
      support
        ? html`<aside class="support" aria-labelledby="support-title">
            <h3 id="support-title">${t(ctx, support.title)}</h3>
            <p>${t(ctx, support.text)}</p>
            ${
              support.links?.length
                ? html`<ul>
                    ${support.links.map((l) => html`<li><a href=${l.href} target="_blank" rel="noopener">${t(ctx, l.label)}</a></li>`)}
                  </ul>`
                : nothing
            }
          </aside>`
        : nothing
    }
    ${v.bottom}`;
}

export interface RequestInput {
  format: string;
  response: ResponseBody;
  pack: Pack;
  fhir?: FhirLink;
  /** The endpoint, when it may be sent to. */
  url?: string;
  /** The cmi5 launch, when the survey was launched by one. */
  launch?: Cmi5Launch;
}

/** The request body in the page's `format`, and where it goes (xAPI posts to `/statements`). */
export async function requestFor(
  input: RequestInput,
): Promise<{body: string; url: string | undefined}> {
  const {format, response, pack, url, launch} = input;
  if (format !== 'fhir' && format !== 'xapi') return {body: JSON.stringify(response), url};
  const common = {
    id: response.id,
    pack,
    timepoint: response.timepoint,
    participant: response.participant,
    locale: response.locale,
    submittedAt: response.submittedAt,
    // What the page saw in rs-submit: shared answers of visible questions.
    answers: response.answers,
  };
  // The adapters load only when a page asks for their format.
  if (format === 'fhir') {
    const {buildQuestionnaireResponse} = await import('../../transport/body-fhir.js');
    return {body: JSON.stringify(buildQuestionnaireResponse({...common, link: input.fhir})), url};
  }
  const {buildStatements, statementsUrl} = await import('../../transport/body-xapi.js');
  // Answers travel under the pseudonymous code, never the learner's LMS identity; an LMS's
  // own record store learns which registration and activity they belong to, when the
  // endpoint is that record store.
  const lms =
    launch && url && atOrBelow(url, launch.endpoint)
      ? {activityId: launch.activityId, registration: launch.registration}
      : {};
  const statements = buildStatements({
    ...common,
    scores: response.scores,
    origin: location.origin,
    ...lms,
  });
  return {body: JSON.stringify(statements), url: url && statementsUrl(url)};
}

/** Styles of the last pages, adopted by the survey when this module loads. */
export const endingStyles = css`
  .review {
    margin: 0;
  }
  .review-row {
    display: grid;
    gap: 0.25em;
    padding: 0.75em 0;
    border-bottom: 1px solid #d8dde0;
  }
  @container (min-width: 40rem) {
    .review-row {
      grid-template-columns: 2fr 2fr auto;
    }
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
  }
  .answer {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .private {
    display: block;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .score {
    padding: 0.5em 0;
  }
  .support {
    margin-top: calc(var(--_space) * 1.5);
    padding: var(--_space);
    border-inline-start: 6px solid var(--_accent);
    background: var(--_surface);
  }
  .support h3 {
    margin-top: 0;
  }
  .status {
    font-weight: 600;
    padding: calc(var(--_space) / 2) var(--_space);
    border-inline-start: 6px solid var(--_accent);
    background: var(--_surface);
  }
  .status.rejected,
  .status.offline-waiting {
    border-color: var(--_error);
  }
  .status.sent {
    border-color: var(--rs-success-color, #007f3b);
  }
  .downloads {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
    margin: var(--_space) 0;
  }
`;
