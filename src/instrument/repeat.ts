/**
 * Repeating items without a DOM: a repeating group's instances, and the several answers of an
 * item with `repeats`, as the items a page asks (`GroupItem` describes the answer keys).
 * Loaded only for a pack that has such items: `installRepeats()` puts `expandItems` in place
 * of `expand.items` (`conditions.ts`), through which pages, drafts and responses see instances.
 */
import type {expand} from './conditions.js';
import type {Answers, Condition, GroupItem, Item, NumberItem, Text, TextItem} from './types.js';

/** One instance of a repeating group or item: its token and its items (ids of the instance). */
export interface Instance {
  readonly token: string;
  readonly items: readonly Item[];
}

/**
 * A repeating group or item as a page shows it: where its tokens are, and its instances. A
 * display item to everything but the page: no question of its own to count, check or review.
 */
export interface Repeat extends Omit<GroupItem, 'type'> {
  readonly type: 'display';
  /** The answer key of the tokens: the group's id, or `.${id}` for a repeating item. */
  readonly key: string;
  /** The item with `repeats`, for a repeating item (one item per instance). */
  readonly single?: NumberItem | TextItem;
  readonly instances: readonly Instance[];
  /** What an instance's item ids start with: `${key}.${token}` + this. */
  readonly prefix: string;
}

/** Whether an item is a repeating group or a repeating item (what this module expands). */
export const repeats = (item: Item): boolean =>
  item.type === 'group' || ('repeats' in item && item.repeats === true);

/** The key of a repeatable item's tokens. */
export const tokensKey = (item: Item): string => (item.type === 'group' ? item.id : `.${item.id}`);

/** The least number of instances shown. */
export const minOf = (item: Item): number =>
  item.type === 'group' ? Math.max(1, item.min ?? 1) : 1;

/** The instances' tokens, in order: stored ones, else those answered, else `1`…`min`. */
export function tokensOf(item: Item, answers: Answers): string[] {
  const key = tokensKey(item);
  // No answers (the keys a pack may have at all): each item's least instances.
  const stored = answers && Object.hasOwn(answers, key) ? answers[key] : undefined;
  if (Array.isArray(stored) && stored.length) return [...(stored as readonly string[])];
  // Answers without the tokens (those a response carries): the instances that have answers.
  const found = new Set<number>();
  for (const k of answers ? Object.keys(answers) : []) {
    const token = k.startsWith(`${item.id}.`) ? k.slice(item.id.length + 1).split('.')[0] : '';
    if (/^\d+$/.test(token)) found.add(Number(token));
  }
  if (found.size) return [...found].sort((a, b) => a - b).map(String);
  return Array.from({length: minOf(item)}, (_, i) => String(i + 1));
}

/** A token for a new instance: one more than the largest. */
export const nextToken = (tokens: readonly string[]): string =>
  String(Math.max(0, ...tokens.map(Number).filter(Number.isFinite)) + 1);

/** A condition with references to the group's items made into references to one instance's. */
function within(cond: Condition, ids: ReadonlySet<string>, prefix: string): Condition {
  if ('all' in cond) return {all: cond.all.map((c) => within(c, ids, prefix))};
  if ('any' in cond) return {any: cond.any.map((c) => within(c, ids, prefix))};
  return ids.has(cond.item) ? {...cond, item: prefix + cond.item} : cond;
}

/** Texts joined in every language either has: `join(group, " 2: ", child)`. */
function join(a: Text, middle: string, b: Text = ''): Text {
  if (typeof a === 'string' && typeof b === 'string') return `${a}${middle}${b}`;
  const langs = new Set([a, b].flatMap((x) => (typeof x === 'string' ? [] : Object.keys(x))));
  const pick = (x: Text, lang: string) =>
    typeof x === 'string' ? x : (x[lang] ?? Object.values(x)[0] ?? '');
  return Object.fromEntries([...langs].map((l) => [l, `${pick(a, l)}${middle}${pick(b, l)}`]));
}

const both = (a: Condition | undefined, b: Condition | undefined): Condition | undefined =>
  a && b ? {all: [a, b]} : (a ?? b);

/** One repeatable item as its holder (the group, with its instances) and the instances' items. */
function expandOne(item: GroupItem | NumberItem | TextItem, answers: Answers): Item[] {
  const key = tokensKey(item);
  const group = item.type === 'group';
  const children: readonly Item[] = group ? item.items : [item];
  const ids = new Set(children.map((c) => c.id));
  const tokens = tokensOf(item, answers);
  const instances = tokens.map((token, n): Instance => {
    const prefix = group ? `${item.id}.${token}.` : `${item.id}.`;
    return {
      token,
      items: children.map((child) => {
        const showIf = both(item.showIf, child.showIf && within(child.showIf, ids, prefix));
        // Named with its instance where it stands alone (the review, the list of errors):
        // "Medication 2: Dose", "Weight (2)". The page shows the item's own text.
        const text = group
          ? join(item.text, ` ${n + 1}: `, child.text)
          : tokens.length > 1
            ? join(child.text, ` (${n + 1})`)
            : child.text;
        const copy = {
          ...child,
          id: group ? prefix + child.id : `${item.id}.${token}`,
          showIf,
          text,
        };
        if (!showIf) delete copy.showIf;
        if (!group) {
          delete (copy as {repeats?: boolean}).repeats;
          // A required repeating item needs one answer: the first; more are the person's choice.
          if (token !== tokens[0]) delete (copy as {required?: boolean}).required;
        }
        return copy as Item;
      }),
    };
  });
  const holder: Repeat = {
    ...(group ? item : {id: key, text: item.text, items: [], showIf: item.showIf}),
    type: 'display',
    ...(group ? {} : {single: item}),
    key,
    instances,
    prefix: `${item.id}.`,
  } as Repeat;
  if (!holder.showIf) delete (holder as {showIf?: Condition}).showIf;
  return [holder, ...instances.flatMap((i) => i.items)];
}

/** `expand.items` for packs with repeating items: each such item, its holder then its instances. */
export function expandItems(items: readonly Item[], answers: Answers): readonly Item[] {
  if (!items.some(repeats)) return items;
  return items.flatMap((item) =>
    repeats(item) ? expandOne(item as GroupItem | NumberItem | TextItem, answers) : [item],
  );
}

/** Whether an item is a holder this module made (a group with its instances). */
export const isRepeat = (item: Item): item is Repeat => 'instances' in item;

/**
 * Makes pages, drafts and responses see the instances of repeating items. `hook` is
 * `conditions.ts`'s `expand`, handed in by the caller: a chunk that imported it itself would
 * have the bundler split `conditions.ts` out of the main bundle.
 */
export function installRepeats(hook: typeof expand): void {
  hook.items = expandItems;
}
