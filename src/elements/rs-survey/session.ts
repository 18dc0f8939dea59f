/**
 * The survey as a person moves through it, without a DOM: which pages there are, which one
 * shows, the answers, what is wrong on a page, and the rules of Next, Back and Submit. Pure:
 * each function takes the state and gives the next one (the element keeps it and renders it).
 */
import {
  answerKeys,
  atTimepoint,
  expand,
  itemsAt,
  pagesAt,
  questionsAt,
} from '../../instrument/conditions.js';
import type {Answer, Answers, Item, Pack, Question} from '../../instrument/types.js';
import {validateQuestion, type FieldError} from '../../instrument/validate.js';

/**
 * One page of the survey, as a draft stores it too: the start, the pack's consent page, a
 * section's questions, the review, the thank-you page, or the page of a person who did not
 * agree (thanked, nothing kept).
 */
export type Page = 'start' | 'consent' | `section:${string}` | 'review' | 'done' | 'declined';

export const startPage: Page = 'start';

/** What a survey shows: a pack at one timepoint. */
export interface Survey {
  readonly pack: Pack;
  readonly timepoint: string;
}

/** The section a page shows, if it is a section's page. */
export const sectionOf = (page: Page): string | undefined =>
  page.startsWith('section:') ? page.slice('section:'.length) : undefined;

/** On the review or thank-you page, which render from the lazily loaded finish code. */
export const isLastPage = (page: Page) => page === 'review' || page === 'done';

/**
 * Answers in an object with no prototype: an item named `constructor` or `toString` has no
 * answer until the person gives one (a plain object would hand back `Object`'s own members).
 */
export function answersFrom(...sources: (Answers | undefined)[]): Answers {
  const answers: {[key: string]: Answer} = Object.create(null) as {[key: string]: Answer};
  for (const source of sources) {
    for (const [key, value] of Object.entries(source ?? {})) answers[key] = value;
  }
  return answers;
}

/** The answers with `key` set to `value` (`undefined` removes it). */
export function withAnswer(answers: Answers, key: string, value: Answer | undefined): Answers {
  const next = answersFrom(answers) as {[key: string]: Answer};
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/** Keeps the answers whose questions the pack still has; counts those it drops. */
export function knownAnswers(pack: Pack, answers: Answers): {answers: Answers; dropped: number} {
  const keys = new Set(
    pack.sections.flatMap((s) => expand.items(s.items, answers).flatMap(answerKeys)),
  );
  const kept: {[key: string]: Answer} = answersFrom() as {[key: string]: Answer};
  let dropped = 0;
  for (const [key, value] of Object.entries(answers)) {
    if (keys.has(key)) kept[key] = value;
    else dropped++;
  }
  return {answers: kept, dropped};
}

/** The pages in order: start, consent (if the pack asks), one per visible section, review. */
export function pagesOf(s: Survey, answers: Answers): Page[] {
  const sections = pagesAt(s.pack, s.timepoint, answers).map(
    (p): Page => `section:${p.section.id}`,
  );
  return [startPage, ...(s.pack.consent ? ['consent' as const] : []), ...sections, 'review'];
}

/** A stored page if the pack still has it (its conditions met), else the start. */
export function restoredPage(s: Survey, answers: Answers, stored: string): Page {
  return pagesOf(s, answers).find((p) => p === stored) ?? startPage;
}

/** The questions a page asks (none but on a section's page). */
export function questionsOn(s: Survey, answers: Answers, page: Page): Question[] {
  const id = sectionOf(page);
  if (id === undefined) return [];
  const p = pagesAt(s.pack, s.timepoint, answers).find((x) => x.section.id === id);
  return (p?.items ?? []).filter((i): i is Question => i.type !== 'display');
}

/** What is wrong on a page: the first problem of each answer key, in the page's order. */
export function problemsOn(s: Survey, answers: Answers, page: Page): Map<string, FieldError> {
  const errors = new Map<string, FieldError>();
  for (const q of questionsOn(s, answers, page)) {
    for (const e of validateQuestion(q, answers)) if (!errors.has(e.key)) errors.set(e.key, e);
  }
  return errors;
}

/** Next: the page after this one, or this page with what is wrong on it. */
export function next(
  s: Survey,
  answers: Answers,
  page: Page,
): {page: Page} | {errors: Map<string, FieldError>} {
  const errors = problemsOn(s, answers, page);
  if (errors.size) return {errors};
  const pages = pagesOf(s, answers);
  const at = pages.indexOf(page);
  return {page: pages[Math.min(at + 1, pages.length - 1)]};
}

/** Back: the page before this one; none from the start. */
export function back(s: Survey, answers: Answers, page: Page): Page | undefined {
  const pages = pagesOf(s, answers);
  const at = pages.indexOf(page);
  return at > 0 ? pages[at - 1] : undefined;
}

/** Submit: the first page with something wrong on it, or undefined when all may be sent. */
export function firstProblem(
  s: Survey,
  answers: Answers,
): {page: Page; errors: Map<string, FieldError>} | undefined {
  for (const page of pagesOf(s, answers)) {
    const errors = problemsOn(s, answers, page);
    if (errors.size) return {page, errors};
  }
  return undefined;
}

/** The errors left once the person changed `key`: an error goes as its field changes. */
export function errorsAfterChange<T>(errors: ReadonlyMap<string, T>, key: string) {
  if (!errors.size) return errors;
  const left = new Map(errors);
  left.delete(key);
  left.delete(key.split('.')[0]);
  return left;
}

/** The question with this id that the person has now (its conditions met). */
export const questionById = (s: Survey, answers: Answers, id: string): Question | undefined =>
  questionsAt(s.pack, s.timepoint, answers).find((q) => q.id === id);

/** The sections the person has now (their conditions met), each with its visible items. */
export const sectionsOf = (s: Survey, answers: Answers) => pagesAt(s.pack, s.timepoint, answers);

/** How many questions the person has now: the start page's count. */
export const questionsAtCount = (s: Survey, answers: Answers) =>
  questionsAt(s.pack, s.timepoint, answers).length;

/** Whether these items hold a reflection asked at the survey's timepoint. */
const reflects = (s: Survey, items: readonly Item[]) =>
  items.some((item) => item.type === 'reflection' && atTimepoint(item, s.timepoint));

/**
 * Whether the survey asks for a reflection at its timepoint (whatever the answers), or, given
 * a page, on that page: the reflection view's code loads for them.
 */
export function hasReflection(s: Survey | undefined, page?: Page): boolean {
  return (
    !!s &&
    reflects(
      s,
      page
        ? (s.pack.sections.find((x) => x.id === sectionOf(page))?.items ?? [])
        : itemsAt(s.pack, s.timepoint),
    )
  );
}

/**
 * Whether a page with a reflection shows now or comes next (the section after this one at the
 * timepoint, whatever the answers): the reflection view's code is fetched then, a page ahead.
 */
export function reflectionAhead(s: Survey | undefined, page: Page): boolean {
  if (!s || !sectionOf(page)) return false;
  const sections = s.pack.sections.filter((x) => atTimepoint(x, s.timepoint));
  const at = sections.findIndex((x) => x.id === sectionOf(page));
  return sections.slice(at, at + 2).some((x) => reflects(s, x.items));
}
