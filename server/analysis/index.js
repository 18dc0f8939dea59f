// @ts-check
// The study's evaluation: pure functions over stored responses (no I/O, no framework).
//   evaluate(rows, {pack})         → Promise<Evaluation>  (rows: an (async) iterable)
//   createEvaluation({pack})       → {take(rows), result(), extendable}: kept up to date
//   renderEvaluation(evaluation, {filters, basePath, options}) → an HTML fragment
//   pairParticipants(before, after, options) → linked pairs by participant code
//   packFor(id, version)           → the pack's definition when the server knows it
// evaluation.css (next to this file) styles the fragment; serve it and link it from the page.
import {URL} from 'node:url';

export {createEvaluation, evaluate} from './evaluate.js';
export {renderEvaluation, escapeHtml, EXPORT_FILES} from './render.js';
export {
  pairParticipants,
  codeParts,
  normaliseCode,
  matchQuality,
  MAX_DIFFERENCES,
} from './pairing.js';
export {packFor, describePack} from './packs.js';
export {describe, pairedChange, cronbachAlpha} from './stats.js';

/** Where evaluation.css is on disk, for a static route. */
export const STYLESHEET = new URL('./evaluation.css', import.meta.url);
