// CSV export of responses: one row per response, whatever format it came in (the `format`
// column says which: json, fhir or xapi), RFC 4180 quoting, and safe to open in a spreadsheet.
// FHIR and xAPI bodies are read into the contract's JSON shape first (responses.js), so
// their answers line up with JSON ones by item id (a FHIR linkId).

const FIXED = ['id', 'instrument', 'version', 'timepoint', 'participant', 'submittedAt', 'format'];

/**
 * Text that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`) —
 * anything starting with = + - @, or tab / carriage return which some apps skip first — gets a
 * leading apostrophe so it is shown as text. Only strings: numbers are written as numbers.
 */
export function neutraliseFormula(text) {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: quote a field holding a quote, comma, CR or LF; double its quotes. */
export function quoteField(text) {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One cell: null/undefined → empty, arrays joined with `|`, strings neutralised. */
export function cell(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = Array.isArray(value) ? value.join('|') : String(value);
  return quoteField(neutraliseFormula(text));
}

/**
 * @param {object[]} responses  response bodies (the contract's JSON, `format` optional),
 *   in row order
 * @returns {string} CSV with a header row and CRLF line ends
 */
export function responsesToCsv(responses) {
  const scoreNames = sortedUnion(responses.map((r) => Object.keys(r.scores ?? {})));
  const answerKeys = sortedUnion(responses.map((r) => Object.keys(r.answers ?? {})));
  // Prefixes keep an answer called "id" or "timepoint" from clashing with a fixed column.
  const header = [
    ...FIXED,
    ...scoreNames.map((s) => `score.${s}`),
    ...answerKeys.map((k) => `answer.${k}`),
  ];
  const rows = responses.map((r) => [
    r.id,
    r.instrument?.id,
    r.instrument?.version,
    r.timepoint,
    r.participant,
    r.submittedAt,
    r.format ?? 'json',
    ...scoreNames.map((s) => r.scores?.[s]?.value),
    ...answerKeys.map((k) => r.answers?.[k]),
  ]);
  return [header, ...rows].map((row) => row.map(cell).join(',') + '\r\n').join('');
}

function sortedUnion(lists) {
  return [...new Set(lists.flat())].sort();
}
