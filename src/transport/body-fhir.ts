/**
 * The `format="fhir"` body: a FHIR R4 `QuestionnaireResponse`. Pure: no I/O, no clock.
 *
 * - A pack made from a Questionnaire answers under its original linkIds, nested in its
 *   groups, each answer in the type the Questionnaire asked for (`FhirLink`).
 * - A native pack answers with its section ids as groups and its item ids as linkIds:
 *   choices as `valueCoding` (code = option value), whole numbers as `valueInteger`, others
 *   as `valueDecimal`, text as `valueString`.
 * - The participant is pseudonymous, so there is no `subject` reference to a Patient: the
 *   code (or the host's id) goes in `subject.identifier`, typed as a pseudonym. The timepoint
 *   has no place in R4, so it rides in an extension (`TIMEPOINT_EXTENSION`); so do the
 *   pack's scores, one `SCORE_EXTENSION` each (the study's server reads them back).
 * - Only shared answers of visible questions are passed in; unanswered items are left out,
 *   and so are groups with nothing answered.
 */
import {evaluate} from '../instrument/conditions.js';
import {fhirDate, fhirTime} from '../instrument/dates.js';
import {localize} from '../instrument/text.js';
import type {FhirAnswerKind, FhirLink, FhirLinkItem, FhirValue} from '../instrument/fhir.js';
import type {Answer, Answers, Item, Pack} from '../instrument/types.js';
import {sharedAnswers} from './body-json.js';
import {bodyInput, type BodyRequest, type RequestInput} from './request.js';

/** Extension URL of the study timepoint on the response. */
export const TIMEPOINT_EXTENSION = 'urn:resilience-survey:fhir:timepoint';
/**
 * Extension URL of one of the response's scores (the JSON body's `scores`), one per score
 * that has a value: a complex extension of `id` (valueString) and `value` (valueDecimal).
 */
export const SCORE_EXTENSION = 'urn:resilience-survey:fhir:score';

export interface FhirBodyInput {
  /** The draft's `responseId`: the identifier, and the `If-None-Exist` key. */
  readonly id: string;
  readonly pack: Pick<Pack, 'id' | 'version' | 'url' | 'sections' | 'languages'>;
  /** From `loadPack()` when the pack came from a Questionnaire. */
  readonly link?: FhirLink;
  readonly timepoint: string;
  readonly participant: string | null;
  readonly locale: string;
  readonly submittedAt: string;
  /** Answers of visible questions (private ones are dropped here). */
  readonly answers: Answers;
  /** The pack's scores: they answer the totals a Questionnaire calculates (`FhirLinkItem.score`). */
  readonly scores?: {readonly [id: string]: {readonly value: number | null}};
}

type Json = {[key: string]: unknown};
interface ResponseItem {
  linkId: string;
  text?: string;
  answer?: Json[];
  item?: ResponseItem[];
}

const two = (n: number) => String(Math.floor(n)).padStart(2, '0');

/**
 * A dateTime in FHIR's form: a day alone as it is; a day and time (`2026-11-27T14:30`, read
 * by `fhirDate`) with seconds and the device's zone offset on that day, as FHIR requires.
 */
function withZone(local: string): string {
  if (local.length === 10) return local;
  const [y, mo, d, h, mi] = local.split(/[-T:]/).map(Number);
  const offset = -new Date(y, mo - 1, d, h, mi).getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}:00${sign}${two(abs / 60)}:${two(abs % 60)}`;
}

const list = (a: Answer): readonly string[] => (Array.isArray(a) ? a : [String(a)]);

/** One answer in the type the Questionnaire item asked for. */
function valuesFor(kind: FhirAnswerKind, answer: Answer, unit?: FhirLinkItem['unit']): Json[] {
  if (typeof kind === 'object') {
    return list(answer).flatMap((v) => (kind[v] ? [{...(kind[v] as FhirValue)}] : []));
  }
  const first = Array.isArray(answer) ? answer[0] : answer;
  switch (kind) {
    case 'boolean':
      return first === 'true' || first === 'false' ? [{valueBoolean: first === 'true'}] : [];
    case 'integer':
      return typeof first === 'number' && Number.isInteger(first) ? [{valueInteger: first}] : [];
    case 'decimal':
      return typeof first === 'number' && Number.isFinite(first) ? [{valueDecimal: first}] : [];
    case 'date':
    case 'dateTime': {
      // Typed as text, checked as a date (`validate.ts`), sent in FHIR's form and type only.
      const date = fhirDate(String(first), kind === 'dateTime');
      if (!date) return [];
      return [kind === 'date' ? {valueDate: date} : {valueDateTime: withZone(date)}];
    }
    case 'quantity':
      return typeof first === 'number' && Number.isFinite(first)
        ? [
            {
              valueQuantity: {
                value: first,
                ...(unit ? {unit: unit.display ?? unit.code} : {}),
                ...(unit?.system ? {system: unit.system} : {}),
                ...(unit?.code ? {code: unit.code} : {}),
              },
            },
          ]
        : [];
    case 'time': {
      const time = fhirTime(String(first));
      return time ? [{valueTime: time}] : [];
    }
    case 'coding':
      return typeof first === 'string' && first.trim()
        ? [{valueCoding: {display: first.trim()}}]
        : [];
    default:
      return typeof first === 'string' && first.trim() ? [{valueString: first}] : [];
  }
}

/**
 * The answers of each instance of a repeating group or question, in order: under `prefix`
 * come `${k}.${item}` (a group) or `${k}` (a question), read here as `item` (or `''`).
 */
function instances(answers: Answers, prefix: string, group: boolean): Answers[] {
  const by = new Map<number, {[key: string]: Answer}>();
  for (const [key, value] of Object.entries(answers)) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    const dot = rest.indexOf('.');
    const token = Number(group ? rest.slice(0, dot) : rest);
    if ((group && dot < 1) || !Number.isInteger(token)) continue;
    if (!by.has(token)) by.set(token, {});
    by.get(token)![group ? rest.slice(dot + 1) : ''] = value;
  }
  return [...by.keys()].sort((a, b) => a - b).map((k) => by.get(k)!);
}

function fromLink(
  items: readonly FhirLinkItem[],
  answers: Answers,
  scores: FhirBodyInput['scores'] = {},
): ResponseItem[] {
  const out: ResponseItem[] = [];
  for (const li of items) {
    const base: ResponseItem = {linkId: li.linkId};
    if (li.text) base.text = li.text;
    if (li.repeat !== undefined) {
      // A repeating group: one item per instance, its answers read as a plain group's.
      for (const view of instances(answers, `${li.repeat}.`, true)) {
        const children = fromLink(li.item ?? [], view, scores);
        if (children.length) out.push({...base, item: children});
      }
      continue;
    }
    if (li.repeats && li.id !== undefined && li.answer) {
      const values = instances(answers, `${li.id}.`, false).flatMap((view) =>
        view[''] === undefined ? [] : valuesFor(li.answer!, view[''], li.unit),
      );
      if (values.length) out.push({...base, answer: values});
      continue;
    }
    if (li.item) {
      const children = fromLink(li.item, answers, scores);
      if (children.length) out.push({...base, item: children});
      continue;
    }
    const answer =
      li.score !== undefined
        ? (scores[li.score]?.value ?? undefined)
        : li.id !== undefined && li.answer
          ? answers[li.id]
          : undefined;
    const own = li.other !== undefined ? answers[li.other] : undefined;
    if ((answer === undefined && own === undefined) || !li.answer) continue;
    // A quantity whose unit the person chose: that unit's Coding.
    const chosen = li.units && answers[li.units.id];
    const unit = chosen ? li.units!.codings[list(chosen)[0]] : li.unit;
    const values = answer === undefined ? [] : valuesFor(li.answer, answer, unit);
    // Open choice: one's own answer after the options chosen.
    if (own !== undefined) values.push(...valuesFor('string', own));
    if (!values.length) continue;
    const nested = li.answerItem ? fromLink(li.answerItem, answers, scores) : [];
    if (nested.length) values[0] = {...values[0], item: nested};
    out.push({...base, answer: values});
  }
  return out;
}

function fromPack(input: FhirBodyInput, answers: Answers): ResponseItem[] {
  const t = (text: Parameters<typeof localize>[0]) =>
    localize(text, input.locale, input.pack.languages);
  const packItems = (from: readonly Item[], answers: Answers): ResponseItem[] => {
    const items: ResponseItem[] = [];
    for (const item of from) {
      if (item.type === 'display') continue;
      const base: ResponseItem = {linkId: item.id, text: t(item.text)};
      if (item.type === 'group') {
        // A repeating group: one item per instance, nested as the pack has it.
        for (const view of instances(answers, `${item.id}.`, true)) {
          const inner = packItems(item.items, view);
          if (inner.length) items.push({...base, item: inner});
        }
        continue;
      }
      if (item.type === 'reflection') {
        const steps = item.steps.flatMap((s): ResponseItem[] => {
          const v = answers[`${item.id}.${s.id}`];
          return typeof v === 'string' && v.trim()
            ? [{linkId: `${item.id}.${s.id}`, text: t(s.prompt), answer: [{valueString: v}]}]
            : [];
        });
        if (steps.length) items.push({...base, item: steps});
        continue;
      }
      // A repeating question: each answer of each instance.
      const given =
        'repeats' in item && item.repeats
          ? instances(answers, `${item.id}.`, false).map((view) => view[''])
          : Object.prototype.hasOwnProperty.call(answers, item.id)
            ? [answers[item.id]]
            : [];
      const values = given.flatMap((answer): Json[] => {
        if (item.type === 'choice') {
          return list(answer).map((code) => {
            const option = item.options.find((o) => o.value === code);
            return {valueCoding: option ? {code, display: t(option.label)} : {code}};
          });
        }
        if (typeof answer === 'number') {
          return Number.isInteger(answer) ? [{valueInteger: answer}] : [{valueDecimal: answer}];
        }
        if (typeof answer === 'boolean') return [{valueBoolean: answer}];
        return valuesFor('string', answer);
      });
      if (values.length) items.push({...base, answer: values});
    }
    return items;
  };
  return input.pack.sections.flatMap((section) => {
    const items = packItems(section.items, answers);
    return items.length ? [{linkId: section.id, text: t(section.title), item: items}] : [];
  });
}

/** The QuestionnaireResponse for a finished response. */
export function buildQuestionnaireResponse(input: FhirBodyInput): Json {
  const answers = sharedAnswers(input.pack, input.answers);
  const questionnaire =
    input.link?.questionnaire ??
    (input.pack.url ? `${input.pack.url}|${input.pack.version}` : undefined);
  const body: Json = {
    resourceType: 'QuestionnaireResponse',
    identifier: {system: 'urn:ietf:rfc:3986', value: `urn:uuid:${input.id}`},
    ...(questionnaire ? {questionnaire} : {}),
    status: 'completed',
    authored: input.submittedAt,
    language: input.locale,
    extension: [
      {url: TIMEPOINT_EXTENSION, valueString: input.timepoint},
      ...Object.entries(input.scores ?? {}).flatMap(([id, {value}]) =>
        Number.isFinite(value)
          ? [
              {
                url: SCORE_EXTENSION,
                extension: [
                  {url: 'id', valueString: id},
                  {url: 'value', valueDecimal: value},
                ],
              },
            ]
          : [],
      ),
    ],
  };
  if (input.participant) {
    body.subject = {
      identifier: {
        type: {text: 'Pseudonymous participant code'},
        value: input.participant,
      },
    };
  }
  const items = input.link
    ? fromLink(input.link.item, answers, input.scores)
    : fromPack(input, answers);
  if (items.length) body.item = items;
  // Complete only when no required item the widget left out is enabled, and never empty.
  const waiting = input.link?.missing?.some((m) => !m.when || evaluate(m.when, answers));
  if (input.link && (waiting || !items.length)) body.status = 'in-progress';
  return body;
}

/** The `format="fhir"` request: a QuestionnaireResponse, to the endpoint. */
export const request = (input: RequestInput): BodyRequest => ({
  body: JSON.stringify(
    buildQuestionnaireResponse({
      ...bodyInput(input),
      link: input.fhir,
      scores: input.response.scores,
    }),
  ),
  url: input.url,
});
