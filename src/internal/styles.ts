import {css} from 'lit';

/**
 * Styles every element shares. Appearance is themed through `--rs-*` custom properties,
 * each read with its default here so a page sets only what it wants to change:
 *
 * - `--rs-accent` (#005eb8): selected controls, primary buttons.
 * - `--rs-text-color` (inherit), `--rs-secondary-text-color` (#4c6272): hints and help.
 * - `--rs-error-color` (#d5281b), `--rs-warning-color` (#ffb81c).
 * - `--rs-border-color` (#4c6272), `--rs-radius` (4px), `--rs-space` (1rem).
 * - `--rs-focus-color` (#212b32): the focus ring.
 * - `--rs-target-size` (2.75rem): the smallest block size of anything a person presses.
 */
export const hostStyles = css`
  :host {
    display: block;
    font: inherit;
    color: var(--rs-text-color, inherit);
    overflow-wrap: break-word;
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
`;

/** Hidden on screen, still read by screen readers. */
export const visuallyHidden = css`
  .visually-hidden {
    position: absolute !important;
    inline-size: 1px !important;
    block-size: 1px !important;
    margin: -1px !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip-path: inset(50%) !important;
    white-space: nowrap !important;
    border: 0 !important;
  }
`;

/**
 * A focus ring that shows on keyboard focus only, and keeps showing in forced-colors mode
 * (outlines take the system colour there; box shadows would vanish).
 */
export const focusRing = css`
  :focus-visible {
    outline: 3px solid var(--rs-focus-color, #212b32);
    outline-offset: 2px;
  }
`;

/** Help, error and button styles shared by the question elements. */
export const controlStyles = css`
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }

  .help {
    color: var(--rs-secondary-text-color, #4c6272);
    margin: 0 0 calc(var(--rs-space, 1rem) / 2);
  }

  .error {
    color: var(--rs-error-color, #d5281b);
    font-weight: 700;
    margin: 0 0 calc(var(--rs-space, 1rem) / 2);
    padding-inline-start: calc(var(--rs-space, 1rem) / 2);
    /* A bar as well as a colour, so the error does not rest on colour alone. */
    border-inline-start: 4px solid var(--rs-error-color, #d5281b);
  }

  button {
    font: inherit;
    min-block-size: var(--rs-target-size, 2.75rem);
    min-inline-size: var(--rs-target-size, 2.75rem);
    padding: 0.25rem var(--rs-space, 1rem);
    border: 2px solid var(--rs-accent, #005eb8);
    border-radius: var(--rs-radius, 4px);
    background: var(--rs-button-background, #fff);
    color: var(--rs-accent, #005eb8);
    cursor: pointer;
  }

  button:hover:not(:disabled) {
    background: var(--rs-button-hover-background, #e8f1f8);
  }

  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }

  @media (forced-colors: active) {
    button {
      border-color: ButtonText;
    }
    button:disabled {
      border-color: GrayText;
      color: GrayText;
      opacity: 1;
    }
    .error {
      border-inline-start-color: CanvasText;
    }
  }
`;
