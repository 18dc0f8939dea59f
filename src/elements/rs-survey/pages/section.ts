import {html, nothing} from 'lit';
import type {Item, LikertItem, Section} from '../../../instrument/types.js';
import {cssProps} from '../../../internal/css-props.js';
import {groupItems, likertPoints, renderItem, t, type QuestionContext} from '../questions.js';
import {heading, type PageView} from './view.js';

function progress(ctx: QuestionContext, at: number, of: number) {
  return html`<div class="progress" part="progress">
    <span id="progress-label">${ctx.m.pageOf(at, of)}</span>
    <progress max=${of} .value=${at} aria-labelledby="progress-label"></progress>
  </div>`;
}

/** The scale's labels once above a matrix of Likert rows (each row is its own fieldset). */
function matrixHead(ctx: QuestionContext, item: LikertItem) {
  const points = likertPoints(ctx, item);
  return html`<div
    class="matrix-head"
    aria-hidden="true"
    ${cssProps({'--rs-likert-columns': String(points.length)})}
  >
    <span></span>${points.map((p) => html`<span>${p.label}</span>`)}
  </div>`;
}

const plain = (ctx: QuestionContext, items: readonly Item[]): unknown =>
  groupItems(items).map((group) =>
    Array.isArray(group)
      ? html`<div class="matrix">
          ${matrixHead(ctx, group[0])} ${group.map((item) => renderItem(ctx, item, true))}
        </div>`
      : renderItem(ctx, group),
  );

/**
 * A page's items, Likert runs as matrices. `render` is replaced by the module of repeating
 * items (`repeat.ts`) for a pack that has them; `plain`, which draws ordinary items (it draws
 * an instance's too), by the module of choice matrices (`matrix.ts`).
 */
export const questionList = {render: plain, plain};

/** One section's questions, with progress, Next and Back; undefined when it is not shown now. */
export function sectionPage(
  v: PageView,
  a: {
    /** The sections the person has now, each with its visible items. */
    sections: readonly {section: Section; items: readonly Item[]}[];
    id: string;
    saved: unknown;
    next(): void;
    back(): void;
  },
) {
  const {ctx} = v;
  const {m} = ctx;
  const at = a.sections.findIndex((p) => p.section.id === a.id);
  if (at < 0) return undefined;
  const {section, items} = a.sections[at];
  return html`<section class="card" part="card">
    ${v.notice} ${progress(ctx, at + 1, a.sections.length)} ${v.errorSummary}
    ${heading(t(ctx, section.title))}
    ${section.description ? html`<p class="intro">${t(ctx, section.description)}</p>` : nothing}
    <div class="questions">${questionList.render(ctx, items)}</div>
    <div class="actions">
      <button class="button primary" part="button primary" @click=${a.next}>${m.next}</button>
      <button class="button secondary" part="button" @click=${a.back}>${m.back}</button>
    </div>
    ${a.saved}
  </section>`;
}
