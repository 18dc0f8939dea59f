// The lines and questions several pages share: loading, failure, the notice at the top, the
// saved line, and the buttons that ask before they delete.
import {html, nothing} from 'lit';
import type {Messages} from '../../../i18n/index.js';
import {PackError} from '../../../instrument/pack-error.js';

export type NoticeKind = 'restored' | 'elsewhere' | 'storage' | 'deleted' | 'dropped';
export interface Notice {
  readonly kind: NoticeKind;
  readonly text: string;
}
export type Confirmable = 'restart' | 'delete';

export const loadingLine = (m: Messages) => html`<p class="loading" role="status">${m.loading}</p>`;

/** The pack could not load: why (for a person, and for whoever set the page up), and a retry. */
export function failure(
  error: unknown,
  m: Messages,
  timepoint: string | undefined,
  retry: () => void,
) {
  const problem = error instanceof PackError ? error : undefined;
  const code = problem?.code;
  const a = {
    m,
    text:
      code === 'instrument-unreachable'
        ? m.instrumentUnreachable
        : code === 'timepoint-unknown'
          ? timepoint
            ? m.timepointUnknown(timepoint)
            : m.timepointMissing
          : m.instrumentInvalid,
    // For whoever set the page up: what is wrong (a broken pack's first problem; every
    // problem is in rs-error, and the demo's playground lists them).
    problem: problem?.message,
    // Only a pack that did not arrive may arrive on a second try.
    retry: code === 'instrument-unreachable' ? retry : undefined,
  };
  return html`<div class="card failure" part="card" role="alert">
    <p>${a.text}</p>
    ${a.problem ? html`<p class="hint problem">${a.problem}</p>` : nothing}
    ${
      a.retry
        ? html`<button class="button" part="button" @click=${a.retry}>${a.m.retry}</button>`
        : nothing
    }
  </div>`;
}

/** The last pages' code could not load (offline early on): the person can try again. */
export const pageUnavailable = (m: Messages, retry: () => void) =>
  html`<section class="card failure" part="card" role="alert">
    <p>${m.pageUnavailable}</p>
    <button class="button" part="button" @click=${retry}>${m.retry}</button>
  </section>`;

/** When the draft was last stored; quiet (not a live region), or it would speak at every pause. */
export const savedLine = (m: Messages, time: string | undefined) =>
  time ? html`<p class="saved muted">${m.draftSaved(time)}</p>` : nothing;

/** What a confirmable button needs: which one asks now, what would be lost, and the actions. */
export interface ConfirmState {
  readonly m: Messages;
  readonly confirming: Confirmable | null;
  /** Finished responses not yet sent (or, in local mode, not downloaded). */
  readonly unsent: number;
  ask(kind: Confirmable): void;
  cancel(): void;
}

/**
 * A button that deletes what a person wrote asks first, in the page (a native dialog may be
 * blocked in a sandboxed frame): what will go, then "Yes" or "Cancel".
 */
export function confirmable(s: ConfirmState, kind: Confirmable, action: () => void) {
  const {m} = s;
  if (s.confirming !== kind) {
    return html`<button class="link" part="button" @click=${() => s.ask(kind)}>
      ${kind === 'restart' ? m.startAgain : m.deleteEverything}
    </button>`;
  }
  return html`<div class="confirm" role="group" aria-labelledby="confirm-text">
    <p id="confirm-text">
      ${kind === 'restart' ? m.restartWarning : m.deleteWarning}
      ${kind === 'delete' && s.unsent ? m.unsentResponses(s.unsent) : nothing}
    </p>
    <button class="button danger" part="button" @click=${action}>
      ${kind === 'restart' ? m.confirmRestart : m.confirmDelete}
    </button>
    <button class="button secondary" part="button" @click=${s.cancel}>${m.cancel}</button>
  </div>`;
}

/** The notice at the top; answers restored (or changed in another tab) can be started again. */
export function noticeLine(notice: Notice | null, s: ConfirmState, restart: () => void) {
  if (!notice) return nothing;
  return html`<div class="notice ${notice.kind}" part="notice" role="status">
    <p>${notice.text}</p>
    ${
      notice.kind === 'restored' || notice.kind === 'elsewhere'
        ? confirmable(s, 'restart', restart)
        : nothing
    }
  </div>`;
}
