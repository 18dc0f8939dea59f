import type {Answer, Answers, Condition, Item, Pack, Question, Section} from './types.js';

/**
 * The items a list of items stands for with these answers: itself, unless the pack has
 * repeating items, whose module (`repeat.ts`, loaded only for such packs) puts each
 * instance's items in place here.
 */
export const expand = {
  items: (items: readonly Item[], _answers: Answers): readonly Item[] => items,
};

/** A page of the survey at one timepoint: a section and its visible items. */
export interface Page {
  readonly section: Section;
  readonly items: readonly Item[];
}

/** The answer under a key, own properties only (an item may be called `toString`). */
export function answerOf(answers: Answers, key: string): Answer | undefined {
  return Object.hasOwn(answers, key) ? answers[key] : undefined;
}

/** Whether an answer says something: blank strings and empty lists do not. */
export function isAnswered(answer: Answer | undefined): boolean {
  if (answer === undefined || answer === null) return false;
  if (typeof answer === 'string') return answer.trim() !== '';
  if (typeof answer === 'number') return Number.isFinite(answer);
  if (typeof answer === 'boolean') return true;
  return Array.isArray(answer) && answer.length > 0;
}

/** Whether an item has an answer: under its id, or (reflections, codes) under any of its parts. */
function itemAnswered(answers: Answers, id: string): boolean {
  if (isAnswered(answerOf(answers, id))) return true;
  const prefix = `${id}.`;
  return Object.keys(answers).some((k) => k.startsWith(prefix) && isAnswered(answers[k]));
}

/**
 * Whether a condition holds for these answers. As in FHIR's `enableWhen`, a comparison with
 * an unanswered item is false (`notEquals` too); only `unanswered` holds for it. A choice
 * answer (a list) `equals` a value when it is exactly that one value; `includes` when the
 * value is among them. Unknown shapes are false.
 */
export function evaluate(condition: Condition, answers: Answers): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluate(c, answers));
  if ('any' in condition) return condition.any.some((c) => evaluate(c, answers));
  const {op, item} = condition;
  if (op === 'answered' || op === 'unanswered')
    return itemAnswered(answers, item) === (op === 'answered');
  if (!('value' in condition)) return false;
  const answer = answerOf(answers, item);
  if (!isAnswered(answer) || answer === undefined) return false;
  const {value} = condition;
  // A single answer compares as a list of one: `equals` is then exactly that one value.
  const list: readonly unknown[] = Array.isArray(answer) ? answer : [answer];
  const equals = list.length === 1 && list[0] === value;
  if (op === 'equals') return equals;
  if (op === 'notEquals') return !equals;
  if (op === 'includes') return list.includes(value);
  if (typeof answer !== 'number' || typeof value !== 'number') return false;
  return op === 'gt'
    ? answer > value
    : op === 'gte'
      ? answer >= value
      : op === 'lt'
        ? answer < value
        : op === 'lte' && answer <= value;
}

/** Whether an item or section is part of a timepoint at all (before any `showIf`). */
export function atTimepoint(
  node: {readonly timepoints?: readonly string[]},
  timepoint: string,
): boolean {
  return !node.timepoints || node.timepoints.includes(timepoint);
}

/** Whether the pack has this timepoint. An unknown one shows nothing, rather than everything. */
export function isTimepoint(pack: Pack, timepoint: string): boolean {
  return pack.timepoints.some((t) => t.id === timepoint);
}

/** Items of a pack that a timepoint includes, whatever the answers: what a score rule may use. */
export function itemsAt(pack: Pack, timepoint: string): Item[] {
  if (!isTimepoint(pack, timepoint)) return [];
  return pack.sections
    .filter((s) => atTimepoint(s, timepoint))
    .flatMap((s) => s.items.filter((item) => atTimepoint(item, timepoint)));
}

/** The answer keys an item owns: its id, and `${id}.${part}` for reflection steps and code parts. */
export function answerKeys(item: Item): string[] {
  const parts = item.type === 'reflection' ? item.steps : item.type === 'code' ? item.parts : [];
  return [item.id, ...parts.map((p) => `${item.id}.${p.id}`)];
}

/**
 * The sections shown at a timepoint, each with its visible items. A section's or an item's
 * `timepoints` and `showIf` both apply; a section left with no visible items is omitted.
 * A timepoint the pack does not have gives no pages.
 *
 * Walks the pack in order: a hidden item's answers are dropped before any later condition
 * reads them, so a chain of conditions behaves as a person expects: hiding a question also
 * hides what depends on it. A condition on a later item (the parser warns) sees that item's
 * answer as given.
 */
export function pagesAt(pack: Pack, timepoint: string, answers: Answers): Page[] {
  const current: Record<string, Answer> = {...answers};
  const hide = (item: Item): void => {
    for (const key of answerKeys(item)) delete current[key];
  };
  const pages: Page[] = [];
  if (!isTimepoint(pack, timepoint)) return pages;
  for (const section of pack.sections) {
    if (
      !atTimepoint(section, timepoint) ||
      (section.showIf && !evaluate(section.showIf, current))
    ) {
      section.items.forEach(hide);
      continue;
    }
    const items: Item[] = [];
    for (const item of expand.items(section.items, current)) {
      const shown =
        atTimepoint(item, timepoint) && (!item.showIf || evaluate(item.showIf, current));
      if (shown) items.push(item);
      else hide(item);
    }
    if (items.length) pages.push({section, items});
  }
  return pages;
}

/** The visible questions at a timepoint, in order (display items left out). */
export function questionsAt(pack: Pack, timepoint: string, answers: Answers): Question[] {
  return pagesAt(pack, timepoint, answers).flatMap((p) =>
    p.items.filter((i): i is Question => i.type !== 'display'),
  );
}

/**
 * Only the answers of visible questions: each one's `id` and `${id}.${part}` keys. Answers
 * of hidden items, and keys that belong to no item, are dropped: a response carries only
 * what the person could see.
 */
export function visibleAnswers(pack: Pack, timepoint: string, answers: Answers): Answers {
  const out: Record<string, Answer> = {};
  for (const q of questionsAt(pack, timepoint, answers)) {
    for (const key of answerKeys(q)) {
      const a = answerOf(answers, key);
      if (a !== undefined) out[key] = a;
    }
  }
  return out;
}

/** The answers a new draft starts with: each question's `initial`. */
export function initialAnswers(pack: Pack): Answers {
  const out: Record<string, Answer> = {};
  for (const section of pack.sections) {
    for (const item of expand.items(section.items, {})) {
      // Display items and groups have no `initial`.
      if ((item as Question).initial !== undefined) out[item.id] = (item as Question).initial!;
    }
  }
  return out;
}

/** Reflections stay on the device unless the pack says `private: false`; others unless `private: true`. */
export function isPrivate(item: Question): boolean {
  return item.type === 'reflection' ? item.private !== false : item.private === true;
}
