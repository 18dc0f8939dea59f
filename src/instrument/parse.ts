import type {Pack, PackProblem} from './types.js';

/** The `schema` value a pack may declare. */
export const PACK_SCHEMA = 'resilience-survey/instrument@1';

/** Ids of timepoints, scales, sections, items, steps, parts and score rules. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** A pack's own id may also carry dots (`org.example.brs`): it names drafts and responses. */
export const PACK_ID_PATTERN = /^[A-Za-z0-9._-]{1,200}$/;

/** Schemes a support link may use. Pack text is untrusted: no `javascript:`, no `data:`. */
export const LINK_SCHEMES: readonly string[] = ['https:', 'tel:', 'mailto:'];

export type ParseResult =
  | {readonly ok: true; readonly pack: Pack; readonly warnings: PackProblem[]}
  | {readonly ok: false; readonly problems: PackProblem[]};

// Kept here for callers of this module; they live where the element can load them eagerly.
export {formatProblem} from './text.js';

/**
 * Checks untrusted JSON against the pack format and collects every problem (never only the
 * first). Problems make the pack unusable; warnings (unknown properties, missing
 * translations, conditions on later items) do not. Never throws. On success the pack is a
 * frozen copy: the input is left as it was, and later changes to it do not leak in.
 */
export function parsePack(json: unknown): ParseResult {
  const c = new Checker();
  try {
    checkPack(c, json);
  } catch {
    // A getter that throws, a Proxy, a stack overflow on absurd nesting: still an answer.
    c.problem('', 'could not be read');
  }
  if (c.problems.length) return {ok: false, problems: c.problems};
  try {
    return {ok: true, pack: frozenCopy(json, new Set(), 0) as Pack, warnings: c.warnings};
  } catch {
    return {ok: false, problems: [{path: '', message: 'could not be read'}]};
  }
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const has = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);
const quote = (s: unknown): string => JSON.stringify(String(s));
const LANG_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const MAX_CONDITION_DEPTH = 16;
const MAX_SCALE_POINTS = 101;

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

const ITEM_BASE = ['id', 'type', 'timepoints', 'showIf', 'help'] as const;
const QUESTION_BASE = [...ITEM_BASE, 'text', 'required', 'private'] as const;
const ITEM_KEYS: Record<string, readonly string[]> = {
  likert: [...QUESTION_BASE, 'initial', 'scale', 'reverse'],
  scale: [...QUESTION_BASE, 'initial', 'min', 'max', 'step', 'minLabel', 'maxLabel'],
  choice: [...QUESTION_BASE, 'initial', 'options', 'multiple', 'correct'],
  number: [...QUESTION_BASE, 'initial', 'min', 'max', 'step', 'unit'],
  text: [...QUESTION_BASE, 'initial', 'minLength', 'maxLength'],
  'long-text': [...QUESTION_BASE, 'initial', 'minLength', 'maxLength'],
  reflection: [...QUESTION_BASE, 'steps', 'suggestedLength', 'maxLength'],
  code: [...QUESTION_BASE, 'parts'],
  display: [...ITEM_BASE, 'text'],
};

const COMPARE_OPS = ['equals', 'notEquals', 'includes', 'gt', 'gte', 'lt', 'lte'] as const;
const PRESENCE_OPS = ['answered', 'unanswered'] as const;
/** Which condition ops make sense for an item of each answer shape. */
const OPS_FOR: Record<string, readonly string[]> = {
  likert: ['equals', 'notEquals', 'gt', 'gte', 'lt', 'lte', ...PRESENCE_OPS],
  scale: ['equals', 'notEquals', 'gt', 'gte', 'lt', 'lte', ...PRESENCE_OPS],
  number: ['equals', 'notEquals', 'gt', 'gte', 'lt', 'lte', ...PRESENCE_OPS],
  choice: ['equals', 'notEquals', 'includes', ...PRESENCE_OPS],
  text: ['equals', 'notEquals', ...PRESENCE_OPS],
  'long-text': ['equals', 'notEquals', ...PRESENCE_OPS],
  reflection: PRESENCE_OPS,
  code: PRESENCE_OPS,
};
const NUMERIC_TYPES = ['likert', 'scale', 'number'];

/** An id found in the first pass, so references can be checked wherever they point. */
interface Entry {
  readonly path: string;
  readonly kind: 'section' | 'item';
  readonly type: string | undefined;
  readonly item: Obj;
  /** Document order of items; sections take the order of their first item. */
  readonly order: number;
}

class Checker {
  readonly problems: PackProblem[] = [];
  readonly warnings: PackProblem[] = [];
  languages: string[] = [];
  timepoints = new Set<string>();
  scales = new Set<string>();
  readonly ids = new Map<string, Entry>();

  problem(path: string, message: string): void {
    this.problems.push({path, message});
  }

  warn(path: string, message: string): void {
    this.warnings.push({path, message});
  }

  /** Unknown properties are ignored with a warning: a typo (`showif`) should not pass silently. */
  known(o: Obj, path: string, allowed: readonly string[]): void {
    for (const key of Object.keys(o)) {
      if (!allowed.includes(key)) this.warn(join(path, key), 'unknown property (ignored)');
    }
  }

  object(o: Obj, key: string, path: string, required: boolean): Obj | undefined {
    const v = o[key];
    if (v === undefined) {
      if (required) this.problem(join(path, key), 'is required');
      return undefined;
    }
    if (!isObj(v)) {
      this.problem(join(path, key), 'must be an object');
      return undefined;
    }
    return v;
  }

  array(o: Obj, key: string, path: string, required: boolean, min = 0): unknown[] | undefined {
    const v = o[key];
    if (v === undefined) {
      if (required) this.problem(join(path, key), 'is required');
      return undefined;
    }
    if (!Array.isArray(v)) {
      this.problem(join(path, key), 'must be an array');
      return undefined;
    }
    if (v.length < min) {
      this.problem(join(path, key), min === 1 ? 'must not be empty' : `must have at least ${min}`);
    }
    return v;
  }

  string(o: Obj, key: string, path: string, required: boolean): string | undefined {
    const v = o[key];
    if (v === undefined) {
      if (required) this.problem(join(path, key), 'is required');
      return undefined;
    }
    if (typeof v !== 'string') {
      this.problem(join(path, key), 'must be a string');
      return undefined;
    }
    return v;
  }

  id(o: Obj, key: string, path: string, pattern = ID_PATTERN): string | undefined {
    const v = this.string(o, key, path, true);
    if (v === undefined) return undefined;
    if (!pattern.test(v)) {
      this.problem(join(path, key), `must match ${pattern.source}`);
      return undefined;
    }
    // `obj[id] = …` with this id would replace an object's prototype.
    if (v === '__proto__') {
      this.problem(join(path, key), '"__proto__" is reserved');
      return undefined;
    }
    return v;
  }

  boolean(o: Obj, key: string, path: string): boolean | undefined {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') {
      this.problem(join(path, key), 'must be true or false');
      return undefined;
    }
    return v;
  }

  number(
    o: Obj,
    key: string,
    path: string,
    opts: {required?: boolean; integer?: boolean; min?: number; max?: number; positive?: boolean},
  ): number | undefined {
    const v = o[key];
    const at = join(path, key);
    if (v === undefined) {
      if (opts.required) this.problem(at, 'is required');
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.problem(at, 'must be a number');
      return undefined;
    }
    if (opts.integer && !Number.isInteger(v)) {
      this.problem(at, 'must be a whole number');
      return undefined;
    }
    if (opts.positive && v <= 0) {
      this.problem(at, 'must be greater than 0');
      return undefined;
    }
    if (opts.min !== undefined && opts.max !== undefined && (v < opts.min || v > opts.max)) {
      this.problem(at, `must be from ${opts.min} to ${opts.max}`);
      return undefined;
    }
    if (opts.min !== undefined && v < opts.min) {
      this.problem(at, `must be ${opts.min} or more`);
      return undefined;
    }
    return v;
  }

  text(o: Obj, key: string, path: string, required: boolean): void {
    const v = o[key];
    const at = join(path, key);
    if (v === undefined) {
      if (required) this.problem(at, 'is required');
      return;
    }
    this.textValue(v, at);
  }

  textValue(v: unknown, at: string): void {
    if (typeof v === 'string') return;
    if (!isObj(v)) {
      this.problem(at, 'must be text: a string, or an object of strings by language');
      return;
    }
    const langs = Object.keys(v);
    if (!langs.length) {
      this.problem(at, 'must have text in at least one language');
      return;
    }
    for (const lang of langs) {
      if (!LANG_TAG.test(lang))
        this.problem(join(at, lang), `${quote(lang)} is not a language tag`);
      else if (typeof v[lang] !== 'string') this.problem(join(at, lang), 'must be a string');
    }
    const lower = langs.map((l) => l.toLowerCase());
    for (const lang of this.languages) {
      if (!lower.includes(lang.toLowerCase())) this.warn(at, `has no ${quote(lang)} text`);
    }
  }

  /** Optional `timepoints` of a section or item: a non-empty list of known, distinct ids. */
  timepointRefs(o: Obj, path: string): string[] | undefined {
    const list = this.array(o, 'timepoints', path, false, 1);
    if (!list) return undefined;
    const at = join(path, 'timepoints');
    const seen = new Set<string>();
    list.forEach((t, i) => {
      if (typeof t !== 'string') this.problem(join(at, i), 'must be a string');
      else if (seen.has(t)) this.problem(join(at, i), `duplicate timepoint ${quote(t)}`);
      else if (!this.timepoints.has(t)) this.problem(join(at, i), `unknown timepoint ${quote(t)}`);
      if (typeof t === 'string') seen.add(t);
    });
    return [...seen];
  }
}

function checkPack(c: Checker, v: unknown): void {
  if (!isObj(v)) {
    c.problem('', 'must be an object (a pack)');
    return;
  }
  c.known(v, '', [
    'schema',
    'id',
    'version',
    'url',
    'title',
    'description',
    'minutes',
    'languages',
    'licence',
    'timepoints',
    'scales',
    'consent',
    'support',
    'sections',
    'scores',
    'feedback',
  ]);
  if (v.schema !== undefined && v.schema !== PACK_SCHEMA) {
    c.problem('schema', `must be ${quote(PACK_SCHEMA)}`);
  }
  // Languages first: every text after is checked for a translation into each.
  checkLanguages(c, v);
  c.id(v, 'id', '', PACK_ID_PATTERN);
  const version = c.string(v, 'version', '', true);
  if (version !== undefined && !SEMVER.test(version)) {
    c.problem('version', 'must be a semantic version such as "1.0.0"');
  }
  const url = c.string(v, 'url', '', false);
  if (url !== undefined && !/^https?:$/.test(parseUrl(url)?.protocol ?? '')) {
    c.problem('url', 'must be an absolute http: or https: URL');
  }
  c.text(v, 'title', '', true);
  c.text(v, 'description', '', false);
  c.number(v, 'minutes', '', {positive: true});
  c.boolean(v, 'feedback', '');

  const licence = c.object(v, 'licence', '', false);
  if (licence) {
    c.known(licence, 'licence', ['text', 'illustrative']);
    c.text(licence, 'text', 'licence', true);
    c.boolean(licence, 'illustrative', 'licence');
  }
  checkTimepoints(c, v);
  checkScales(c, v);
  checkConsent(c, v);
  checkSupport(c, v);
  checkSections(c, v);
  checkScores(c, v);
}

function parseUrl(s: string): URL | undefined {
  try {
    return new URL(s);
  } catch {
    return undefined;
  }
}

function checkLanguages(c: Checker, v: Obj): void {
  const list = c.array(v, 'languages', '', false, 1);
  if (!list) return;
  const seen: string[] = [];
  list.forEach((lang, i) => {
    const at = join('languages', i);
    if (typeof lang !== 'string' || !LANG_TAG.test(lang)) {
      c.problem(at, 'must be a language tag such as "en" or "cy"');
    } else if (seen.includes(lang.toLowerCase())) {
      c.problem(at, `duplicate language ${quote(lang)}`);
    } else {
      seen.push(lang.toLowerCase());
      c.languages.push(lang);
    }
  });
}

function checkTimepoints(c: Checker, v: Obj): void {
  const list = c.array(v, 'timepoints', '', true, 1);
  if (!list) return;
  list.forEach((tp, i) => {
    const at = join('timepoints', i);
    if (!isObj(tp)) {
      c.problem(at, 'must be an object');
      return;
    }
    c.known(tp, at, ['id', 'label', 'description']);
    const id = c.id(tp, 'id', at);
    if (id !== undefined) {
      if (c.timepoints.has(id)) c.problem(join(at, 'id'), `duplicate timepoint ${quote(id)}`);
      c.timepoints.add(id);
    }
    c.text(tp, 'label', at, true);
    c.text(tp, 'description', at, false);
  });
}

function checkScales(c: Checker, v: Obj): void {
  const scales = c.object(v, 'scales', '', false);
  if (!scales) return;
  for (const key of Object.keys(scales)) {
    const at = join('scales', key);
    if (!ID_PATTERN.test(key) || key === '__proto__') {
      c.problem(at, `scale id must match ${ID_PATTERN.source}`);
      continue;
    }
    c.scales.add(key);
    const scale = scales[key];
    if (!isObj(scale)) {
      c.problem(at, 'must be an object');
      continue;
    }
    c.known(scale, at, ['points']);
    const points = c.array(scale, 'points', at, true, 2);
    if (!points) continue;
    const values = new Set<number>();
    points.forEach((p, i) => {
      const pat = join(join(at, 'points'), i);
      if (!isObj(p)) {
        c.problem(pat, 'must be an object');
        return;
      }
      c.known(p, pat, ['value', 'label']);
      const value = c.number(p, 'value', pat, {required: true});
      if (value !== undefined) {
        if (values.has(value)) c.problem(join(pat, 'value'), `duplicate value ${value}`);
        values.add(value);
      }
      c.text(p, 'label', pat, true);
    });
  }
}

function checkConsent(c: Checker, v: Obj): void {
  const consent = c.object(v, 'consent', '', false);
  if (!consent) return;
  c.known(consent, 'consent', ['title', 'paragraphs', 'statement']);
  c.text(consent, 'title', 'consent', false);
  const paragraphs = c.array(consent, 'paragraphs', 'consent', true, 1);
  paragraphs?.forEach((p, i) => c.textValue(p, join('consent.paragraphs', i)));
  c.text(consent, 'statement', 'consent', true);
}

function checkSupport(c: Checker, v: Obj): void {
  const support = c.object(v, 'support', '', false);
  if (!support) return;
  c.known(support, 'support', ['title', 'text', 'links']);
  c.text(support, 'title', 'support', true);
  c.text(support, 'text', 'support', true);
  const links = c.array(support, 'links', 'support', false);
  links?.forEach((link, i) => {
    const at = join('support.links', i);
    if (!isObj(link)) {
      c.problem(at, 'must be an object');
      return;
    }
    c.known(link, at, ['label', 'href']);
    c.text(link, 'label', at, true);
    const href = c.string(link, 'href', at, true);
    if (href === undefined) return;
    // The URL parser strips what a browser strips (leading spaces, tabs in `java\tscript:`).
    const protocol = parseUrl(href)?.protocol;
    if (!protocol || !LINK_SCHEMES.includes(protocol)) {
      c.problem(join(at, 'href'), 'must be an https:, tel: or mailto: link');
    }
  });
}

function checkSections(c: Checker, v: Obj): void {
  const sections = c.array(v, 'sections', '', true, 1);
  if (!sections) return;
  // First pass: every id, so conditions and score rules may point anywhere.
  let order = 0;
  sections.forEach((s, si) => {
    if (!isObj(s)) return;
    const at = join('sections', si);
    register(c, s, at, 'section', order);
    const items = s.items;
    if (!Array.isArray(items)) return;
    items.forEach((item, ii) => {
      if (isObj(item)) register(c, item, join(join(at, 'items'), ii), 'item', order++);
    });
  });
  order = 0;
  sections.forEach((s, si) => {
    const at = join('sections', si);
    if (!isObj(s)) {
      c.problem(at, 'must be an object');
      return;
    }
    c.known(s, at, ['id', 'title', 'description', 'timepoints', 'showIf', 'items']);
    c.id(s, 'id', at);
    c.text(s, 'title', at, true);
    c.text(s, 'description', at, false);
    const sectionTimepoints = c.timepointRefs(s, at);
    const sectionOrder = order;
    if (s.showIf !== undefined) {
      checkCondition(c, s.showIf, join(at, 'showIf'), undefined, (e) => e.order < sectionOrder, 0);
    }
    const items = c.array(s, 'items', at, true, 1);
    items?.forEach((item, ii) => {
      checkItem(c, item, join(join(at, 'items'), ii), order++, sectionTimepoints);
    });
  });
}

function register(c: Checker, o: Obj, path: string, kind: Entry['kind'], order: number): void {
  const id = o.id;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) return;
  const before = c.ids.get(id);
  if (before) {
    c.problem(join(path, 'id'), `duplicate id ${quote(id)} (also ${before.path})`);
    return;
  }
  const type = typeof o.type === 'string' ? o.type : undefined;
  c.ids.set(id, {path, kind, type, item: o, order});
}

function checkItem(
  c: Checker,
  item: unknown,
  at: string,
  order: number,
  sectionTimepoints: readonly string[] | undefined,
): void {
  if (!isObj(item)) {
    c.problem(at, 'must be an object');
    return;
  }
  const id = c.id(item, 'id', at);
  const type = c.string(item, 'type', at, true);
  if (type !== undefined && !has(ITEM_KEYS, type)) {
    c.problem(join(at, 'type'), `unknown item type ${quote(type)}`);
    return;
  }
  if (type === undefined) return;
  c.known(item, at, ITEM_KEYS[type]);
  const timepoints = c.timepointRefs(item, at);
  if (timepoints && sectionTimepoints) {
    for (const t of timepoints) {
      if (!sectionTimepoints.includes(t)) {
        c.warn(join(at, 'timepoints'), `the section is not shown at ${quote(t)}`);
      }
    }
  }
  if (item.showIf !== undefined) {
    checkCondition(c, item.showIf, join(at, 'showIf'), id, (e) => e.order < order, 0);
  }
  c.text(item, 'help', at, false);
  c.text(item, 'text', at, true);
  if (type !== 'display') {
    c.boolean(item, 'required', at);
    c.boolean(item, 'private', at);
  }
  switch (type) {
    case 'likert': {
      const scale = c.string(item, 'scale', at, true);
      if (scale !== undefined && !c.scales.has(scale)) {
        c.problem(join(at, 'scale'), `unknown scale ${quote(scale)}`);
      }
      c.boolean(item, 'reverse', at);
      break;
    }
    case 'scale':
      checkScaleItem(c, item, at);
      break;
    case 'choice':
      checkChoice(c, item, at);
      break;
    case 'number': {
      const min = c.number(item, 'min', at, {});
      const max = c.number(item, 'max', at, {});
      if (min !== undefined && max !== undefined && max < min) {
        c.problem(join(at, 'max'), 'must not be less than min');
      }
      c.number(item, 'step', at, {positive: true});
      c.text(item, 'unit', at, false);
      break;
    }
    case 'text':
    case 'long-text': {
      const min = c.number(item, 'minLength', at, {integer: true, min: 0});
      const max = c.number(item, 'maxLength', at, {integer: true, min: 1});
      if (min !== undefined && max !== undefined && max < min) {
        c.problem(join(at, 'maxLength'), 'must not be less than minLength');
      }
      break;
    }
    case 'reflection':
      checkParts(c, item, at, 'steps');
      c.number(item, 'suggestedLength', at, {integer: true, min: 1});
      c.number(item, 'maxLength', at, {integer: true, min: 1});
      break;
    case 'code':
      checkParts(c, item, at, 'parts');
      break;
  }
  if (item.initial !== undefined) checkInitial(c, item, at, type);
}

/** `initial` in the item's answer shape; a choice's values must be its options. */
function checkInitial(c: Checker, item: Obj, at: string, type: string): void {
  const v = item.initial;
  const iat = join(at, 'initial');
  if (NUMERIC_TYPES.includes(type)) {
    if (typeof v !== 'number' || !Number.isFinite(v)) c.problem(iat, 'must be a number');
  } else if (type === 'choice') {
    const options = Array.isArray(item.options)
      ? item.options.map((o) => (isObj(o) ? o.value : undefined))
      : [];
    if (!Array.isArray(v) || !v.length || v.some((x) => typeof x !== 'string')) {
      c.problem(iat, 'must be a list of option values');
    } else if (item.multiple !== true && v.length > 1) {
      c.problem(iat, 'must have one value: the item is not multiple');
    } else {
      v.forEach((x, i) => {
        if (!options.includes(x)) c.problem(join(iat, i), `${quote(x)} is not an option`);
      });
    }
  } else if (typeof v !== 'string') {
    c.problem(iat, 'must be a string');
  }
}

export {initialAnswers} from './conditions.js';

function checkScaleItem(c: Checker, item: Obj, at: string): void {
  const min = c.number(item, 'min', at, {required: true});
  const max = c.number(item, 'max', at, {required: true});
  const step = c.number(item, 'step', at, {positive: true}) ?? 1;
  c.text(item, 'minLabel', at, true);
  c.text(item, 'maxLabel', at, true);
  if (min === undefined || max === undefined) return;
  if (max <= min) {
    c.problem(join(at, 'max'), 'must be greater than min');
    return;
  }
  const points = (max - min) / step;
  // A tolerance, since (1 - 0) / 0.1 is 9.999999999999998 in floating point.
  if (Math.abs(points - Math.round(points)) > 1e-9) {
    c.problem(join(at, 'step'), 'must divide max − min into whole steps');
  } else if (Math.round(points) + 1 > MAX_SCALE_POINTS) {
    c.warn(at, `has more than ${MAX_SCALE_POINTS} points`);
  }
}

function checkChoice(c: Checker, item: Obj, at: string): void {
  const options = c.array(item, 'options', at, true, 1);
  const values = new Set<string>();
  options?.forEach((o, i) => {
    const oat = join(join(at, 'options'), i);
    if (!isObj(o)) {
      c.problem(oat, 'must be an object');
      return;
    }
    c.known(o, oat, ['value', 'label']);
    const value = c.string(o, 'value', oat, true);
    if (value !== undefined) {
      if (!value.length || value.length > 200) {
        c.problem(join(oat, 'value'), 'must be 1 to 200 characters');
      } else if (values.has(value)) {
        c.problem(join(oat, 'value'), `duplicate option value ${quote(value)}`);
      }
      values.add(value);
    }
    c.text(o, 'label', oat, true);
  });
  c.boolean(item, 'multiple', at);
  const correct = c.array(item, 'correct', at, false, 1);
  const seen = new Set<string>();
  correct?.forEach((v, i) => {
    const cat = join(join(at, 'correct'), i);
    if (typeof v !== 'string') c.problem(cat, 'must be a string');
    else if (seen.has(v)) c.problem(cat, `duplicate value ${quote(v)}`);
    else if (options && !values.has(v)) c.problem(cat, `${quote(v)} is not an option`);
    if (typeof v === 'string') seen.add(v);
  });
}

/** The steps of a reflection or the parts of a code: at least one, distinct ids. */
function checkParts(c: Checker, item: Obj, at: string, key: 'steps' | 'parts'): void {
  const list = c.array(item, key, at, true, 1);
  const ids = new Set<string>();
  list?.forEach((p, i) => {
    const pat = join(join(at, key), i);
    if (!isObj(p)) {
      c.problem(pat, 'must be an object');
      return;
    }
    const id = c.id(p, 'id', pat);
    if (id !== undefined) {
      if (ids.has(id))
        c.problem(
          join(pat, 'id'),
          `duplicate ${key === 'steps' ? 'step' : 'part'} id ${quote(id)}`,
        );
      ids.add(id);
    }
    c.text(p, 'prompt', pat, true);
    c.text(p, 'help', pat, false);
    if (key === 'steps') {
      c.known(p, pat, ['id', 'prompt', 'help']);
      return;
    }
    c.known(p, pat, ['id', 'prompt', 'kind', 'length', 'help']);
    const kind = c.string(p, 'kind', pat, true);
    if (kind !== undefined && !['letter', 'month', 'digits'].includes(kind)) {
      c.problem(join(pat, 'kind'), 'must be one of "letter", "month", "digits"');
    }
    if (kind === 'digits') {
      if (p.length === undefined) c.problem(join(pat, 'length'), 'is required for digits');
      else c.number(p, 'length', pat, {integer: true, min: 1, max: 12});
    } else if (p.length !== undefined) {
      c.warn(join(pat, 'length'), `is ignored for ${quote(kind)}`);
    }
  });
}

function checkCondition(
  c: Checker,
  cond: unknown,
  at: string,
  selfId: string | undefined,
  before: (e: Entry) => boolean,
  depth: number,
): void {
  if (!isObj(cond)) {
    c.problem(at, 'must be a condition: {item, op, value}, {all: […]} or {any: […]}');
    return;
  }
  if (depth > MAX_CONDITION_DEPTH) {
    c.problem(at, `is nested more than ${MAX_CONDITION_DEPTH} deep`);
    return;
  }
  const group = ['all', 'any'].filter((k) => cond[k] !== undefined);
  if (group.length) {
    if (group.length > 1 || cond.item !== undefined || cond.op !== undefined) {
      c.problem(at, 'must have one of "all", "any" or "item", not several');
      return;
    }
    c.known(cond, at, group);
    const list = c.array(cond, group[0], at, true, 1);
    list?.forEach((sub, i) =>
      checkCondition(c, sub, join(join(at, group[0]), i), selfId, before, depth + 1),
    );
    return;
  }
  const ref = c.string(cond, 'item', at, true);
  const op = c.string(cond, 'op', at, true);
  const presence = op !== undefined && (PRESENCE_OPS as readonly string[]).includes(op);
  c.known(cond, at, presence ? ['item', 'op'] : ['item', 'op', 'value']);
  if (op !== undefined && !presence && !(COMPARE_OPS as readonly string[]).includes(op)) {
    c.problem(join(at, 'op'), `unknown op ${quote(op)}`);
    return;
  }
  const value = cond.value;
  if (!presence && op !== undefined) {
    if (value === undefined) c.problem(join(at, 'value'), 'is required');
    else if (!['string', 'number', 'boolean'].includes(typeof value)) {
      c.problem(join(at, 'value'), 'must be a string, number or boolean');
    }
  }
  if (ref === undefined) return;
  const entry = c.ids.get(ref);
  if (!entry) {
    c.problem(join(at, 'item'), `unknown item ${quote(ref)}`);
    return;
  }
  if (entry.kind === 'section') {
    c.problem(join(at, 'item'), `${quote(ref)} is a section, not an item`);
    return;
  }
  if (entry.type === 'display') {
    c.problem(join(at, 'item'), `${quote(ref)} is a display item and has no answer`);
    return;
  }
  if (ref === selfId) {
    c.problem(join(at, 'item'), 'refers to the item itself');
    return;
  }
  if (!before(entry)) {
    c.warn(join(at, 'item'), `refers to ${quote(ref)}, which comes later`);
  }
  const type = entry.type;
  if (op === undefined || type === undefined || !has(OPS_FOR, type)) return;
  if (!OPS_FOR[type].includes(op)) {
    c.problem(join(at, 'op'), `${quote(op)} cannot be used with a ${type} item`);
    return;
  }
  if (presence || value === undefined) return;
  if (NUMERIC_TYPES.includes(type) && typeof value !== 'number') {
    c.problem(join(at, 'value'), `must be a number for a ${type} item`);
  } else if (!NUMERIC_TYPES.includes(type) && typeof value !== 'string') {
    c.problem(join(at, 'value'), `must be a string for a ${type} item`);
  } else if (type === 'choice' && Array.isArray(entry.item.options)) {
    const options = entry.item.options.map((o) => (isObj(o) ? o.value : undefined));
    if (!options.includes(value)) {
      c.problem(join(at, 'value'), `${quote(value)} is not an option of ${quote(ref)}`);
    }
  }
}

function checkScores(c: Checker, v: Obj): void {
  const rules = c.array(v, 'scores', '', false);
  const ids = new Set<string>();
  rules?.forEach((rule, ri) => {
    const at = join('scores', ri);
    if (!isObj(rule)) {
      c.problem(at, 'must be an object');
      return;
    }
    c.known(rule, at, [
      'id',
      'label',
      'method',
      'items',
      'minAnswered',
      'impute',
      'bands',
      'precision',
    ]);
    const id = c.id(rule, 'id', at);
    if (id !== undefined) {
      if (ids.has(id)) c.problem(join(at, 'id'), `duplicate score id ${quote(id)}`);
      ids.add(id);
    }
    c.text(rule, 'label', at, true);
    let method = c.string(rule, 'method', at, true);
    if (method !== undefined && !['sum', 'mean', 'correct'].includes(method)) {
      c.problem(join(at, 'method'), 'must be one of "sum", "mean", "correct"');
      method = undefined;
    }
    const items = c.array(rule, 'items', at, true, 1);
    const seen = new Set<string>();
    items?.forEach((ref, i) => {
      const iat = join(join(at, 'items'), i);
      if (typeof ref !== 'string') {
        c.problem(iat, 'must be a string');
        return;
      }
      if (seen.has(ref)) c.problem(iat, `duplicate item ${quote(ref)}`);
      seen.add(ref);
      const entry = c.ids.get(ref);
      if (!entry || entry.kind !== 'item') {
        c.problem(iat, `unknown item ${quote(ref)}`);
      } else if (method === 'correct') {
        if (entry.type !== 'choice') c.problem(iat, `${quote(ref)} is not a choice item`);
        else if (entry.item.correct === undefined) {
          c.problem(iat, `${quote(ref)} has no correct answer`);
        }
      } else if (method && entry.type && !NUMERIC_TYPES.includes(entry.type)) {
        c.problem(
          iat,
          `${quote(ref)} is a ${entry.type} item; ${method} needs likert, scale or number items`,
        );
      }
    });
    c.number(rule, 'minAnswered', at, {min: 0, max: 1});
    if (rule.impute !== undefined) {
      if (rule.impute !== 'person-mean') c.problem(join(at, 'impute'), 'must be "person-mean"');
      else if (method === 'correct') c.problem(join(at, 'impute'), 'applies only to sum and mean');
    }
    c.number(rule, 'precision', at, {integer: true, min: 0, max: 10});
    checkBands(c, rule, at);
  });
}

function checkBands(c: Checker, rule: Obj, at: string): void {
  const bands = c.array(rule, 'bands', at, false, 1);
  let catchAll = -1;
  bands?.forEach((band, i) => {
    const bat = join(join(at, 'bands'), i);
    if (!isObj(band)) {
      c.problem(bat, 'must be an object');
      return;
    }
    c.known(band, bat, ['label', 'lt', 'lte']);
    c.text(band, 'label', bat, true);
    c.number(band, 'lt', bat, {});
    c.number(band, 'lte', bat, {});
    if (band.lt !== undefined && band.lte !== undefined) c.problem(bat, 'use lt or lte, not both');
    if (catchAll >= 0) c.warn(bat, `is never reached: bands[${catchAll}] has no bound`);
    else if (band.lt === undefined && band.lte === undefined) catchAll = i;
  });
}

/** A deep, frozen copy of plain data. Functions and cycles (in unknown properties) are dropped. */
function frozenCopy(v: unknown, path: Set<object>, depth: number): unknown {
  if (v === null || typeof v !== 'object') {
    return typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint'
      ? undefined
      : v;
  }
  if (path.has(v) || depth > 64) return undefined;
  path.add(v);
  const out = Array.isArray(v)
    ? v.map((x) => frozenCopy(x, path, depth + 1))
    : // fromEntries defines own properties, so a `__proto__` key stays a plain key.
      Object.fromEntries(
        Object.keys(v)
          .map((k) => [k, frozenCopy((v as Obj)[k], path, depth + 1)] as const)
          .filter(([, x]) => x !== undefined),
      );
  path.delete(v);
  return Object.freeze(out);
}
