/**
 * FHIR R4 `Questionnaire` → native pack. Loaded by `load.ts` through a dynamic import, so a
 * page that never names a Questionnaire never downloads it.
 *
 * Supported: group, display, boolean, decimal, integer, quantity (with the unit the person
 * chooses among its unitOptions: a choice after it, `role: unit`), date,
 * dateTime, time, string, text, choice and open-choice (`answerOption` with valueCoding,
 * valueString, valueInteger, valueDate or valueTime, or an `answerValueSet` contained in the
 * Questionnaire; `initialSelected`; the optionPrefix and ordinalValue extensions; an open
 * choice's own answer), `enableWhen` with every operator the native conditions can express and
 * `enableBehavior`, `required` (and minOccurs ≥ 1), `repeats` on choices, `maxLength`,
 * `initial`, `prefix`, `readOnly` (shown as text), items nested under a question, the
 * itemControl codes radio-button, check-box, drop-down, slider and autocomplete (and a
 * single-answer list of more than 30 options: typed to filter), minValue, maxValue, unit,
 * entryFormat (a hint), displayCategory, the translation extension, a `help` display child
 * (itemControl or displayCategory), rendering-xhtml on `_text` and `_prefix` (the safe subset,
 * as `richText`, when the checker hands in `xhtml.ts`), and a calculatedExpression that sums
 * ordinal values (a native score). With the FHIRPath
 * engine (`fhirpath.ts`, loaded only when the first pass met FHIRPath expressions it needs:
 * `FhirImport.fhirpath`), also calculatedExpression (a read-only item whose value the derive
 * step keeps; a choice's values are then its labels), enableWhenExpression (a gate item in a
 * last, never-shown section), initialExpression and answerExpression (worked out once, over
 * the page's launchContext) and variables; CQL and x-fhir-query are named in warnings. Hidden
 * items are left out quietly. Everything else is named in a warning (linkId and feature) and either ignored,
 * shown plainly or the item is left out; the rest renders. A required item left out is named,
 * and keeps the response `in-progress` while it is enabled (`FhirLink.missing`).
 *
 * Mapping decisions:
 * - top-level groups become sections; top-level questions outside groups are collected into
 *   sections of their own; nested groups are flattened, their text kept as a display item and
 *   their `enableWhen` applied to everything inside them;
 * - boolean → a yes/no choice (`true` / `false`); date, dateTime and time → one-line text
 *   with a `format` (checked as a real day or time, sent in FHIR's form); string → text;
 *   text → long-text; quantity → number with its unit; an answerValueSet that is not
 *   contained is looked up on the page's terminology server (`terminology.ts`, before the
 *   conversion: `expansions`); one that no server expands → free text (a Coding with a
 *   display), with a warning that says why;
 * - a single-answer choice whose options all carry distinct ordinal values becomes a Likert
 *   item on a scale of those values, so answers are numbers that scoring and xAPI `likert` can
 *   use; any other choice becomes a native choice whose values are the codes (or strings,
 *   integers, dates, times as strings);
 * - a condition on an item that is left out (hidden, unsupported, unknown) sees it as
 *   unanswered; a condition the native format cannot express (`>` on text, `!=` on a
 *   multiple choice…) is warned about and read as not met, so no response ever answers an
 *   item FHIR calls disabled; answers compare with options by type and value (an
 *   answerString "4" is not the Coding "4"), and one that is no option never equals.
 *
 * - a repeating group becomes a native `group` (the person adds and removes instances; min-
 *   and maxOccurs bound them; its gtable control is how it is drawn), one at the top a page of
 *   its own; inside one, a repeating group is asked once per instance (warned); `repeats` on a
 *   string, text, number, date or time item takes several answers; an enableWhen from outside
 *   a repeating group on an item inside it reads it as unanswered (warned); a top-level
 *   group's `page` itemControl is what the widget does anyway (each section is a page);
 * - an open-choice with no answerOption (an answerExpression not run) is free text.
 * - a `table`, `grid` or non-repeating `gtable` group: runs of two or more consecutive
 *   single-answer choices with the same options (at most 10) are a matrix (`matrix: true`; on
 *   ordinal values, Likert items on one scale already are); each row that does not fit stays
 *   an ordinary item and is named, the group itself when none fits (`Converter.matrix`).
 *
 * The returned `link` keeps what the QuestionnaireResponse needs: the original linkIds,
 * their nesting and the FHIR value of every option (see `body-fhir.ts`).
 */
import {initialAnswers} from './conditions.js';
import {fhirDate} from './dates.js';
import {ID_PATTERN} from './ids.js';
import type {Expansions} from './terminology.js';
import type {Answer, Answers, Condition, Pack, PackProblem, RichNode, Text} from './types.js';
import type {Rich} from './xhtml.js';

/** A FHIR answer value, as it goes into `QuestionnaireResponse.item.answer`. */
export type FhirValue =
  | {
      readonly valueCoding: {
        readonly system?: string;
        readonly code?: string;
        readonly display?: string;
      };
    }
  | {readonly valueString: string}
  | {readonly valueInteger: number}
  | {readonly valueDate: string}
  | {readonly valueTime: string};

/** How a native answer becomes a FHIR one: a value type, or a table from native option values. */
export type FhirAnswerKind =
  | 'boolean'
  | 'decimal'
  | 'integer'
  | 'date'
  | 'dateTime'
  | 'time'
  | 'string'
  /** A number with the item's `unit`, as a valueQuantity. */
  | 'quantity'
  /** Free text for a choice whose ValueSet is out of reach: a Coding with only a display. */
  | 'coding'
  | {readonly [nativeValue: string]: FhirValue};

/** A unit of a quantity (`questionnaire-unit`, `questionnaire-unitOption`). */
export interface FhirUnit {
  readonly system?: string;
  readonly code?: string;
  readonly display?: string;
}

/** One Questionnaire item that has a native counterpart: a group, or a question. */
export interface FhirLinkItem {
  readonly linkId: string;
  readonly text?: string;
  /** The native answer key; absent for groups. */
  readonly id?: string;
  readonly answer?: FhirAnswerKind;
  readonly item?: readonly FhirLinkItem[];
  /** Open choice: the native id of the text of one's own answer (a valueString). */
  readonly other?: string;
  /** A calculated total: answered with this native score (`Pack.scores`). */
  readonly score?: string;
  /** The unit of a quantity answer. */
  readonly unit?: FhirUnit;
  /** A quantity whose unit the person chooses: the native choice (`id`), its units by value. */
  readonly units?: {readonly id: string; readonly codings: {readonly [value: string]: FhirUnit}};
  /** Items nested under a question: in the response, inside its (first) answer. */
  readonly answerItem?: readonly FhirLinkItem[];
  /** A repeating group: the native group's id; one response item per instance. */
  readonly repeat?: string;
  /** A repeating question: one answer per instance (`${id}.${k}`). */
  readonly repeats?: boolean;
}

/** A required item the widget cannot show: while it is enabled, the response is not complete. */
export interface FhirMissing {
  readonly linkId: string;
  /** When it is enabled (native condition); always when absent. */
  readonly when?: Condition;
}

/** What a FHIR-born pack needs to answer in FHIR terms. */
export interface FhirLink {
  /** `Questionnaire.url|version` (the original version), when the Questionnaire has a url. */
  readonly questionnaire?: string;
  readonly item: readonly FhirLinkItem[];
  /** Required items left out: a response is `in-progress` while one of them is enabled. */
  readonly missing?: readonly FhirMissing[];
  /**
   * The derive step of a Questionnaire with FHIRPath expressions (`fhirpath.ts`): the answers
   * with every calculated value and enableWhenExpression worked out again. The survey calls
   * it after each change.
   */
  readonly derive?: (answers: Answers) => Answers;
}

/**
 * An expression whose value the derive step keeps in the answers: a calculatedExpression
 * (under the item's own native id), or an enableWhenExpression (`gate`: `"true"` or
 * `"false"` under an item of the never-shown section that the item's condition reads).
 */
export interface FhirTarget {
  readonly id: string;
  readonly linkId: string;
  readonly expression: string;
  /** The Questionnaire, then the items down to the one the expression is on (variables, %context). */
  readonly chain: readonly Record<string, unknown>[];
  readonly kind: 'gate' | Exclude<FhirAnswerKind, object>;
  /** A choice's native values by the FHIR value's key (`Coding:code`, `String:…`). */
  readonly options?: ReadonlyMap<string, string | number>;
  readonly multiple?: boolean;
}

/** What the FHIRPath chunk (`fhirpath.ts`) does for the import. */
export interface FhirPathEngine {
  /** An expression's values over an empty response and the launch context; throws with the reason. */
  evaluate(expression: string, chain: readonly Record<string, unknown>[]): unknown[];
  /** A target's native answer over an empty response and the launch context; throws with the reason. */
  value(target: FhirTarget): Answer | undefined;
  /** The derive step of a converted pack; `problems` says which expressions failed, and why. */
  deriver(input: {
    readonly pack: Pack;
    readonly timepoint: string;
    readonly link: FhirLink;
    readonly targets: readonly FhirTarget[];
  }): ((answers: Answers) => Answers) & {readonly problems: readonly string[]};
}

export type FhirImport =
  | {
      readonly ok: true;
      /** Native pack JSON: still to be checked by `parsePack`. */
      readonly pack: unknown;
      readonly link: FhirLink;
      readonly warnings: PackProblem[];
      /** It has FHIRPath expressions the import needs the engine for: import it again with one. */
      readonly fhirpath?: boolean;
      /** Ids of the items that hold enableWhenExpression values (conditions read them ahead). */
      readonly gates?: readonly string[];
    }
  | {readonly ok: false; readonly problems: PackProblem[]};

/** Options of the import: the timepoint's id, and the FHIRPath engine when the Questionnaire has expressions. */
export interface FhirImportOptions {
  readonly timepoint?: string;
  readonly engine?: FhirPathEngine;
  /** Value sets a terminology server expanded, and why the others are missing (`terminology.ts`). */
  readonly expansions?: Expansions;
  /** The reader of rendering-xhtml (`xhtml.ts`), when the Questionnaire has some. */
  readonly xhtml?: (xhtml: string) => Rich;
}

type Obj = Record<string, unknown>;
type Cond = Condition | boolean;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

const SD = 'http://hl7.org/fhir/StructureDefinition/';
const X = {
  control: `${SD}questionnaire-itemControl`,
  hidden: `${SD}questionnaire-hidden`,
  minOccurs: `${SD}questionnaire-minOccurs`,
  maxOccurs: `${SD}questionnaire-maxOccurs`,
  unit: `${SD}questionnaire-unit`,
  unitOption: `${SD}questionnaire-unitOption`,
  minValue: `${SD}minValue`,
  maxValue: `${SD}maxValue`,
  sliderStep: `${SD}questionnaire-sliderStepValue`,
  entryFormat: `${SD}entryFormat`,
  prefix: `${SD}questionnaire-optionPrefix`,
  ordinal: `${SD}ordinalValue`,
  ordinalOld: `${SD}iso21090-CO-value`,
  translation: `${SD}translation`,
  xhtml: `${SD}rendering-xhtml`,
} as const;
const LANG_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
const FHIRPATH = 'text/fhirpath';
/** Expression extensions (SDC's, and the core `variable`), by the end of their url. */
const EXPRESSIONS = [
  'calculatedExpression',
  'enableWhenExpression',
  'initialExpression',
  'answerExpression',
  'launchContext',
  '/variable',
];
/** Presentation hints the widget may ignore: they change no answer. */
const HARMLESS = [
  `${SD}questionnaire-choiceOrientation`,
  `${SD}rendering-style`,
  // Instructions and help are shown as the text they are.
  `${SD}questionnaire-displayCategory`,
];
const HANDLED: readonly string[] = [
  X.control,
  X.hidden,
  X.minOccurs,
  X.maxOccurs,
  X.unit,
  X.unitOption,
  X.minValue,
  X.maxValue,
  X.sliderStep,
  X.entryFormat,
  ...HARMLESS,
];
/** Group itemControls drawn as a matrix where the rows fit (`Converter.matrix`). */
const TABLES = ['gtable', 'table', 'grid'];
/** A matrix of more columns than this is no table to read: such rows stay ordinary items. */
const MATRIX_COLUMNS = 10;
const CONTROLS = ['radio-button', 'check-box', 'drop-down', 'slider', 'help', 'autocomplete'];
/** A single-answer choice with more options than this is typed to filter, as LHC-Forms does. */
const LONG_LIST = 30;
const ITEM_KEYS = [
  'linkId',
  'type',
  'text',
  'item',
  'answerOption',
  'extension',
  'enableWhen',
  'enableBehavior',
  'required',
  'repeats',
  'maxLength',
  'initial',
  'prefix',
  'answerValueSet',
  'readOnly',
  'id',
  // Metadata that changes nothing a person sees or answers.
  'code',
  'definition',
  '_text',
  '_prefix',
];
const OPS: Record<string, 'equals' | 'notEquals' | 'gt' | 'gte' | 'lt' | 'lte'> = {
  '=': 'equals',
  '!=': 'notEquals',
  '>': 'gt',
  '>=': 'gte',
  '<': 'lt',
  '<=': 'lte',
};
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** A converted question, for conditions that refer to it. */
interface Entry {
  readonly id: string;
  /** `options`: native values by FHIR value; `likert` the same with numbers. */
  readonly shape: 'boolean' | 'number' | 'text' | 'options' | 'likert';
  readonly multiple: boolean;
  readonly options?: ReadonlyMap<string, string | number>;
  /** The native id of the repeating group it is asked in, once per instance. */
  readonly group?: string;
}

/** A native item waiting for its conditions (and those of the groups around it). */
interface Pending {
  readonly native: Obj;
  readonly linkId: string;
  readonly path: string;
  readonly sources: readonly {readonly item: Obj; readonly path: string; readonly linkId: string}[];
}

/** A help text: a display under a question, marked by itemControl or displayCategory `help`. */
const isHelp = (o: unknown): boolean =>
  isObj(o) && o.type === 'display' && (controlCode(o) === 'help' || displayCategory(o) === 'help');
const displayCategory = (o: Obj): string | undefined => {
  const concept = ext(o, `${SD}questionnaire-displayCategory`)?.valueCodeableConcept;
  const coding = isObj(concept) ? arr(concept.coding).find(isObj) : undefined;
  return coding ? str(coding.code) : undefined;
};
const ext = (o: Obj, url: string): Obj | undefined =>
  arr(o.extension).find((e): e is Obj => isObj(e) && e.url === url);
const shortName = (url: string): string =>
  (url.split('/').pop() ?? url).replace(/^(sdc-)?questionnaire-/, '');

function controlCode(item: Obj): string | undefined {
  const concept = ext(item, X.control)?.valueCodeableConcept;
  const coding = isObj(concept) ? arr(concept.coding).find(isObj) : undefined;
  return coding ? str(coding.code) : undefined;
}

/**
 * The FHIR value of an answerOption or `initial`: its key (the code, string…), and `match`,
 * the key with its type (`Coding:4`), since an answerString "4" never equals a Coding "4".
 */
function valueOf(
  o: Obj,
): {value: FhirValue; key: string; match: string; label: string} | undefined {
  if (isObj(o.valueCoding)) {
    const {system, code, display} = o.valueCoding;
    const coding: {system?: string; code?: string; display?: string} = {};
    if (typeof system === 'string') coding.system = system;
    if (typeof code === 'string') coding.code = code;
    if (typeof display === 'string') coding.display = display;
    const key = coding.code ?? coding.display;
    return key === undefined
      ? undefined
      : {
          value: {valueCoding: coding},
          key,
          match: `Coding:${key}`,
          label: coding.display ?? key,
        };
  }
  for (const k of ['valueString', 'valueDate', 'valueTime'] as const) {
    const s = str(o[k]);
    if (s !== undefined) {
      return {value: {[k]: s} as FhirValue, key: s, match: `${k.slice(5)}:${s}`, label: s};
    }
  }
  const n = num(o.valueInteger);
  if (n !== undefined) {
    return {value: {valueInteger: n}, key: String(n), match: `Integer:${n}`, label: String(n)};
  }
  return undefined;
}

/** The first `answer[x]` of an enableWhen: its key, and `match` to compare with options. */
function whenAnswer(
  w: Obj,
): {key: string; match: string; number?: number; boolean?: boolean} | undefined {
  for (const k of Object.keys(w)) {
    if (!k.startsWith('answer')) continue;
    const v = w[k];
    const type = k.slice(6);
    if (isObj(v) && typeof v.value === 'number') {
      return {key: String(v.value), match: `${type}:${v.value}`, number: v.value};
    }
    if (isObj(v)) {
      const key = str(v.code) ?? str(v.display);
      return key === undefined ? undefined : {key, match: `${type}:${key}`};
    }
    const key = String(v);
    if (typeof v === 'boolean') return {key, match: key, boolean: v};
    if (typeof v === 'number') return {key, match: `${type}:${key}`, number: v};
    if (typeof v === 'string') return {key, match: `${type}:${key}`};
  }
  return undefined;
}

function version(v: unknown): string {
  const s = str(v)?.trim() ?? '';
  if (SEMVER.test(s)) return s;
  const parts = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(s);
  return parts ? `${parts[1]}.${parts[2] ?? 0}.${parts[3] ?? 0}` : '0.0.0';
}

function slug(s: string): string {
  return s
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/**
 * The codings of a ValueSet contained in the Questionnaire, named by `#id` or by its url:
 * its expansion (nested `contains` too), else the concepts its compose lists. Undefined when
 * it is not contained or lists no code (a filter, another ValueSet).
 */
/** A text with a prefix ("1.") before it, in every language it has. */
function prefixed(prefix: string | undefined, text: Text): Text {
  if (!prefix) return text;
  if (typeof text === 'string') return `${prefix} ${text}`;
  return Object.fromEntries(Object.entries(text).map(([lang, s]) => [lang, `${prefix} ${s}`]));
}

function containedCodings(contained: unknown[], ref: string): Obj[] | undefined {
  const [url] = ref.split('|');
  const vs = contained.find(
    (r): r is Obj =>
      isObj(r) &&
      r.resourceType === 'ValueSet' &&
      (ref.startsWith('#') ? r.id === ref.slice(1) : r.url === url),
  );
  if (!vs) return undefined;
  const out: Obj[] = [];
  const coding = (system: unknown, c: Obj) => {
    if (typeof c.code !== 'string' || c.abstract === true || c.inactive === true) return;
    // Designations in other languages read as the translation extension would.
    const designations = arr(c.designation).filter(
      (d): d is Obj => isObj(d) && typeof d.language === 'string' && typeof d.value === 'string',
    );
    out.push({
      ...(typeof system === 'string' ? {system} : {}),
      code: c.code,
      ...(typeof c.display === 'string' ? {display: c.display} : {}),
      ...(designations.length && typeof c.display === 'string'
        ? {
            _display: {
              extension: designations.map((d) => ({
                url: X.translation,
                extension: [
                  {url: 'lang', valueCode: d.language},
                  {url: 'content', valueString: d.value},
                ],
              })),
            },
          }
        : {}),
    });
  };
  const walk = (list: unknown) =>
    arr(list)
      .filter(isObj)
      .forEach((c) => {
        coding(c.system, c);
        walk(c.contains);
      });
  walk(isObj(vs.expansion) ? vs.expansion.contains : undefined);
  if (!out.length && isObj(vs.compose)) {
    for (const inc of arr(vs.compose.include).filter(isObj)) {
      arr(inc.concept)
        .filter(isObj)
        .forEach((c) => coding(inc.system, c));
    }
  }
  return out.length ? out : undefined;
}

/** A unit Coding with its system, code and display, nothing else. */
function fhirUnit(u: Obj): FhirUnit {
  return Object.fromEntries(
    ['system', 'code', 'display'].flatMap((k) => (str(u[k]) ? [[k, u[k]]] : [])),
  ) as FhirUnit;
}

class Converter {
  constructor(
    readonly contained: unknown[] = [],
    /** The Questionnaire's own language (`language`); `und` when it names none. */
    readonly base = 'und',
    /** Why a terminology server could not expand a canonical (`terminology.ts`). */
    readonly unexpanded: ReadonlyMap<string, string> = new Map(),
    /** Reads `rendering-xhtml` (`xhtml.ts`), when the checker loaded it. */
    readonly xhtml?: (xhtml: string) => Rich,
  ) {}
  /** Items whose rendering-xhtml `richText` has dealt with (and warned about). */
  readonly richDone = new Set<Obj>();

  /**
   * The rich form of an item's text (its prefix and text, from `rendering-xhtml` on `_prefix`
   * and `_text`), for a text in one language; what is outside the safe subset leaves the
   * plain text, with a warning.
   */
  richText(item: Obj, native: Obj, at: string, linkId: string): void {
    const source = (field: string) => {
      const under = item[`_${field}`];
      return isObj(under) ? str(ext(under, X.xhtml)?.valueString) : undefined;
    };
    if (!this.xhtml || (source('text') ?? source('prefix')) === undefined) return;
    this.richDone.add(item);
    const plainWhy = (why: string) =>
      this.warn(at, linkId, `rendering-xhtml ${why}`, 'plain text shown');
    if (typeof native.text !== 'string') return plainWhy('on a text with translations');
    const parts: RichNode[][] = [];
    for (const field of ['prefix', 'text']) {
      const plain = str(item[field]);
      const xhtml = source(field);
      if (!plain) continue;
      if (xhtml === undefined) {
        parts.push([plain]);
        continue;
      }
      const rich = this.xhtml(xhtml);
      if (!rich.ok) return plainWhy(`on _${field}: ${rich.why}`);
      if (rich.ignored.length) {
        this.warn(
          at,
          linkId,
          `rendering-xhtml on _${field}: ${rich.ignored.join(', ')}`,
          'ignored',
        );
      }
      parts.push(rich.nodes);
    }
    native.richText = parts.flatMap((p, i) => (i ? [' ', ...p] : p));
  }
  /** Totals read from calculatedExpressions (`score`). */
  readonly scoreRules: Obj[] = [];
  /** Languages of translations met (the translation extension). */
  readonly langs = new Set<string>();

  /**
   * `o[field]` with its translations (the translation extension on `_field`) as native Text:
   * a plain string when it has none. Undefined when there is no text.
   */
  tr(o: Obj, field: string): Text | undefined {
    const plain = str(o[field]);
    if (plain === undefined) return undefined;
    const under = o[`_${field}`];
    const out: Record<string, string> = {};
    for (const e of arr(isObj(under) ? under.extension : undefined)) {
      if (!isObj(e) || e.url !== X.translation) continue;
      const lang = str(ext(e, 'lang')?.valueCode);
      const content = str(ext(e, 'content')?.valueString);
      if (lang && content && LANG_TAG.test(lang) && lang !== this.base) {
        out[lang] = content;
        this.langs.add(lang);
      }
    }
    return Object.keys(out).length ? {[this.base]: plain, ...out} : plain;
  }

  readonly warnings: PackProblem[] = [];
  readonly ids = new Set<string>();
  readonly entries = new Map<string, Entry>();
  readonly pending: Pending[] = [];
  /** Required questions left out, with the conditions that enable them. */
  readonly missing: (Omit<Pending, 'native'> & {readonly filled?: boolean})[] = [];
  readonly scales: Record<string, {points: {value: number; label: string}[]}> = {};
  /** linkIds of items left out, so a condition on one reads as unanswered. */
  /** Warnings about conditions: worked out again each round (see `resolve`). */
  conditionWarnings: PackProblem[] = [];
  readonly cache = new Map<Obj, Cond>();
  /** The native id of the repeating group being converted, if any. */
  inRepeat: string | undefined;
  /** The repeating group (native id) each linkId sits in. */
  readonly groupOf = new Map<string, string>();
  /** Top-level groups: each is a page, so their `page` itemControl asks for nothing more. */
  readonly pages = new Set<Obj>();
  /** The native item of each question converted, with the open choice's own answer. */
  readonly nativeOf = new Map<Obj, {native: Obj; other?: Obj}>();

  // FHIRPath expressions (the engine, `fhirpath.ts`, loads only for a Questionnaire that has them).

  /** The engine, on the second pass over a Questionnaire whose expressions need it. */
  engine?: FhirPathEngine;
  /** Met a FHIRPath expression the import cannot do without the engine: convert again with it. */
  wants = false;
  /** linkIds of the totals read as native scores (a condition on one needs the engine). */
  readonly scored = new Set<string>();
  /** Expressions the derive step keeps working out, in document order. */
  readonly targets: FhirTarget[] = [];
  /** Native items of the never-shown last section, each holding an enableWhenExpression's value. */
  readonly gates: Obj[] = [];
  /** The native items of the targets, by id (their first values become their `initial`). */
  readonly natives = new Map<string, Obj>();
  /** Each item's chain: the Questionnaire, then the items down to it (the scope of variables). */
  readonly chains = new Map<Obj, Obj[]>();

  /** Takes the engine for this Questionnaire, and the chain of every item. */
  expressions(q: Obj, engine: FhirPathEngine): void {
    this.engine = engine;
    const walk = (items: unknown, chain: Obj[]) =>
      arr(items)
        .filter(isObj)
        .forEach((item) => {
          this.chains.set(item, [...chain, item]);
          walk(item.item, [...chain, item]);
        });
    walk(q.item, [q]);
  }

  /** The FHIRPath of an item's expression extension (`calculatedExpression`…), with the engine. */
  fhirpath(item: Obj, name: string): string | undefined {
    if (!this.engine) return undefined;
    const e = arr(item.extension).find((x): x is Obj => isObj(x) && !!str(x.url)?.endsWith(name));
    const v = e && isObj(e.valueExpression) ? e.valueExpression : undefined;
    return v?.language === FHIRPATH ? str(v.expression) : undefined;
  }

  /**
   * Whether an extension is an expression the import handles: FHIRPath (and launchContext)
   * once the engine is there. Another language (CQL, x-fhir-query) is named in a warning.
   */
  handledExpression(e: Obj, path: string, linkId: string): boolean {
    const url = str(e.url) ?? '';
    if (!EXPRESSIONS.some((name) => url.endsWith(name))) return false;
    const v = isObj(e.valueExpression) ? e.valueExpression : {};
    const fhirpath = v.language === FHIRPATH;
    // A score's own expressions (`score`) never get here.
    this.wants ||= fhirpath;
    if (!this.engine) return false;
    if (fhirpath || url.endsWith('launchContext')) return true;
    this.warn(
      path,
      linkId,
      `${shortName(url)} in ${JSON.stringify(str(v.language) ?? 'no language')}`,
      'not supported, ignored',
    );
    return true;
  }

  /** An item's enableWhenExpression as one more condition on it: a gate the derive step keeps. */
  gated(raw: Obj, at: string, linkId: string, sources: Pending['sources']): Pending['sources'] {
    const expression = this.fhirpath(raw, 'enableWhenExpression');
    if (expression === undefined) return sources;
    const key = `\u0000gate ${this.gates.length}`;
    const id = this.id(`${linkId}-shown`);
    const native = {id, type: 'text', text: `Whether "${linkId}" is shown (enableWhenExpression)`};
    this.gates.push(native);
    this.natives.set(id, native);
    this.entries.set(key, {id, shape: 'text', multiple: false});
    this.targets.push({id, linkId, expression, chain: this.chains.get(raw) ?? [raw], kind: 'gate'});
    const item = {linkId, enableWhen: [{question: key, operator: '=', answerString: 'true'}]};
    return [...sources, {item, path: at, linkId}];
  }

  /**
   * A question whose value an expression gives: a calculatedExpression makes it read-only,
   * kept up to date by the derive step; an initialExpression fills it in now, from the
   * launch context (a readOnly item stays read-only). The reason it cannot is a warning.
   */
  computed(
    raw: Obj,
    at: string,
    linkId: string,
    converted: {native: Obj; link?: FhirLinkItem; other?: Obj},
    sources: Pending['sources'],
  ): void {
    const calc = this.fhirpath(raw, 'calculatedExpression');
    const init = calc === undefined ? this.fhirpath(raw, 'initialExpression') : undefined;
    const {native, link} = converted;
    if ((calc === undefined && init === undefined) || !link) return;
    const answer = link.answer;
    const target = {
      id: native.id as string,
      linkId,
      chain: this.chains.get(raw) ?? [raw],
      kind: typeof answer === 'string' ? answer : ('string' as const),
      options: this.entries.get(linkId)?.options,
      multiple: native.multiple === true,
    };
    if (calc !== undefined || raw.readOnly === true) {
      // Required, and nothing the person can do about it: the response waits while it is empty.
      if (native.required) {
        const empty = {
          linkId,
          enableWhen: [{question: linkId, operator: 'exists', answerBoolean: false}],
        };
        this.missing.push({
          linkId,
          path: at,
          sources: [...sources, {item: empty, path: at, linkId}],
          filled: true,
        });
      }
      native.readOnly = true;
      for (const k of ['required', 'min', 'max', 'maxLength', 'help']) delete native[k];
      // Nothing of one's own to add to a value the person does not give.
      delete converted.other;
      const rest: {-readonly [K in keyof FhirLinkItem]: FhirLinkItem[K]} = {...link};
      delete rest.other;
      converted.link = rest;
    }
    if (calc !== undefined) {
      delete native.initial;
      this.natives.set(target.id, native);
      this.targets.push({...target, expression: calc});
      return;
    }
    try {
      const value = this.engine!.value({...target, expression: init!});
      if (value !== undefined) native.initial = value;
    } catch (e) {
      this.warn(at, linkId, `initialExpression ${(e as Error).message}`, 'starts empty');
    }
  }

  /** Options from a FHIRPath answerExpression, worked out once, at the start. */
  answerExpression(item: Obj, at: string, linkId: string): Obj[] {
    const expression = this.fhirpath(item, 'answerExpression');
    if (expression === undefined) return [];
    let values: unknown[] = [];
    try {
      values = this.engine!.evaluate(expression, this.chains.get(item) ?? [item]);
    } catch (e) {
      this.warn(at, linkId, `answerExpression ${(e as Error).message}`, 'no options');
    }
    const options = values.flatMap((v): Obj[] => {
      if (isObj(v)) return typeof v.code === 'string' ? [{valueCoding: v}] : [];
      if (typeof v === 'string') return [{valueString: v}];
      return Number.isInteger(v) ? [{valueInteger: v}] : [];
    });
    if (!options.length) {
      this.warn(at, linkId, 'answerExpression gives no options at the start', 'as without it');
    } else if (/%resource|%context|\bitem\b|answer/.test(expression)) {
      this.warn(at, linkId, 'answerExpression over the answers', 'its options at the start only');
    }
    return options;
  }

  warn(path: string, linkId: string, feature: string, effect: string, to = this.warnings): void {
    to.push({path, message: `linkId ${JSON.stringify(linkId)}: ${feature} (${effect})`});
  }

  /**
   * Sets each item's `showIf`. An item whose conditions can never hold is left out, and a
   * condition on it then reads it as unanswered: so again, until nothing more drops out.
   */
  resolve(): Set<Obj> {
    const dropped = new Set<Obj>();
    const round = (last: boolean): boolean => {
      let more = false;
      this.conditionWarnings = [];
      this.cache.clear();
      for (const p of this.pending) {
        if (dropped.has(p.native) && !last) continue;
        const cond = combine(
          p.sources.map((s) => this.condition(s.item, s.path)),
          false,
        );
        if (dropped.has(p.native)) {
          this.warn(
            p.path,
            p.linkId,
            'enableWhen that can never hold',
            'left out',
            this.conditionWarnings,
          );
        } else if (cond === false) {
          dropped.add(p.native);
          this.entries.delete(p.linkId);
          more = true;
        } else if (cond === true) delete p.native.showIf;
        else p.native.showIf = cond;
      }
      return more;
    };
    while (round(false));
    // Once more over every item, for the warnings of the final state only.
    round(true);
    return dropped;
  }

  /** A native id for a linkId: itself when it is one, else a slug, unique in the pack. */
  id(linkId: string): string {
    let base = ID_PATTERN.test(linkId) && linkId !== '__proto__' ? linkId : slug(linkId);
    if (!base || base === '__proto__') base = 'item';
    let id = base;
    for (let n = 2; this.ids.has(id); n++) id = `${base.slice(0, 60)}-${n}`;
    this.ids.add(id);
    return id;
  }

  /** Extensions and properties this converter does not understand, named once each. */
  unknowns(item: Obj, path: string, linkId: string): void {
    for (const key of Object.keys(item)) {
      if (!ITEM_KEYS.includes(key)) this.warn(path, linkId, `"${key}" is not supported`, 'ignored');
    }
    const urls = arr(item.extension).map((e) =>
      isObj(e) && !this.handledExpression(e, path, linkId) ? str(e.url) : undefined,
    );
    for (const url of new Set(urls)) {
      if (url && !HANDLED.includes(url)) {
        this.warn(path, linkId, `extension "${shortName(url)}" is not supported`, 'ignored');
      }
    }
    // Rich or styled text (`_text`, `_prefix`): the plain text is shown, and the page told.
    for (const key of ['_text', '_prefix']) {
      const field = item[key];
      const rich = arr(isObj(field) ? field.extension : undefined).map((e) =>
        isObj(e) ? str(e.url) : undefined,
      );
      for (const url of new Set(rich)) {
        if (url && url !== X.translation && !(url === X.xhtml && this.richDone.has(item))) {
          this.warn(path, linkId, `${key} extension "${shortName(url)}"`, 'plain text shown');
        }
      }
    }
    const code = controlCode(item);
    // A repeating group is drawn as rows of its instances (gtable); a top-level group is a
    // page; a table's rows as a matrix where they fit (`matrix`, which warns of the rest).
    const drawn =
      (code === 'gtable' && item.repeats === true && !this.inRepeat) ||
      (code === 'page' && this.pages.has(item)) ||
      (item.type === 'group' && TABLES.includes(code ?? ''));
    if (code && !drawn && !CONTROLS.includes(code)) {
      this.warn(path, linkId, `itemControl "${code}" is not supported`, 'ignored');
    }
  }

  /**
   * Converts a list of Questionnaire items into native items, flattening groups. `groups` are
   * the enclosing groups whose `enableWhen` applies; `link` receives the link items.
   */
  items(
    list: unknown[],
    path: string,
    groups: Pending['sources'],
    out: Obj[],
    link: FhirLinkItem[],
    offset = 0,
  ): void {
    list.forEach((raw, i) => {
      const at = `${path}[${i + offset}]`;
      if (!isObj(raw)) return;
      const linkId = str(raw.linkId) ?? '';
      // Hidden items (and all inside them) are left out quietly, as the extension asks.
      if (ext(raw, X.hidden)?.valueBoolean === true) return;
      const sources = this.gated(
        raw,
        at,
        linkId,
        raw.enableWhen ? [...groups, {item: raw, path: at, linkId}] : groups,
      );
      if (this.inRepeat) this.groupOf.set(linkId, this.inRepeat);
      if (raw.type === 'group') {
        this.unknowns(raw, at, linkId);
        if (raw.repeats === true && !this.inRepeat) {
          this.repeatingGroup(raw, at, linkId, sources, out, link);
          return;
        }
        if (raw.repeats === true) {
          this.warn(at, linkId, 'a repeating group inside a repeating group', 'once per instance');
        }
        const children: FhirLinkItem[] = [];
        const text = str(raw.text);
        if (text) {
          const native: Obj = {id: this.id(linkId), type: 'display', text: this.tr(raw, 'text')};
          out.push(native);
          this.pending.push({native, sources, linkId, path: at});
        }
        this.items(arr(raw.item), `${at}.item`, sources, out, children);
        this.matrix(raw, at, linkId);
        if (children.length) link.push({linkId, ...(text ? {text} : {}), item: children});
        return;
      }
      // A help text belongs to the question it sits under (`question`).
      if (isHelp(raw)) return;
      // With the FHIRPath engine, a total is calculated as any other value (a condition may read it).
      const total = this.engine ? undefined : this.score(raw, at, linkId);
      if (total) {
        link.push(total);
        return;
      }
      const converted = this.question(raw, at, linkId);
      if (converted?.link) this.computed(raw, at, linkId, converted, sources);
      const nested = arr(raw.item).filter((c) => isObj(c) && !isHelp(c));
      const required =
        raw.required === true || (num(ext(raw, X.minOccurs)?.valueInteger) ?? 0) >= 1;
      // A required question left out, or shown as text only (readOnly): never answered here.
      if (required && raw.type !== 'display' && !converted?.link) {
        this.missing.push({linkId, path: at, sources});
      }
      if (!converted) {
        if (nested.length) this.warn(at, linkId, 'items nested under it', 'left out with it');
        return;
      }
      if (raw.readOnly !== true) this.richText(raw, converted.native, at, linkId);
      this.unknowns(raw, at, linkId);
      this.nativeOf.set(raw, converted);
      out.push(converted.native);
      this.pending.push({native: converted.native, sources, linkId, path: at});
      const entry = this.entries.get(linkId);
      if (entry && this.inRepeat) this.entries.set(linkId, {...entry, group: this.inRepeat});
      // A quantity's unit follows its number, shown with it.
      if (converted.unit) {
        out.push(converted.unit);
        this.pending.push({native: converted.unit, sources, linkId, path: at});
      }
      if (converted.other) {
        const other = converted.other;
        const single = raw.repeats !== true;
        const unanswered = {
          item: {
            linkId,
            enableWhen: [{question: linkId, operator: 'exists', answerBoolean: false}],
          },
          path: at,
          linkId,
        };
        out.push(other);
        this.pending.push({
          native: other,
          sources: single ? [...sources, unanswered] : sources,
          linkId,
          path: at,
        });
      }
      // Items under a question follow it, shown once it is answered; in the response they
      // sit in its answer (`answerItem`).
      const under: FhirLinkItem[] = [];
      if (nested.length && converted.link) {
        const answered = {
          item: {linkId, enableWhen: [{question: linkId, operator: 'exists', answerBoolean: true}]},
          path: at,
          linkId,
        };
        this.items(arr(raw.item), `${at}.item`, [...sources, answered], out, under);
      } else if (nested.length) {
        this.warn(at, linkId, 'items nested under display text', 'left out');
      }
      if (converted.link) {
        link.push(under.length ? {...converted.link, answerItem: under} : converted.link);
      }
    });
  }

  /**
   * A group drawn as a table (itemControl `table`, `grid`, or `gtable` on a group that does not
   * repeat), once its items are converted: runs of two or more consecutive single-answer
   * choices with the same options become a matrix (native `matrix: true`; Likert items on one
   * scale are one already). Each row that does not fit stays an ordinary item and is named;
   * when none fits, the group is.
   */
  matrix(group: Obj, at: string, linkId: string): void {
    const code = controlCode(group) ?? '';
    if (!TABLES.includes(code)) return;
    // Display text between rows parts them (it is no row itself, and nothing to warn about).
    const rows = arr(group.item).flatMap((raw, i) =>
      isObj(raw) && ext(raw, X.hidden)?.valueBoolean !== true
        ? [{raw, at: `${at}.item[${i}]`, linkId: str(raw.linkId) ?? ''}]
        : [],
    );
    // Each row's matrix key (its options, or its scale), or why it is no row of one.
    const keyed = rows.map((r) => {
      const converted = this.nativeOf.get(r.raw);
      const native = converted?.native;
      const nested = arr(r.raw.item).some((c) => isObj(c) && !isHelp(c));
      let why: string | undefined;
      if (r.raw.type === 'display') return {...r, native, why: '', key: undefined, shown: false};
      if (r.raw.type === 'group') why = 'a group';
      else if (!native || native.type === 'display' || native.readOnly) why = 'not answered here';
      else if (nested) why = 'items nested under it';
      else if (native.type === 'likert' && converted.other) why = 'an open choice on a scale';
      else if (native.type !== 'likert' && native.type !== 'choice') why = 'not a choice';
      else if (native.multiple) why = 'several answers';
      else if (native.autocomplete) why = 'a long list typed to filter';
      else if (arr(native.options).length > MATRIX_COLUMNS) {
        why = `more than ${MATRIX_COLUMNS} options`;
      }
      const key = native?.type === 'likert' ? `scale ${native.scale as string}` : native?.options;
      return {...r, native, why, key: why ? undefined : JSON.stringify(key), shown: true};
    });
    // Runs of consecutive rows with the same key: two or more are a matrix.
    const fits = keyed.map(
      (r, i) => r.key !== undefined && [keyed[i - 1], keyed[i + 1]].some((n) => n?.key === r.key),
    );
    if (!fits.includes(true)) {
      this.warn(
        at,
        linkId,
        `itemControl "${code}" with no rows that are single choices with the same options`,
        'shown as ordinary items',
      );
      return;
    }
    keyed.forEach((r, i) => {
      if (fits[i]) {
        if (r.native?.type === 'choice') r.native.matrix = true;
        return;
      }
      if (!r.shown) return;
      this.warn(
        r.at,
        r.linkId,
        `in a "${code}" table, ${r.why ?? 'options no row next to it has'}`,
        'shown as an ordinary item',
      );
    });
  }

  /**
   * A repeating group: a native `group` (its instances added and removed by the person), its
   * items converted inside it; minOccurs and maxOccurs bound the instances. In the response,
   * one item per instance (`FhirLinkItem.repeat`).
   */
  repeatingGroup(
    raw: Obj,
    at: string,
    linkId: string,
    sources: Pending['sources'],
    out: Obj[],
    link: FhirLinkItem[],
  ): void {
    const id = this.id(linkId);
    const plain = str(raw.text);
    const native: Obj = {id, type: 'group', text: (plain && this.tr(raw, 'text')) || 'Entry'};
    const min = num(ext(raw, X.minOccurs)?.valueInteger) ?? 1;
    const max = num(ext(raw, X.maxOccurs)?.valueInteger);
    if (Number.isInteger(min) && min > 1) native.min = Math.min(min, 1000);
    if (max !== undefined && Number.isInteger(max) && max >= Math.max(min, 1)) {
      native.max = Math.min(max, 1000);
    }
    const items: Obj[] = [];
    native.items = items;
    out.push(native);
    this.pending.push({native, sources, linkId, path: at});
    const children: FhirLinkItem[] = [];
    this.inRepeat = id;
    try {
      this.items(arr(raw.item), `${at}.item`, sources, items, children);
    } finally {
      this.inRepeat = undefined;
    }
    if (children.length) {
      link.push({linkId, ...(plain ? {text: plain} : {}), item: children, repeat: id});
    }
  }

  /**
   * A number whose calculatedExpression (with its variables) sums the ordinalValue or
   * itemWeight of items it names by linkId, all of them Likert items already converted (a
   * PHQ-9 or GAD-7 total): a native `sum` score, which answers it in the response. FHIRPath
   * itself is not run: anything else is left out as a calculatedExpression.
   */
  score(item: Obj, at: string, linkId: string): FhirLinkItem | undefined {
    const type = item.type;
    const exts = arr(item.extension).filter(isObj);
    if (type !== 'integer' && type !== 'decimal') return undefined;
    if (!exts.some((e) => str(e.url)?.endsWith('calculatedExpression'))) return undefined;
    const all = exts
      .map((e) => (isObj(e.valueExpression) ? (str(e.valueExpression.expression) ?? '') : ''))
      .join(' ');
    if (!/ordinalValue|itemWeight|ordinal\(\)|weight\(\)/.test(all)) return undefined;
    const refs = [...new Set([...all.matchAll(/linkId\s*=\s*'([^']+)'/g)].map((m) => m[1]))];
    const entries = refs.map((r) => this.entries.get(r));
    if (!refs.length || entries.some((e) => e?.shape !== 'likert')) return undefined;
    const id = this.id(linkId);
    const items = entries.map((e) => e!.id);
    this.scored.add(linkId);
    this.scoreRules.push({
      id,
      label: this.tr(item, 'text') || linkId,
      method: 'sum',
      items,
      // As the expressions do: a total once any item is answered, the others counting 0.
      minAnswered: Math.min(1, 1 / items.length),
      precision: 0,
    });
    this.warn(
      at,
      linkId,
      'a calculatedExpression',
      `scored as the sum of the ordinal values of ${refs.length} items`,
    );
    return {linkId, text: str(item.text) ?? '', score: id, answer: type};
  }

  question(
    item: Obj,
    at: string,
    linkId: string,
  ): {native: Obj; link?: FhirLinkItem; other?: Obj; unit?: Obj} | undefined {
    const type = str(item.type) ?? '';
    // What a person reads has the prefix ("1.") before the text; the response keeps them apart.
    const plain = str(item.text) ?? '';
    const text = plain
      ? prefixed(str(item.prefix), this.tr(item, 'text')!)
      : (str(item.prefix) ?? '');
    const leave = (feature: string) => {
      this.warn(at, linkId, feature, 'left out');
      return undefined;
    };
    if (type === 'display') {
      return text ? {native: {id: this.id(linkId), type: 'display', text}} : undefined;
    }
    for (const e of arr(item.extension)) {
      const url = isObj(e) ? str(e.url) : '';
      if (url?.endsWith('calculatedExpression') && !this.fhirpath(item, 'calculatedExpression')) {
        this.wants ||=
          isObj(e) && isObj(e.valueExpression) && e.valueExpression.language === FHIRPATH;
        return leave('a calculatedExpression');
      }
    }
    // A readOnly item the engine fills in (calculated, or from the launch context) is shown
    // with its value as a read-only question (`computed`).
    const filled =
      this.fhirpath(item, 'calculatedExpression') ?? this.fhirpath(item, 'initialExpression');
    if (item.readOnly === true && filled === undefined) {
      // Nothing for the person to answer: its text (and a fixed initial value) as display.
      const value = arr(item.initial).filter(isObj).map(valueOf)[0]?.label;
      const shown = value === undefined ? text : `${plain}: ${value}`;
      this.warn(at, linkId, 'a readOnly item', 'shown as text, not in the response');
      return text ? {native: {id: this.id(linkId), type: 'display', text: shown}} : undefined;
    }
    const helpAt = arr(item.item).findIndex(isHelp);
    const help = helpAt < 0 ? undefined : (arr(item.item)[helpAt] as Obj);
    if (help) this.unknowns(help, `${at}.item[${helpAt}]`, str(help.linkId) ?? '');
    const hint = help ? this.tr(help, 'text') : undefined;
    const valueSet = str(item.answerValueSet);
    let options = arr(item.answerOption).filter(isObj);
    if (!options.length) options = this.answerExpression(item, at, linkId);
    if (!options.length && valueSet) {
      options = (containedCodings(this.contained, valueSet) ?? []).map((c) => ({valueCoding: c}));
    }
    const base: Obj = {text};
    if (item.required === true || (num(ext(item, X.minOccurs)?.valueInteger) ?? 0) >= 1) {
      base.required = true;
    }
    const entryFormat = str(ext(item, X.entryFormat)?.valueString);
    const dated = type === 'date' || type === 'dateTime';
    if (hint || (entryFormat && !dated)) base.help = hint ?? entryFormat;
    const initial = arr(item.initial).filter(isObj);
    const repeats = item.repeats === true;

    if (options.length) return this.choice(item, at, linkId, base, options, initial, repeats);
    if (type === 'choice' && !valueSet) return leave('a choice with no answerOption');
    const first = initial[0];
    const fin = (
      native: Obj,
      entry: Entry['shape'],
      answer: FhirAnswerKind,
      more?: Partial<FhirLinkItem>,
    ) => {
      // Several answers ("Add another answer"), each its own `answer` in the response.
      let many = repeats && ['text', 'long-text', 'number'].includes(native.type as string);
      if (repeats && !many) this.warn(at, linkId, 'repeats', 'one answer only');
      if (many && this.inRepeat) {
        this.warn(at, linkId, 'repeats inside a repeating group', 'one answer per instance');
        many = false;
      }
      if (many) native.repeats = true;
      this.entries.set(linkId, {id: native.id as string, shape: entry, multiple: many});
      return {
        native,
        link: {
          linkId,
          text: plain,
          id: native.id as string,
          answer,
          ...more,
          ...(many ? {repeats: true} : {}),
        },
      };
    };
    // An open choice with no options to offer (its answerExpression not run, say) is still
    // an answer of one's own: asked as free text, sent as a valueString.
    if (type === 'open-choice' && !valueSet) {
      this.warn(at, linkId, 'an open-choice with no answerOption', 'free text');
      return fin({id: this.id(linkId), type: 'text', ...base}, 'text', 'string');
    }
    if (valueSet) {
      // No terminology server to expand it: asked as free text rather than left out.
      const why = this.unexpanded.get(valueSet);
      this.warn(
        at,
        linkId,
        `answerValueSet ${JSON.stringify(valueSet)} is not contained in the Questionnaire${why ? ` and ${why}` : ''}`,
        'free text',
      );
      const native: Obj = {id: this.id(linkId), type: 'text', ...base};
      return fin(native, 'text', type === 'open-choice' ? 'string' : 'coding');
    }
    switch (type) {
      case 'boolean': {
        const native: Obj = {
          id: this.id(linkId),
          type: 'choice',
          ...base,
          options: [
            {value: 'true', label: 'Yes'},
            {value: 'false', label: 'No'},
          ],
        };
        if (typeof first?.valueBoolean === 'boolean') native.initial = [String(first.valueBoolean)];
        return fin(native, 'boolean', 'boolean');
      }
      case 'decimal':
      case 'integer': {
        const whole = type === 'integer';
        const min = num(ext(item, X.minValue)?.[whole ? 'valueInteger' : 'valueDecimal']);
        const max = num(ext(item, X.maxValue)?.[whole ? 'valueInteger' : 'valueDecimal']);
        const initialValue = num(first?.[whole ? 'valueInteger' : 'valueDecimal']);
        const native: Obj = {id: this.id(linkId), ...base};
        if (controlCode(item) === 'slider' && min !== undefined && max !== undefined && max > min) {
          Object.assign(native, {
            type: 'scale',
            min,
            max,
            step: num(ext(item, X.sliderStep)?.valueInteger) ?? 1,
            minLabel: String(min),
            maxLabel: String(max),
          });
        } else {
          if (controlCode(item) === 'slider') {
            this.warn(at, linkId, 'a slider without minValue and maxValue', 'a number field');
          }
          Object.assign(native, {type: 'number', step: whole ? 1 : 0.01});
          if (min !== undefined) native.min = min;
          if (max !== undefined) native.max = max;
          const unit = ext(item, X.unit)?.valueCoding;
          if (isObj(unit) && (str(unit.display) ?? str(unit.code))) {
            native.unit = str(unit.display) ?? str(unit.code);
          }
        }
        if (initialValue !== undefined) native.initial = initialValue;
        return fin(native, 'number', type);
      }
      case 'quantity': {
        // A number in the item's unit; of several units offered, the one the person chooses.
        const units = [
          ext(item, X.unit)?.valueCoding,
          ...arr(item.extension).map((e) =>
            isObj(e) && e.url === X.unitOption ? e.valueCoding : undefined,
          ),
        ].filter(isObj);
        const initialQuantity = isObj(first?.valueQuantity) ? first.valueQuantity : undefined;
        const native: Obj = {id: this.id(linkId), ...base, type: 'number', step: 0.01};
        const value = num(initialQuantity?.value);
        if (value !== undefined) native.initial = value;
        const chosen =
          units.length > 1 ? this.unitChoice(native, units, initialQuantity) : undefined;
        if (chosen)
          return {...fin(native, 'number', 'quantity', {units: chosen.link}), unit: chosen.native};
        const [unit] = units;
        const unitLabel = unit ? (str(unit.display) ?? str(unit.code)) : undefined;
        if (unitLabel) native.unit = unitLabel;
        return fin(native, 'number', 'quantity', unit ? {unit: fhirUnit(unit)} : {});
      }
      case 'time':
      case 'date':
      case 'dateTime':
      case 'string':
      case 'text': {
        const native: Obj = {id: this.id(linkId), type: type === 'text' ? 'long-text' : 'text'};
        Object.assign(native, base);
        // Checked as a real day and sent in FHIR's form (`dates.ts`), whatever way it was
        // typed; an entryFormat is a hint to the person, never the format of the answer.
        if (type === 'time') {
          native.format = type;
          native.help ??= 'As hh:mm, for example 14:30.';
        } else if (dated) {
          native.format = type;
          native.help ??= dateHint(type, entryFormat, () =>
            this.warn(at, linkId, `entryFormat "${entryFormat}"`, 'YYYY-MM-DD asked for'),
          );
        }
        const max = num(item.maxLength);
        if (max !== undefined && Number.isInteger(max) && max >= 1) native.maxLength = max;
        const init = str(
          first?.valueString ?? first?.valueDate ?? first?.valueDateTime ?? first?.valueTime,
        );
        if (init !== undefined) native.initial = init;
        return fin(native, 'text', type === 'text' ? 'string' : type);
      }
      default:
        return leave(`type "${type}" is not supported`);
    }
  }

  /**
   * The unit of a quantity with several (questionnaire-unit first, then each unitOption): a
   * choice after the number, labelled "Unit" in the interface's language, starting at the
   * initial quantity's unit, else the first. Its value picks the unit of the valueQuantity.
   */
  unitChoice(
    number: Obj,
    units: Obj[],
    initial: Obj | undefined,
  ): {native: Obj; link: NonNullable<FhirLinkItem['units']>} | undefined {
    const codings: Record<string, FhirUnit> = {};
    const options: {value: string; label: string}[] = [];
    for (const u of units) {
      const coding = fhirUnit(u);
      const value = (coding.code ?? coding.display ?? '').slice(0, 200);
      if (!value || codings[value]) continue;
      codings[value] = coding;
      options.push({value, label: coding.display ?? value});
    }
    if (options.length < 2) return undefined;
    const start =
      options.find((o) => o.value === str(initial?.code) || o.label === str(initial?.unit)) ??
      options[0];
    const id = this.id(`${number.id as string}-unit`);
    const native: Obj = {
      id,
      type: 'choice',
      text: 'Unit',
      role: 'unit',
      options,
      initial: [start.value],
      // Chosen from the start, and never unchosen: nothing "optional" about it.
      required: true,
    };
    return {native, link: {id, codings}};
  }

  choice(
    item: Obj,
    at: string,
    linkId: string,
    base: Obj,
    options: Obj[],
    initial: Obj[],
    repeats: boolean,
  ): {native: Obj; link: FhirLinkItem; other?: Obj} | undefined {
    const open = item.type === 'open-choice';
    if (open && base.required) {
      this.warn(at, linkId, 'open-choice free text on a required item', 'the options only');
    }
    const values = options.map(valueOf);
    if (values.some((v) => !v)) {
      this.warn(at, linkId, 'an answerOption of an unsupported type', 'that option left out');
    }
    const ordinals = options.map((o) => {
      const e = ext(o, X.ordinal) ?? ext(o, X.ordinalOld);
      return e ? num(e.valueDecimal ?? e.valueInteger) : undefined;
    });
    const kept = values.flatMap((v, i) =>
      v ? [{...v, option: options[i], ordinal: ordinals[i]}] : [],
    );
    if (!kept.length) {
      this.warn(at, linkId, 'no usable answerOption', 'left out');
      return undefined;
    }
    // A choice the engine fills in is shown as text (`readOnly`): its values are its labels.
    const fixed =
      this.fhirpath(item, 'calculatedExpression') !== undefined ||
      (item.readOnly === true && this.fhirpath(item, 'initialExpression') !== undefined);
    const likert =
      !repeats &&
      !fixed &&
      kept.every((k) => k.ordinal !== undefined) &&
      new Set(kept.map((k) => k.ordinal)).size === kept.length;
    const id = this.id(linkId);
    const table: Record<string, FhirValue> = {};
    const byKey = new Map<string, string | number>();
    const seen = new Set<string>();
    const points = kept.map((k, i) => {
      const prefix = str(ext(k.option, X.prefix)?.valueString);
      const coding = k.option.valueCoding;
      const label = prefixed(prefix, (isObj(coding) && this.tr(coding, 'display')) || k.label);
      // Native option values are distinct strings of 1–200 characters.
      const key = fixed ? k.label.slice(0, 200) : k.key;
      const value: string | number = likert
        ? (k.ordinal as number)
        : key.length && !seen.has(key)
          ? key
          : `option-${i + 1}`;
      seen.add(String(value));
      table[String(value)] = k.value;
      if (!byKey.has(k.match)) byKey.set(k.match, value);
      return {value, label};
    });
    const native: Obj = {id, ...base};
    if (likert) {
      const shape = JSON.stringify(points);
      let scale = Object.keys(this.scales).find(
        (s) => JSON.stringify(this.scales[s].points) === shape,
      );
      if (!scale) {
        scale = `options-${Object.keys(this.scales).length + 1}`;
        this.scales[scale] = {points: points as {value: number; label: string}[]};
      }
      Object.assign(native, {type: 'likert', scale});
    } else {
      Object.assign(native, {type: 'choice', options: points});
      if (repeats) native.multiple = true;
      else if (controlCode(item) === 'autocomplete' || points.length > LONG_LIST) {
        native.autocomplete = true;
      }
    }
    // Initial answers: `initialSelected` options, then `initial` values that are options.
    const chosen: (string | number)[] = kept.flatMap((k) =>
      k.option.initialSelected === true ? [byKey.get(k.match) as string | number] : [],
    );
    for (const v of initial) {
      const key = valueOf(v)?.match;
      const found = key === undefined ? undefined : byKey.get(key);
      // An open choice takes a string of its own as its other answer (below).
      const own = open && !base.required && typeof v.valueString === 'string';
      if (found === undefined) {
        if (!own) this.warn(at, linkId, 'an initial value not among the options', 'ignored');
      } else if (!chosen.includes(found)) chosen.push(found);
    }
    if (chosen.length) {
      native.initial = likert ? chosen[0] : repeats ? chosen.map(String) : [String(chosen[0])];
    }
    this.entries.set(linkId, {
      id,
      shape: likert ? 'likert' : 'options',
      multiple: repeats,
      options: byKey,
    });
    const link: FhirLinkItem = {linkId, text: str(item.text) ?? '', id, answer: table};
    if (!open || base.required) return {native, link};
    // Open choice: an answer of one's own, under the options (a single answer: while none of
    // them is chosen), sent as a valueString.
    // Labelled in the interface's language (`role`); the text is what exports show.
    const other: Obj = {
      id: this.id(`${id}-other`),
      type: 'text',
      text: 'Other answer',
      role: 'other',
    };
    if (native.initial === undefined) {
      const own = initial.map((v) => str(v.valueString)).find((v) => v !== undefined);
      if (own !== undefined) other.initial = own;
    }
    return {native, link: {...link, other: other.id as string}, other};
  }

  /** The native condition for an item's `enableWhen`; `true`/`false` when it is constant. */
  condition(item: Obj, at: string): Cond {
    const cached = this.cache.get(item);
    if (cached !== undefined) return cached;
    const linkId = str(item.linkId) ?? '';
    const parts = arr(item.enableWhen).map((w, i) =>
      isObj(w) ? this.when(w, `${at}.enableWhen[${i}]`, linkId) : true,
    );
    const any = item.enableBehavior === 'any';
    if (!any && parts.length > 1 && item.enableBehavior !== 'all') {
      this.warn(
        at,
        linkId,
        'several enableWhen without enableBehavior',
        'read as "all"',
        this.conditionWarnings,
      );
    }
    const cond = combine(parts, any);
    this.cache.set(item, cond);
    return cond;
  }

  when(w: Obj, at: string, linkId: string): Cond {
    const question = str(w.question) ?? '';
    const op = str(w.operator) ?? '';
    const answer = whenAnswer(w);
    const entry = this.entries.get(question);
    // A condition on a total: the engine calculates it, as an answer a condition can read.
    this.wants ||= !entry && this.scored.has(question);
    // What the native conditions cannot express is read as not met: an item is never shown,
    // and answered, while FHIR would call it disabled.
    const unsupported = (what: string): Cond => {
      this.warn(at, linkId, `enableWhen ${what}`, 'read as not met', this.conditionWarnings);
      return false;
    };
    // An item of a repeating group is answered once per instance: only its siblings in the
    // same instance can read it.
    const elsewhere = entry?.group !== undefined && entry.group !== this.groupOf.get(linkId);
    if (!entry || elsewhere) {
      this.warn(
        at,
        linkId,
        elsewhere
          ? `enableWhen on ${JSON.stringify(question)}, which is in a repeating group`
          : `enableWhen on ${JSON.stringify(question)}, which is left out`,
        'read as unanswered',
        this.conditionWarnings,
      );
      // An unanswered question: only `exists false` holds.
      return op === 'exists' && answer?.boolean === false;
    }
    if (op === 'exists') {
      if (answer?.boolean === undefined) return unsupported('"exists" without answerBoolean');
      return {item: entry.id, op: answer.boolean ? 'answered' : 'unanswered'};
    }
    const mapped = OPS[op];
    if (!mapped || !answer) return unsupported(`operator ${JSON.stringify(op)}`);
    if (entry.multiple && entry.shape !== 'options') {
      return unsupported(`"${op}" on a question with several answers`);
    }
    switch (entry.shape) {
      case 'number':
        if (answer.number === undefined) return unsupported('with a non-numeric answer');
        return {item: entry.id, op: mapped, value: answer.number};
      case 'boolean':
      case 'text':
        if (mapped !== 'equals' && mapped !== 'notEquals') {
          return unsupported(`"${op}" on a ${entry.shape === 'text' ? 'text' : 'yes/no'} item`);
        }
        return {item: entry.id, op: mapped, value: answer.key};
      default: {
        const value = entry.options?.get(answer.match);
        // A code that is not among the options is never the answer: `=` never holds, and
        // `!=` holds once the question is answered at all.
        if (value === undefined && (mapped === 'equals' || mapped === 'notEquals')) {
          this.warn(
            at,
            linkId,
            `enableWhen answer ${JSON.stringify(answer.key)} is not an option of ${JSON.stringify(question)}`,
            mapped === 'equals' ? 'never holds' : 'holds once it is answered',
            this.conditionWarnings,
          );
          return mapped === 'equals' ? false : {item: entry.id, op: 'answered'};
        }
        if (value === undefined)
          return unsupported(`answer ${JSON.stringify(answer.key)} is not an option`);
        if (mapped === 'equals') {
          return {item: entry.id, op: entry.multiple ? 'includes' : 'equals', value};
        }
        if (mapped === 'notEquals' && !entry.multiple)
          return {item: entry.id, op: 'notEquals', value};
        return unsupported(`"${op}" on a ${entry.multiple ? 'multiple ' : ''}choice`);
      }
    }
  }
}

function combine(parts: Cond[], any: boolean): Cond {
  const live = parts.filter((p): p is Condition => typeof p !== 'boolean');
  if (any ? parts.includes(true) : parts.includes(false)) return any;
  if (!live.length) return !any || parts.length === 0;
  return live.length === 1 ? live[0] : any ? {any: live} : {all: live};
}

/**
 * The answerValueSet canonicals of a Questionnaire that none of its answerOptions or
 * `contained` ValueSets answer: what a terminology server is asked to expand.
 */
export function externalValueSets(q: unknown): string[] {
  const out = new Set<string>();
  const contained = isObj(q) ? arr(q.contained) : [];
  const walk = (items: unknown) =>
    arr(items)
      .filter(isObj)
      .forEach((item) => {
        const ref = str(item.answerValueSet);
        // `#id` names a contained resource: no server has it.
        const local = ref?.startsWith('#');
        if (ref && !local && !arr(item.answerOption).length && !containedCodings(contained, ref)) {
          out.add(ref);
        }
        walk(item.item);
      });
  walk(isObj(q) ? q.item : undefined);
  return [...out];
}

/** Whether a Questionnaire has `rendering-xhtml` anywhere: the checker then loads `xhtml.ts`. */
export const usesXhtml = (q: unknown): boolean => JSON.stringify(q).includes(X.xhtml);

/** Converts a FHIR R4 Questionnaire (untrusted JSON). Never throws. */
export function fromQuestionnaire(json: unknown, options: FhirImportOptions = {}): FhirImport {
  try {
    return convert(json, options);
  } catch {
    return {ok: false, problems: [{path: '', message: 'could not be read as a Questionnaire'}]};
  }
}

function convert(
  q: unknown,
  {timepoint = 'default', engine, expansions, xhtml}: FhirImportOptions,
): FhirImport {
  if (!isObj(q) || q.resourceType !== 'Questionnaire') {
    return {ok: false, problems: [{path: 'resourceType', message: 'must be "Questionnaire"'}]};
  }
  if (!Array.isArray(q.item) || !q.item.length) {
    return {ok: false, problems: [{path: 'item', message: 'must list at least one item'}]};
  }
  const language = str(q.language);
  // ValueSets a terminology server expanded read as if the Questionnaire contained them.
  const c = new Converter(
    [...arr(q.contained), ...(expansions?.valueSets ?? [])],
    language && LANG_TAG.test(language) ? language : 'und',
    expansions?.failed,
    xhtml,
  );
  if (engine) c.expressions(q, engine);
  for (const e of arr(q.extension)) {
    const url = isObj(e) ? str(e.url) : undefined;
    if (url && !c.handledExpression(e as Obj, 'extension', '(questionnaire)'))
      c.warn(
        'extension',
        '(questionnaire)',
        `extension "${shortName(url)}" is not supported`,
        'ignored',
      );
  }
  const title = c.tr(q, 'title') ?? str(q.name) ?? 'Questionnaire';
  const sections: Obj[] = [];
  const link: FhirLinkItem[] = [];
  let loose: Obj[] | undefined;
  q.item.forEach((raw, i) => {
    const at = `item[${i}]`;
    if (!isObj(raw)) return;
    if (raw.type === 'group' && raw.repeats === true && ext(raw, X.hidden)?.valueBoolean !== true) {
      // A repeating group at the top: a page of its own, the group on it.
      loose = undefined;
      const linkId = str(raw.linkId) ?? '';
      const items: Obj[] = [];
      c.pages.add(raw);
      sections.push({id: c.id(`${linkId}-page`), title: c.tr(raw, 'text') || title, items});
      c.items([raw], 'item', [], items, link, i);
      return;
    }
    if (raw.type === 'group' && ext(raw, X.hidden)?.valueBoolean !== true) {
      loose = undefined;
      const linkId = str(raw.linkId) ?? '';
      c.pages.add(raw);
      c.unknowns(raw, at, linkId);
      const items: Obj[] = [];
      const children: FhirLinkItem[] = [];
      // A section's enableWhen applies to each of its items: one rule for every depth.
      const sources = c.gated(
        raw,
        at,
        linkId,
        raw.enableWhen ? [{item: raw, path: at, linkId}] : [],
      );
      c.items(arr(raw.item), `${at}.item`, sources, items, children);
      c.matrix(raw, at, linkId);
      const text = str(raw.text);
      sections.push({id: c.id(linkId), title: (text && c.tr(raw, 'text')) || title, items});
      if (children.length) link.push({linkId, ...(text ? {text} : {}), item: children});
      return;
    }
    if (!loose) {
      loose = [];
      sections.push({id: c.id('questions'), title, items: loose});
    }
    c.items([raw], 'item', [], loose, link, i);
  });
  const dropped = c.resolve();
  // Items left out, in sections and in repeating groups; a group with no question goes too.
  const prune = (items: Obj[]): Obj[] =>
    items.filter((item) => {
      if (dropped.has(item)) return false;
      if (item.type !== 'group') return true;
      item.items = prune(item.items as Obj[]);
      return (item.items as Obj[]).some((i) => i.type !== 'display');
    });
  const kept = sections.filter((section) => {
    section.items = prune(section.items as Obj[]);
    return (section.items as Obj[]).length > 0;
  });
  // Required questions left out: named to the page; a response waits for them while enabled.
  const missing: FhirMissing[] = [];
  for (const m of c.missing) {
    const when = combine(
      m.sources.map((s) => c.condition(s.item, s.path)),
      false,
    );
    if (when === false) continue;
    c.warn(
      m.path,
      m.linkId,
      m.filled ? 'a required item its expression fills in' : 'a required item left out',
      m.filled ? 'responses stay "in-progress" while it is empty' : 'responses stay "in-progress"',
    );
    missing.push(when === true ? {linkId: m.linkId} : {linkId: m.linkId, when});
  }
  const warnings = [...c.warnings, ...c.conditionWarnings].sort(byPath);
  // Display text alone is nothing to answer: such a form is refused, never posted empty.
  if (!kept.some((section) => (section.items as Obj[]).some((i) => i.type !== 'display'))) {
    return {
      ok: false,
      problems: [
        {path: 'item', message: 'has no question the widget can show (see the warnings)'},
        ...warnings,
      ],
    };
  }
  // The values of enableWhenExpressions: items of a last section that never shows, so every
  // condition before it reads them, and no response carries them.
  const [gate] = c.gates;
  if (gate) {
    kept.push({
      id: c.id('expressions'),
      title: 'Expressions',
      showIf: {
        all: [
          {item: gate.id, op: 'answered'},
          {item: gate.id, op: 'unanswered'},
        ],
      },
      items: c.gates,
    });
  }
  const url = str(q.url);
  // A FHIR id ([A-Za-z0-9.-]{1,64}) is a valid pack id as it is.
  const id =
    [str(q.id), str(q.name), url?.split('/').pop(), str(q.title)]
      .map((s) => (s ? slug(s) : ''))
      .find(Boolean) ?? 'questionnaire';
  const pack: Obj = {
    schema: 'resilience-survey/instrument@1',
    id: /^[A-Za-z0-9.-]{1,64}$/.test(str(q.id) ?? '') ? q.id : id,
    version: version(q.version),
    title,
    timepoints: [{id: timepoint, label: title}],
    sections: kept,
  };
  if (url && /^https?:\/\//.test(url)) pack.url = url;
  if (str(q.description)) pack.description = c.tr(q, 'description');
  if (c.langs.size) pack.languages = [c.base, ...c.langs];
  if (Object.keys(c.scales).length) pack.scales = c.scales;
  if (c.scoreRules.length) pack.scores = c.scoreRules;
  const canonical = url ? `${url}${str(q.version) ? `|${q.version}` : ''}` : undefined;
  const linked: {-readonly [K in keyof FhirLink]: FhirLink[K]} = {
    ...(canonical ? {questionnaire: canonical} : {}),
    item: link,
    ...(missing.length ? {missing} : {}),
  };
  if (engine && c.targets.length) {
    const derive = engine.deriver({
      pack: pack as unknown as Pack,
      timepoint,
      link: linked,
      targets: c.targets,
    });
    // Once over the first answers: the values a new draft starts with (the items' `initial`),
    // and what fails there (a launch context not given) is named.
    const first = derive(initialAnswers(pack as unknown as Pack));
    for (const t of c.targets) {
      const native = c.natives.get(t.id);
      if (native && Object.hasOwn(first, t.id)) native.initial = first[t.id];
    }
    for (const problem of derive.problems) {
      warnings.push({path: 'item', message: `${problem} (its value stays empty)`});
    }
    linked.derive = derive;
  }
  return {
    ok: true,
    pack,
    link: linked,
    warnings,
    ...(c.wants && !engine ? {fhirpath: true} : {}),
    ...(c.gates.length ? {gates: c.gates.map((g) => g.id as string)} : {}),
  };
}

/**
 * The hint under a date question. An entryFormat (`yyyy/MM/dd`, `dd.MM.yyyy`) is shown when
 * the widget reads dates typed that way; otherwise `unread` is called and FHIR's own form asked.
 */
function dateHint(type: string, entryFormat: string | undefined, unread: () => void): string {
  const time = type === 'dateTime' ? ', with a time if you like (14:30)' : '';
  if (entryFormat) {
    const example = entryFormat
      .replace(/y{4}/i, '2026')
      .replace(/MM/, '11')
      .replace(/dd/i, '27')
      .replace(/HH:mm/, '14:30');
    if (fhirDate(example, true)?.startsWith('2026-11-27')) {
      return `As ${entryFormat}, for example ${example}${time}.`;
    }
    unread();
  }
  return `As YYYY-MM-DD, for example 2026-11-27${time}.`;
}

/** Warnings in document order: `item[2].item[10]` after `item[2].item[9]`. */
function byPath(a: PackProblem, b: PackProblem): number {
  const key = (p: string) => p.replace(/\d+/g, (d) => d.padStart(6, '0'));
  return key(a.path) < key(b.path) ? -1 : key(a.path) > key(b.path) ? 1 : 0;
}
