import {css} from 'lit';
import {likertStyles} from '../../internal/likert.js';
import {hostStyles, questionStyles} from '../../internal/styles.js';

/** The survey's question styles that the shared template (internal/likert.ts) relies on. */
export const styles = [
  hostStyles,
  questionStyles,
  likertStyles,
  css`
    .hint {
      color: var(--rs-secondary-text-color, #4c6272);
      margin: 0 0 calc(var(--rs-space, 1rem) / 2);
    }

    .options {
      display: grid;
    }

    .option {
      display: flex;
      align-items: center;
      gap: calc(var(--rs-space, 1rem) * 0.75);
      min-block-size: var(--rs-target-size, 2.75rem);
      padding: 0.25rem 0.5rem;
      border-radius: var(--rs-radius, 4px);
      cursor: pointer;
    }

    .option:hover {
      background: var(--rs-hover-background, #f0f4f5);
    }

    input {
      flex: none;
      inline-size: 1.5rem;
      block-size: 1.5rem;
      margin: 0;
      accent-color: var(--rs-accent, #005eb8);
      cursor: inherit;
    }

    :disabled .option {
      cursor: not-allowed;
      opacity: 0.6;
    }

    :disabled .option:hover {
      background: none;
    }

    @media (pointer: coarse) {
      .option {
        min-block-size: max(var(--rs-target-size, 2.75rem), 44px);
      }
    }

    @media (forced-colors: active) {
      .option:hover {
        outline: 1px solid Highlight;
      }
    }
  `,
];
