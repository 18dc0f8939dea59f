/**
 * The `format="json"` body (`resilience-survey/response@1`, `schema/response.schema.json`).
 * Pure: no I/O, no clock.
 */
import {answerKeys, expand, isPrivate} from '../instrument/conditions.js';
import type {Answer, Answers, Item, Pack, Question, Score} from '../instrument/types.js';
import {RESPONSE_SCHEMA, type BodyRequest, type RequestInput, type ResponseBody} from './types.js';

export {RESPONSE_SCHEMA, type ResponseBody};

export interface JsonBodyInput {
  /** The draft's `responseId`. */
  readonly id: string;
  readonly pack: Pick<Pack, 'id' | 'version' | 'sections'>;
  readonly timepoint: string;
  readonly participant: string | null;
  readonly locale: string;
  readonly startedAt: string;
  readonly submittedAt: string;
  /** All answers, private ones included: only shared ones go into the body. */
  readonly answers: Answers;
  readonly scores: {readonly [id: string]: Score};
  readonly clientVersion: string;
}

// Which answers are private is a fact of the pack; it lives with the pack's other rules.
export {isPrivate};

/**
 * The answer keys that may leave the device: those of shared questions (a shared reflection's
 * steps under `id.step`). Code items are left out: the assembled code travels as `participant`.
 */
export function sharedKeys(pack: Pick<Pack, 'sections'>, answers?: Answers): Set<string> {
  const shared = (item: Item) =>
    item.type !== 'display' && item.type !== 'code' && !isPrivate(item as Question);
  // With these answers: the items of each instance of a repeating group (`GroupItem`).
  return new Set(
    pack.sections.flatMap((s) =>
      expand
        .items(s.items, answers as Answers)
        .filter(shared)
        .flatMap(answerKeys),
    ),
  );
}

// JSON has no NaN or Infinity: such a number would arrive as null and break the schema.
const sendable = (value: Answer): boolean => typeof value !== 'number' || Number.isFinite(value);

/** Only the answers of shared questions: keys the pack does not know are dropped too. */
export function sharedAnswers(pack: Pick<Pack, 'sections'>, answers: Answers): Answers {
  const keys = sharedKeys(pack, answers);
  const shared: {[key: string]: Answer} = {};
  for (const [key, value] of Object.entries(answers)) {
    if (keys.has(key) && sendable(value)) shared[key] = value;
  }
  return shared;
}

export function buildJsonBody(input: JsonBodyInput): ResponseBody {
  const scores: {[id: string]: Score} = {};
  for (const [id, score] of Object.entries(input.scores)) {
    const value = Number.isFinite(score.value) ? score.value : null;
    scores[id] = {value, answered: score.answered, of: score.of, band: score.band};
  }
  return {
    schema: RESPONSE_SCHEMA,
    id: input.id,
    instrument: {id: input.pack.id, version: input.pack.version},
    timepoint: input.timepoint,
    participant: input.participant,
    locale: input.locale,
    startedAt: input.startedAt,
    submittedAt: input.submittedAt,
    answers: sharedAnswers(input.pack, input.answers),
    scores,
    client: {version: input.clientVersion},
  };
}

/** The `format="json"` request: the response itself, to the endpoint. */
export const request = ({response, url}: RequestInput): BodyRequest => ({
  body: JSON.stringify(response),
  url,
});
