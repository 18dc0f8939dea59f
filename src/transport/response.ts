/**
 * The finished response (`format="json"`, `schema/response.schema.json`): built from the
 * survey's pack, timepoint and answers. Pure but for the version it carries; the time comes in.
 */
import {questionsAt, visibleAnswers} from '../instrument/conditions.js';
import {scoreAll} from '../instrument/scoring.js';
import type {Answers, Pack} from '../instrument/types.js';
import {assembleCode} from '../instrument/validate.js';
import {version} from '../version.js';
import {buildJsonBody, type ResponseBody} from './body-json.js';

export type {ResponseBody};

/** What a response is made of: the pack, timepoint and answers, and who and when. */
export interface ResponseInput {
  readonly pack: Pack;
  readonly timepoint: string;
  readonly answers: Answers;
  /** The host's pseudonymous id; without it, the code the person assembled. */
  readonly participant?: string;
  /** The draft's response id: the `Idempotency-Key`. */
  readonly id: string;
  readonly locale: string;
  readonly startedAt: string;
  readonly submittedAt: string;
}

/** The answers of shared, visible questions, and the scores. */
export function responseOf(v: ResponseInput): ResponseBody {
  const code = questionsAt(v.pack, v.timepoint, v.answers).find((q) => q.type === 'code');
  return buildJsonBody({
    id: v.id,
    pack: v.pack,
    timepoint: v.timepoint,
    participant: v.participant || (code ? assembleCode(code, v.answers) : null),
    locale: v.locale,
    startedAt: v.startedAt,
    submittedAt: v.submittedAt,
    answers: visibleAnswers(v.pack, v.timepoint, v.answers),
    scores: scoreAll(v.pack, v.timepoint, v.answers),
    clientVersion: version,
  });
}
