import type {Pack} from '../../src/instrument/types.js';
import {uuid} from '../../src/store/uuid.js';

export type Behaviour =
  | {
      status: number;
      retryAfter?: number | string;
      message?: string;
      text?: string;
      type?: string;
      delay?: number;
    }
  | {hang: true; delay?: number}
  | {drop: true; delay?: number}
  | {redirect: string}
  | {delay: number};

export interface Attempt {
  key: string | null;
  status: number | 'drop' | 'hang' | null;
  duplicate?: boolean;
  resend: boolean;
  contentType: string | null;
  headers: {[name: string]: string | undefined};
  body: string;
}

export interface EndpointLog {
  stored: {id: string; [key: string]: unknown}[];
  attempts: Attempt[];
  violations: {key: string | null; message: string}[];
  duplicates: number;
}

/** The dev server's test endpoint (test/server/endpoint.js), one random bucket per instance. */
export class TestEndpoint {
  readonly bucket = `t${uuid()}`;
  readonly base = new URL(`/__endpoint/${this.bucket}`, location.href).href;
  readonly url = `${this.base}/responses`;

  async script(steps: Behaviour[]): Promise<void> {
    const res = await fetch(`${this.base}/script`, {method: 'POST', body: JSON.stringify(steps)});
    if (!res.ok) throw new Error(`script refused: ${res.status}`);
  }

  async log(): Promise<EndpointLog> {
    return (await fetch(`${this.base}/log`, {cache: 'no-store'})).json();
  }

  async reset(): Promise<void> {
    await fetch(this.base, {method: 'DELETE'});
  }
}

/**
 * The page's own fetch, as the element would hand it in, with each call tagged so the test
 * endpoint can tell the browser's silent resends (same tag) from the client's retries.
 */
export const pageFetch: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set('X-Test-Attempt', uuid());
  return fetch(input, {...init, headers});
};

/** Attempts made by the client (not the browser's own resends). */
export const clientAttempts = (log: EndpointLog) => log.attempts.filter((a) => !a.resend);

export const SECRET = 'SECRET-REFLECTION-7f3a';

/** A pack with every kind of privacy: shared, private by default, private by choice, code. */
export const pack: Pack = {
  id: 'coping-with-error',
  version: '1.0.0',
  title: 'Coping with error',
  timepoints: [{id: 'baseline', label: 'Before the workshop'}],
  scales: {agree: {points: [1, 2, 3, 4, 5].map((value) => ({value, label: String(value)}))}},
  sections: [
    {
      id: 'main',
      title: 'Main',
      items: [
        {id: 'intro', type: 'display', text: 'Hello'},
        {
          id: 'code',
          type: 'code',
          text: 'Your code',
          parts: [{id: 'a', prompt: 'Letter', kind: 'letter'}],
        },
        {id: 'conf-1', type: 'likert', text: 'Confident', scale: 'agree'},
        {
          id: 'know-2',
          type: 'choice',
          text: 'Which',
          options: [
            {value: 'a', label: 'A'},
            {value: 'b', label: 'B'},
          ],
        },
        {
          id: 'gibbs',
          type: 'reflection',
          text: 'Reflect',
          steps: [{id: 'feelings', prompt: 'Feelings'}],
        },
        {
          id: 'shared-reflection',
          type: 'reflection',
          text: 'Share',
          private: false,
          steps: [{id: 'plan', prompt: 'Plan'}],
        },
        {id: 'notes', type: 'long-text', text: 'Notes', private: true},
        {id: 'eval-free', type: 'long-text', text: 'What helped'},
        {id: 'agree', type: 'choice', text: 'Ok?', options: [{value: 'y', label: 'Yes'}]},
      ],
    },
  ],
};

/** Answers to every item of `pack`, with the secret in each private one. */
export const allAnswers = {
  code: 'M',
  'code.a': 'M',
  'conf-1': 4,
  'know-2': ['b'],
  'gibbs.feelings': `${SECRET} I felt awful`,
  gibbs: SECRET,
  'shared-reflection.plan': 'Talk to a peer',
  notes: `${SECRET} private note`,
  'eval-free': 'The breathing exercise',
  unknown: SECRET,
} as const;
