// The review page: every answer as a person reads it, with a way back to change it. Part of
// the lazily loaded finish code (see finish.ts).
import {html, nothing, type TemplateResult} from 'lit';
import {endingOf} from '../../../i18n/en-ending.js';
import {isPrivate} from '../../../instrument/conditions.js';
import type {Item, Question, Section} from '../../../instrument/types.js';
import {assembleCode} from '../../../instrument/validate.js';
import {likertPoints, t, type QuestionContext} from '../questions.js';

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

/** The review page. */
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
