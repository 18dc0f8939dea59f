/**
 * What the survey needs only once a person finishes (or an earlier response still waits to
 * be sent): scoring, the response body and delivery. Loaded on demand,
 * so a participant's first page does not wait for it.
 */
export {DeliveryController} from '../../transport/delivery-controller.js';
import {saveFile} from '../../internal/save-file.js';
import type {Store} from '../../store/store.js';
import type {ResponseBody} from '../../transport/body-json.js';

/** One response as CSV: a header row and a row of values (RFC 4180 quoting, no formulas). */
export function responseCsv(r: ResponseBody): string {
  const cells: [string, unknown][] = [
    ['id', r.id],
    ['instrument', r.instrument.id],
    ['version', r.instrument.version],
    ['timepoint', r.timepoint],
    ['participant', r.participant],
    ['startedAt', r.startedAt],
    ['submittedAt', r.submittedAt],
    ...Object.entries(r.scores).map(([k, s]): [string, unknown] => [`score.${k}`, s.value]),
    ...Object.entries(r.answers).map(([k, v]): [string, unknown] => [
      `answer.${k}`,
      Array.isArray(v) ? v.join('|') : v,
    ]),
  ];
  const quote = (value: unknown) => {
    let text = value === null || value === undefined ? '' : String(value);
    // A spreadsheet would run a text cell that starts like a formula (numbers are numbers).
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `${cells.map(([k]) => quote(k)).join(',')}\r\n${cells.map(([, v]) => quote(v)).join(',')}\r\n`;
}
/**
 * Saves the finished response as a file: this session's, else the one kept on the device
 * (the thank-you page after a reload).
 */
export async function downloadResponse(
  root: ParentNode,
  kind: 'json' | 'csv',
  current: ResponseBody | null,
  store: Store | undefined,
  id: string,
) {
  let r = current;
  if (!r) {
    // Only this survey's own: a shared device may keep others'.
    const kept = (await store?.listLocal().catch(() => [])) ?? [];
    const mine = kept.find((k) => k.id === id);
    const json = mine && (mine.format === 'json' ? mine.body : mine.response);
    r = json ? (JSON.parse(json) as ResponseBody) : null;
  }
  if (!r) return;
  saveFile(
    root,
    `${r.instrument.id}-${r.timepoint}-${r.id.slice(0, 8)}.${kind}`,
    kind === 'json' ? JSON.stringify(r, null, 2) : responseCsv(r),
    kind === 'json' ? 'application/json' : 'text/csv',
  );
}

export {donePage, endingOf, endingStyles, requestFor, responseOf, reviewPage} from './ending.js';
