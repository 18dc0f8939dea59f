import {html} from 'lit';
import type {Messages} from '../../../i18n/index.js';
import {t} from '../questions.js';
import {heading, type PageView} from './view.js';

/** The pack's information and consent page. */
export function consentPage(v: PageView, a: {agree(): void; decline(): void}) {
  const {ctx} = v;
  const {m} = ctx;
  const consent = ctx.pack.consent!;
  return html`<section class="card" part="card">
    ${heading(t(ctx, consent.title) || m.consentTitle)}
    ${consent.paragraphs.map((p) => html`<p>${t(ctx, p)}</p>`)}
    <p class="statement"><strong>${t(ctx, consent.statement)}</strong></p>
    <div class="actions">
      <button class="button primary" part="button primary" @click=${a.agree}>
        ${m.consentAgree}
      </button>
      <button class="button secondary" part="button" @click=${a.decline}>
        ${m.consentDecline}
      </button>
    </div>
  </section>`;
}

/** After "I do not agree": thanked, nothing kept. */
export const declinedPage = (m: Messages) =>
  html`<section class="card" part="card">
    ${heading(m.declinedTitle)}
    <p>${m.declinedText}</p>
  </section>`;
