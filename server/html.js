// @ts-check
// HTML built on the server: every interpolated value is escaped unless it is markup this
// code built itself, and text that came from a request is isolated (`<bdi>`) so a
// right-to-left override (U+202E) in a participant code cannot reorder what follows it.

export class Markup {
  /** @param {string} value */
  constructor(value) {
    this.value = value;
  }
  toString() {
    return this.value;
  }
}

/** @type {Record<string, string>} */
const ENTITIES = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'};

/** Text safe in HTML content and in quoted attribute values (null and undefined: empty). @param {unknown} text */
export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** @param {unknown} value @returns {string} */
function render(value) {
  if (value instanceof Markup) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(value);
}

/**
 * Template tag: the literal parts are markup, every `${value}` is escaped.
 * @param {TemplateStringsArray} strings
 * @param {...unknown} values
 */
export function html(strings, ...values) {
  let out = strings[0];
  values.forEach((value, i) => (out += render(value) + strings[i + 1]));
  return new Markup(out);
}

/** Markup that is already safe (a fragment another module escaped). @param {string} value */
export const trusted = (value) => new Markup(value);

/** Untrusted text, escaped and isolated from the text around it. @param {unknown} text */
export const isolate = (text) => html`<bdi>${text}</bdi>`;
