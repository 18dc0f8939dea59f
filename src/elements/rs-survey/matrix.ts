/**
 * Choices drawn as a matrix (`matrix: true` in a pack: a FHIR `table`, `grid` or non-repeating
 * `gtable` group whose rows share their options): consecutive single-answer choices with the
 * same options share one column head (the options) on a wide screen, as the Likert matrix does
 * and with its styles (`internal/likert.ts`); each row stays a fieldset with a legend and
 * native radios (one tab stop per row, arrow keys within it), each radio labelled by its
 * column, its hint and error its own. Narrower than 36rem, the rows stack, options under the
 * question. An open choice's own answer (the `role: other` item after a row) shows under it.
 *
 * A lazy chunk, loaded with a pack that has such choices: `install()` takes over the drawing
 * of ordinary items (`questionList.plain`), drawing everything else as before. It imports
 * nothing of `questions.ts` (see `field-id.ts`).
 */
import {html, nothing} from 'lit';
import {ifDefined} from 'lit/directives/if-defined.js';
import {live} from 'lit/directives/live.js';
import {localize} from '../../instrument/text.js';
import type {ChoiceItem, Item, Text} from '../../instrument/types.js';
import {packHooks} from '../../internal/pack-hooks.js';
import {fieldId} from './field-id.js';
import type {questionList} from './pages/section.js';
import type {QuestionContext} from './questions.js';

type List = typeof questionList;

/** The drawing of ordinary items this module replaced, which draws all but the matrices. */
let before: List['plain'] | undefined;

const t = (ctx: QuestionContext, text: Text | undefined) =>
  localize(text, ctx.lang, ctx.pack.languages);

/** A row of a matrix: a single-answer choice marked `matrix`, not typed to filter. */
const isRow = (item: Item): item is ChoiceItem =>
  item.type === 'choice' && !!item.matrix && !item.multiple && !item.autocomplete;

/** Rows share a matrix when their options (values and labels) are the same. */
const shape = (item: ChoiceItem) => JSON.stringify(item.options);

interface Run {
  readonly key: string;
  /** Each row, with the open choice's own answer that follows it, when it is shown. */
  readonly rows: {readonly row: ChoiceItem; readonly other?: Item}[];
}

function row(ctx: QuestionContext, item: ChoiceItem, options: readonly string[]) {
  const id = fieldId(item.id);
  const error = ctx.errors.get(item.id);
  const current = ctx.answers[item.id];
  const chosen = Array.isArray(current) ? current[0] : undefined;
  const label = html`${packHooks.text?.(ctx.m, item) || t(ctx, item.text)}${
    item.required ? nothing : html` <span class="optional">${ctx.m.optional}</span>`
  }`;
  const described = [item.help && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return html`<fieldset
    class="likert question in-matrix choice-row"
    id=${id}
    aria-describedby=${described || nothing}
  >
    <legend class="question-text">${label}</legend>
    <div class="row-label" aria-hidden="true">${label}</div>
    ${item.help ? html`<p class="hint" id="${id}-hint">${t(ctx, item.help)}</p>` : nothing}
    ${
      error
        ? html`<p class="error" id="${id}-error">
            <span class="visually-hidden">${ctx.m.errorPrefix}</span> ${error}
          </p>`
        : nothing
    }
    <div class="options">
      ${item.options.map(
        (o, i) =>
          html`<label class="option">
            <input
              type="radio"
              name=${id}
              id=${ifDefined(i === 0 ? `${id}-input` : undefined)}
              .value=${o.value}
              .checked=${live(o.value === chosen)}
              ?required=${item.required}
              aria-invalid=${error ? 'true' : nothing}
              @change=${() => ctx.set(item.id, [o.value])}
            />
            <span class="option-label">${options[i]}</span>
          </label>`,
      )}
    </div>
  </fieldset>`;
}

/** A run of rows: the options once as the column head (wide screens only), then each row. */
function matrix(ctx: QuestionContext, run: Run) {
  const options = run.rows[0].row.options.map((o) => t(ctx, o.label));
  // Its rows and head take the number of columns from here. A property of the element's
  // CSSOM style (as `cssProps` sets, which this chunk does not import: with it, the bundler
  // moved Lit out of the main bundle), never a style attribute: allowed by a strict style-src.
  return html`<div class="matrix" .style=${`--rs-likert-columns: ${options.length}`}>
    <div class="matrix-head" aria-hidden="true">
      <span></span>${options.map((o) => html`<span>${o}</span>`)}
    </div>
    ${run.rows.map(
      (r) =>
        html`${row(ctx, r.row, options)}${
          r.other ? html`<div class="questions">${before!(ctx, [r.other])}</div>` : nothing
        }`,
    )}
  </div>`;
}

/**
 * A page's ordinary items: runs of two or more matrix rows with the same options as matrices,
 * the rest as before. Items inside the instances of a repeating item (when that module drew
 * first) are left to it.
 */
function render(ctx: QuestionContext, items: readonly Item[]): unknown {
  const inside = new Set(
    items.flatMap(
      (i) => (i as {instances?: {items: Item[]}[]}).instances?.flatMap((x) => x.items) ?? [],
    ),
  );
  const out: unknown[] = [];
  let plain: Item[] = [];
  let run: Run | undefined;
  const flush = () => {
    if (run && run.rows.length > 1) {
      out.push(before!(ctx, plain), matrix(ctx, run));
      plain = [];
    } else if (run) {
      plain.push(...run.rows.flatMap((r) => (r.other ? [r.row, r.other] : [r.row])));
    }
    run = undefined;
  };
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!isRow(item) || inside.has(item)) {
      flush();
      plain.push(item);
      continue;
    }
    const key = shape(item);
    if (run?.key !== key) flush();
    run ??= {key, rows: []};
    const next = items[i + 1];
    const other = next?.type === 'text' && next.role === 'other' ? next : undefined;
    run.rows.push({row: item, other});
    if (other) i++;
  }
  flush();
  out.push(before!(ctx, plain));
  return out;
}

/** Draws the page's ordinary items from now on (and, through them, the instances' items). */
export function install(list: List): void {
  if (list.plain === render) return;
  before = list.plain;
  if (list.render === before) list.render = render;
  list.plain = render;
}
