import {css} from 'lit';

export const styles = css`
  /* One vocabulary with the building blocks (internal/styles.ts). --rs-text and --rs-muted
     are the survey's first names for two of them, kept as aliases until 1.0. */
  :host {
    display: block;
    --_text: var(--rs-text-color, var(--_text));
    color: var(--_text);
    font: inherit;
    line-height: 1.5;
    --_accent: var(--rs-accent, #005eb8);
    --_muted: var(--rs-secondary-text-color, var(--rs-muted, #4c6272));
    --_surface: var(--rs-surface, #f0f4f5);
    --_border: var(--rs-border-color, #4c6272);
    --_error: var(--rs-error-color, #d5281b);
    --_focus: var(--rs-focus-color, #ffeb3b);
    --_radius: var(--rs-radius, 4px);
    --_space: var(--rs-space, 1rem);
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  .survey {
    max-width: var(--rs-max-width, 48rem);
    background: var(--rs-background, #fff);
  }
  .card {
    container-type: inline-size;
    padding: var(--_space) 0;
  }
  .heading {
    font-size: 1.5em;
    line-height: 1.25;
    margin: 0 0 var(--_space);
  }
  /* Focus lands on the heading so a screen reader starts at the new page; it is not a
     control, so it gets no focus ring (as in the GOV.UK and NHS design systems). */
  .heading:focus {
    outline: none;
    box-shadow: none;
  }
  h3 {
    font-size: 1.15em;
    margin: calc(var(--_space) * 1.5) 0 calc(var(--_space) / 2);
  }
  p {
    margin: 0 0 var(--_space);
  }
  .timepoint,
  .meta,
  .hint,
  .muted {
    color: var(--_muted);
  }
  .timepoint {
    font-weight: 600;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .questions {
    container-type: inline-size;
    display: grid;
    gap: calc(var(--_space) * 1.5);
    margin: var(--_space) 0 calc(var(--_space) * 1.5);
  }
  .question {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  .question-text {
    display: block;
    font-weight: 600;
    padding: 0;
    margin-bottom: calc(var(--_space) / 2);
  }
  .optional {
    font-weight: 400;
    color: var(--_muted);
  }
  .hint {
    margin: 0 0 calc(var(--_space) / 2);
  }
  .error-message {
    color: var(--_error);
    font-weight: 600;
    margin: 0 0 calc(var(--_space) / 2);
  }
  [aria-invalid='true'].question,
  .question:has(.error-message) {
    border-inline-start: 4px solid var(--_error);
    padding-inline-start: calc(var(--_space) * 0.75);
  }
  .options,
  .scale-points {
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  .scale-points {
    grid-template-columns: repeat(auto-fit, minmax(2.75rem, 1fr));
    gap: 4px;
  }
  .option {
    display: flex;
    align-items: center;
    gap: 0.6em;
    min-height: 44px;
    padding: 0.25em 0.5em;
    border: 1px solid transparent;
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .scale-points .option {
    flex-direction: column;
    justify-content: center;
    gap: 0.1em;
    padding: 0.25em 0;
    border-color: var(--_border);
    text-align: center;
  }
  .option:hover {
    background: var(--_surface);
  }
  input[type='radio'],
  input[type='checkbox'] {
    width: 1.5em;
    height: 1.5em;
    margin: 0;
    flex: none;
    accent-color: var(--_accent);
  }
  .scale-ends {
    display: flex;
    justify-content: space-between;
    gap: var(--_space);
    color: var(--_muted);
    font-size: 0.95em;
    margin-top: 0.25em;
  }
  .input {
    font: inherit;
    color: inherit;
    background: var(--rs-background, #fff);
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5em;
    min-height: 44px;
    width: 100%;
    max-width: 32em;
  }
  textarea.input {
    min-height: 8em;
    resize: vertical;
  }
  .input.number {
    width: 8em;
  }
  .with-unit {
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
  }
  .input[aria-invalid='true'] {
    border-color: var(--_error);
  }
  .warning {
    margin: calc(var(--_space) / 2) 0 0;
    padding: calc(var(--_space) / 2) var(--_space);
    border-inline-start: 6px solid var(--rs-warning-color, #ffb81c);
    background: var(--rs-warning-background, #fff9e6);
    font-weight: 600;
  }
  .code-part {
    margin-bottom: var(--_space);
  }
  .code-part label {
    display: block;
    margin-bottom: 0.25em;
  }
  .code-input {
    width: auto;
    text-transform: uppercase;
    letter-spacing: 0.2em;
  }
  .code-result p {
    margin: 0 0 0.25em;
  }
  .matrix {
    display: grid;
    gap: 0;
  }
  .matrix > .likert {
    margin-bottom: var(--_space);
  }
  .matrix-head {
    display: none;
  }
  /* The same width as the rows' own layout (internal/likert.ts), and the same tracks. */
  @container (min-width: 36rem) {
    .matrix-head {
      display: grid;
      grid-template-columns: var(--rs-likert-label-width, 40%) repeat(
          var(--rs-likert-columns),
          minmax(0, 1fr)
        );
      overflow-wrap: anywhere;
      font-size: 0.9em;
      font-weight: 600;
      text-align: center;
      align-items: end;
      padding-bottom: 0.5em;
      border-bottom: 1px solid var(--_border);
    }
    .matrix-head span {
      padding-inline: 2px;
    }
    .matrix > .likert {
      margin-bottom: 0;
    }
    .matrix > .likert:nth-of-type(odd) {
      background: var(--_surface);
    }
  }
  .actions {
    display: flex;
    flex-wrap: wrap-reverse;
    justify-content: space-between;
    gap: var(--_space);
    margin-top: calc(var(--_space) * 1.5);
    flex-direction: row-reverse;
  }
  .button {
    font: inherit;
    font-weight: 600;
    min-height: 44px;
    min-width: 44px;
    padding: 0.5em 1.25em;
    border-radius: var(--_radius);
    border: 2px solid var(--_accent);
    background: var(--rs-background, #fff);
    color: var(--_accent);
    cursor: pointer;
  }
  .button.primary {
    background: var(--_accent);
    color: #fff;
  }
  .button:disabled {
    opacity: 0.6;
    cursor: progress;
  }
  .link {
    font: inherit;
    background: none;
    border: 0;
    padding: 0.25em;
    min-height: 24px;
    color: var(--_accent);
    text-decoration: underline;
    cursor: pointer;
  }
  a {
    color: var(--_accent);
  }
  :focus-visible {
    outline: 3px solid transparent;
    box-shadow:
      0 0 0 3px var(--_focus),
      0 0 0 6px var(--_text);
  }
  a:focus-visible,
  .link:focus-visible {
    background: var(--_focus);
    color: var(--_text);
    box-shadow: 0 4px 0 var(--_text);
    text-decoration: none;
  }
  .progress {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
    color: var(--_muted);
    margin-bottom: var(--_space);
  }
  progress {
    width: 100%;
    height: 0.5em;
    accent-color: var(--_accent);
  }
  .error-summary {
    border: 4px solid var(--_error);
    padding: var(--_space);
    margin-bottom: calc(var(--_space) * 1.5);
  }
  .error-summary:focus {
    outline: 3px solid var(--_focus);
  }
  .error-summary h3 {
    margin-top: 0;
  }
  .error-summary ul {
    margin: 0;
    padding-inline-start: 1.25em;
  }
  .error-summary a {
    color: var(--_error);
    font-weight: 600;
  }
  .failure {
    border: 4px solid var(--_error);
    padding: var(--_space);
  }
  .problem {
    overflow-wrap: anywhere;
  }
  .notice {
    border-inline-start: 6px solid var(--_accent);
    background: var(--_surface);
    padding: calc(var(--_space) / 2) var(--_space);
    margin-bottom: var(--_space);
  }
  .notice p {
    margin: 0;
  }
  .notice.storage,
  .notice.dropped {
    border-color: var(--_error);
  }
  .saved {
    font-size: 0.9em;
    margin: var(--_space) 0 0;
  }
  .confirm {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
    align-items: center;
    margin-top: calc(var(--_space) / 2);
  }
  .confirm p {
    flex-basis: 100%;
    margin: 0;
    font-weight: 600;
  }
  .button.danger {
    background: var(--_error);
    border-color: var(--_error);
    color: #fff;
  }
  .delete {
    margin-top: calc(var(--_space) * 2);
    font-size: 0.9em;
  }
  @media (forced-colors: active) {
    .option:hover {
      outline: 1px solid Highlight;
    }
    .button.primary {
      border-color: ButtonText;
    }
    :focus-visible {
      outline: 3px solid Highlight;
    }
    .error-summary,
    .failure {
      border-color: CanvasText;
    }
  }
`;
