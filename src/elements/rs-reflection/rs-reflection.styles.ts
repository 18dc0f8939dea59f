import {css} from 'lit';
import {controlStyles, focusRing, hostStyles, visuallyHidden} from '../../internal/styles.js';

export const styles = [
  hostStyles,
  visuallyHidden,
  focusRing,
  controlStyles,
  css`
    legend {
      padding: 0;
      margin-block-end: calc(var(--rs-space, 1rem) / 2);
      font-weight: var(--rs-label-font-weight, 600);
    }

    p {
      margin: 0;
    }

    .privacy-note {
      margin-block-end: calc(var(--rs-space, 1rem) / 2);
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

    .progress {
      color: var(--rs-secondary-text-color, #4c6272);
      margin-block-end: calc(var(--rs-space, 1rem) / 4);
    }

    .prompt {
      display: block;
      font-weight: 600;
      margin-block-end: calc(var(--rs-space, 1rem) / 4);
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

    textarea:disabled {
      opacity: 0.6;
      cursor: not-allowed;
    }

    .hint {
      color: var(--rs-secondary-text-color, #4c6272);
      margin-block: calc(var(--rs-space, 1rem) / 4);
    }

    .finding {
      margin-block: calc(var(--rs-space, 1rem) / 4);
      padding-inline-start: calc(var(--rs-space, 1rem) / 2);
      border-inline-start: 4px solid var(--rs-warning-color, #ffb81c);
      font-weight: 700;
    }

    .navigation {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--rs-space, 1rem) / 2);
      margin-block-start: calc(var(--rs-space, 1rem) / 2);
    }

    .download {
      margin-inline-start: auto;
    }

    @media (forced-colors: active) {
      .warning,
      .finding {
        border-color: CanvasText;
      }
      .warning-icon {
        border: 2px solid CanvasText;
      }
    }
  `,
];
