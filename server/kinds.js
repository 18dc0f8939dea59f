// The body-kind registry: which bodies the endpoint accepts, where, and how each is checked
// and keyed for deduplication. Adding a format means adding an entry here; the endpoint's
// routing, size limits, CORS, storage and idempotency stay the same for all of them.
//
// A kind is {name, path, mediaType, entries(body, headers), reply(results)}:
// - `path` is the route below basePath, `mediaType` the Content-Type it takes there;
// - `entries` checks the parsed JSON and returns the `{key, body}` items to store (throwing
//   an HttpError for a bad body); every item is stored once per (kind, key);
// - `reply` turns the store's `[{created, record}]` into `{status, body, headers?}`.

import {randomUUID} from 'node:crypto';
import {checkQuestionnaireResponse} from './fhir.js';
import {HttpError} from './http.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The contract's `format="json"` body: fully validated against the published schema. */
export const responseKind = {
  name: 'response',
  path: '/responses',
  mediaType: 'application/json',
  entries(body, headers) {
    // Validated against schema/response.schema.json by the route before this (ingest.js).
    // The contract sends `Idempotency-Key: <id>`. A different key would let the same
    // response id be stored twice under two keys, so it is a client bug worth reporting.
    const key = headers['idempotency-key'];
    if (key !== undefined && key !== body.id) {
      throw new HttpError(
        400,
        'idempotency-key-mismatch',
        `Idempotency-Key "${key}" does not match the body's id "${body.id}".`,
      );
    }
    return [{key: body.id, body}];
  },
  reply([{created, record}]) {
    // A repeat gets the same body as the first answer; only the status says it was a repeat.
    return {status: created ? 201 : 200, body: {id: record.key, receivedAt: record.receivedAt}};
  },
};

/**
 * `format="fhir"`: a FHIR R4 QuestionnaireResponse, keyed by its identifier so a resend (a
 * conditional create with If-None-Exist) stores nothing new. Checked for the shape the
 * results page needs (fhir.js: resource type, status, a urn:uuid identifier, items with
 * linkIds and one typed value per answer) — not against the whole specification or the
 * Questionnaire.
 */
export const fhirKind = {
  name: 'fhir-questionnaire-response',
  path: '/responses',
  mediaType: 'application/fhir+json',
  entries(body, headers) {
    const errors = checkQuestionnaireResponse(body);
    if (errors.length) {
      const [first] = errors;
      const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
      throw new HttpError(400, 'invalid-body', `${first.path} ${first.message}${more}`, {
        errors: errors.slice(0, 20),
      });
    }
    const key = body.identifier.value;
    // If-None-Exist: identifier=urn:ietf:rfc:3986|urn:uuid:<id> — must name the same one.
    const condition = headers['if-none-exist'];
    if (condition !== undefined) {
      const wanted = new URLSearchParams(condition).get('identifier')?.split('|').pop();
      if (wanted !== key) {
        throw new HttpError(
          400,
          'if-none-exist-mismatch',
          `If-None-Exist names "${wanted}" but /identifier/value is "${key}".`,
        );
      }
    }
    return [{key, body}];
  },
  reply([{created, record}]) {
    return {
      status: created ? 201 : 200,
      body: record.body,
      headers: {'content-type': 'application/fhir+json; charset=utf-8'},
    };
  },
};

/**
 * `format="xapi"`: one xAPI statement or an array of them, each keyed by its id (a client
 * that sends none gets one made here, as an LRS would — but then a resend is not
 * recognised). Checked minimally — an object with actor, verb and object — not against the
 * xAPI specification. Answers 200 with the ids, as an LRS does.
 */
export const xapiKind = {
  name: 'xapi-statement',
  path: '/statements',
  mediaType: 'application/json',
  entries(body) {
    const statements = Array.isArray(body) ? body : [body];
    if (statements.length === 0) throw new HttpError(400, 'invalid-body', '/ has no statements');
    return statements.map((statement, i) => {
      const at = Array.isArray(body) ? `/${i}` : '';
      if (!statement || typeof statement !== 'object' || Array.isArray(statement)) {
        throw new HttpError(400, 'invalid-body', `${at || '/'} must be a statement object`);
      }
      for (const field of ['actor', 'verb', 'object']) {
        if (!statement[field] || typeof statement[field] !== 'object') {
          throw new HttpError(400, 'invalid-body', `${at}/${field} is required`);
        }
      }
      if (
        statement.id !== undefined &&
        !(typeof statement.id === 'string' && UUID.test(statement.id))
      ) {
        throw new HttpError(400, 'invalid-body', `${at}/id must be a UUID`);
      }
      const withId = statement.id ? statement : {...statement, id: randomUUID()};
      // UUIDs compare case-insensitively.
      return {key: withId.id.toLowerCase(), body: withId};
    });
  },
  reply(results) {
    return {
      status: 200,
      body: results.map(({record}) => record.body.id),
      headers: {'x-experience-api-version': '1.0.3'},
    };
  },
};

export const defaultKinds = [responseKind, fhirKind, xapiKind];
