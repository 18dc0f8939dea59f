// Checks a `format="json"` body against the published schema, and turns Ajv's errors into
// messages that name the JSON Pointer at fault (what the widget's rs-error shows a developer).

import {readFileSync} from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const schemaUrl = new URL('../schema/response.schema.json', import.meta.url);
/** The published response schema: the body schema of `POST /responses` (application/json). */
export const responseSchema = JSON.parse(readFileSync(schemaUrl, 'utf8'));
const schema = responseSchema;

// allErrors stays off: one clear problem is more useful than twenty, and it bounds the
// work an attacker can make us do on a hostile body.
export const ajv = new Ajv2020({strict: true, allErrors: false});
addFormats(ajv);
const check = ajv.compile(schema);

/** Fastify's validator compiler: the same strict Ajv (no coercion, nothing removed). */
export function compileValidator({schema: routeSchema}) {
  if (routeSchema === schema || (routeSchema.$id && routeSchema.$id === schema.$id)) return check;
  return ajv.compile(routeSchema);
}

/**
 * Ajv's errors → `{message, errors: [{path, message}]}`, the message naming the first
 * JSON Pointer at fault.
 */
export function describeErrors(ajvErrors) {
  let errors = dedupe(ajvErrors.map(describe));
  // A failed `oneOf` (or `propertyNames`) reports each inner failure, then itself; its own
  // message reads best, and the inner ones only repeat it.
  const main = errors.find((e) => SUMMARY_KEYWORDS.has(e.keyword)) ?? errors[0];
  if (SUMMARY_KEYWORDS.has(main.keyword)) errors = [main];
  return {
    message: `${main.path || '/'} ${main.message}`,
    errors: errors.map(({path, message}) => ({path, message})),
  };
}

const SUMMARY_KEYWORDS = new Set(['oneOf', 'propertyNames']);

function describe(error) {
  let path = error.instancePath;
  let message = error.message ?? 'is invalid';
  // Point at the property itself, not the object that lacks or has it.
  if (error.keyword === 'required') {
    path += `/${escapePointer(error.params.missingProperty)}`;
    message = 'is required';
  } else if (error.keyword === 'additionalProperties') {
    path += `/${escapePointer(error.params.additionalProperty)}`;
    message = 'is not allowed here';
  } else if (error.keyword === 'propertyNames') {
    path += `/${escapePointer(error.params.propertyName)}`;
    message = 'is not an allowed answer key (letters, digits, _ . - only)';
  } else if (error.keyword === 'oneOf') {
    message =
      'must be a number, a string (up to 100000 characters), a boolean ' +
      'or an array of strings (up to 200, each up to 1000 characters)';
  } else if (error.keyword === 'const') {
    message = `must be ${JSON.stringify(error.params.allowedValue)}`;
  }
  return {path, message, keyword: error.keyword};
}

function dedupe(errors) {
  const seen = new Set();
  return errors.filter((e) => {
    const id = `${e.path} ${e.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function escapePointer(segment) {
  return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}
