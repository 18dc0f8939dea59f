import {css, html, nothing} from 'lit';
import {live} from 'lit/directives/live.js';
import {cssProps} from './css-props.js';

/** One answer on the scale. */
export interface LikertPoint {
  readonly value: number;
  readonly label: string;
}

/** What one Likert question shows: `<rs-likert>` renders one, the survey a page of them. */
export interface LikertRow {
  /** The fieldset's id; its help and error ids start with it. */
  readonly id?: string;
  /** The radios' group name, unique in the tree they are in. */
  readonly name: string;
  readonly label: string;
  readonly help?: string;
  readonly error?: string;
  /** Read before the error by screen readers ("Error:"). */
  readonly errorPrefix: string;
  readonly points: readonly LikertPoint[];
  readonly value: number | null;
  readonly required?: boolean;
  /** A row of a matrix: one line with the other rows when its container is wide enough. */
  readonly matrix?: boolean;
  readonly disabled?: boolean;
  /** Handles the radios' `change` (`input` too, when given). */
  readonly onChange: (event: Event) => void;
  readonly onInput?: (event: Event) => void;
}

/**
 * One Likert question: a fieldset with a legend and native radios, so arrow keys, "2 of 5"
 * and focus come from the browser. Rendered straight into the survey's page (no element of
 * its own per row: twenty rows render in a third of the time) and by `<rs-likert>`.
 */
export function likertRow(row: LikertRow) {
  const p = row.id ? `${row.id}-` : '';
  const describedBy = [row.help && `${p}help`, row.error && `${p}error`].filter(Boolean).join(' ');
  return html`<fieldset
    part="fieldset"
    class="likert question${row.matrix ? ' in-matrix' : ''}"
    id=${row.id || nothing}
    ${cssProps({'--_columns': String(Math.max(row.points.length, 1))})}
    aria-describedby=${describedBy || nothing}
    ?disabled=${row.disabled}
    @change=${row.onChange}
    @input=${row.onInput}
  >
    <legend part="label" class="question-text">${row.label}</legend>
    ${
      row.matrix
        ? html`<div part="label row-label" class="row-label" aria-hidden="true">${row.label}</div>`
        : nothing
    }
    ${row.help ? html`<p part="help" id="${p}help" class="hint">${row.help}</p>` : nothing}
    ${
      row.error
        ? html`<p part="error" id="${p}error" class="error">
            <span class="visually-hidden">${row.errorPrefix}</span> ${row.error}
          </p>`
        : nothing
    }
    <div part="options" class="options">
      ${row.points.map(
        (point) =>
          html`<label part="option" class="option">
            <input
              part="radio"
              type="radio"
              name=${row.name}
              .value=${String(point.value)}
              .checked=${live(point.value === row.value)}
              ?required=${row.required}
              aria-invalid=${row.error ? 'true' : nothing}
            />
            <span part="option-label" class="option-label">${point.label}</span>
          </label>`,
      )}
    </div>
  </fieldset>`;
}

/**
 * What a Likert question adds to the styles of the survey's questions (whose class names the
 * template uses: `question`, `question-text`, `hint`, `options`, `option`; `<rs-likert>`
 * styles those itself). An error has a bar as well as a colour, so it does not rest on colour
 * alone.
 *
 * In a matrix (inside a size container at least 36rem wide) the question and its points sit
 * in one row whose columns line up with the other rows and with the survey's column header.
 * A fieldset's legend cannot be a grid item in every engine (WebKit keeps even a floated
 * legend as the rendered legend), so the legend stays the group's name, hidden on screen, and
 * an aria-hidden copy takes the first column. Tracks are sized from the container's width
 * alone (no content-sized tracks), so every row and the column header line up.
 */
export const likertStyles = css`
  .likert {
    position: relative;
  }
  .likert .error {
    color: var(--_error);
    font-weight: 700;
    margin: 0 0 calc(var(--_space) / 2);
    padding-inline-start: calc(var(--_space) / 2);
    border-inline-start: 4px solid var(--_error);
  }
  .likert .options {
    gap: calc(var(--_space) / 4);
  }
  .likert .row-label {
    display: none;
  }
  @container (min-width: 36rem) {
    .likert.in-matrix {
      display: grid;
      grid-template-columns:
        var(--rs-likert-label-width, 40%)
        repeat(var(--rs-likert-columns, var(--_columns)), minmax(0, 1fr));
      align-items: center;
      padding-block: calc(var(--_space) / 4);
      /* --rs-border-color: the first name of these lines on <rs-likert>, until 1.0. */
      border-block-end: 1px solid var(--rs-divider-color, var(--rs-border-color, #d8dde0));
    }
    .likert.in-matrix legend,
    .likert.in-matrix .option-label {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      margin: -1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .likert.in-matrix .row-label {
      display: block;
      grid-column: 1;
      padding-inline-end: var(--_space);
      font-weight: var(--rs-label-font-weight, 600);
    }
    .likert.in-matrix .hint,
    .likert.in-matrix .error {
      grid-column: 1;
      margin-block: calc(var(--_space) / 4) 0;
    }
    .likert.in-matrix .options {
      grid-column: 2 / -1;
      grid-row: 1 / span 3;
      grid-template-columns: subgrid;
      gap: 0;
    }
    .likert.in-matrix .option {
      justify-content: center;
      padding: 0;
    }
  }
`;
