/**
 * The review and thank-you pages, which render from the finish code once it has loaded (until
 * then a loading line, or "Try again" when it could not load). The templates are the chunk's;
 * this hands them plain data and callbacks.
 */
import {html} from 'lit';
import {saveFile} from '../../internal/save-file.js';
import type {FinishController} from './finish-controller.js';
import type {Loaded} from './load-survey.js';
import * as notices from './pages/notices.js';
import {heading, type PageView} from './pages/view.js';
import {sectionsOf} from './session.js';
import type {SessionController} from './session-controller.js';

export interface LastPage {
  readonly review: boolean;
  readonly submitting: boolean;
  /** The server's reason, when it rejected the response. */
  readonly rejection: string;
  /** What the status line last said that a screen reader heard (not each retry's flip). */
  readonly spoken: {text: string};
  readonly root: ParentNode;
  submit(): void;
}

export function lastPage(
  finish: FinishController,
  s: SessionController,
  loaded: Loaded,
  v: PageView,
  a: LastPage,
) {
  const f = finish.module;
  const {m} = v.ctx;
  if (!f) {
    const retry = () => {
      finish.retry();
      s.focus = 'heading';
    };
    return finish.failed ? notices.pageUnavailable(m, retry) : notices.loadingLine(m);
  }
  const e = f.endingOf(m);
  const to = finish.destination!;
  const status = finish.delivery?.status ?? 'idle';
  const id = loaded.submitted ?? s.responseId;
  /** The person's own copy: this session's response, else the one kept on the device. */
  const download = async (kind: 'json' | 'csv') => {
    const r = s.response ?? (await f.keptResponse(loaded.store, id));
    if (!r) return;
    const file = f.responseFile(r, kind);
    saveFile(a.root, file.name, file.text, file.type);
  };
  return html`<section class="card" part="card">
    ${
      a.review
        ? f.reviewPage({
            ctx: v.ctx,
            top: html`${v.notice} ${v.errorSummary} ${heading(e.review)}`,
            pages: sectionsOf(loaded, s.answers),
            submitting: a.submitting,
            change: (section) => s.goTo({kind: 'section', id: section}),
            submit: a.submit,
            back: () => s.back(loaded),
          })
        : f.donePage({
            ctx: v.ctx,
            timepoint: loaded.timepoint,
            top: heading(e.thanksTitle),
            bottom: v.deleteEverything,
            status,
            rejection: a.rejection,
            endpoint: to.kind,
            spoken: a.spoken,
            // Offered while the response stays on the device (local mode, refused, rejected).
            download:
              to.kind !== 'send' || status === 'rejected'
                ? (kind) => void download(kind)
                : undefined,
          })
    }
  </section>`;
}
