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
import {expand} from '../instrument/conditions.js';
import {localize} from '../instrument/text.js';
import type {Answer, Answers, Item, Pack, Score, Text} from '../instrument/types.js';
import {sharedAnswers} from './body-json.js';
import {uuidV5, VERBS, XAPI_VERSION, type XapiAgent} from './xapi.js';
import {atOrBelow} from './endpoint.js';
import {bodyInput, type BodyRequest, type RequestInput} from './request.js';

export {uuidV5, VERBS, XAPI_VERSION, type XapiAgent};

const INTERACTION = 'http://adlnet.gov/expapi/activities/cmi.interaction';
const ASSESSMENT = 'http://adlnet.gov/expapi/activities/assessment';
const QUESTIONNAIRE = 'http://id.tincanapi.com/activitytype/survey';

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
    // Each instance of a repeating group answers under its own key (`med.2.dose`).
    for (const item of expand.items(section.items, answers)) {
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

/** The `format="xapi"` request: the statements, to `{endpoint}/statements`. */
export function request(input: RequestInput): BodyRequest {
  const {url, lrs} = input;
  // Answers travel under the pseudonymous code, never the learner's LMS identity; an LMS's
  // own record store learns which registration and activity they belong to, when the
  // endpoint is that record store.
  const context =
    lrs && url && atOrBelow(url, lrs.endpoint)
      ? {activityId: lrs.activityId, registration: lrs.registration}
      : {};
  const statements = buildStatements({
    ...bodyInput(input),
    scores: input.response.scores,
    origin: input.origin,
    ...context,
  });
  return {body: JSON.stringify(statements), url: url && statementsUrl(url)};
}
