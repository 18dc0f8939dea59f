/**
 * The review and thank-you pages render from the finish code once it has loaded (until then a
 * loading line, or "Try again" when it could not load): this hands its template plain data.
 */
import type {FinishController} from './finish-controller.js';
import type {Loaded} from './load-survey.js';
import * as notices from './pages/notices.js';
import type {PageView} from './pages/view.js';
import {sectionsOf} from './session.js';
import type {SessionController} from './session-controller.js';

export interface LastPage {
  readonly review: boolean;
  readonly submitting: boolean;
  readonly rejection: string;
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
  const id = loaded.submitted ?? s.responseId;
  return f.endingPage(v, {
    ...a,
    timepoint: loaded.timepoint,
    pages: sectionsOf(loaded, s.answers),
    status: finish.delivery?.status ?? 'idle',
    endpoint: finish.destination!.kind,
    spoken: s.spoken,
    response: async () => s.response ?? f.keptResponse(loaded.store, id),
    change: (section) => s.goTo(`section:${section}`),
    back: () => s.back(loaded),
  });
}
