/**
 * The native instrument pack format (`resilience-survey/instrument@1`).
 *
 * A pack is untrusted JSON: `parsePack()` in `parse.ts` checks it and returns a `Pack`.
 * Everything here is plain data; the JSON Schema in `schema/instrument.schema.json`
 * documents the same shape for pack authors.
 */

/** Text a person reads: one string, or one per language (`{"en": "…", "cy": "…"}`). */
export type Text = string | {readonly [lang: string]: string};

/**
 * Rich text: a checked tree of a few kinds of node (paragraphs, emphasis, lists, line
 * breaks, links), never HTML. The FHIR import makes it from `rendering-xhtml`; the survey
 * builds it as DOM nodes.
 */
export type RichNode = string | RichElement;

export interface RichElement {
  readonly tag: 'p' | 'strong' | 'em' | 'ul' | 'ol' | 'li' | 'br' | 'a';
  /** Links only: an absolute `https:`, `http:` or `mailto:` URL. */
  readonly href?: string;
  readonly children?: readonly RichNode[];
}

/** An answer: a number (Likert, scale, number), a string (text), string[] (choice), boolean. */
export type Answer = number | string | readonly string[] | boolean;

/**
 * Answers by key. A plain item's key is its `id`. Items with parts store each part under
 * `${item.id}.${part.id}`: the steps of a reflection, the parts of a participant code (whose
 * assembled code is stored under `item.id`).
 */
export type Answers = {readonly [key: string]: Answer};

export interface Timepoint {
  /** e.g. `baseline`, `post-workshop`, `post-coaching`, `follow-up`. */
  readonly id: string;
  readonly label: Text;
  readonly description?: Text;
}

export interface ScalePoint {
  readonly value: number;
  readonly label: Text;
}

/** A reusable response scale, referred to by Likert items through `scale`. */
export interface Scale {
  readonly points: readonly ScalePoint[];
}

/** Show an item or section only when another answer matches. Evaluated, never `eval`ed. */
export type Condition =
  | {
      readonly item: string;
      readonly op: 'equals' | 'notEquals' | 'includes' | 'gt' | 'gte' | 'lt' | 'lte';
      readonly value: string | number | boolean;
    }
  | {readonly item: string; readonly op: 'answered' | 'unanswered'}
  | {readonly all: readonly Condition[]}
  | {readonly any: readonly Condition[]};

interface ItemBase {
  /** Unique across the pack; the key of the answer. Letters, digits, `-` and `_`. */
  readonly id: string;
  /** Timepoints the item appears at; all of the section's when absent. */
  readonly timepoints?: readonly string[];
  readonly showIf?: Condition;
  /** Extra guidance under the question. */
  readonly help?: Text;
  /** `text` with its formatting (one language only), shown instead of it where it fits. */
  readonly richText?: readonly RichNode[];
}

interface QuestionBase extends ItemBase {
  readonly text: Text;
  readonly required?: boolean;
  /**
   * Private answers stay on the device: never in a request body. Reflections are private
   * unless the pack says `private: false`; every other type is shared unless `private: true`.
   */
  readonly private?: boolean;
  /**
   * The answer a new draft starts with (FHIR's `initial`), in the item's answer shape: a
   * number (likert, scale, number), a string (text, long-text), option values (choice).
   * Not for reflections or codes.
   */
  readonly initial?: Answer;
  /**
   * Shown with its answer, which the person does not change: the answer comes from `initial`
   * or, for a FHIR Questionnaire, from its expressions (a calculated value).
   */
  readonly readOnly?: boolean;
  /**
   * A part of the question before it, made by the FHIR import: `other`, the person's own
   * answer to an open choice; `unit`, the unit of a quantity (a choice). Labelled in the
   * interface's language ("Other answer", "Unit"); `text` stays for exports.
   */
  readonly role?: 'other' | 'unit';
}

export interface LikertItem extends QuestionBase {
  readonly type: 'likert';
  /** Key into `Pack.scales`. */
  readonly scale: string;
  /** Reverse-keyed: scored as (min + max − value). */
  readonly reverse?: boolean;
}

/** A min–max numeric scale with labels at the ends (0–10 confidence, say). */
export interface ScaleItem extends QuestionBase {
  readonly type: 'scale';
  readonly min: number;
  readonly max: number;
  readonly step?: number;
  readonly minLabel: Text;
  readonly maxLabel: Text;
}

export interface ChoiceOption {
  readonly value: string;
  readonly label: Text;
}

export interface ChoiceItem extends QuestionBase {
  readonly type: 'choice';
  readonly options: readonly ChoiceOption[];
  /** Several answers allowed (check boxes); otherwise radios. */
  readonly multiple?: boolean;
  /**
   * Typed to filter (a combobox) instead of a list of radios: for long lists. A single
   * answer only (a multiple choice keeps its check boxes).
   */
  readonly autocomplete?: boolean;
  /**
   * A row of a matrix: consecutive single-answer choices marked so, with the same options,
   * share one column head (the options) on a wide screen, each row its own fieldset.
   */
  readonly matrix?: boolean;
  /** Knowledge check: the correct option values (all of them, and only them, for a multiple). */
  readonly correct?: readonly string[];
}

export interface NumberItem extends QuestionBase {
  readonly type: 'number';
  readonly min?: number;
  readonly max?: number;
  /** 1 (whole numbers) when absent. */
  readonly step?: number;
  readonly unit?: Text;
  /** Several answers: "Add another answer" (`GroupItem` tells how they are stored). */
  readonly repeats?: boolean;
}

export interface TextItem extends QuestionBase {
  /** `text`: one line; `long-text`: a text area. */
  readonly type: 'text' | 'long-text';
  readonly minLength?: number;
  readonly maxLength?: number;
  /**
   * A date (`2026-11-27`) or a date with an optional time (`2026-11-27 14:30`): checked as a
   * real calendar day; `27.11.2026` and `2026/11/27` are read too (`dates.ts`); or a time of
   * day (`14:30`). One-line only.
   */
  readonly format?: 'date' | 'dateTime' | 'time';
  /** Several answers: "Add another answer" (`GroupItem` tells how they are stored). */
  readonly repeats?: boolean;
}

export interface ReflectionStep {
  readonly id: string;
  readonly prompt: Text;
  readonly help?: Text;
}

/** Guided reflection: free text in one or more steps (a Gibbs cycle, say). Private by default. */
export interface ReflectionItem extends QuestionBase {
  readonly type: 'reflection';
  readonly steps: readonly ReflectionStep[];
  /** Suggested number of characters per step, shown as a hint (not enforced). */
  readonly suggestedLength?: number;
  readonly maxLength?: number;
}

export interface CodePart {
  readonly id: string;
  readonly prompt: Text;
  /** `letter`: one letter A–Z; `month`: 01–12; `digits`: `length` digits. */
  readonly kind: 'letter' | 'month' | 'digits';
  readonly length?: number;
  readonly help?: Text;
}

/** Self-generated identification code: stable questions assembled into one code (`M-07-J`). */
export interface CodeItem extends QuestionBase {
  readonly type: 'code';
  readonly parts: readonly CodePart[];
}

/** Text shown between questions; no answer. */
export interface DisplayItem extends ItemBase {
  readonly type: 'display';
  readonly text: Text;
}

/**
 * A repeating group (FHIR's `group` with `repeats`): its items are asked once per instance,
 * and a person adds and removes instances ("Add another medication"). Answers:
 * - the group's own key holds the instances' tokens, in order (`["1", "3"]`); absent, the
 *   group has `min` instances (`["1"]`);
 * - an item of instance `k` answers under `${group}.${k}.${item}` (`meds.3.dose`); a
 *   condition inside the group on a sibling reads the sibling of the same instance.
 * An item with `repeats` (text, long-text, number) works the same way with one item: its
 * answers under `${item}.${k}` (`weight.1`, `weight.2`) and its tokens under `.${item}`.
 * Items in a group are likert, scale, choice, number, text, long-text or display.
 */
export interface GroupItem extends ItemBase {
  readonly type: 'group';
  /** What one instance is called ("Medication"): "Add another medication", "Medication 2 of 3". */
  readonly text: Text;
  readonly items: readonly Item[];
  /** Instances shown at least (1 when absent); Remove stops there. */
  readonly min?: number;
  /** Instances allowed at most; Add stops there. */
  readonly max?: number;
}

export type Question =
  LikertItem | ScaleItem | ChoiceItem | NumberItem | TextItem | ReflectionItem | CodeItem;

export type Item = Question | DisplayItem | GroupItem;

export type ItemType = Item['type'];

export interface Section {
  readonly id: string;
  readonly title: Text;
  readonly description?: Text;
  /** Timepoints the section appears at; all when absent. */
  readonly timepoints?: readonly string[];
  readonly showIf?: Condition;
  readonly items: readonly Item[];
}

/** Score bands, tried in order: the first whose `lt` / `lte` bound holds (or has none) wins. */
export interface Band {
  readonly label: Text;
  readonly lt?: number;
  readonly lte?: number;
}

export interface ScoreRule {
  readonly id: string;
  readonly label: Text;
  /** `sum` or `mean` of item values (reverse keys applied); `correct`: count of correct choices. */
  readonly method: 'sum' | 'mean' | 'correct';
  readonly items: readonly string[];
  /** Share of `items` that must be answered for a score (0–1); all of them when absent. */
  readonly minAnswered?: number;
  /** Fill missing items with the person's own mean of the answered ones. */
  readonly impute?: 'person-mean';
  readonly bands?: readonly Band[];
  /** Decimal places of the value; 2 when absent. */
  readonly precision?: number;
}

export interface Consent {
  readonly title?: Text;
  /** Who reads the answers, how long they are kept, how to withdraw, whom to contact. */
  readonly paragraphs: readonly Text[];
  /** The statement a person agrees to. */
  readonly statement: Text;
}

export interface SupportLink {
  readonly label: Text;
  /** `https:`, `tel:` or `mailto:` only. */
  readonly href: string;
}

export interface Support {
  readonly title: Text;
  readonly text: Text;
  readonly links?: readonly SupportLink[];
}

export interface Licence {
  readonly text: Text;
  /** True for this project's own illustrative wording, which no study has validated. */
  readonly illustrative?: boolean;
}

export interface Pack {
  readonly schema?: 'resilience-survey/instrument@1';
  readonly id: string;
  /** Semantic version; drafts and responses name it. */
  readonly version: string;
  /** Canonical URL (the FHIR `questionnaire` of a response). */
  readonly url?: string;
  readonly title: Text;
  /** What the questionnaire is for, shown on the start page. */
  readonly description?: Text;
  /** Roughly how long it takes, shown on the start page. */
  readonly minutes?: number;
  /** Languages the pack's text is written in; the first is the fallback. */
  readonly languages?: readonly string[];
  readonly licence?: Licence;
  readonly timepoints: readonly Timepoint[];
  readonly scales?: {readonly [id: string]: Scale};
  readonly consent?: Consent;
  readonly support?: Support;
  readonly sections: readonly Section[];
  readonly scores?: readonly ScoreRule[];
  /** Show the person their scores on the thank-you page. */
  readonly feedback?: boolean;
}

/** A computed score, as it goes into the response body. */
export interface Score {
  readonly value: number | null;
  readonly answered: number;
  readonly of: number;
  readonly band: string | null;
}

/** A problem found in a pack: the JSON path and what is wrong with it. */
export interface PackProblem {
  /** e.g. `sections[2].items[0].scale`. */
  readonly path: string;
  readonly message: string;
}
