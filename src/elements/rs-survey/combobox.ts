/**
 * A choice typed to filter (`autocomplete` in a pack: a FHIR itemControl `autocomplete`, or a
 * long list): the ARIA 1.2 combobox with a listbox popup. Typing filters the options (case and
 * accents aside), the arrow keys move through the matches, Enter chooses, Escape closes (and,
 * closed, clears); a tap on the field opens the list. A screen reader hears how many options
 * match. An open choice's own answer (`role: other`, the item after it) gets the typed text
 * when it matches no option. Loaded with a pack that has such a choice (by the checker), it
 * puts itself in `packHooks`; its styles are adopted by the shadow root on first use.
 */
import {css, html, nothing, type TemplateResult} from 'lit';
import {ifDefined} from 'lit/directives/if-defined.js';
import {live} from 'lit/directives/live.js';
import {localize} from '../../instrument/text.js';
import type {ChoiceItem, Item, Pack} from '../../instrument/types.js';
import {packHooks, type HookContext} from '../../internal/pack-hooks.js';
// From the part labels' chunk, which such a pack loads too (its open choices): one file less.
import {partsOf} from './rich-text.js';
import {fieldId} from './field-id.js';

interface State {
  /** What the person typed, while it is not the chosen option's label. */
  text?: string;
  open: boolean;
  /** The option shown as active in the list (`aria-activedescendant`), -1 for none. */
  active: number;
}

/** Each survey's pack has its own states, by item id. */
const states = new WeakMap<object, Map<string, State>>();

/** Case and accents aside: "Eczéma" matches "ecz". */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

export const comboboxStyles = css`
  .combo-list {
    list-style: none;
    margin: 4px 0 0;
    padding: 2px;
    max-width: 32em;
    max-height: 18em;
    overflow-y: auto;
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--rs-background, #fff);
  }
  .combo-list[hidden] {
    display: none;
  }
  .combo-list .option[aria-selected='true'] {
    background: var(--_accent);
    color: var(--rs-background, #fff);
    outline: 2px solid transparent;
  }
  .combo-list .chosen {
    font-weight: 700;
  }
  @media (forced-colors: active) {
    .combo-list .option[aria-selected='true'] {
      outline: 2px solid Highlight;
    }
  }
`;

/** The list is used in the event's shadow root: it gets the styles (once; they stay). */
function adopt(e: Event) {
  const root = (e.target as Node).getRootNode();
  const sheet = comboboxStyles.styleSheet;
  if (root instanceof ShadowRoot && sheet && !root.adoptedStyleSheets.includes(sheet)) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }
}

/** By pack: the id of each open choice's own answer (the text question a FHIR import adds after it). */
const others = new WeakMap<Pack, Map<string, string>>();

/**
 * The id of the open choice's own answer, found once per pack, at any depth: for a choice in an
 * instance of a repeating group (`meds.2.route`), the answer of that same instance.
 */
function otherOf(pack: Pack, id: string): string | undefined {
  let byId = others.get(pack);
  if (!byId) {
    others.set(pack, (byId = new Map()));
    const walk = (items: readonly Item[]) =>
      items.forEach((x, i) => {
        const next = items[i + 1];
        if (next?.type === 'text' && next.role === 'other') byId!.set(x.id, next.id);
        if (x.type === 'group') walk(x.items);
      });
    for (const section of pack.sections) walk(section.items);
  }
  // A copy in an instance of a repeating group: the instance's prefix, then the pack's id.
  const parts = id.split('.');
  for (let i = 0; i < parts.length; i++) {
    const found = byId.get(parts.slice(i).join('.'));
    if (found) return [...parts.slice(0, i), found].join('.');
  }
  return undefined;
}

export function combobox(ctx: HookContext, item: ChoiceItem): TemplateResult {
  let byId = states.get(ctx.pack);
  if (!byId) states.set(ctx.pack, (byId = new Map()));
  const state = byId.get(item.id) ?? {open: false, active: -1};
  byId.set(item.id, state);
  const m = partsOf(ctx.m);
  const id = fieldId(item.id);
  const options = item.options.map((o) => ({
    value: o.value,
    label: localize(o.label, ctx.lang, ctx.pack.languages),
  }));
  const current = ctx.answers[item.id];
  const chosen = Array.isArray(current) ? options.find((o) => o.value === current[0]) : undefined;
  const text = state.text ?? chosen?.label ?? '';
  const query = fold(state.text ?? '');
  const matches = query ? options.filter((o) => fold(o.label).includes(query)) : options;
  const active = Math.min(state.active, matches.length - 1);
  const other = otherOf(ctx.pack, item.id);
  const error = ctx.errors.get(item.id);

  const update = (change: Partial<State>) => {
    Object.assign(state, change);
    ctx.refresh();
  };
  const choose = (o: {value: string}) => {
    ctx.set(item.id, [o.value]);
    update({text: undefined, open: false, active: -1});
  };
  /** Leaving the field, or Enter with no option active: what was typed becomes the answer. */
  const commit = () => {
    if (state.text === undefined) return update({open: false});
    const typed = state.text.trim();
    const exact = options.find((o) => fold(o.label) === fold(typed));
    if (exact) return choose(exact);
    ctx.set(item.id, undefined);
    if (other && typed) ctx.set(other, typed);
    update({open: false, active: -1});
  };
  const show = (e: Event, index: number) => {
    update({open: true, active: index});
    // The active option in sight, once it is rendered.
    const root = (e.target as Element).getRootNode() as ShadowRoot;
    requestAnimationFrame(() =>
      root.getElementById?.(`${id}-option-${index}`)?.scrollIntoView({block: 'nearest'}),
    );
  };
  const keydown = (e: KeyboardEvent) => {
    adopt(e);
    const last = matches.length - 1;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      show(e, state.open ? Math.min(active + 1, last) : e.altKey ? -1 : 0);
    } else if (e.key === 'ArrowUp' && state.open) {
      e.preventDefault();
      show(e, Math.max(active - 1, 0));
    } else if (e.key === 'Enter' && state.open) {
      // Chooses; the form is not submitted by it.
      e.preventDefault();
      if (active >= 0) choose(matches[active]);
      else commit();
    } else if (e.key === 'Escape') {
      if (state.open) update({open: false, active: -1});
      else {
        ctx.set(item.id, undefined);
        update({text: ''});
      }
    }
  };

  const described = [item.help && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return html`<div class="question" id=${id}>
    <label class="question-text" id="${id}-label" for="${id}-input"
      >${localize(item.text, ctx.lang, ctx.pack.languages)}${
        item.required ? nothing : html` <span class="optional">${ctx.m.optional}</span>`
      }</label
    >
    ${
      item.help
        ? html`<p class="hint" id="${id}-hint">
            ${localize(item.help, ctx.lang, ctx.pack.languages)}
          </p>`
        : nothing
    }
    ${
      error
        ? html`<p class="error-message" id="${id}-error">
            <span class="visually-hidden">${ctx.m.errorPrefix}</span> ${error}
          </p>`
        : nothing
    }
    <input
      id="${id}-input"
      class="input"
      type="text"
      role="combobox"
      aria-autocomplete="list"
      aria-expanded=${state.open ? 'true' : 'false'}
      aria-controls="${id}-list"
      aria-activedescendant=${ifDefined(active >= 0 ? `${id}-option-${active}` : undefined)}
      aria-describedby=${ifDefined(described || undefined)}
      aria-invalid=${ifDefined(error ? 'true' : undefined)}
      autocomplete="off"
      spellcheck="false"
      .value=${live(text)}
      @focus=${adopt}
      @click=${(e: Event) => {
        adopt(e);
        if (!state.open) update({open: true, active: -1});
      }}
      @input=${(e: Event) => {
        adopt(e);
        const value = (e.target as HTMLInputElement).value;
        if (chosen) ctx.set(item.id, undefined);
        update({text: value, open: true, active: -1});
      }}
      @keydown=${keydown}
      @blur=${commit}
    />
    <ul
      class="combo-list"
      id="${id}-list"
      role="listbox"
      aria-labelledby="${id}-label"
      ?hidden=${!state.open || !matches.length}
      @pointerdown=${(e: Event) => e.preventDefault()}
    >
      ${
        state.open
          ? matches.map(
              (o, i) =>
                html`<li
                  class="option ${o === chosen ? 'chosen' : ''}"
                  id="${id}-option-${i}"
                  role="option"
                  aria-selected=${i === active ? 'true' : 'false'}
                  @click=${() => choose(o)}
                >
                  ${o.label}
                </li>`,
            )
          : nothing
      }
    </ul>
    <p class="visually-hidden" role="status">${state.open ? m.matches(matches.length) : ''}</p>
  </div>`;
}

const before = packHooks.item;
packHooks.item = (ctx, item) =>
  item.type === 'choice' && item.autocomplete && !item.multiple
    ? combobox(ctx, item)
    : before?.(ctx, item);
