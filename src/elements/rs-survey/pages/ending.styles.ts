import {css} from 'lit';

/** Styles of the last pages, adopted by the survey when this module loads. */
export const endingStyles = css`
  .review {
    margin: 0;
  }
  .review-row {
    display: grid;
    gap: 0.25em;
    padding: 0.75em 0;
    border-bottom: 1px solid var(--rs-divider-color, #d8dde0);
  }
  @container (min-width: 40rem) {
    .review-row {
      grid-template-columns: 2fr 2fr auto;
    }
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
  }
  .answer {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .private {
    display: block;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .score {
    padding: 0.5em 0;
  }
  .support {
    margin-top: calc(var(--_space) * 1.5);
    padding: var(--_space);
    border-inline-start: 6px solid var(--_accent);
    background: var(--_surface);
  }
  .support h3 {
    margin-top: 0;
  }
  .status {
    font-weight: 600;
    padding: calc(var(--_space) / 2) var(--_space);
    border-inline-start: 6px solid var(--_accent);
    background: var(--_surface);
  }
  .status.rejected,
  .status.offline-waiting {
    border-color: var(--_error);
  }
  .status.sent {
    border-color: var(--rs-success-color, #007f3b);
  }
  .downloads {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
    margin: var(--_space) 0;
  }
`;
