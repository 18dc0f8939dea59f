// @ts-check
// Types shared by analysis and export (JSDoc only; nothing runs here).

/**
 * A stored response, as storage hands it to analysis and export.
 * @typedef {{
 *   id: string,
 *   kind: 'response'|'fhir'|'xapi',
 *   receivedAt: string,
 *   instrument: string|null,
 *   version: string|null,
 *   timepoint: string|null,
 *   participant: string|null,
 *   cohort: string|null,
 *   simulated: boolean,
 *   body: any,
 * }} StoredResponse
 */

/**
 * @typedef {{n: number, mean: number|null, sd: number|null, median: number|null,
 *   q1: number|null, q3: number|null, ciLow: number|null, ciHigh: number|null}} Descriptives
 * @typedef {{pairs: number, meanChange: number|null, sdChange: number|null,
 *   ciLow: number|null, ciHigh: number|null, dz: number|null, tP: number|null,
 *   wilcoxonP: number|null}} Change
 * @typedef {{
 *   id: string, label: string, method: string, items: string[], min: number|null, max: number|null,
 *   byTimepoint: Array<{timepoint: string, alpha: {alpha: number|null, k: number, n: number}|null} & Descriptives>,
 *   change: Array<{from: string, to: string} & Change>,
 * }} ScoreResult
 * @typedef {{
 *   timepoint: string, responses: number, repeats: number, n: number, withCode: number,
 *   linked: null|{total: number, exact: number, oneDiffers: number, twoDiffer: number,
 *     ambiguous: number, unlinked: number},
 *   links: Array<{baseline: string, later: string, quality: string}>,
 *   ambiguousCodes: string[],
 * }} RetentionRow
 * @typedef {{
 *   id: string, label: string, section: string, reverse: boolean,
 *   points: Array<{value: number, label: string}>,
 *   byTimepoint: Array<{timepoint: string, n: number, counts: number[]}>,
 * }} ItemResult
 * @typedef {{
 *   instrument: string, version: string|null, title: string, packKnown: boolean,
 *   illustrative: boolean, responses: number, simulated: number,
 *   timepoints: Array<{id: string, label: string}>,
 *   retention: RetentionRow[], scores: ScoreResult[], items: ItemResult[],
 * }} GroupResult
 * @typedef {{total: number, simulated: number, skipped: Array<{reason: string, count: number}>,
 *   groups: GroupResult[]}} Evaluation
 */

export {};
