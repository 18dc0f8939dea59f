import {css} from 'lit';

/**
 * Styles every element shares. Appearance is themed through `--rs-*` custom properties,
 * each read with its default where it is used, so a page sets only what it wants to change:
 *
 * - `--rs-accent` (#005eb8): selected controls, primary buttons.
 * - `--rs-text-color` (inherit), `--rs-secondary-text-color` (#4c6272): hints and help.
 * - `--rs-error-color` (#d5281b), `--rs-warning-color` (#ffb81c).
 * - `--rs-border-color` (#4c6272): borders of inputs; `--rs-divider-color` (#d8dde0): lines
 *   between rows. `--rs-radius` (4px), `--rs-space` (1rem).
 * - `--rs-focus-color` (#ffeb3b): the focus highlight, ringed in the text colour, as the
 *   survey draws it (GOV.UK and NHS style).
 * - `--rs-target-size` (2.75rem): the smallest block size of anything a person presses.
 *
 * Also `.visually-hidden` (hidden on screen, still read by screen readers), and a focus ring
 * that shows on keyboard focus only and keeps showing in forced-colors mode (the transparent
 * outline takes the system colour there, where box shadows vanish).
 */
export const hostStyles = css`
  :host {
    display: block;
    font: inherit;
    color: var(--rs-text-color, inherit);
    overflow-wrap: break-word;
    /* As the survey names them: the templates both render (internal/likert.ts, reflection.ts). */
    --_space: var(--rs-space, 1rem);
    --_error: var(--rs-error-color, #d5281b);
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      transition: none !important;
      animation: none !important;
    }
  }

  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }

  :focus-visible {
    outline: 3px solid transparent;
    box-shadow:
      0 0 0 3px var(--rs-focus-color, #ffeb3b),
      0 0 0 6px var(--rs-text-color, #212b32);
  }
`;

/**
 * The survey's question classes that the shared templates (internal/likert.ts,
 * internal/reflection.ts) use, for the building blocks, which are outside the survey.
 */
export const questionStyles = css`
  .question {
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }

  .question-text {
    padding: 0;
    margin-block-end: calc(var(--rs-space, 1rem) / 2);
    font-weight: var(--rs-label-font-weight, 600);
  }
`;
