/**
 * Submitting a finished response: build it, let the page see it (and cancel), then put it in
 * the outbox for the endpoint, or keep it on the device (local mode, or an endpoint refused).
 * Plain data in, plain data out: whoever hosts the survey supplies the rest as functions.
 */
import type {DeliveryController} from './delivery-controller.js';
import type {Destination} from './endpoint.js';
import {formatOf, formats, isFormat, requestFor} from './formats.js';
import {responseOf, type ResponseBody, type ResponseInput} from './response.js';
import type {RequestInput} from './types.js';

export interface Submission extends ResponseInput {
  readonly fhir?: RequestInput['fhir'];
  /** The page's `format` (JSON for one it does not know). */
  readonly format: string;
  readonly destination: Destination;
  readonly headers?: {readonly [name: string]: string};
  readonly credentials?: RequestCredentials;
  readonly origin: string;
  readonly delivery: Pick<DeliveryController, 'enqueue' | 'keepLocally'>;
  /** The cmi5 record store, asked only for an xAPI body (a stalled LMS must not hold others). */
  lrs?(): Promise<RequestInput['lrs']>;
  /** Shows the response to the page (`rs-submit`); false when the page cancelled. */
  confirm(response: ResponseBody): boolean;
  /** Local mode stored it (`rs-submitted` `{status: 'stored'}`). */
  stored(id: string): void;
}

/**
 * Resolves to undefined when the page cancelled (nothing done), else to the response and,
 * when storing it failed, the error. Rejects when no request could be made (the format's code
 * could not load): nothing is stored then.
 */
export async function submitResponse(
  s: Submission,
): Promise<{response: ResponseBody; error?: unknown} | undefined> {
  const response = responseOf(s);
  if (!s.confirm(response)) return undefined;
  const format = formatOf(s.format);
  const {destination: to} = s;
  const {body, url} = await requestFor(format, {
    response,
    pack: s.pack,
    fhir: s.fhir,
    url: to.kind === 'send' ? to.url : undefined,
    origin: s.origin,
    lrs: format === 'xapi' ? await s.lrs?.() : undefined,
  });
  const {id} = response;
  try {
    if (url) {
      await s.delivery.enqueue({
        id,
        url,
        format,
        body,
        headers: s.headers,
        credentials: s.credentials,
      });
    } else {
      await s.delivery.keepLocally({
        id,
        format,
        body,
        savedAt: response.submittedAt,
        response: format === 'json' ? undefined : JSON.stringify(response),
      });
      // Only local mode counts as submitted; a refused endpoint was reported as an error.
      if (to.kind === 'local') s.stored(id);
    }
  } catch (error) {
    return {response, error};
  }
  return {response};
}

/** What is wrong with a page's delivery settings: an endpoint or a format it cannot use. */
export function deliveryProblems(destination: Destination, format: unknown) {
  const problems: {code: 'endpoint-invalid' | 'format-unknown'; message: string}[] = [];
  if (destination.kind === 'refused') {
    problems.push({code: 'endpoint-invalid', message: destination.message});
  }
  if (!isFormat(format)) {
    const names = Object.keys(formats);
    const known = `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
    problems.push({
      code: 'format-unknown',
      message: `format="${String(format)}" is not ${known}: the JSON body is sent.`,
    });
  }
  return problems;
}

/**
 * The response kept on this device under `id` (the thank-you page after a reload, when the
 * session's own is gone); only this survey's own: a shared device may keep others'.
 */
export async function keptResponse(
  store: {
    listLocal(): Promise<readonly {id: string; format: string; body: string; response?: string}[]>;
  },
  id: string,
): Promise<ResponseBody | null> {
  const kept = await store.listLocal().catch(() => []);
  const mine = kept.find((k) => k.id === id);
  const json = mine && (mine.format === 'json' ? mine.body : mine.response);
  return json ? (JSON.parse(json) as ResponseBody) : null;
}
