// The thank-you page: what became of the response, the person's scores where the pack gives
// feedback, their download where the response stays here, and support. Part of the lazily
// loaded finish code (see finish.ts).
import {html, nothing, type TemplateResult} from 'lit';
import {endingOf, type EndingMessages} from '../../../i18n/en-ending.js';
import {scoreAll} from '../../../instrument/scoring.js';
import type {DeliveryStatus} from '../../../transport/delivery-controller.js';
import type {Destination} from '../../../transport/endpoint.js';
import {t, type QuestionContext} from '../questions.js';

/** The delivery status as a person reads it. */
function statusText(
  e: EndingMessages,
  status: DeliveryStatus,
  rejection: string,
  endpoint: Destination['kind'],
): string {
  return status === 'sending'
    ? e.statusSending
    : status === 'sent'
      ? e.statusSent
      : status === 'offline-waiting'
        ? e.statusOffline
        : status === 'rejected'
          ? e.statusRejected(rejection)
          : endpoint === 'local'
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
  endpoint: Destination['kind'];
  /**
   * What the live region last said. Retries flip between sending and waiting; a screen
   * reader hears outcomes, not each flip.
   */
  spoken: {text: string};
  /** Offered when the response stays on the device (local mode, refused, rejected). */
  download?: (kind: 'json' | 'csv') => void;
}

/** The thank-you page. */
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
