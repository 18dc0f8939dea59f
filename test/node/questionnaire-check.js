// Checks a QuestionnaireResponse against its Questionnaire, as the R4 schema cannot: every
// linkId is the Questionnaire's; items nest as they do there (under the group, or under the
// answer of the question they belong to); answers have the item's type and are among its
// options (answerOption, a ValueSet contained in the Questionnaire, or one a terminology server
// expanded: `options.valueSets`); no disabled item is
// answered (enableWhen over the response's own answers, enableBehavior); one answer where an
// item does not repeat; groups and display items hold no answer; and a `completed` response
// answers every required item that is enabled. Repeating groups: one response item per
// instance, only for a group that repeats and within its maxOccurs; inside an instance,
// enableWhen reads that instance's answers first (then those around it), and a completed
// response answers each required item in every instance where it is enabled. Returns the
// problems, empty when it is valid.
//
// An enableWhenExpression (FHIRPath) is evaluated here too, with the `fhirpath` engine over
// the response itself (%resource, %context, %questionnaire and the variables in scope), apart
// from the widget's own code: an item is enabled when it gives `true`.
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4/index.js';

const VARIABLE = 'http://hl7.org/fhir/StructureDefinition/variable';
const expressionOf = (item, name) =>
  (item.extension ?? []).find(
    (e) => e.url?.endsWith(name) && e.valueExpression?.language === 'text/fhirpath',
  )?.valueExpression.expression;
/** `%has-fever` (a hyphen in a variable's name, as some forms write it) as the name it means. */
const quoted = (expression) => expression.replace(/%([A-Za-z_]\w*(?:-\w+)+)/g, '%`$1`');

const VALUE_OF_TYPE = {
  boolean: ['valueBoolean'],
  decimal: ['valueDecimal'],
  integer: ['valueInteger'],
  date: ['valueDate'],
  dateTime: ['valueDateTime'],
  time: ['valueTime'],
  string: ['valueString'],
  text: ['valueString'],
  url: ['valueUri'],
  choice: ['valueCoding'],
  'open-choice': ['valueCoding', 'valueString'],
  attachment: ['valueAttachment'],
  reference: ['valueReference'],
  quantity: ['valueQuantity'],
};

const valueKey = (answer) => Object.keys(answer).find((k) => k.startsWith('value'));

/**
 * Codings of a ValueSet contained in the Questionnaire (compose or expansion), or of one a
 * terminology server expanded (by url).
 */
function containedCodings(questionnaire, ref, expanded = []) {
  if (typeof ref !== 'string') return null;
  const vs = ref.startsWith('#')
    ? (questionnaire.contained ?? []).find(
        (r) => r.resourceType === 'ValueSet' && r.id === ref.slice(1),
      )
    : expanded.find((r) => r.url === ref.split('|')[0]);
  if (!vs) return null;
  const out = [];
  const walk = (list = []) =>
    list.forEach((c) => {
      if (c.code) out.push({system: c.system, code: c.code});
      walk(c.contains);
    });
  walk(vs.expansion?.contains);
  for (const inc of vs.compose?.include ?? []) {
    for (const c of inc.concept ?? []) out.push({system: inc.system, code: c.code});
  }
  return out;
}

/** Whether one answer is among the item's options, when it names any. */
function amongOptions(questionnaire, item, answer, expanded) {
  const key = valueKey(answer);
  const value = answer[key];
  if (item.answerOption?.length) {
    if (key === 'valueString' && item.type === 'open-choice') return true;
    return item.answerOption.some((o) => {
      const ok = valueKey(o);
      if (ok !== key) return false;
      if (key === 'valueCoding') {
        return o.valueCoding.code === value.code && o.valueCoding.system === value.system;
      }
      return o[ok] === value;
    });
  }
  const codings = containedCodings(questionnaire, item.answerValueSet, expanded);
  if (codings && key === 'valueCoding') {
    return codings.some((c) => c.code === value.code && c.system === value.system);
  }
  return true;
}

/** Compares one answer of the response with an enableWhen's answer[x]. */
function compare(answer, when) {
  const wk = Object.keys(when).find((k) => k.startsWith('answer'));
  const expected = when[wk];
  const actual = answer[valueKey(answer)];
  if (wk === 'answerCoding' && typeof actual !== 'object') return when.operator === '!=';
  if (wk === 'answerCoding') {
    const same =
      actual?.code === expected.code &&
      (expected.system === undefined || actual?.system === expected.system);
    return when.operator === '=' ? same : when.operator === '!=' ? !same : false;
  }
  // An answer of another type (a Coding against answerString) is never equal to it.
  if (typeof actual === 'object' || actual === undefined) return when.operator === '!=';
  switch (when.operator) {
    case '=':
      return actual === expected;
    case '!=':
      return actual !== expected;
    case '>':
      return actual > expected;
    case '>=':
      return actual >= expected;
    case '<':
      return actual < expected;
    case '<=':
      return actual <= expected;
    default:
      return false;
  }
}

/**
 * @param {object} questionnaire a FHIR R4 Questionnaire
 * @param {object} response a QuestionnaireResponse for it
 * @returns {string[]} the problems
 */
export function checkResponse(questionnaire, response, {valueSets = []} = {}) {
  const problems = [];
  /** Questionnaire items by linkId, with the linkId of the item they sit under. */
  const defs = new Map();
  const index = (items = [], parent = null) =>
    items.forEach((item) => {
      defs.set(item.linkId, {item, parent});
      index(item.item, item.linkId);
    });
  index(questionnaire.item);

  /** Answers by linkId under some response items (first occurrence). */
  const answersIn = (items = []) => {
    const found = new Map();
    const collect = (list = []) =>
      list.forEach((ri) => {
        if (ri.answer && !found.has(ri.linkId)) found.set(ri.linkId, ri.answer);
        collect(ri.item);
        (ri.answer ?? []).forEach((a) => collect(a.item));
      });
    collect(items);
    return found;
  };
  /** The whole response's answers; `scopes` adds those of each enclosing group instance. */
  const answers = answersIn(response.item);
  const root = [answers];
  const lookup = (linkId, scopes) => {
    for (let i = scopes.length - 1; i >= 0; i--) {
      if (scopes[i].has(linkId)) return scopes[i].get(linkId);
    }
    return undefined;
  };

  /** The response's items by linkId (first occurrence), for `%context`. */
  const responseItems = new Map();
  const gather = (items = []) =>
    items.forEach((ri) => {
      if (!responseItems.has(ri.linkId)) responseItems.set(ri.linkId, ri);
      gather(ri.item);
      (ri.answer ?? []).forEach((a) => gather(a.item));
    });
  gather(response.item);
  const nodeOf = (linkId) =>
    fhirpath.evaluate(
      responseItems.get(linkId) ?? {linkId},
      {base: 'QuestionnaireResponse.item', expression: '$this'},
      {},
      r4,
      {resolveInternalTypes: false},
    )[0];
  /** An item's enableWhenExpression, with the variables of the Questionnaire and the items above it. */
  const expressionHolds = (linkId, expression) => {
    const chain = [];
    for (let at = linkId; at; at = defs.get(at)?.parent) chain.unshift(defs.get(at).item);
    let env = {resource: response, rootResource: response, questionnaire};
    for (const [i, owner] of [questionnaire, ...chain].entries()) {
      const context = i === 0 ? response : nodeOf(owner.linkId);
      for (const v of (owner.extension ?? []).filter((e) => e.url === VARIABLE)) {
        if (v.valueExpression?.language !== 'text/fhirpath') continue;
        let value = [];
        try {
          value = fhirpath.evaluate(
            context,
            quoted(v.valueExpression.expression),
            {...env, context},
            r4,
            {
              resolveInternalTypes: false,
            },
          );
        } catch {
          // A launch context not given: empty.
        }
        env = {...env, [v.valueExpression.name]: value};
      }
    }
    const context = nodeOf(linkId);
    try {
      const result = fhirpath.evaluate(context, quoted(expression), {...env, context}, r4);
      return result.length === 1 && result[0] === true;
    } catch {
      return false;
    }
  };

  const caches = new WeakMap();
  const enabled = (linkId, scopes = root) => {
    if (!caches.has(scopes)) caches.set(scopes, new Map());
    const enabledCache = caches.get(scopes);
    if (enabledCache.has(linkId)) return enabledCache.get(linkId);
    enabledCache.set(linkId, true);
    const def = defs.get(linkId);
    let on = true;
    const parent = def?.parent ? defs.get(def.parent) : undefined;
    if (parent && !enabled(def.parent, scopes)) on = false;
    // Under a question, an item counts only while that question is answered.
    else if (parent && parent.item.type !== 'group' && !lookup(def.parent, scopes)?.length) {
      on = false;
    } else if (def?.item.enableWhen?.length) {
      const results = def.item.enableWhen.map((w) => {
        const given = lookup(w.question, scopes) ?? [];
        if (w.operator === 'exists') return given.length > 0 === w.answerBoolean;
        return enabled(w.question, scopes) && given.some((a) => compare(a, w));
      });
      on = def.item.enableBehavior === 'any' ? results.some(Boolean) : results.every(Boolean);
    }
    const expression = def && expressionOf(def.item, 'enableWhenExpression');
    if (on && expression) on = expressionHolds(linkId, expression);
    enabledCache.set(linkId, on);
    return on;
  };
  const isRequired = (item) =>
    item.required === true &&
    !['group', 'display'].includes(item.type) &&
    !(item.extension ?? []).some(
      (e) => e.url?.endsWith('questionnaire-hidden') && e.valueBoolean === true,
    );
  const occurs = (item, which) =>
    (item.extension ?? []).find((e) => e.url?.endsWith(`questionnaire-${which}Occurs`))
      ?.valueInteger;
  /** linkIds of repeating groups that have at least one instance in the response. */
  const instanced = new Set();

  const walk = (items = [], parent, where, scopes = root) => {
    // One response item per linkId among siblings, but for a repeating group's instances.
    const counts = new Map();
    items.forEach((ri) => counts.set(ri.linkId, (counts.get(ri.linkId) ?? 0) + 1));
    for (const [linkId, n] of counts) {
      const item = defs.get(linkId)?.item;
      if (!item || n < 2) continue;
      if (item.type !== 'group' || item.repeats !== true) {
        problems.push(`${where} (${linkId}): ${n} items for an item that does not repeat`);
      } else if (occurs(item, 'max') !== undefined && n > occurs(item, 'max')) {
        problems.push(`${where} (${linkId}): ${n} instances, more than maxOccurs`);
      }
    }
    items.forEach((ri, i) => {
      const at = `${where}[${i}] (${ri.linkId})`;
      const def = defs.get(ri.linkId);
      if (!def) {
        problems.push(`${at}: linkId is not in the Questionnaire`);
        return;
      }
      if (def.parent !== parent) {
        problems.push(`${at}: sits under ${parent ?? 'the root'}, not ${def.parent ?? 'the root'}`);
      }
      const {item} = def;
      const answersHere = ri.answer ?? [];
      if (answersHere.length && !enabled(ri.linkId, scopes))
        problems.push(`${at}: answers a disabled item`);
      if (['group', 'display'].includes(item.type) && answersHere.length) {
        problems.push(`${at}: a ${item.type} holds an answer`);
      }
      if (answersHere.length > 1 && item.repeats !== true) {
        problems.push(`${at}: ${answersHere.length} answers to an item that does not repeat`);
      }
      answersHere.forEach((a, j) => {
        const key = valueKey(a);
        const allowed = VALUE_OF_TYPE[item.type] ?? [];
        const optionKeys = (item.answerOption ?? []).map(valueKey);
        if (!allowed.includes(key) && !optionKeys.includes(key)) {
          problems.push(`${at}.answer[${j}]: ${key} for a ${item.type} item`);
        } else if (!amongOptions(questionnaire, item, a, valueSets)) {
          problems.push(`${at}.answer[${j}]: ${JSON.stringify(a[key])} is not an option`);
        }
        walk(a.item, ri.linkId, `${at}.answer[${j}].item`, scopes);
      });
      if (item.type === 'group' && item.repeats === true) {
        // An instance: its own answers come first for what is inside it.
        instanced.add(ri.linkId);
        const inner = [...scopes, answersIn(ri.item)];
        walk(ri.item, ri.linkId, `${at}.item`, inner);
        if (response.status === 'completed') {
          const check = (children = []) =>
            children.forEach((child) => {
              if (isRequired(child) && enabled(child.linkId, inner)) {
                if (!inner[inner.length - 1].get(child.linkId)?.length) {
                  problems.push(`${at}: required ${child.linkId} unanswered in this instance`);
                }
              }
              if (!(child.type === 'group' && child.repeats === true)) check(child.item);
            });
          check(item.item);
        }
      } else walk(ri.item, ri.linkId, `${at}.item`, scopes);
    });
  };
  walk(response.item, null, 'item');

  if (response.status === 'completed') {
    // Inside a repeating group with instances, required items were checked per instance.
    const inInstance = (linkId) => {
      for (let p = defs.get(linkId)?.parent; p; p = defs.get(p)?.parent) {
        if (instanced.has(p)) return true;
      }
      return false;
    };
    for (const [linkId, {item}] of defs) {
      if (
        isRequired(item) &&
        !inInstance(linkId) &&
        enabled(linkId) &&
        !answers.get(linkId)?.length
      ) {
        problems.push(`${linkId}: required and enabled, yet a completed response lacks it`);
      }
    }
  }
  return problems;
}
