/**
 * The `format="xapi"` body: xAPI 1.0.3 statements, POSTed as one array to
 * `{endpoint}/statements`. Pure: no I/O, no clock.
 *
 * One `answered` statement per shared answer (a `cmi.interaction`: `likert` with the scale's
 * points, `choice` with the options, `numeric`, `fill-in` or `long-fill-in`) and one `completed`
 * statement for the timepoint, with the scores. Statement ids are name-based UUIDs (version 5)
 * of the response id and the answer key, so every retry of a response sends the same ids and an
 * LRS stores each statement once.
 */
import {localize} from '../instrument/text.js';
import type {Answer, Answers, Item, Pack, Score, Text} from '../instrument/types.js';
import {sharedAnswers} from './body-json.js';

export const XAPI_VERSION = '1.0.3';

export const VERBS = {
  answered: 'http://adlnet.gov/expapi/verbs/answered',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  terminated: 'http://adlnet.gov/expapi/verbs/terminated',
} as const;

const INTERACTION = 'http://adlnet.gov/expapi/activities/cmi.interaction';
const ASSESSMENT = 'http://adlnet.gov/expapi/activities/assessment';
const QUESTIONNAIRE = 'http://id.tincanapi.com/activitytype/survey';
/** The namespace of this package's statement ids (a fixed, random UUID). */
const NAMESPACE = '6f1c5e0a-3b7d-4c9e-8a21-5d4b7e9f0c13';

export type XapiAgent =
  | {
      readonly objectType?: 'Agent';
      readonly account: {readonly homePage: string; readonly name: string};
    }
  | {readonly objectType?: 'Agent'; readonly mbox: string}
  | {readonly objectType?: 'Agent'; readonly mbox_sha1sum: string}
  | {readonly objectType?: 'Agent'; readonly openid: string};

export type Statement = {[key: string]: unknown};

export interface XapiBodyInput {
  /** The draft's `responseId`: the seed of every statement id. */
  readonly id: string;
  readonly pack: Pick<
    Pack,
    'id' | 'version' | 'url' | 'title' | 'sections' | 'scales' | 'languages'
  >;
  readonly timepoint: string;
  readonly participant: string | null;
  readonly locale: string;
  readonly submittedAt: string;
  /** Answers of visible questions (private ones are dropped here). */
  readonly answers: Answers;
  readonly scores: {readonly [id: string]: Score};
  /** The page's origin: the `homePage` of the pseudonymous account. */
  readonly origin: string;
  /** An actor from a cmi5 launch; otherwise an account named by the participant code. */
  readonly actor?: XapiAgent;
  /** The activity the statements belong to (a cmi5 `activityId`); else the pack's URL or id. */
  readonly activityId?: string;
  readonly registration?: string;
}

/** `{endpoint}/statements`, whether or not the endpoint ends with a slash. */
export function statementsUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/statements`;
}

/** The statements for a finished response: one per shared answer, then `completed`. */
export function buildStatements(input: XapiBodyInput): Statement[] {
  const {pack, locale} = input;
  const t = (text: Text | undefined) => localize(text, locale, pack.languages);
  const lang = (text: Text | undefined) => ({[locale]: t(text)});
  const base = (
    input.activityId ??
    pack.url ??
    `urn:resilience-survey:${encodeURIComponent(pack.id)}`
  ).replace(/\/+$/, '');
  const timepointId = `${base}/timepoints/${encodeURIComponent(input.timepoint)}`;
  const actor = input.actor ?? {
    objectType: 'Agent',
    account: {homePage: input.origin, name: input.participant ?? `anonymous-${input.id}`},
  };
  const context = {
    ...(input.registration ? {registration: input.registration} : {}),
    contextActivities: {
      parent: [{objectType: 'Activity', id: timepointId}],
      grouping: [
        {
          objectType: 'Activity',
          id: base,
          definition: {type: QUESTIONNAIRE, name: lang(pack.title)},
        },
      ],
    },
    language: locale,
    extensions: {[`${base}/extensions/instrument-version`]: pack.version},
  };
  const statement = (key: string, rest: Statement): Statement => ({
    id: uuidV5(`${input.id}/${key}`),
    actor,
    ...rest,
    context,
    timestamp: input.submittedAt,
  });

  const answers = sharedAnswers(pack, input.answers);
  const out: Statement[] = [];
  for (const section of pack.sections) {
    for (const item of section.items) {
      for (const [key, text, answer] of answerKeysOf(item, answers)) {
        const described = interaction(item, answer, pack, lang);
        if (!described) continue;
        out.push(
          statement(key, {
            verb: {id: VERBS.answered, display: {'en-US': 'answered'}},
            object: {
              objectType: 'Activity',
              id: `${base}/items/${encodeURIComponent(key)}`,
              definition: {type: INTERACTION, name: lang(text), ...described.definition},
            },
            result: described.result,
          }),
        );
      }
    }
  }
  const scores = Object.entries(input.scores).filter(
    ([, s]) => s.value !== null && Number.isFinite(s.value),
  );
  const result: Statement = {completion: true};
  // A single score is the result's raw score; all of them travel in an extension.
  if (scores.length === 1) result.score = {raw: scores[0][1].value};
  if (scores.length) {
    result.extensions = {
      [`${base}/extensions/scores`]: Object.fromEntries(
        scores.map(([id, s]) => [
          id,
          {value: s.value, answered: s.answered, of: s.of, band: s.band},
        ]),
      ),
    };
  }
  out.push(
    statement('completed', {
      verb: {id: VERBS.completed, display: {'en-US': 'completed'}},
      object: {
        objectType: 'Activity',
        id: timepointId,
        definition: {type: ASSESSMENT, name: lang(pack.title)},
      },
      result,
    }),
  );
  return out;
}

/** Answer keys of an item with their prompt: a shared reflection answers per step. */
function answerKeysOf(item: Item, answers: Answers): [string, Text, Answer][] {
  if (item.type === 'display' || item.type === 'code') return [];
  const own = (key: string) =>
    Object.prototype.hasOwnProperty.call(answers, key) ? answers[key] : undefined;
  if (item.type === 'reflection') {
    return item.steps.flatMap((s): [string, Text, Answer][] => {
      const a = own(`${item.id}.${s.id}`);
      return a === undefined ? [] : [[`${item.id}.${s.id}`, s.prompt, a]];
    });
  }
  const a = own(item.id);
  return a === undefined ? [] : [[item.id, item.text, a]];
}

/** The interaction definition and result of one answer; none for an answer of the wrong shape. */
function interaction(
  item: Item,
  answer: Answer,
  pack: XapiBodyInput['pack'],
  lang: (text: Text | undefined) => {[locale: string]: string},
): {definition: Statement; result: Statement} | undefined {
  const describe = (id: string, label: Text) => ({id, description: lang(label)});
  switch (item.type) {
    case 'likert': {
      if (typeof answer !== 'number') return undefined;
      const points = pack.scales?.[item.scale]?.points ?? [];
      return {
        definition: {
          interactionType: 'likert',
          scale: points.map((p) => describe(String(p.value), p.label)),
        },
        result: {response: String(answer)},
      };
    }
    case 'choice': {
      if (!Array.isArray(answer)) return undefined;
      const response = (answer as readonly string[]).join('[,]');
      const result: Statement = {response};
      const definition: Statement = {
        interactionType: 'choice',
        choices: item.options.map((o) => describe(o.value, o.label)),
      };
      if (item.correct) {
        const correct = item.correct.join('[,]');
        definition.correctResponsesPattern = [correct];
        result.success = [...answer].sort().join('[,]') === [...item.correct].sort().join('[,]');
      }
      return {definition, result};
    }
    case 'number':
    case 'scale':
      return typeof answer === 'number' && Number.isFinite(answer)
        ? {definition: {interactionType: 'numeric'}, result: {response: String(answer)}}
        : undefined;
    case 'text':
    case 'long-text':
    case 'reflection':
      return typeof answer === 'string' && answer.trim()
        ? {
            definition: {interactionType: item.type === 'text' ? 'fill-in' : 'long-fill-in'},
            result: {response: answer},
          }
        : undefined;
    default:
      return undefined;
  }
}

/** A name-based UUID (version 5, SHA-1) in this package's namespace. */
export function uuidV5(name: string, namespace = NAMESPACE): string {
  const ns = namespace
    .replace(/-/g, '')
    .match(/../g)!
    .map((h) => parseInt(h, 16));
  const bytes = sha1([...ns, ...new TextEncoder().encode(name)]);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes
    .slice(0, 16)
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** SHA-1 (FIPS 180-4). Synchronous, and without `crypto.subtle`, which plain-http pages lack. */
function sha1(message: number[]): number[] {
  const bytes = [...message, 0x80];
  while (bytes.length % 64 !== 56) bytes.push(0);
  const bits = message.length * 8;
  bytes.push(0, 0, 0, 0, (bits >>> 24) & 255, (bits >>> 16) & 255, (bits >>> 8) & 255, bits & 255);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Array<number>(80);
  for (let i = 0; i < bytes.length; i += 64) {
    for (let j = 0; j < 16; j++) {
      const k = i + j * 4;
      w[j] = (bytes[k] << 24) | (bytes[k + 1] << 16) | (bytes[k + 2] << 8) | bytes[k + 3];
    }
    for (let j = 16; j < 80; j++) {
      const x = w[j - 3] ^ w[j - 8] ^ w[j - 14] ^ w[j - 16];
      w[j] = (x << 1) | (x >>> 31);
    }
    let [a, b, c, d, e] = h;
    for (let j = 0; j < 80; j++) {
      const [f, k] =
        j < 20
          ? [(b & c) | (~b & d), 0x5a827999]
          : j < 40
            ? [b ^ c ^ d, 0x6ed9eba1]
            : j < 60
              ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc]
              : [b ^ c ^ d, 0xca62c1d6];
      const temp = (((a << 5) | (a >>> 27)) + f + e + k + w[j]) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = temp;
    }
    h[0] = (h[0] + a) | 0;
    h[1] = (h[1] + b) | 0;
    h[2] = (h[2] + c) | 0;
    h[3] = (h[3] + d) | 0;
    h[4] = (h[4] + e) | 0;
  }
  return h.flatMap((v) => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255]);
}
