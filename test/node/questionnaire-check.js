// Checks a QuestionnaireResponse against its Questionnaire, as the R4 schema cannot: every
// linkId is the Questionnaire's; items nest as they do there (under the group, or under the
// answer of the question they belong to); answers have the item's type and are among its
// options (answerOption, a ValueSet contained in the Questionnaire, or one a terminology server
// expanded: `options.valueSets`); no disabled item is
// answered (enableWhen over the response's own answers, enableBehavior); one answer where an
// item does not repeat; groups and display items hold no answer; and a `completed` response
// answers every required item that is enabled. Returns the problems, empty when it is valid.
//
// Items behind an enableWhenExpression cannot be judged without FHIRPath: they are taken as
// enabled.

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

  /** The response's answers by linkId (first occurrence: repeating groups are not nested). */
  const answers = new Map();
  const collect = (items = []) =>
    items.forEach((ri) => {
      if (ri.answer) answers.set(ri.linkId, ri.answer);
      collect(ri.item);
      (ri.answer ?? []).forEach((a) => collect(a.item));
    });
  collect(response.item);

  const enabledCache = new Map();
  const enabled = (linkId) => {
    if (enabledCache.has(linkId)) return enabledCache.get(linkId);
    enabledCache.set(linkId, true);
    const def = defs.get(linkId);
    let on = true;
    const parent = def?.parent ? defs.get(def.parent) : undefined;
    if (parent && !enabled(def.parent)) on = false;
    // Under a question, an item counts only while that question is answered.
    else if (parent && parent.item.type !== 'group' && !answers.get(def.parent)?.length) {
      on = false;
    } else if (def?.item.enableWhen?.length) {
      const results = def.item.enableWhen.map((w) => {
        const given = answers.get(w.question) ?? [];
        if (w.operator === 'exists') return given.length > 0 === w.answerBoolean;
        return enabled(w.question) && given.some((a) => compare(a, w));
      });
      on = def.item.enableBehavior === 'any' ? results.some(Boolean) : results.every(Boolean);
    }
    enabledCache.set(linkId, on);
    return on;
  };

  const walk = (items = [], parent, where) =>
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
      if (answersHere.length && !enabled(ri.linkId))
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
        walk(a.item, ri.linkId, `${at}.answer[${j}].item`);
      });
      walk(ri.item, ri.linkId, `${at}.item`);
    });
  walk(response.item, null, 'item');

  if (response.status === 'completed') {
    for (const [linkId, {item}] of defs) {
      const required = item.required === true && !['group', 'display'].includes(item.type);
      const hidden = (item.extension ?? []).some(
        (e) => e.url?.endsWith('questionnaire-hidden') && e.valueBoolean === true,
      );
      if (required && !hidden && enabled(linkId) && !answers.get(linkId)?.length) {
        problems.push(`${linkId}: required and enabled, yet a completed response lacks it`);
      }
    }
  }
  return problems;
}
