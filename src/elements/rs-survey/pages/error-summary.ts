import {html, nothing} from 'lit';
import type {Messages} from '../../../i18n/index.js';
import {fieldId} from '../questions.js';

/**
 * The problems of a page at its top, each a link to its field, as the GOV.UK and NHS design
 * systems do: "Which role? Answer this question"; "I can … at work: Answer this question".
 */
export function errorSummary(a: {
  m: Messages;
  errors: ReadonlyMap<string, string>;
  /** What the field of an answer key is called. */
  label(key: string): string;
  /** A fragment link cannot reach into shadow DOM: the element moves focus. */
  focus(e: Event, key: string): void;
}) {
  if (!a.errors.size) return nothing;
  const line = (key: string, message: string) => {
    const label = a.label(key);
    return !label
      ? message
      : /\?$/.test(label)
        ? `${label} ${message}`
        : `${label.replace(/[.:]$/, '')}: ${message}`;
  };
  return html`<div
    class="error-summary"
    part="error-summary"
    role="alert"
    tabindex="-1"
    aria-labelledby="error-summary-title"
  >
    <h3 id="error-summary-title">${a.m.errorSummary}</h3>
    <ul>
      ${[...a.errors].map(
        ([key, message]) =>
          html`<li>
            <a href="#${fieldId(key)}" @click=${(e: Event) => a.focus(e, key)}
              >${line(key, message)}</a
            >
          </li>`,
      )}
    </ul>
  </div>`;
}
