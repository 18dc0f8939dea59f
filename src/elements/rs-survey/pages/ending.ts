// The review or thank-you page, from plain data: part of the lazily loaded finish code (see
// finish.ts); the survey supplies the pieces it shares with other pages (`PageView`).
import {html} from 'lit';
import {endingOf} from '../../../i18n/en-ending.js';
import type {Item, Section} from '../../../instrument/types.js';
import {saveFile} from '../../../internal/save-file.js';
import {responseFile} from '../../../transport/csv.js';
import type {DeliveryStatus} from '../../../transport/delivery-controller.js';
import type {Destination} from '../../../transport/endpoint.js';
import type {ResponseBody} from '../../../transport/types.js';
import {donePage} from './done.js';
import {reviewPage} from './review.js';
import {heading, type PageView} from './view.js';

export interface Ending {
  readonly review: boolean;
  readonly timepoint: string;
  readonly pages: readonly {section: Section; items: readonly Item[]}[];
  readonly submitting: boolean;
  readonly status: DeliveryStatus;
  /** The server's reason, when it rejected the response. */
  readonly rejection: string;
  readonly endpoint: Destination['kind'];
  /** What the status line last said that a screen reader heard (not each retry's flip). */
  readonly spoken: {text: string};
  /** The person's own copy: this session's response, else the one kept on the device. */
  response(): Promise<ResponseBody | null>;
  /** Where a download's link goes for its click (the shadow root). */
  readonly root: ParentNode;
  change(sectionId: string): void;
  submit(): void;
  back(): void;
}

export function endingPage(v: PageView, a: Ending) {
  const e = endingOf(v.ctx.m);
  const download = async (kind: 'json' | 'csv') => {
    const r = await a.response();
    if (!r) return;
    const file = responseFile(r, kind);
    saveFile(a.root, file.name, file.text, file.type);
  };
  return html`<section class="card" part="card">
    ${
      a.review
        ? reviewPage({
            ctx: v.ctx,
            top: html`${v.notice} ${v.errorSummary} ${heading(e.review)}`,
            pages: a.pages,
            submitting: a.submitting,
            change: a.change,
            submit: a.submit,
            back: a.back,
          })
        : donePage({
            ctx: v.ctx,
            timepoint: a.timepoint,
            top: heading(e.thanksTitle),
            bottom: v.deleteEverything,
            status: a.status,
            rejection: a.rejection,
            endpoint: a.endpoint,
            spoken: a.spoken,
            // Offered while the response stays on the device (local mode, refused, rejected).
            download:
              a.endpoint !== 'send' || a.status === 'rejected'
                ? (kind) => void download(kind)
                : undefined,
          })
    }
  </section>`;
}
