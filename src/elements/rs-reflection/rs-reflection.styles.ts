import {css} from 'lit';
import {reflectionStyles} from '../../internal/reflection.js';
import {hostStyles, questionStyles} from '../../internal/styles.js';

/** The survey's question styles that the shared template (internal/reflection.ts) relies on. */
export const styles = [
  hostStyles,
  questionStyles,
  reflectionStyles,
  css`
    p {
      margin: 0 0 calc(var(--rs-space, 1rem) / 2);
    }

    .hint {
      color: var(--rs-secondary-text-color, #4c6272);
    }

    /* A bar as well as a colour, so the error does not rest on colour alone. */
    .error-message {
      color: var(--rs-error-color, #d5281b);
      font-weight: 700;
      padding-inline-start: calc(var(--rs-space, 1rem) / 2);
      border-inline-start: 4px solid var(--rs-error-color, #d5281b);
    }

    .input {
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

    .input[aria-invalid='true'] {
      border-color: var(--rs-error-color, #d5281b);
    }

    .button {
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

    .button:hover:not(:disabled) {
      background: var(--rs-button-hover-background, #e8f1f8);
    }

    .button:disabled,
    .input:disabled {
      cursor: not-allowed;
      opacity: 0.6;
    }

    @media (forced-colors: active) {
      .error-message {
        border-color: CanvasText;
      }
      .button {
        border-color: ButtonText;
      }
      .button:disabled {
        border-color: GrayText;
        color: GrayText;
        opacity: 1;
      }
    }
  `,
];
