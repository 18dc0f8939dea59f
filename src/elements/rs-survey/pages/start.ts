import {html, nothing} from 'lit';
import {t} from '../questions.js';
import {heading, type PageView} from './view.js';

/** The start page: what the questionnaire is for and how long it takes. */
export function startPage(v: PageView, a: {questions: number; start(): void}) {
  const {ctx} = v;
  const {pack, m} = ctx;
  const tp = pack.timepoints.find((x) => x.id === v.timepoint);
  return html`<section class="card" part="card">
    ${v.notice} ${heading(t(ctx, pack.title))}
    ${tp ? html`<p class="timepoint">${t(ctx, tp.label)}</p>` : nothing}
    ${pack.description ? html`<p>${t(ctx, pack.description)}</p>` : nothing}
    ${tp?.description ? html`<p>${t(ctx, tp.description)}</p>` : nothing}
    <p class="meta">
      ${m.questions(a.questions)}${pack.minutes ? html` · ${m.minutes(pack.minutes)}` : nothing}
    </p>
    ${pack.licence?.illustrative ? html`<p class="hint">${m.illustrative}</p>` : nothing}
    <div class="actions">
      <button class="button primary" part="button primary" @click=${a.start}>${m.start}</button>
    </div>
    ${v.deleteEverything}
  </section>`;
}
