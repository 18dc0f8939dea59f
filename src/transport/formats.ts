/**
 * The body formats an endpoint can receive (`format`): the headers each needs, and its adapter,
 * loaded when a page asks for it. A new format is a `body-<name>.ts` that exports
 * `request(input)`, and one line here.
 */
import {request as jsonRequest} from './body-json.js';
import type {BodyRequest, RequestInput} from './types.js';

interface Format {
  /** The headers the format needs on every request (`send.ts`), known without its adapter. */
  headers(id: string): {readonly [name: string]: string};
  /** The adapter: the response as this format's request. */
  load(): Promise<{request(input: RequestInput): BodyRequest}>;
}

export const formats = {
  json: {
    headers: () => ({'Content-Type': 'application/json'}),
    // Every response is JSON first: its adapter is here already.
    load: async () => ({request: jsonRequest}),
  },
  // A conditional create: the server makes nothing new for an identifier it has.
  fhir: {
    headers: (id) => ({
      'Content-Type': 'application/fhir+json',
      'If-None-Exist': `identifier=urn:ietf:rfc:3986|urn:uuid:${id}`,
    }),
    load: () => import('./body-fhir.js'),
  },
  xapi: {
    headers: () => ({'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3'}),
    load: () => import('./body-xapi.js'),
  },
} as const satisfies {readonly [name: string]: Format};

export type BodyFormat = keyof typeof formats;

export const isFormat = (name: unknown): name is BodyFormat =>
  typeof name === 'string' && Object.hasOwn(formats, name);

/** The format a page's `format` names; JSON for one it does not know (`format-unknown`). */
export const formatOf = (name: unknown): BodyFormat => (isFormat(name) ? name : 'json');

/** The request for `response` in `format`, once its adapter has loaded. */
export async function requestFor(format: BodyFormat, input: RequestInput): Promise<BodyRequest> {
  return (await formats[format].load()).request(input);
}
