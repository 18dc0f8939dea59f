import type {Pack} from '../types.js';

interface Builtin {
  /** The pack with its English text. */
  english(): Promise<Pack>;
  /** By language: what adds that language's text to the pack. */
  languages: Record<string, () => Promise<(pack: Pack) => Pack>>;
}

// Each part loads on demand, so the bundle stays small and a page downloads one language.
const builtins: Record<string, Builtin> = {
  'coping-with-error': {
    english: () => import('./coping-with-error.en.js').then((m) => m.pack),
    languages: {cy: () => import('./coping-with-error.cy.js').then((m) => m.add)},
  },
};

/**
 * A built-in pack with its English text and the text of those of `langs` it has (`cy-GB`
 * counts as `cy`), or undefined for an id that is not built in.
 */
export async function loadBuiltin(id: string, langs: readonly string[]): Promise<Pack | undefined> {
  const builtin = Object.hasOwn(builtins, id) ? builtins[id] : undefined;
  if (!builtin) return undefined;
  const adds = langs
    .map((lang) => builtin.languages[lang.split('-')[0].toLowerCase()])
    .filter(Boolean)
    .map((load) => load());
  const [english, ...more] = await Promise.all([builtin.english(), ...adds]);
  return more.reduce((pack, add) => add(pack), english);
}

/** Packs that ship with the package, by id, in every language they have. */
export const builtinPacks: Record<string, () => Promise<Pack>> = Object.fromEntries(
  Object.entries(builtins).map(([id, b]) => [
    id,
    async () => (await loadBuiltin(id, Object.keys(b.languages)))!,
  ]),
);

/** The pack shown when the page names none. */
export const defaultPackId = 'coping-with-error';
