// @ts-check
// CSV cells that are safe in a spreadsheet and survive every locale's separator.

/**
 * Text a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`, `-2+3`),
 * or that starts with a tab, CR or LF that some apps skip first, gets a leading apostrophe so
 * it is shown as text (OWASP's CSV injection advice). Numbers are written as numbers.
 * @param {string} text
 */
export function neutraliseFormula(text) {
  return /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/.test(text) ? `'${text}` : text;
}

/**
 * RFC 4180 quoting, and more: a cell is quoted when it holds a comma, a semicolon (the
 * separator in many European locales), a tab, a quote, CR or LF, or starts or ends with a
 * space; quotes inside are doubled.
 * @param {string} text
 */
export function quoteField(text) {
  return /[",;\t\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One cell: null/undefined → empty; finite numbers as they are; booleans as true/false;
 * arrays (several choices) joined with `|`; objects as JSON; text neutralised and quoted.
 * @param {unknown} value
 */
export function cell(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return String(value);
  let text;
  if (Array.isArray(value))
    text = value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('|');
  else if (typeof value === 'object') text = JSON.stringify(value);
  else text = String(value);
  return quoteField(neutraliseFormula(text));
}

/** A CSV line (CRLF-terminated) of `values`. */
export const line = (values) => `${values.map(cell).join(',')}\r\n`;

/**
 * A CSV line whose text keeps to one physical line: a line break inside a text answer is
 * written as U+2028 LINE SEPARATOR. RFC 4180 allows breaks inside quotes and R and Stata read
 * them, but SPSS's GET DATA (and PSPP) end a case at every line end, so one multi-line comment
 * would shift every later column. U+2028 keeps the text reversible:
 * R `gsub("\u2028", "\n", x)`, Stata `ustrregexra(x, "\x{2028}", char(10))`.
 */
export const recordLine = (values) =>
  line(values.map((v) => (typeof v === 'string' ? v.replace(/\r\n|\r|\n/g, '\u2028') : v)));

/**
 * A variable name SPSS, R and Stata all accept: letters, digits and `_`, starting with a
 * letter, at most 32 characters; made unique against `taken` (which it joins).
 * @param {string} raw
 * @param {Set<string>} taken
 */
export function variableName(raw, taken) {
  let base = String(raw)
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!/^[A-Za-z]/.test(base)) base = `v_${base}`;
  base = base.slice(0, 32);
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++)
    name = `${base.slice(0, 32 - String(i).length - 1)}_${i}`;
  taken.add(name.toLowerCase());
  return name;
}
