// `format="xapi"` bodies, read back into responses for the results page and the CSV. Pure.
//
// The widget (src/transport/body-xapi.ts) sends one `answered` statement per shared answer
// and one `completed` statement for the timepoint. Their ids are name-based UUIDs of the
// response id, so the response id itself cannot be recovered; but every statement of one
// response shares the actor, the context (registration when launched by cmi5, the timepoint
// activity as parent, the instrument as grouping) and the timestamp (the submission time).
// Statements are grouped on exactly that: registration + actor + timepoint activity +
// timestamp. A group with a `completed` statement on a `…/timepoints/<id>` activity is a
// response; statements in no such group are counted but not summarised.

import {lastSegment} from './fhir.js';

export const VERBS = {
  answered: 'http://adlnet.gov/expapi/verbs/answered',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
};

/**
 * @param {Array<{seq?: number, body: object}>} records  stored xAPI statement records
 * @returns {{responses: Array<object & {seq?: number}>, leftover: number}}  responses in the
 *   contract's JSON shape plus `format: "xapi"` and the `seq` of their completed statement;
 *   `leftover` counts statements that belong to none
 */
export function statementsToResponses(records) {
  const groups = new Map();
  for (const record of records) {
    const key = groupKey(record.body);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(record);
  }
  const responses = [];
  let leftover = 0;
  for (const group of groups.values()) {
    const completed = group.filter((r) => isCompletion(r.body));
    if (completed.length !== 1) {
      // None: answers without a completion. Several: not something one response sends.
      leftover += group.length;
      continue;
    }
    const answered = group.filter((r) => r.body?.verb?.id === VERBS.answered);
    leftover += group.length - answered.length - 1;
    responses.push({
      seq: completed[0].seq,
      ...toResponse(
        completed[0].body,
        answered.map((r) => r.body),
      ),
    });
  }
  return {responses, leftover};
}

/** The timepoint activity a statement belongs to: the completed object, or the parent. */
function timepointActivity(statement) {
  if (statement?.verb?.id === VERBS.completed) return statement?.object?.id;
  const parent = statement?.context?.contextActivities?.parent;
  return (Array.isArray(parent) ? parent[0] : parent)?.id;
}

function groupKey(statement) {
  return JSON.stringify([
    statement?.context?.registration ?? null,
    actorKey(statement?.actor),
    timepointActivity(statement) ?? null,
    statement?.timestamp ?? null,
  ]);
}

/** An agent's inverse functional identifier, as one comparable string. */
export function actorKey(actor) {
  if (!actor || typeof actor !== 'object') return null;
  if (actor.account) return `account:${actor.account.homePage ?? ''}|${actor.account.name ?? ''}`;
  for (const ifi of ['mbox', 'mbox_sha1sum', 'openid']) {
    if (typeof actor[ifi] === 'string') return `${ifi}:${actor[ifi]}`;
  }
  return null;
}

function isCompletion(statement) {
  return (
    statement?.verb?.id === VERBS.completed &&
    typeof statement.object?.id === 'string' &&
    /\/timepoints\/[^/]+$/.test(statement.object.id)
  );
}

function toResponse(completed, answered) {
  const [, prefix, encoded] = completed.object.id.match(/^(.*)\/timepoints\/([^/]+)$/);
  const grouping = completed.context?.contextActivities?.grouping;
  const groupId = (Array.isArray(grouping) ? grouping[0] : grouping)?.id;
  const base = typeof groupId === 'string' ? groupId : prefix;
  const name = completed.actor?.account?.name;
  const version = completed.context?.extensions?.[`${base}/extensions/instrument-version`];
  const scores = completed.result?.extensions?.[`${base}/extensions/scores`];
  return {
    format: 'xapi',
    // The completed statement's id: stable across resends, unique per response.
    id: completed.id,
    instrument: {
      id: lastSegment(base) ?? base,
      version: typeof version === 'string' ? version : '',
    },
    timepoint: decode(encoded),
    // The widget names an anonymous actor `anonymous-<response id>`: no code to link by.
    participant: typeof name === 'string' && !/^anonymous-/.test(name) ? name : null,
    locale: typeof completed.context?.language === 'string' ? completed.context.language : null,
    submittedAt: typeof completed.timestamp === 'string' ? completed.timestamp : null,
    answers: answersOf(answered, `${base}/items/`),
    scores: scores && typeof scores === 'object' && !Array.isArray(scores) ? scores : {},
  };
}

/** `{itemId: answer}` from answered statements, typed as the contract's JSON would be. */
function answersOf(statements, itemPrefix) {
  // A Map, then own properties: an item id such as "__proto__" stays an ordinary key.
  const answers = new Map();
  for (const s of statements) {
    const id = s.object?.id;
    const response = s.result?.response;
    if (typeof id !== 'string' || typeof response !== 'string') continue;
    const key = decode(id.startsWith(itemPrefix) ? id.slice(itemPrefix.length) : id);
    const type = s.object.definition?.interactionType;
    if (type === 'choice') answers.set(key, response === '' ? [] : response.split('[,]'));
    else if (isNumeric(type, response)) answers.set(key, Number(response));
    else answers.set(key, response);
  }
  return Object.fromEntries(answers);
}

function isNumeric(type, response) {
  return (
    (type === 'likert' || type === 'numeric') &&
    response.trim() !== '' &&
    Number.isFinite(Number(response))
  );
}

function decode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
