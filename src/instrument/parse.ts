import type {FhirLink} from './fhir.js';
import {fhirDate, fhirTime} from './dates.js';
import {ID_PATTERN} from './ids.js';
import {PackError} from './pack-error.js';
import type {Pack, PackProblem} from './types.js';
import type {TerminologyOptions} from './terminology.js';
import {textFormats} from './validate.js';

// A pack that names a date format has come through here: its answers are checked this way.
textFormats.date = (text) => fhirDate(text, false) !== null;
textFormats.dateTime = (text) => fhirDate(text, true) !== null;
textFormats.time = (text) => fhirTime(text) !== null;

/** The `schema` value a pack may declare. */
export const PACK_SCHEMA = 'resilience-survey/instrument@1';

/** A pack's own id may also carry dots (`org.example.brs`): it names drafts and responses. */
export const PACK_ID_PATTERN = /^[A-Za-z0-9._-]{1,200}$/;

/** Schemes a support link may use. Pack text is untrusted: no `javascript:`, no `data:`. */
export const LINK_SCHEMES: readonly string[] = ['https:', 'tel:', 'mailto:'];

export type ParseResult =
  | {readonly ok: true; readonly pack: Pack; readonly warnings: PackProblem[]}
  | {readonly ok: false; readonly problems: PackProblem[]};

// Kept here for callers of this module; they live where the element can load them eagerly.
export {formatProblem} from './text.js';
export {initialAnswers} from './conditions.js';

/**
 * Checks untrusted JSON against the pack format and collects every problem (never only the
 * first). Problems make the pack unusable; warnings (unknown properties, missing
 * translations, conditions on later items) do not. Never throws. On success the pack is a
 * frozen copy: the input is left as it was, and later changes to it do not leak in.
 */
export function parsePack(json: unknown): ParseResult {
  // A getter in the input may call parsePack: its check must not become this one.
  const outer = c;
  const check: Check = (c = {
    problems: [],
    warnings: [],
    languages: [],
    scales: new Set(),
    ids: new Map(),
    count: 0,
    order: 0,
  });
  try {
    if (isObj(json)) fields(json, '', PACK);
    else problem('', 'must be an object (a pack)');
    if (!check.problems.length) {
      return {ok: true, pack: frozenCopy(json, new Set()) as Pack, warnings: check.warnings};
    }
  } catch {
    // A getter that throws, a Proxy, a stack overflow on absurd nesting: still an answer.
    problem('', 'could not be read');
  } finally {
    c = outer;
  }
  return {ok: false, problems: check.problems};
}

/** What checking a pack from outside takes besides the pack. */
export interface CheckOptions extends Partial<Omit<TerminologyOptions, 'url'>> {
  /** A FHIR Questionnaire has no timepoints: its one timepoint takes this id (`default`). */
  readonly timepoint?: string;
  /** A FHIR terminology server's base URL, asked (with the page's fetch) for value sets a Questionnaire does not contain. */
  readonly terminology?: string;
  /** Resources a FHIR Questionnaire's expressions read by name (`%patient`: the page's `launchContext`). */
  readonly launchContext?: object;
  /** `false`: FHIRPath expressions are not evaluated (the LMS packager's check, in Node). */
  readonly fhirpath?: false;
}

/**
 * Checks a pack, or a FHIR Questionnaire made into one (its converter loads only then): what
 * the loader asks of this module. What the Questionnaire has that the widget does not support
 * comes first among the warnings.
 */
export async function checkPack(
  json: unknown,
  options: CheckOptions = {},
): Promise<ParseResult & {readonly fhir?: FhirLink} & PackNeeds> {
  const result = await checkAny(json, options);
  if (!result.ok) return result;
  const text = JSON.stringify(result.pack);
  return {
    ...result,
    repeats: /"type":"group"|"repeats":true/.test(text) || undefined,
    rich: /"(richText|role|autocomplete)":/.test(text) || undefined,
    combobox: /"autocomplete":true/.test(text) || undefined,
    matrix: /"matrix":true/.test(text) || undefined,
  };
}

/**
 * The code only some packs need, which the loader fetches before the first page: repeating
 * items (`rs-survey/repeat.ts`); rich text and the labels of parts of questions
 * (`rs-survey/rich-text.ts`); choices typed to filter (`rs-survey/combobox.ts`); rows of a
 * choice matrix (`rs-survey/matrix.ts`). Fetched by the
 * element, not from here: a chunk of the element imported from this lazy chunk made the
 * bundler move Lit out of the main bundle.
 */
export interface PackNeeds {
  readonly repeats?: true;
  readonly rich?: true;
  readonly combobox?: true;
  /** Choices drawn as a matrix (`rs-survey/matrix.ts`). */
  readonly matrix?: true;
}

async function checkAny(
  json: unknown,
  context: CheckOptions = {},
): Promise<ParseResult & {readonly fhir?: FhirLink}> {
  const {timepoint, terminology} = context;
  // A primitive has no `resourceType` either; only null and undefined need the `?.`.
  if ((json as {resourceType?: unknown} | null | undefined)?.resourceType !== 'Questionnaire')
    return parsePack(json);
  const converter = import('./fhir.js').catch((e: unknown) => {
    // Offline before the converter arrived: the person can try again.
    throw new PackError(
      'instrument-unreachable',
      `The FHIR converter could not be loaded (${String(e)}).`,
    );
  });
  const {fromQuestionnaire, externalValueSets, usesXhtml} = await converter;
  // Rich text's reader (and its renderer, for the survey) only for a Questionnaire that has it.
  const xhtml = usesXhtml(json)
    ? import('./xhtml.js').then(
        ({richFromXhtml}) => richFromXhtml,
        () => undefined,
      )
    : undefined;
  const wanted = terminology ? externalValueSets(json) : [];
  const expansions = wanted.length
    ? await import('./terminology.js').then(
        ({expandValueSets}) =>
          expandValueSets(wanted, {
            ...(context as Omit<TerminologyOptions, 'url'>),
            url: terminology!,
          }),
        () => ({
          valueSets: [],
          failed: new Map(wanted.map((w) => [w, 'the terminology code could not be loaded'])),
        }),
      )
    : undefined;
  const read = {timepoint, expansions, xhtml: await xhtml};
  let converted = fromQuestionnaire(json, read);
  // FHIRPath expressions: the engine loads, and the import runs again with it.
  if (converted.ok && converted.fhirpath && context.fhirpath !== false) {
    const {engine} = await import('./fhirpath.js').catch((e: unknown) => {
      throw new PackError(
        'instrument-unreachable',
        `The FHIRPath engine could not be loaded (${String(e)}).`,
      );
    });
    converted = fromQuestionnaire(json, {
      ...read,
      engine: engine(
        json as Record<string, unknown>,
        context.launchContext as Record<string, unknown>,
      ),
    });
  }
  if (!converted.ok) return converted;
  const result = parsePack(converted.pack);
  // Conditions read the values of enableWhenExpressions ahead, from the last section: meant so.
  const gates = converted.gates ?? [];
  const warnings = result.ok
    ? result.warnings.filter(
        (w) =>
          !gates.some((g) => w.message === `refers to ${JSON.stringify(g)}, which comes later`),
      )
    : [];
  return result.ok
    ? {
        ...result,
        warnings: [...converted.warnings, ...warnings],
        fhir: converted.link,
      }
    : result;
}

type Obj = Record<string, unknown>;
type Seen = Set<unknown>;

/** An id found in the first pass, so references can be checked wherever they point. */
interface Entry {
  readonly path: string;
  readonly section: boolean;
  readonly type: string | undefined;
  readonly item: Obj;
  /** Document order of items; sections take the order of their first item. */
  readonly order: number;
  /** The repeating group it is asked in (once per instance). */
  readonly group?: string;
}

/** What the check in progress has found so far. */
interface Check {
  readonly problems: PackProblem[];
  readonly warnings: PackProblem[];
  readonly languages: string[];
  readonly scales: Set<string>;
  readonly ids: Map<string, Entry>;
  /** The pack's timepoint ids, once checked. */
  timepoints?: Seen;
  /** Items counted so far, and the order of the item being checked. */
  count: number;
  order: number;
  /** The timepoints of the section being checked. */
  within?: Seen;
}

let c: Check;

/**
 * Checks one value found at `at`, reports what is wrong with it, and returns it if it is
 * valid (undefined if not), for the checks after it. `got` holds the valid properties of the
 * object being checked, so far (for an element of a list: of the object holding the list);
 * `seen` is shared by the elements of one list, to find repeats; `index` is the position in
 * that list.
 */
type Rule = (v: unknown, at: string, got: Obj, seen: Seen, index?: number) => unknown;

/** Rules by property name, in the order they run; a name ending in `?` is optional. */
type Shape = Record<string, Rule>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const quote = (s: unknown): string => JSON.stringify(String(s));
const LANG_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const MAX_CONDITION_DEPTH = 16;
const MAX_SCALE_POINTS = 101;
/** Past this a scale is refused: each point is a radio button, and a million would hang the page. */
const SCALE_POINTS_LIMIT = 1000;

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

function problem(path: string, message: string): undefined {
  c.problems.push({path, message});
}

function warn(path: string, message: string): undefined {
  c.warnings.push({path, message});
}

/**
 * Checks the properties of `o` in the order of `shape` and returns the valid ones. Unknown
 * properties are ignored with a warning (a typo, `showif`, should not pass silently), given
 * before the `knownAt`-th property is checked; -1 leaves that to the caller.
 */
function fields(o: Obj, at: string, shape: Shape, seen: Seen = new Set(), knownAt = 0): Obj {
  // No prototype: a property polluting Object.prototype cannot pass for a checked value.
  const got: Obj = Object.create(null);
  const names = Object.keys(shape);
  const keys = names.map((name) => name.replace('?', ''));
  for (let i = 0; i <= names.length; i++) {
    if (i === knownAt) known(o, at, keys);
    const key = keys[i];
    if (key === undefined) break;
    const v = o[key];
    if (v !== undefined) got[key] = shape[names[i]](v, join(at, key), got, seen);
    else if (key === names[i]) problem(join(at, key), 'is required');
  }
  return got;
}

function known(o: Obj, at: string, keys: readonly string[]): void {
  for (const key of Object.keys(o)) {
    if (!keys.includes(key)) warn(join(at, key), 'unknown property (ignored)');
  }
}

// Rules, from the small ones up.

/** Valid if `ok` says so; else reports `message`. */
const must =
  <T>(ok: (v: T, got: Obj) => unknown, message: string | ((v: T) => string)): Rule =>
  (v, at, got) =>
    ok(v as T, got) ? v : problem(at, typeof message === 'string' ? message : message(v as T));

/** Runs rules in turn while the value stays valid. */
const all =
  (...rules: Rule[]): Rule =>
  (v, at, got, seen, index) => {
    for (const rule of rules) if ((v = rule(v, at, got, seen, index)) === undefined) break;
    return v;
  };

/** Valid if it is none of the values its list has had; an id, say. */
const unique =
  (what: string): Rule =>
  (v, at, _got, seen) =>
    seen.has(v) ? problem(at, `duplicate ${what} ${JSON.stringify(v)}`) : seen.add(v) && v;

const oneOf = (values: readonly string[]): Rule =>
  must(
    (v) => values.includes(v as string),
    `must be ${values.length > 1 ? 'one of ' : ''}${values.map(quote).join(', ')}`,
  );

const STR = must((v) => typeof v === 'string', 'must be a string');
const BOOL = must((v) => typeof v === 'boolean', 'must be true or false');
const NUM = must(Number.isFinite, 'must be a number');
const WHOLE = all(NUM, must(Number.isInteger, 'must be a whole number'));
const POSITIVE = all(
  NUM,
  must((n: number) => n > 0, 'must be greater than 0'),
);

const range = (min: number, max = Infinity): Rule =>
  must(
    (n: number) => n >= min && n <= max,
    max < Infinity ? `must be from ${min} to ${max}` : `must be ${min} or more`,
  );
const COUNT = all(WHOLE, range(1));

/** Not less than the property `key`, when that is valid. */
const notBelow = (key: string): Rule =>
  must((n: number, got) => !((got[key] as number) > n), `must not be less than ${key}`);

const idOf = (pattern: RegExp): Rule =>
  all(
    STR,
    must((s: string) => pattern.test(s), `must match ${pattern.source}`),
    // `obj[id] = …` with this id would replace an object's prototype.
    must((s) => s !== '__proto__', '"__proto__" is reserved'),
  );
const ID = idOf(ID_PATTERN);

/** Text a person reads: a string, or strings by language (with a warning for each missing). */
const TEXT: Rule = (v, at) => {
  if (typeof v === 'string') return;
  if (!isObj(v)) return problem(at, 'must be text: a string, or an object of strings by language');
  const langs = Object.keys(v);
  if (!langs.length) return problem(at, 'must have text in at least one language');
  for (const lang of langs) {
    if (!LANG_TAG.test(lang)) problem(join(at, lang), `${quote(lang)} is not a language tag`);
    else if (typeof v[lang] !== 'string') problem(join(at, lang), 'must be a string');
  }
  const lower = langs.map((l) => l.toLowerCase());
  for (const lang of c.languages) {
    if (!lower.includes(lang.toLowerCase())) warn(at, `has no ${quote(lang)} text`);
  }
};

/** The scheme of a URL (`https:`) as a browser reads it, or '' if it is not one. */
function scheme(s: string): string {
  try {
    return new URL(s).protocol;
  } catch {
    return '';
  }
}

/**
 * A list of at least `min` values, each checked by `rule`. Returns the values its elements
 * added to `seen` (the valid ids of a list of timepoints, say).
 */
const list =
  (rule: Rule, min = 1): Rule =>
  (v, at, got) => {
    if (!Array.isArray(v)) return problem(at, 'must be an array');
    if (v.length < min) problem(at, min === 1 ? 'must not be empty' : `must have at least ${min}`);
    const seen: Seen = new Set();
    v.forEach((x, i) => rule(x, join(at, i), got, seen, i));
    return seen;
  };

/** An object of the given shape; `after` checks what concerns several of its properties. */
const obj =
  (shape: Shape, after?: Rule, knownAt?: number): Rule =>
  (v, at, _got, seen, index) => {
    if (!isObj(v)) return problem(at, 'must be an object');
    const got = fields(v, at, shape, seen, knownAt);
    after?.(v, at, got, seen, index);
  };

/** `timepoints` of a section or item: distinct ids of the pack's timepoints. */
const TIMEPOINT_REFS = list(
  all(
    STR,
    unique('timepoint'),
    must(
      (t) => c.timepoints?.has(t),
      (t) => `unknown timepoint ${quote(t)}`,
    ),
  ),
);

const PRESENCE: readonly unknown[] = ['answered', 'unanswered'];
const EQUALITY: readonly unknown[] = ['equals', 'notEquals'];
const ORDER: readonly unknown[] = [...EQUALITY, 'gt', 'gte', 'lt', 'lte'];
const COMPARE: readonly unknown[] = [...ORDER, 'includes'];

/** What an item of one type holds. */
interface ItemType {
  readonly shape: Shape;
  /** The shape of its answer (and of `initial`); none for reflections, codes and display items. */
  readonly answer?: Rule;
  /** The ops a condition on it may use. */
  readonly ops: readonly unknown[];
  /** Checks that concern several of its properties. */
  readonly after?: Rule;
}

const RICH_TAGS: readonly unknown[] = ['p', 'strong', 'em', 'ul', 'ol', 'li', 'br', 'a'];
const MAX_RICH_DEPTH = 16;

/**
 * Rich text (`RichNode[]`): text and the elements of the safe subset, nothing else; a link's
 * href an absolute https:, http: or mailto: URL.
 */
const RICH: Rule = (v, at) => {
  const check = (nodes: unknown, where: string, depth: number): void => {
    if (!Array.isArray(nodes) || depth > MAX_RICH_DEPTH) {
      return void problem(
        where,
        `must be a list of text and elements, at most ${MAX_RICH_DEPTH} deep`,
      );
    }
    nodes.forEach((n, i) => {
      const here = join(where, i);
      if (typeof n === 'string') return;
      if (!isObj(n) || !RICH_TAGS.includes(n.tag)) {
        return void problem(here, `must be text or an element (${RICH_TAGS.join(', ')})`);
      }
      known(n, here, ['tag', 'href', 'children']);
      const link = typeof n.href === 'string' && /^(https?|mailto):/i.test(n.href);
      if (n.tag === 'a' ? !link : n.href !== undefined) {
        problem(join(here, 'href'), 'must be an absolute https:, http: or mailto: URL, on a link');
      }
      if (n.children !== undefined) check(n.children, join(here, 'children'), depth + 1);
    });
  };
  check(v, at, 0);
};

/** What every item has; an item outside its section's timepoints is never shown there. */
const ITEM_BASE: Shape = {
  id: ID,
  type: STR,
  'timepoints?': all(TIMEPOINT_REFS, (refs, at) =>
    (refs as Seen).forEach((t) => {
      if (c.within && !c.within.has(t)) warn(at, `the section is not shown at ${quote(t)}`);
    }),
  ),
  'showIf?': (v, at, got) => checkCondition(v, at, got.id, c.order, 0),
  'help?': TEXT,
  text: TEXT,
  'richText?': RICH,
};
const QUESTION: Shape = {
  ...ITEM_BASE,
  'required?': BOOL,
  'private?': BOOL,
  'readOnly?': BOOL,
  'role?': all(STR, oneOf(['other', 'unit'])),
};

/** `initial` of a choice item: option values, only one unless the item is multiple. */
const CHOICE_ANSWER: Rule = (v, at, got) => {
  if (!Array.isArray(v) || !v.length || v.some((x) => typeof x !== 'string')) {
    return problem(at, 'must be a list of option values');
  }
  if (got.multiple !== true && v.length > 1) {
    return problem(at, 'must have one value: the item is not multiple');
  }
  v.forEach((x, i) => {
    if (!(got.options as Seen | undefined)?.has(x)) {
      problem(join(at, i), `${quote(x)} is not an option`);
    }
  });
};

/**
 * A type of question with an answer. `initial` is listed only to make it a known property:
 * ITEM checks it last, in the shape of the answer.
 */
const answered = (answer: Rule, ops: readonly unknown[], shape: Shape, after?: Rule): ItemType => ({
  answer,
  ops: [...ops, ...PRESENCE],
  shape: {...QUESTION, ...shape, 'initial?': () => 0},
  after,
});

/** The steps of a reflection or the parts of a code: their texts come before unknown properties. */
const parts = (what: string, more?: Shape, after?: Rule): Rule =>
  list(obj({id: all(ID, unique(`${what} id`)), prompt: TEXT, 'help?': TEXT, ...more}, after, 3));

const LENGTHS = {
  'minLength?': all(WHOLE, range(0)),
  'maxLength?': all(COUNT, notBelow('minLength')),
};
const DIGITS = all(WHOLE, range(1, 12));

const TYPES = new Map<unknown, ItemType>(
  Object.entries({
    likert: answered(NUM, ORDER, {
      scale: all(
        STR,
        must(
          (s: string) => c.scales.has(s),
          (s) => `unknown scale ${quote(s)}`,
        ),
      ),
      'reverse?': BOOL,
    }),
    scale: answered(
      NUM,
      ORDER,
      {min: NUM, max: NUM, 'step?': POSITIVE, minLabel: TEXT, maxLabel: TEXT},
      (_item, at, got) => {
        const {min, max, step = 1} = got as {min?: number; max?: number; step?: number};
        if (min === undefined || max === undefined) return;
        if (max <= min) return problem(join(at, 'max'), 'must be greater than min');
        const points = (max - min) / step;
        // A tolerance, since (1 - 0) / 0.1 is 9.999999999999998 in floating point.
        if (Math.abs(points - Math.round(points)) > 1e-9) {
          problem(join(at, 'step'), 'must divide max − min into whole steps');
        } else if (points + 1 > SCALE_POINTS_LIMIT) {
          problem(at, `has more than ${SCALE_POINTS_LIMIT} points (min, max and step)`);
        } else if (Math.round(points) + 1 > MAX_SCALE_POINTS) {
          warn(at, `has more than ${MAX_SCALE_POINTS} points`);
        }
      },
    ),
    choice: answered(CHOICE_ANSWER, [...EQUALITY, 'includes'], {
      options: list(
        obj({
          value: all(
            STR,
            (s, at, _got, seen) => {
              if ((s as string).length && (s as string).length <= 200) return s;
              seen.add(s); // still a value that `correct` and `initial` may name
              problem(at, 'must be 1 to 200 characters');
            },
            unique('option value'),
          ),
          label: TEXT,
        }),
      ),
      'multiple?': BOOL,
      'autocomplete?': BOOL,
      'matrix?': BOOL,
      'correct?': list(
        all(
          STR,
          unique('value'),
          must(
            (s, got) => !got.options || (got.options as Seen).has(s),
            (s) => `${quote(s)} is not an option`,
          ),
        ),
      ),
    }),
    number: answered(NUM, ORDER, {
      'min?': NUM,
      'max?': all(NUM, notBelow('min')),
      'step?': POSITIVE,
      'unit?': TEXT,
      'repeats?': BOOL,
    }),
    text: answered(STR, EQUALITY, {
      ...LENGTHS,
      'format?': all(STR, oneOf(['date', 'dateTime', 'time'])),
      'repeats?': BOOL,
    }),
    'long-text': answered(STR, EQUALITY, {...LENGTHS, 'repeats?': BOOL}),
    reflection: {
      ops: PRESENCE,
      shape: {...QUESTION, steps: parts('step'), 'suggestedLength?': COUNT, 'maxLength?': COUNT},
    },
    code: {
      ops: PRESENCE,
      shape: {
        ...QUESTION,
        parts: parts(
          'part',
          {
            kind: all(STR, oneOf(['letter', 'month', 'digits'])),
            'length?': (v, at, got, seen) =>
              got.kind === 'digits'
                ? DIGITS(v, at, got, seen)
                : warn(at, `is ignored for ${quote(got.kind)}`),
          },
          (p, at, got) => {
            if (got.kind === 'digits' && (p as Obj).length === undefined) {
              problem(join(at, 'length'), 'is required for digits');
            }
          },
        ),
      },
    },
    display: {ops: PRESENCE, shape: ITEM_BASE},
    // Its items are checked by GROUP_ITEM (below): a group is not a condition's target.
    group: {
      ops: [],
      shape: {
        ...ITEM_BASE,
        'min?': all(WHOLE, range(1, 1000)),
        'max?': all(WHOLE, range(1, 1000), notBelow('min')),
        items: (v, at, got, seen) => GROUP_ITEMS(v, at, got, seen),
      },
    },
  }),
);

/** What a repeating group may hold: questions with one answer each, and display text. */
const IN_GROUP = ['likert', 'scale', 'choice', 'number', 'text', 'long-text', 'display'];

/** An element of a group's `items`. */
const GROUP_ITEMS: Rule = list((v, at, got, seen) => {
  const type = isObj(v) ? v.type : undefined;
  if (typeof type === 'string' && TYPES.has(type) && !IN_GROUP.includes(type)) {
    return problem(join(at, 'type'), `a ${type} item cannot be in a repeating group`);
  }
  if (isObj(v) && v.repeats === true) {
    warn(join(at, 'repeats'), 'is ignored in a repeating group (the group repeats)');
  }
  ITEM(v, at, got, seen);
});

/**
 * Not an object, or an item of no known type: nothing more can be checked. (Unknown
 * properties get warnings here that nobody sees, since there is a problem.)
 */
const UNTYPED = obj({
  id: ID,
  type: all(STR, (t, at) => problem(at, `unknown item type ${quote(t)}`)),
});

/** An element of a section's `items` (`section` holds the section's valid properties). */
const ITEM: Rule = (v, at, section, seen) => {
  c.order = c.count++;
  c.within = section.timepoints as Seen | undefined;
  const type = isObj(v) ? TYPES.get(v.type) : undefined;
  if (!type) return UNTYPED(v, at, section, seen);
  const item = v as Obj;
  const got = fields(item, at, type.shape, seen);
  type.after?.(item, at, got, seen);
  // Items with no answer shape do not know `initial`, but it must still be a string.
  if (item.initial !== undefined)
    (type.answer ?? STR)(item.initial, join(at, 'initial'), got, seen);
};

const SCALE = obj({points: list(obj({value: all(NUM, unique('value')), label: TEXT}), 2)});

/** A section; its items are not counted yet, so `c.count` is the order of its first. */
const SECTION = obj({
  id: ID,
  title: TEXT,
  'description?': TEXT,
  'timepoints?': TIMEPOINT_REFS,
  'showIf?': (v, at) => checkCondition(v, at, undefined, c.count, 0),
  items: list(ITEM),
});

/** First pass over the sections: every id, so conditions and score rules may point anywhere. */
const IDS: Rule = (v, at) => {
  if (Array.isArray(v)) {
    v.forEach((s, si) => {
      if (!isObj(s)) return;
      const sat = join(at, si);
      register(s, sat, c.count, true);
      const items = s.items;
      if (!Array.isArray(items)) return;
      items.forEach((item, ii) => {
        if (!isObj(item)) return;
        const iat = join(join(sat, 'items'), ii);
        register(item, iat, c.count++);
        if (item.type !== 'group' || !Array.isArray(item.items)) return;
        const group = typeof item.id === 'string' ? item.id : undefined;
        item.items.forEach((inner, ji) => {
          if (isObj(inner)) register(inner, join(join(iat, 'items'), ji), c.count++, false, group);
        });
      });
    });
  }
  c.count = 0;
  return v;
};

/** Records a section or item under its id; a second one with that id is a problem. */
function register(o: Obj, path: string, order: number, section = false, group?: string): void {
  const id = o.id;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) return;
  const before = c.ids.get(id);
  if (before) return problem(join(path, 'id'), `duplicate id ${quote(id)} (also ${before.path})`);
  const type = typeof o.type === 'string' ? o.type : undefined;
  c.ids.set(id, {path, section, type, item: o, order, ...(group ? {group} : {})});
}

/** An element of a score rule's `items` (`rule` holds the rule's valid properties). */
const SCORE_ITEM: Rule = all(STR, (v, at, rule, seen) => {
  unique('item')(v, at, rule, seen); // a repeat is reported, and still checked
  const ref = quote(v);
  const entry = c.ids.get(v as string);
  const method = rule.method;
  let why: string | undefined;
  if (!entry || entry.section) why = `unknown item ${ref}`;
  else if (entry.group) why = `${ref} is in a repeating group`;
  else if (method === 'correct') {
    if (entry.type !== 'choice') why = `${ref} is not a choice item`;
    else if (entry.item.correct === undefined) why = `${ref} has no correct answer`;
  } else if (method && entry.type && TYPES.get(entry.type)?.answer !== NUM) {
    why = `${ref} is a ${entry.type} item; ${method} needs likert, scale or number items`;
  }
  if (why) problem(at, why);
});

const SCORE = obj({
  id: all(ID, unique('score id')),
  label: TEXT,
  method: all(STR, oneOf(['sum', 'mean', 'correct'])),
  items: list(SCORE_ITEM),
  'minAnswered?': all(NUM, range(0, 1)),
  'impute?': all(
    oneOf(['person-mean']),
    must((_v, got) => got.method !== 'correct', 'applies only to sum and mean'),
  ),
  'precision?': all(WHOLE, range(0, 10)),
  'bands?': list(
    obj({label: TEXT, 'lt?': NUM, 'lte?': NUM}, (v, at, _got, seen, index) => {
      const band = v as Obj;
      if (band.lt !== undefined && band.lte !== undefined) problem(at, 'use lt or lte, not both');
      // `seen` keeps the index of the first band with no bound: it takes every score after it.
      const [open] = seen;
      if (open !== undefined) warn(at, `is never reached: bands[${open}] has no bound`);
      else if (band.lt === undefined && band.lte === undefined) seen.add(index);
    }),
  ),
});

const PACK: Shape = {
  'schema?': oneOf([PACK_SCHEMA]),
  // Languages first: every text after is checked for a translation into each.
  'languages?': list(
    all(
      must(
        (s) => typeof s === 'string' && LANG_TAG.test(s),
        'must be a language tag such as "en" or "cy"',
      ),
      (v, at, _got, seen) => {
        const lang = v as string;
        if (seen.has(lang.toLowerCase())) return problem(at, `duplicate language ${quote(lang)}`);
        seen.add(lang.toLowerCase());
        c.languages.push(lang);
      },
    ),
  ),
  id: idOf(PACK_ID_PATTERN),
  version: all(
    STR,
    must((s: string) => SEMVER.test(s), 'must be a semantic version such as "1.0.0"'),
  ),
  'url?': all(
    STR,
    must((s: string) => /^https?:$/.test(scheme(s)), 'must be an absolute http: or https: URL'),
  ),
  title: TEXT,
  'description?': TEXT,
  'minutes?': POSITIVE,
  'feedback?': BOOL,
  'licence?': obj({text: TEXT, 'illustrative?': BOOL}),
  timepoints: all(
    list(obj({id: all(ID, unique('timepoint')), label: TEXT, 'description?': TEXT})),
    (ids) => (c.timepoints = ids as Seen),
  ),
  'scales?': (v, at) => {
    if (!isObj(v)) return problem(at, 'must be an object');
    for (const key of Object.keys(v)) {
      if (!ID_PATTERN.test(key) || key === '__proto__') {
        problem(join(at, key), `scale id must match ${ID_PATTERN.source}`);
      } else {
        c.scales.add(key);
        SCALE(v[key], join(at, key), {}, new Set());
      }
    }
  },
  'consent?': obj({'title?': TEXT, paragraphs: list(TEXT), statement: TEXT}),
  'support?': obj({
    title: TEXT,
    text: TEXT,
    'links?': list(
      obj({
        label: TEXT,
        // The URL parser strips what a browser strips (leading spaces, tabs in `java\tscript:`).
        href: all(
          STR,
          must(
            (s: string) => LINK_SCHEMES.includes(scheme(s)),
            'must be an https:, tel: or mailto: link',
          ),
        ),
      }),
      0,
    ),
  }),
  sections: all(IDS, list(SECTION)),
  'scores?': list(SCORE, 0),
};

/**
 * A condition of the item `self` (none for a section), whose document order is `order`: it
 * may refer to any item but itself, with a warning for one that comes later.
 */
function checkCondition(
  cond: unknown,
  at: string,
  self: unknown,
  order: number,
  depth: number,
): undefined {
  if (!isObj(cond)) {
    return problem(at, 'must be a condition: {item, op, value}, {all: […]} or {any: […]}');
  }
  if (depth > MAX_CONDITION_DEPTH) {
    return problem(at, `is nested more than ${MAX_CONDITION_DEPTH} deep`);
  }
  const group = ['all', 'any'].filter((k) => cond[k] !== undefined);
  if (group.length) {
    if (group.length > 1 || cond.item !== undefined || cond.op !== undefined) {
      return problem(at, 'must have one of "all", "any" or "item", not several');
    }
    const sub: Rule = (v, at) => checkCondition(v, at, self, order, depth + 1);
    fields(cond, at, {[group[0]]: list(sub)});
    return;
  }
  const {item: ref, op} = fields(cond, at, {item: STR, op: STR}, undefined, -1);
  const presence = PRESENCE.includes(op);
  known(cond, at, presence ? ['item', 'op'] : ['item', 'op', 'value']);
  if (op !== undefined && !presence) {
    if (!COMPARE.includes(op)) return problem(join(at, 'op'), `unknown op ${quote(op)}`);
    const kinds = ['string', 'number', 'boolean'];
    const value = must((v) => kinds.includes(typeof v), 'must be a string, number or boolean');
    fields(cond, at, {value}, undefined, -1);
  }
  if (ref === undefined) return;
  const iat = join(at, 'item');
  const name = quote(ref);
  const entry = c.ids.get(ref as string);
  if (!entry) return problem(iat, `unknown item ${name}`);
  if (entry.section) return problem(iat, `${name} is a section, not an item`);
  if (entry.type === 'display') return problem(iat, `${name} is a display item and has no answer`);
  if (ref === self) return problem(iat, 'refers to the item itself');
  if (entry.type === 'group') return problem(iat, `${name} is a group and has no answer`);
  // Inside a group, a sibling is the one of the same instance; from elsewhere, none is.
  if (entry.group && entry.group !== c.ids.get(self as string)?.group) {
    warn(iat, `${name} is in a repeating group: never answered here`);
  }
  if (entry.order >= order) warn(iat, `refers to ${name}, which comes later`);
  const type = TYPES.get(entry.type);
  if (op === undefined || !type) return;
  if (!type.ops.includes(op)) {
    return problem(join(at, 'op'), `${quote(op)} cannot be used with a ${entry.type} item`);
  }
  const value = cond.value;
  if (presence || value === undefined) return;
  const vat = join(at, 'value');
  const shape = type.answer === NUM ? 'number' : 'string';
  const options = entry.item.options;
  if (typeof value !== shape) problem(vat, `must be a ${shape} for a ${entry.type} item`);
  else if (
    entry.type === 'choice' &&
    Array.isArray(options) &&
    !options.some((o) => isObj(o) && o.value === value)
  ) {
    problem(vat, `${quote(value)} is not an option of ${name}`);
  }
}

/**
 * A deep, frozen copy of plain data. Functions and cycles (in unknown properties) are dropped;
 * `path` holds the objects above `v`.
 */
function frozenCopy(v: unknown, path: Set<object>): unknown {
  if (typeof v !== 'object' || v === null) {
    return ['function', 'symbol', 'bigint'].includes(typeof v) ? undefined : v;
  }
  if (path.has(v) || path.size > 64) return undefined;
  path.add(v);
  const out = Array.isArray(v)
    ? v.map((x) => frozenCopy(x, path))
    : // fromEntries defines own properties, so a `__proto__` key stays a plain key.
      Object.fromEntries(
        Object.keys(v)
          .map((k) => [k, frozenCopy((v as Obj)[k], path)] as const)
          .filter(([, x]) => x !== undefined),
      );
  path.delete(v);
  return Object.freeze(out);
}
