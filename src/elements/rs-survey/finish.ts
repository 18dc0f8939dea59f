/**
 * What the survey needs only once a person finishes (or an earlier response still waits to
 * be sent): scoring, the response body and delivery. Loaded on demand,
 * so a participant's first page does not wait for it.
 */
import {
  DeliveryController,
  type DeliveryControllerOptions,
} from '../../transport/delivery-controller.js';
import type {FhirLink} from '../../instrument/fhir.js';
import {saveFile} from '../../internal/save-file.js';
import type {LmsLink} from '../../lms/link.js';
import type {Store} from '../../store/store.js';
import type {ResponseBody} from '../../transport/body-json.js';
import {atOrBelow, checkEndpoint} from '../../transport/endpoint.js';
import {donePage, requestFor, responseOf, type DoneView, type ResponseInput} from './ending.js';
import type {RsSurvey} from './rs-survey.js';

/** Whether the survey's `endpoint` may be sent to; undefined in local mode (no endpoint). */
export function endpointOf(survey: Pick<RsSurvey, 'endpoint'>) {
  // A page may hand in a URL object as the property: read it as text.
  const endpoint = String(survey.endpoint ?? '').trim();
  return endpoint ? checkEndpoint(endpoint, location.href) : undefined;
}

/** What is wrong with the survey's delivery settings: an endpoint or format it cannot use. */
export function settingsProblems(survey: RsSurvey) {
  const problems: {code: 'endpoint-invalid' | 'format-unknown'; message: string}[] = [];
  const check = endpointOf(survey);
  if (check && !check.ok) problems.push({code: 'endpoint-invalid', message: check.message});
  if (!['json', 'fhir', 'xapi'].includes(survey.format)) {
    problems.push({
      code: 'format-unknown',
      message: `format="${survey.format}" is not json, fhir or xapi: the JSON body is sent.`,
    });
  }
  return problems;
}

/**
 * Delivery for `survey`: through its `fetch`, re-rendering it as the status changes, with the
 * page's headers for its own endpoint only (xAPI posts below it, to /statements).
 */
export function deliveryFor(survey: RsSurvey, options: DeliveryControllerOptions) {
  return new DeliveryController(survey, {
    ...options,
    fetch: (...args) => survey.fetch(...args),
    onStatus: () => survey.requestUpdate(),
    headersFor: (record) => {
      const check = endpointOf(survey);
      const href = check?.ok ? check.url.href : undefined;
      return href && atOrBelow(record.url, href) ? survey.headers : undefined;
    },
  });
}

/**
 * Loads the adapter of the page's body format with this module, so a person who reached the
 * review page online can still submit after the connection drops.
 */
export const loadFormat = (format: string) =>
  format === 'fhir'
    ? import('../../transport/body-fhir.js')
    : format === 'xapi'
      ? import('../../transport/body-xapi.js')
      : undefined;

/** What the survey hands over when a person submits. */
export interface Submission extends ResponseInput {
  fhir?: FhirLink;
  /** Its `format`, `endpoint` (none: local mode), `headers` and `credentials`. */
  survey: Pick<RsSurvey, 'format' | 'endpoint' | 'headers' | 'credentials'>;
  delivery: DeliveryController;
  lms?: Promise<LmsLink | undefined>;
  emit(type: string, detail: unknown, cancelable?: boolean): boolean;
}

/**
 * Builds the response, asks the page (`rs-submit`), then puts it in the outbox for the
 * endpoint, or keeps it on the device (local mode, or an endpoint refused). Resolves to
 * undefined when the page cancelled (nothing done), else to the response and, when storing it
 * failed, the error. Rejects when no request could be made (its code could not load): nothing
 * is stored then.
 */
export async function submitResponse(
  s: Submission,
): Promise<{response: ResponseBody; error?: unknown} | undefined> {
  const response = responseOf(s);
  if (!s.emit('rs-submit', {response}, true)) return undefined;
  const {format, headers, credentials} = s.survey;
  // A refused endpoint was reported when this module loaded; the response stays here.
  const check = endpointOf(s.survey);
  const {body, url} = await requestFor({
    format,
    response,
    pack: s.pack,
    fhir: s.fhir,
    url: check?.ok ? check.url.href : undefined,
    // Only an xAPI body needs the LMS (a stalled LMS script must not hold other formats).
    launch: format === 'xapi' ? (await s.lms)?.launch : undefined,
  });
  const {id} = response;
  try {
    if (url) {
      await s.delivery.enqueue({id, url, format, body, headers, credentials});
    } else {
      await s.delivery.keepLocally({
        id,
        format,
        body,
        savedAt: response.submittedAt,
        response: format === 'json' ? undefined : JSON.stringify(response),
      });
      // Only local mode counts as submitted; a refused endpoint was reported as an error.
      if (!check) s.emit('rs-submitted', {id, status: 'stored'});
    }
  } catch (error) {
    return {response, error};
  }
  return {response};
}

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

export {endingOf, endingStyles, reviewPage} from './ending.js';

/** The thank-you page: what became of the response, and its download where it stays here. */
export function thanksPage(
  survey: RsSurvey,
  v: Omit<DoneView, 'status' | 'endpoint' | 'download'> & {
    delivery?: DeliveryController;
    /** This session's response, if it was submitted now. */
    response: ResponseBody | null;
    store: Store;
    /** The id of the response submitted from this draft. */
    id: string;
  },
) {
  // An endpoint set that may not be sent to: the response stays here, as in local mode.
  const refused = endpointOf(survey)?.ok === false;
  const status = v.delivery?.status ?? 'idle';
  return donePage({
    ...v,
    status,
    endpoint: !survey.endpoint ? 'none' : refused ? 'refused' : 'ok',
    download:
      !survey.endpoint || refused || status === 'rejected'
        ? (kind) => void downloadResponse(survey.renderRoot, kind, v.response, v.store, v.id)
        : undefined,
  });
}
