/**
 * Repeating groups and repeating answers on the page: each instance a labelled group
 * ("Medication 2 of 3") with its own questions and a Remove button, an "Add another …" button,
 * Undo after a removal, and a polite announcement of each change. Focus goes to the new
 * instance's first field on Add, to Undo on Remove, back into the instance on Undo.
 *
 * A lazy chunk: the pack checker (`parse.ts`) loads it only for a pack with repeating items.
 * `install()` puts the instances in place (`instrument/repeat.ts`) and takes over the drawing
 * of a page's items (`questionList`), drawing every other item as before.
 */
import {css, html, nothing, type CSSResult} from 'lit';
import {
  installRepeats,
  isRepeat,
  nextToken,
  type Instance,
  type Repeat,
} from '../../instrument/repeat.js';
import type {Answer, Item} from '../../instrument/types.js';
import type {questionList} from './pages/section.js';
import {localize} from '../../instrument/text.js';
import type {Text} from '../../instrument/types.js';
import type {QuestionContext} from './questions.js';
import {fieldId} from './field-id.js';

type List = typeof questionList;

// As `questions.ts` has it: this chunk imports nothing of it (the bundler would split
// `conditions.ts` out of the main bundle into a chunk of its own, one more request).
const t = (ctx: QuestionContext, text: Text | undefined) =>
  localize(text, ctx.lang, ctx.pack.languages);
/** The page's drawing of items, whose ordinary items this module's own drawing draws with. */
let list: List;
const plain: List['plain'] = (ctx, items) => list.plain(ctx, items);

interface Words {
  add(name: string): string;
  addAnswer: string;
  nOf(name: string, n: number, of: number): string;
  answerOf(n: number, of: number): string;
  remove: string;
  undo: string;
  added(what: string): string;
  removed(what: string): string;
  restored(what: string): string;
}

const WORDS: {[lang: string]: Words} = {
  en: {
    add: (name) => `Add another ${name}`,
    addAnswer: 'Add another answer',
    nOf: (name, n, of) => `${name} ${n} of ${of}`,
    answerOf: (n, of) => `answer ${n} of ${of}`,
    remove: 'Remove',
    undo: 'Undo',
    added: (what) => `${what} added.`,
    removed: (what) => `${what} removed.`,
    restored: (what) => `${what} restored.`,
  },
  cy: {
    add: (name) => `Ychwanegu ${name} arall`,
    addAnswer: 'Ychwanegu ateb arall',
    nOf: (name, n, of) => `${name} ${n} o ${of}`,
    answerOf: (n, of) => `ateb ${n} o ${of}`,
    remove: 'Tynnu',
    undo: 'Dadwneud',
    added: (what) => `${what} wedi'i ychwanegu.`,
    removed: (what) => `${what} wedi'i dynnu.`,
    restored: (what) => `${what} wedi'i adfer.`,
  },
};

const words = (lang: string): Words => WORDS[lang.split('-')[0].toLowerCase()] ?? WORDS.en;

const styles: CSSResult = css`
  .repeat {
    display: grid;
    gap: var(--_space);
    min-width: 0;
  }
  .instance {
    display: grid;
    gap: calc(var(--_space) / 2);
    min-width: 0;
    border-inline-start: 4px solid var(--_border);
    padding-inline-start: calc(var(--_space) * 0.75);
  }
  .instance-label {
    font-weight: 700;
    font-size: 1.05em;
    margin: 0;
  }
  .instance > .questions {
    margin: 0;
  }
  .repeat-answer {
    display: grid;
    gap: 0.25em;
    justify-items: start;
    min-width: 0;
  }
  .repeat-answer > .question {
    justify-self: stretch;
  }
  .repeat .button {
    justify-self: start;
    max-width: 100%;
    overflow-wrap: anywhere;
  }
  .removed {
    margin: 0;
  }
`;

/**
 * Adds the styles above to the survey's shadow root, once, as a constructed sheet (allowed by
 * a strict `style-src`): an empty element in the template does it as it connects, since a Lit
 * directive would need more of Lit's internals than the main bundle hands out.
 */
const STYLES_TAG = 'rs-repeat-styles';

/**
 * Not an element for pages: the empty element that adopts this chunk's styles.
 * @internal
 */
class RepeatStyles extends HTMLElement {
  connectedCallback() {
    const root = this.getRootNode();
    const sheet = styles.styleSheet;
    if (!(root instanceof ShadowRoot) || !sheet) return;
    if (!root.adoptedStyleSheets.includes(sheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
  }
}

function defineStyles(): void {
  if (!customElements.get(STYLES_TAG)) customElements.define(STYLES_TAG, RepeatStyles);
}

/** What a person removed, until Undo or the next removal in that place; and what was said. */
const removed = new Map<string, {token: string; answers: [string, Answer][]; label: string}>();
const said = new Map<string, string>();

/** After the element has drawn the change: focus on what `find` finds in its root. */
function focusAfter(e: Event, find: (root: DocumentOrShadowRoot & ParentNode) => Element | null) {
  const root = (e.currentTarget as Element).getRootNode() as ShadowRoot;
  const host = root.host as (Element & {updateComplete?: Promise<unknown>}) | undefined;
  void (host?.updateComplete ?? Promise.resolve()).then(() =>
    (find(root) as HTMLElement | null)?.focus(),
  );
}

/** The id of an instance's container: never a field's (those start `q-`). */
const instanceId = (r: Repeat, token: string) => `rep-${r.key.replace(/\./g, '--')}-${token}`;

const firstField = (root: ParentNode, r: Repeat, token: string) =>
  root
    .querySelector(`#${instanceId(r, token)}`)
    ?.querySelector('input, textarea, select, button') ?? null;

/** The answer keys of one instance in these answers. */
function keysOf(ctx: QuestionContext, r: Repeat, token: string): string[] {
  const own = r.single ? `${r.single.id}.${token}` : `${r.key}.${token}.`;
  return Object.keys(ctx.answers).filter((k) => (r.single ? k === own : k.startsWith(own)));
}

function view(ctx: QuestionContext, r: Repeat, shown: ReadonlySet<Item>) {
  const w = words(ctx.lang);
  const name = t(ctx, r.text);
  const id = fieldId(r.key);
  const memo = `${ctx.pack.id}|${r.key}`;
  const tokens = r.instances.map((i) => i.token);
  const of = tokens.length;
  const canRemove = of > (r.single ? 1 : Math.max(1, r.min ?? 1));
  const canAdd = of < (r.max ?? Infinity);
  const label = (n: number) => (r.single ? w.answerOf(n, of) : w.nOf(name, n, of));
  const undo = removed.get(memo);

  const add = (e: Event) => {
    const token = nextToken(tokens);
    ctx.set(r.key, [...tokens, token]);
    for (const child of r.single ? [r.single] : r.items) {
      const key = r.single ? `${child.id}.${token}` : `${r.key}.${token}.${child.id}`;
      if ('initial' in child && child.initial !== undefined) ctx.set(key, child.initial);
    }
    removed.delete(memo);
    said.set(memo, w.added(r.single ? w.answerOf(of + 1, of + 1) : w.nOf(name, of + 1, of + 1)));
    focusAfter(e, (root) => firstField(root, r, token));
  };
  const remove = (e: Event, inst: Instance, n: number) => {
    const keys = keysOf(ctx, r, inst.token);
    const what = label(n);
    removed.set(memo, {
      token: inst.token,
      answers: keys.flatMap((k) => {
        const v = ctx.get(k);
        return v === undefined ? [] : [[k, v] as [string, Answer]];
      }),
      label: what,
    });
    for (const k of keys) ctx.set(k, undefined);
    ctx.set(
      r.key,
      tokens.filter((x) => x !== inst.token),
    );
    said.set(memo, w.removed(what));
    focusAfter(e, (root) => root.querySelector(`#${id}-undo`));
  };
  const restore = (e: Event) => {
    if (!undo) return;
    const back = [...tokens, undo.token].sort((a, b) => Number(a) - Number(b));
    ctx.set(r.key, back);
    for (const [k, v] of undo.answers) ctx.set(k, v);
    removed.delete(memo);
    said.set(memo, w.restored(undo.label));
    focusAfter(e, (root) => firstField(root, r, undo.token));
  };

  const instance = (inst: Instance, i: number) => {
    const iid = instanceId(r, inst.token);
    // On the page, each item's own text: the instance's label says which one it is.
    const own = new Map(inst.items.map((x, j) => [x, (r.single ? [r.single] : r.items)[j]]));
    const items = inst.items
      .filter((x) => shown.has(x))
      .map((x) => ({...x, text: own.get(x)?.text ?? ''}) as Item);
    const removeButton = canRemove
      ? html`<button
          type="button"
          class=${r.single ? 'link' : 'button'}
          part="button"
          @click=${(e: Event) => remove(e, inst, i + 1)}
        >
          ${w.remove}<span class="visually-hidden"> ${label(i + 1)}</span>
        </button>`
      : nothing;
    if (r.single) {
      // One field per answer: the question's own label, "(answer 2 of 3)" once there are several.
      const labelled = items.map((x) =>
        of > 1 && 'text' in x ? {...x, text: `${t(ctx, x.text)} (${label(i + 1)})`} : x,
      );
      return html`<div class="repeat-answer" id=${iid}>
        ${plain(ctx, labelled as Item[])} ${removeButton}
      </div>`;
    }
    return html`<div class="instance" role="group" aria-labelledby="${iid}-label" id=${iid}>
      <p class="instance-label" id="${iid}-label">${label(i + 1)}</p>
      <div class="questions">${plain(ctx, items)}</div>
      ${removeButton}
    </div>`;
  };

  return html`<div
    class="repeat"
    id=${id}
    role=${r.single ? nothing : 'group'}
    aria-labelledby=${r.single ? nothing : `${id}-title`}
  >
    <rs-repeat-styles hidden></rs-repeat-styles>
    ${
      r.single
        ? nothing
        : html`<div>
            <p class="question-text" id="${id}-title">${name}</p>
            ${r.help ? html`<p class="hint">${t(ctx, r.help)}</p>` : nothing}
          </div>`
    }
    ${r.instances.map(instance)}
    ${
      undo
        ? html`<p class="removed">
            ${w.removed(undo.label)}
            <button type="button" class="link" id="${id}-undo" @click=${restore}>
              ${w.undo}<span class="visually-hidden"> ${undo.label}</span>
            </button>
          </p>`
        : nothing
    }
    ${
      canAdd
        ? html`<button type="button" class="button" part="button" @click=${add}>
            ${r.single ? w.addAnswer : w.add(name)}
          </button>`
        : nothing
    }
    <p class="visually-hidden" role="status">${said.get(memo) ?? ''}</p>
  </div>`;
}

/** A page's items: runs of ordinary items as before, each repeating item with its instances. */
function render(ctx: QuestionContext, items: readonly Item[]): unknown {
  const repeats = items.filter(isRepeat);
  if (!repeats.length) return plain(ctx, items);
  const inside = new Set(repeats.flatMap((r) => r.instances.flatMap((i) => i.items)));
  const shown = new Set(items);
  const out: unknown[] = [];
  let run: Item[] = [];
  for (const item of items) {
    if (inside.has(item)) continue;
    if (!isRepeat(item)) {
      run.push(item);
      continue;
    }
    out.push(plain(ctx, run), view(ctx, item, shown));
    run = [];
  }
  out.push(plain(ctx, run));
  return out;
}

/**
 * Puts repeating items in place: their instances (`expand` of `conditions.ts`), and their
 * drawing on the page (`questionList` of the section page). Both come from the caller.
 */
export function install(expand: Parameters<typeof installRepeats>[0], to: List): void {
  list = to;
  installRepeats(expand);
  defineStyles();
  to.render = render;
}
