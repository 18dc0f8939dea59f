import {css} from 'lit';
import {controlStyles, focusRing, hostStyles, visuallyHidden} from '../../internal/styles.js';

export const styles = [
  hostStyles,
  visuallyHidden,
  focusRing,
  controlStyles,
  css`
    fieldset {
      position: relative;
    }

    legend {
      padding: 0;
      margin-block-end: calc(var(--rs-space, 1rem) / 2);
      font-weight: var(--rs-label-font-weight, 600);
    }

    .options {
      display: grid;
      gap: calc(var(--rs-space, 1rem) / 4);
    }

    .option {
      position: relative;
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

    input[type='radio'] {
      flex: none;
      inline-size: 1.5rem;
      block-size: 1.5rem;
      margin: 0;
      accent-color: var(--rs-accent, #005eb8);
      cursor: inherit;
    }

    fieldset:disabled .option {
      cursor: not-allowed;
      opacity: 0.6;
    }

    fieldset:disabled .option:hover {
      background: none;
    }

    .row-label {
      display: none;
    }

    /*
     * A row of a matrix. The survey makes its question list a size container; only a wide one
     * gets rows. A fieldset's legend cannot be a grid item in every engine (WebKit keeps even a
     * floated legend as the rendered legend), so the legend stays the group's name, hidden on
     * screen, and an aria-hidden copy takes the first column. Tracks are sized from the
     * container's width alone (no content-sized tracks), so every row and the survey's column
     * header line up.
     */
    @container (min-width: 36rem) {
      :host([matrix]) fieldset {
        display: grid;
        grid-template-columns:
          var(--rs-likert-label-width, 40%)
          repeat(var(--rs-likert-columns, var(--_columns)), minmax(0, 1fr));
        align-items: center;
        padding-block: calc(var(--rs-space, 1rem) / 4);
        border-block-end: 1px solid var(--rs-border-color, #d8dde0);
      }

      :host([matrix]) legend {
        position: absolute;
        inline-size: 1px;
        block-size: 1px;
        margin: -1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }

      :host([matrix]) .row-label {
        display: block;
        grid-column: 1;
        padding-inline-end: var(--rs-space, 1rem);
        font-weight: var(--rs-label-font-weight, 600);
      }

      :host([matrix]) .help,
      :host([matrix]) .error {
        grid-column: 1;
        margin-block: calc(var(--rs-space, 1rem) / 4) 0;
      }

      :host([matrix]) .options {
        grid-column: 2 / -1;
        grid-row: 1 / span 3;
        grid-template-columns: subgrid;
        gap: 0;
      }

      :host([matrix]) .option {
        justify-content: center;
        padding: 0;
      }

      :host([matrix]) .option-label {
        position: absolute;
        inline-size: 1px;
        block-size: 1px;
        margin: -1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
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
