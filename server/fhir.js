// `format="fhir"` bodies: a FHIR R4 QuestionnaireResponse, checked for the shape the results
// page and the CSV rely on, and read into the same summary shape as the contract's JSON.
// Pure: no I/O. Not a FHIR validator — nothing here knows the Questionnaire.

/** Extension URL of the study timepoint (src/transport/body-fhir.ts TIMEPOINT_EXTENSION). */
export const TIMEPOINT_EXTENSION = 'urn:resilience-survey:fhir:timepoint';
/** Extension URL of one score (src/transport/body-fhir.ts SCORE_EXTENSION). */
export const SCORE_EXTENSION = 'urn:resilience-survey:fhir:score';
/** Scores read from one body at most (as analysis/facts.js keeps of an unknown pack's). */
const MAX_SCORES = 200;

const STATUSES = ['in-progress', 'completed', 'amended', 'entered-in-error', 'stopped'];
const URN_UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_DEPTH = 20;

// QuestionnaireResponse.item.answer.value[x] in R4, with the JSON type each must have.
const VALUE_TYPES = {
  valueBoolean: (v) => typeof v === 'boolean',
  valueDecimal: (v) => typeof v === 'number' && Number.isFinite(v),
  valueInteger: (v) => Number.isInteger(v),
  valueDate: isText,
  valueDateTime: isText,
  valueTime: isText,
  valueString: isText,
  valueUri: isText,
  valueAttachment: isObject,
  valueCoding: isObject,
  valueQuantity: isObject,
  valueReference: isObject,
};

/**
 * @returns {Array<{path: string, message: string}>} the problems, as JSON Pointers; empty
 *   when the body has the shape this endpoint needs
 */
export function checkQuestionnaireResponse(body) {
  if (!isObject(body)) return [{path: '/', message: 'must be a QuestionnaireResponse object'}];
  const errors = [];
  const problem = (path, message) => errors.push({path, message});
  if (body.resourceType !== 'QuestionnaireResponse') {
    problem('/resourceType', 'must be "QuestionnaireResponse"');
    return errors;
  }
  if (!STATUSES.includes(body.status)) {
    problem('/status', `is required, one of ${STATUSES.join(', ')}`);
  }
  const identifier = body.identifier;
  if (!isObject(identifier)) {
    problem('/identifier', 'is required: {system: "urn:ietf:rfc:3986", value: "urn:uuid:<id>"}');
  } else {
    if (!(typeof identifier.value === 'string' && URN_UUID.test(identifier.value))) {
      problem('/identifier/value', 'must be "urn:uuid:" followed by a UUID');
    }
    if (identifier.system !== undefined && identifier.system !== 'urn:ietf:rfc:3986') {
      problem('/identifier/system', 'must be "urn:ietf:rfc:3986" for a urn:uuid identifier');
    }
  }
  if (body.questionnaire !== undefined && !isText(body.questionnaire)) {
    problem('/questionnaire', 'must be a canonical URL (url|version)');
  }
  if (
    body.authored !== undefined &&
    !(isText(body.authored) && !isNaN(Date.parse(body.authored)))
  ) {
    problem('/authored', 'must be a dateTime');
  }
  if (body.subject !== undefined) {
    const value = body.subject?.identifier?.value;
    if (!isObject(body.subject)) problem('/subject', 'must be an object');
    else if (body.subject.identifier !== undefined && !isText(value)) {
      problem('/subject/identifier/value', 'must be a non-empty string (the participant code)');
    }
  }
  if (body.extension !== undefined) {
    if (!nonEmptyArray(body.extension)) problem('/extension', 'must be a non-empty array');
    else {
      body.extension.forEach((e, i) => {
        if (!isObject(e) || !isText(e.url)) problem(`/extension/${i}/url`, 'is required');
      });
    }
  }
  if (body.item !== undefined) checkItems(body.item, '/item', 0, problem);
  return errors;
}

function checkItems(items, path, depth, problem) {
  if (depth > MAX_DEPTH) return problem(path, `nests deeper than ${MAX_DEPTH} levels`);
  if (!nonEmptyArray(items)) return problem(path, 'must be a non-empty array of items');
  items.forEach((item, i) => {
    const at = `${path}/${i}`;
    if (!isObject(item)) return problem(at, 'must be an item object');
    if (!isText(item.linkId)) problem(`${at}/linkId`, 'is required (a non-empty string)');
    if (item.item !== undefined) checkItems(item.item, `${at}/item`, depth + 1, problem);
    if (item.answer === undefined) return;
    if (!nonEmptyArray(item.answer)) return problem(`${at}/answer`, 'must be a non-empty array');
    item.answer.forEach((answer, j) => {
      const where = `${at}/answer/${j}`;
      if (!isObject(answer)) return problem(where, 'must be an answer object');
      const values = Object.keys(answer).filter((k) => k.startsWith('value'));
      if (values.length > 1)
        return problem(where, `has ${values.join(' and ')}: only one value[x]`);
      const [key] = values;
      if (key && !VALUE_TYPES[key]) problem(`${where}/${key}`, 'is not an R4 answer type');
      else if (key && !VALUE_TYPES[key](answer[key]))
        problem(`${where}/${key}`, 'has the wrong type');
      else if (!key && answer.item === undefined) problem(where, 'has no value[x]');
      if (answer.item !== undefined) checkItems(answer.item, `${where}/item`, depth + 1, problem);
    });
  });
}

/**
 * The response as the results page and the CSV see it (the contract's JSON shape, plus
 * `format`). Tolerant: records stored before the checks above are read as far as they go.
 * - instrument: the last path segment of `questionnaire` (a native pack's URL ends with its
 *   id), with the version after `|`;
 * - participant: `subject.identifier.value`; timepoint: the TIMEPOINT_EXTENSION;
 * - answers: flattened by linkId (groups disappear); valueCoding → its code, others → the
 *   value; several answers → an array;
 * - scores: `{id: {value}}` from the SCORE_EXTENSIONs (the widget's, one per score with a
 *   value); a malformed one is passed over, and only the first MAX_SCORES are read.
 */
export function fhirToResponse(body) {
  const [url, version] = isText(body?.questionnaire) ? body.questionnaire.split('|') : [];
  const timepoint = Array.isArray(body?.extension)
    ? body.extension.find((e) => e?.url === TIMEPOINT_EXTENSION)?.valueString
    : undefined;
  const participant = body?.subject?.identifier?.value;
  return {
    format: 'fhir',
    id: String(body?.identifier?.value ?? '').replace(/^urn:uuid:/i, ''),
    instrument: {id: lastSegment(url) ?? '(no questionnaire)', version: version ?? ''},
    timepoint: isText(timepoint) ? timepoint : '(no timepoint)',
    participant: isText(participant) ? participant : null,
    locale: isText(body?.language) ? body.language : null,
    submittedAt: isText(body?.authored) ? body.authored : null,
    answers: flattenItems(body?.item),
    scores: scoresOf(body?.extension),
  };
}

/** `{id: {value}}` from the score extensions: a finite number under a non-empty id, first kept. */
function scoresOf(extensions) {
  // A Map, then own properties: a score id such as "__proto__" stays an ordinary key.
  const found = new Map();
  if (!Array.isArray(extensions)) return {};
  for (const e of extensions) {
    if (found.size >= MAX_SCORES) break;
    if (!isObject(e) || e.url !== SCORE_EXTENSION || !Array.isArray(e.extension)) continue;
    const part = (url) => e.extension.find((p) => isObject(p) && p.url === url);
    const id = part('id')?.valueString;
    const value = part('value')?.valueDecimal;
    if (isText(id) && typeof value === 'number' && Number.isFinite(value) && !found.has(id)) {
      found.set(id, {value});
    }
  }
  return Object.fromEntries(found);
}

/** `{linkId: value | value[]}` for every answered item, at any depth. */
export function flattenItems(items) {
  // A Map, then own properties: a linkId such as "__proto__" stays an ordinary key.
  const found = new Map();
  collect(items, found, 0);
  return Object.fromEntries(
    [...found].map(([linkId, values]) => [linkId, values.length === 1 ? values[0] : values]),
  );
}

function collect(items, found, depth) {
  if (!Array.isArray(items) || depth > MAX_DEPTH) return;
  for (const item of items) {
    if (!isObject(item)) continue;
    const values = [];
    for (const answer of Array.isArray(item.answer) ? item.answer : []) {
      const value = answerValue(answer);
      if (value !== undefined) values.push(value);
      collect(answer?.item, found, depth + 1);
    }
    if (values.length && isText(item.linkId)) {
      found.set(item.linkId, [...(found.get(item.linkId) ?? []), ...values]);
    }
    collect(item.item, found, depth + 1);
  }
}

function answerValue(answer) {
  if (!isObject(answer)) return undefined;
  const key = Object.keys(answer).find((k) => k.startsWith('value'));
  const value = key === undefined ? undefined : answer[key];
  switch (key) {
    case undefined:
      return undefined;
    case 'valueCoding':
      return value?.code ?? value?.display;
    case 'valueQuantity':
      return value?.value;
    case 'valueReference':
      return value?.reference;
    case 'valueAttachment':
      return value?.url ?? value?.title;
    default:
      return typeof value === 'object' ? undefined : value;
  }
}

/** `https://x.example/instrument/coping-with-error` → `coping-with-error`. */
export function lastSegment(url) {
  if (!isText(url)) return undefined;
  const segment = url
    .replace(/[/#]+$/, '')
    .split(/[/:#]/)
    .pop();
  try {
    return decodeURIComponent(segment) || url;
  } catch {
    return segment || url;
  }
}

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isText(value) {
  return typeof value === 'string' && value.trim() !== '';
}

function nonEmptyArray(value) {
  return Array.isArray(value) && value.length > 0;
}
