/**
 * The FHIRPath chunk: the `fhirpath` engine (the one LHC-Forms uses) with the FHIR R4 model,
 * loaded only for a Questionnaire that has FHIRPath expressions (`parse.ts`). It knows no
 * element: the import (`fhir.ts`) asks it for values at import time (initialExpression,
 * answerExpression, over the page's `launchContext`), and it hands back the pack's derive
 * step: answers in, answers out, with every calculated value and every enableWhenExpression
 * worked out again over the QuestionnaireResponse of the answers (as `body-fhir.ts` builds
 * it, so the expressions see what would be sent).
 *
 * The engine interprets expressions (an ANTLR parser and a tree walk): no `eval`, no
 * `new Function`, so it runs under a CSP without 'unsafe-eval'. The R4 model is what lets
 * `answer.value` find `valueCoding` (FHIR's choice types) and read dates as dates.
 */
import fhirpath from 'fhirpath';
import choiceTypePaths from 'fhirpath/fhir-context/r4/choiceTypePaths.json';
import pathsDefinedElsewhere from 'fhirpath/fhir-context/r4/pathsDefinedElsewhere.json';
import path2Repeating from 'fhirpath/fhir-context/r4/path2Repeating.json';
import path2Type from 'fhirpath/fhir-context/r4/path2Type.json';
import resourcesWithUrlParam from 'fhirpath/fhir-context/r4/resourcesWithUrlParam.json';
import type2Parent from 'fhirpath/fhir-context/r4/type2Parent.json';
import {visibleAnswers} from './conditions.js';
import type {FhirPathEngine, FhirTarget} from './fhir.js';
import type {Answer, Answers} from './types.js';
import {buildQuestionnaireResponse} from '../transport/body-fhir.js';

type Obj = Record<string, unknown>;
type Env = Record<string, unknown>;
type Compiled = (base: unknown, env: Env) => unknown[];

/**
 * The R4 model, as `fhirpath/fhir-context/r4` makes it (that module is CommonJS, which would
 * bring the bundler's interop helpers into a chunk of their own: one more request for every
 * page). Made from the same data files.
 */
const r4 = (() => {
  const hash = (list: string[]) => Object.fromEntries(list.map((k) => [k, true]));
  const types = {...(path2Type as Record<string, unknown>)};
  const withoutElements: Record<string, unknown> = {};
  const refTypes: Record<string, unknown> = {};
  for (const [path, type] of Object.entries(types)) {
    if (isObj(type)) {
      refTypes[path] = type.refType;
      types[path] = type.code;
    } else if (type === 'Element' || type === 'BackboneElement') continue;
    withoutElements[path] = types[path];
  }
  return {
    version: 'r4',
    score: {
      extensionURI: [
        'http://hl7.org/fhir/StructureDefinition/ordinalValue',
        'http://hl7.org/fhir/StructureDefinition/itemWeight',
      ],
    },
    choiceTypePaths,
    pathsDefinedElsewhere,
    type2Parent,
    path2Type: types,
    path2Repeating: hash(path2Repeating),
    resourcesWithUrlParam: hash(resourcesWithUrlParam),
    availableTypes: new Set([...Object.keys(type2Parent), ...Object.values(type2Parent)]),
    path2TypeWithoutElements: withoutElements,
    path2RefType: refTypes,
  } as unknown as Parameters<typeof fhirpath.compile>[1];
})();

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const VARIABLE = 'http://hl7.org/fhir/StructureDefinition/variable';
/** Rounds of the derive step: a value may feed a condition that shows an item another reads. */
const ROUNDS = 8;

/** The `variable` extensions (FHIRPath) of a Questionnaire or an item, in order. */
function variables(o: Obj): {name: string; expression: string}[] {
  return arr(o.extension).flatMap((e) => {
    if (!isObj(e) || e.url !== VARIABLE || !isObj(e.valueExpression)) return [];
    const {name, expression, language} = e.valueExpression;
    return typeof name === 'string' &&
      typeof expression === 'string' &&
      language === 'text/fhirpath'
      ? [{name, expression}]
      : [];
  });
}

/** Items of a response or Questionnaire by linkId (the first of each), nested ones too. */
function byLinkId(root: unknown, into = new Map<string, Obj>()): Map<string, Obj> {
  for (const item of arr(isObj(root) ? root.item : undefined)) {
    if (!isObj(item)) continue;
    if (typeof item.linkId === 'string' && !into.has(item.linkId)) into.set(item.linkId, item);
    byLinkId(item, into);
    for (const a of arr(item.answer)) byLinkId(a, into);
  }
  return into;
}

/**
 * The engine for one Questionnaire and one launch context (`{patient: {...}, user: {...}}`,
 * the page's `launchContext`).
 */
export function engine(questionnaire: Obj, launchContext: Obj = {}): FhirPathEngine {
  const compiled = new Map<string, Compiled>();
  // Variables named with a hyphen (`%has-fever`, as android-fhir and OpenSRP write them) are
  // a subtraction to FHIRPath's grammar: quoted as the delimited name they mean.
  const names = new Set(
    [...JSON.stringify(questionnaire).matchAll(/"name":"([\w-]+)"/g)].map((m) => m[1]),
  );
  Object.keys(launchContext).forEach((name) => names.add(name));
  const quoted = (expression: string) =>
    expression.replace(/%([A-Za-z_]\w*(?:-\w+)+)/g, (all, name: string) =>
      names.has(name) ? `%\`${name}\`` : all,
    );
  const compile = (expression: string, keep: boolean): Compiled => {
    const key = `${keep}|${expression}`;
    let fn = compiled.get(key);
    if (!fn) {
      fn = fhirpath.compile(quoted(expression), r4, {resolveInternalTypes: !keep}) as Compiled;
      compiled.set(key, fn);
    }
    return fn;
  };
  /** A part of a resource as the engine's own node, so the model knows its path. */
  const nodes = new Map<string, Compiled>();
  const node = (data: Obj, base: string): unknown => {
    let fn = nodes.get(base);
    if (!fn) {
      fn = fhirpath.compile({base, expression: '$this'}, r4, {
        resolveInternalTypes: false,
      }) as Compiled;
      nodes.set(base, fn);
    }
    return fn(data, {})[0];
  };
  const qitems = byLinkId(questionnaire);
  const launch: Env = {};
  for (const [name, value] of Object.entries(launchContext)) launch[name] = value;

  /** One evaluation over one response: variables in scope are worked out once each. */
  const over = (qr: Obj) => {
    const responseItems = byLinkId(qr);
    const contexts = new Map<Obj, unknown>();
    const scopes = new Map<Obj, Env>();
    /** `%context` of an item: its item in the response, or an empty one while unanswered. */
    const contextOf = (el: Obj): unknown => {
      if (el === questionnaire) return qr;
      let found = contexts.get(el);
      if (found === undefined) {
        const linkId = String(el.linkId ?? '');
        found = node(responseItems.get(linkId) ?? {linkId}, 'QuestionnaireResponse.item');
        contexts.set(el, found);
      }
      return found;
    };
    const envOf = (chain: readonly Obj[]): Env => {
      let env: Env = {...launch, resource: qr, rootResource: qr, questionnaire};
      for (const el of chain) {
        const cached = scopes.get(el);
        if (cached) {
          env = cached;
          continue;
        }
        const own = variables(el);
        if (own.length) {
          env = {...env};
          const local = {context: contextOf(el), ...qitemOf(el)};
          for (const v of own) {
            try {
              env[v.name] = compile(v.expression, true)(contextOf(el), {...env, ...local});
            } catch {
              // A variable that fails (a launch context not given) is empty, as FHIRPath's
              // empty collection: the expressions over it give nothing, not an error.
              env[v.name] = [];
            }
          }
        }
        scopes.set(el, env);
      }
      return env;
    };
    return (expression: string, chain: readonly Obj[]): unknown[] => {
      const el = chain[chain.length - 1] ?? questionnaire;
      const env = {...envOf(chain), context: contextOf(el), ...qitemOf(el)};
      return compile(expression, false)(contextOf(el), env);
    };
  };
  const qitemOf = (el: Obj): Env => {
    const item = typeof el.linkId === 'string' ? qitems.get(el.linkId) : undefined;
    return item ? {qitem: node(item, 'Questionnaire.item')} : {};
  };

  const empty = {resourceType: 'QuestionnaireResponse', status: 'in-progress'};
  return {
    evaluate(expression, chain) {
      try {
        return over(empty)(expression, chain);
      } catch (e) {
        throw new Error(reason(e));
      }
    },
    value(target) {
      return toNative(target, this.evaluate(target.expression, target.chain));
    },
    deriver({pack, timepoint, link, targets}) {
      const problems: string[] = [];
      // The last answers given and what they gave: a page change keeps the answers as they
      // are (the survey's draft is kept on every move), so nothing is worked out again.
      let given: Answers | undefined;
      let gave: Answers | undefined;
      const derive = (answers: Answers): Answers => {
        if (answers === given || answers === gave) return gave!;
        given = answers;
        gave = work(answers);
        return gave;
      };
      const work = (answers: Answers): Answers => {
        let out: Record<string, Answer> | undefined;
        let now = answers;
        for (let round = 0; round < ROUNDS; round++) {
          const qr = buildQuestionnaireResponse({
            id: '00000000-0000-4000-8000-000000000000',
            pack,
            link,
            timepoint,
            participant: null,
            locale: 'en',
            submittedAt: '1970-01-01T00:00:00.000Z',
            answers: visibleAnswers(pack, timepoint, now),
          });
          const run = over(qr);
          let changed = false;
          for (const t of targets) {
            let value: Answer | undefined;
            try {
              value = toNative(t, run(t.expression, t.chain));
            } catch (e) {
              const why = `linkId ${JSON.stringify(t.linkId)}: ${reason(e)}`;
              if (!problems.includes(why)) problems.push(why);
            }
            if (JSON.stringify(value) === JSON.stringify(now[t.id])) continue;
            out ??= Object.assign(Object.create(null) as Record<string, Answer>, answers);
            if (value === undefined) delete out[t.id];
            else out[t.id] = value;
            now = out;
            changed = true;
          }
          if (!changed) break;
        }
        return now;
      };
      return Object.assign(derive, {problems});
    },
  };
}

/** What went wrong, in words a page can act on: a missing launch context is named. */
function reason(e: unknown): string {
  const message = String((e as Error)?.message ?? e);
  const missing = /undefined environment variable: `?([\w-]+)/.exec(message);
  return missing
    ? `needs %${missing[1]}, which the page did not give (launchContext)`
    : `the expression could not be evaluated (${message.split('\n')[0]})`;
}

const numberOf = (v: unknown): number | undefined => {
  const n = isObj(v) ? v.value : typeof v === 'string' ? Number.parseFloat(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

/** The key an option table knows a FHIRPath value by (as `fhir.ts` makes it: `Coding:code`…). */
function matchOf(v: unknown): string | undefined {
  if (isObj(v)) {
    const key = v.code ?? v.display;
    return typeof key === 'string' ? `Coding:${key}` : undefined;
  }
  if (typeof v === 'string') return `String:${v}`;
  if (typeof v === 'number') return `Integer:${v}`;
  return undefined;
}

/** A FHIRPath result as the native answer of its target; undefined when it gives none. */
export function toNative(t: FhirTarget, values: readonly unknown[]): Answer | undefined {
  if (t.kind === 'gate') return String(values.length === 1 && values[0] === true);
  const first = values[0];
  if (first === undefined || first === null) return undefined;
  if (t.options) {
    const chosen = [...new Set(values.flatMap((v) => t.options!.get(matchOf(v) ?? '') ?? []))];
    if (!chosen.length) return undefined;
    if (typeof chosen[0] === 'number') return chosen[0];
    return t.multiple ? chosen.map(String) : [String(chosen[0])];
  }
  switch (t.kind) {
    case 'boolean':
      return typeof first === 'boolean' ? [String(first)] : undefined;
    case 'integer':
    case 'decimal':
    case 'quantity': {
      const n = numberOf(first);
      return n === undefined ? undefined : t.kind === 'integer' ? Math.round(n) : n;
    }
    case 'coding':
      return isObj(first) ? String(first.display ?? first.code ?? '') || undefined : String(first);
    default:
      return isObj(first) ? undefined : String(first);
  }
}
