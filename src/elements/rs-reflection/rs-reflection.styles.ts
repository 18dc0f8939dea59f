import {css} from 'lit';
import {hostStyles} from '../../internal/styles.js';

export const styles = [
  hostStyles,
  css`
    fieldset {
      margin: 0;
      padding: 0;
      border: 0;
      min-inline-size: 0;
    }

    legend {
      padding: 0;
      margin-block-end: calc(var(--rs-space, 1rem) / 2);
      font-weight: var(--rs-label-font-weight, 600);
    }

    p {
      margin: 0;
    }

    .help,
    .hint,
    .progress {
      color: var(--rs-secondary-text-color, #4c6272);
    }

    .help,
    .error,
    .privacy-note {
      margin-block-end: calc(var(--rs-space, 1rem) / 2);
    }

    .progress,
    .prompt {
      margin-block-end: calc(var(--rs-space, 1rem) / 4);
    }

    .hint,
    .finding {
      margin-block: calc(var(--rs-space, 1rem) / 4);
    }

    /* A bar as well as a colour, so neither an error nor a finding rests on colour alone. */
    .error,
    .finding {
      padding-inline-start: calc(var(--rs-space, 1rem) / 2);
      border-inline-start: 4px solid var(--rs-warning-color, #ffb81c);
      font-weight: 700;
    }

    .error {
      color: var(--rs-error-color, #d5281b);
      border-inline-start-color: var(--rs-error-color, #d5281b);
    }

    .warning {
      display: flex;
      gap: calc(var(--rs-space, 1rem) * 0.75);
      align-items: flex-start;
      margin-block-end: var(--rs-space, 1rem);
      padding: calc(var(--rs-space, 1rem) * 0.75);
      border: 1px solid var(--rs-border-color, #4c6272);
      border-inline-start: 6px solid var(--rs-warning-color, #ffb81c);
      border-radius: var(--rs-radius, 4px);
      background: var(--rs-warning-background, #fff9e6);
      font-weight: 600;
    }

    .warning-icon {
      flex: none;
      display: inline-grid;
      place-items: center;
      inline-size: 1.75rem;
      block-size: 1.75rem;
      border-radius: 50%;
      background: var(--rs-text-color, #212b32);
      color: #fff;
      font-weight: 700;
      line-height: 1;
    }

    .prompt {
      display: block;
      font-weight: 600;
    }

    textarea {
      display: block;
      inline-size: 100%;
      min-block-size: 8rem;
      padding: 0.5rem;
      font: inherit;
      color: inherit;
      background: var(--rs-input-background, #fff);
      border: 2px solid var(--rs-border-color, #4c6272);
      border-radius: var(--rs-radius, 4px);
      resize: vertical;
    }

    textarea[aria-invalid='true'] {
      border-color: var(--rs-error-color, #d5281b);
    }

    .navigation {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--rs-space, 1rem) / 2);
      margin-block-start: calc(var(--rs-space, 1rem) / 2);
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

    button:disabled,
    textarea:disabled {
      cursor: not-allowed;
      opacity: 0.6;
    }

    .download {
      margin-inline-start: auto;
    }

    @media (forced-colors: active) {
      .error,
      .warning,
      .finding {
        border-color: CanvasText;
      }
      .warning-icon {
        border: 2px solid CanvasText;
      }
      button {
        border-color: ButtonText;
      }
      button:disabled {
        border-color: GrayText;
        color: GrayText;
        opacity: 1;
      }
    }
  `,
];
