/**
 * A built-in pack ships as its English text, with each other language in a module of its own
 * that a page loads only when it shows that language. Each text of the pack is named by a path
 * in which list entries go by their `id` (or `value`), not their place, so a translation stays
 * with its text when items are reordered: `sections[about].items[role].options[nurse].label`.
 */
import type {Pack} from '../types.js';

/** The texts of one language, by path. */
export type Strings = Readonly<Record<string, string>>;

type Text = Record<string, string>;

const entry = (v: unknown, i: number) => {
  const o = v as {id?: unknown; value?: unknown} | null;
  const name = o?.id ?? o?.value;
  return typeof name === 'string' || typeof name === 'number' ? String(name) : String(i);
};

/** Calls `visit` with every text in `value` (an object of strings by language, English among them). */
export function eachText(value: unknown, visit: (path: string, text: Text) => void, path = '') {
  if (Array.isArray(value)) {
    value.forEach((v, i) => eachText(v, visit, `${path}[${entry(v, i)}]`));
  } else if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    if (typeof o.en === 'string') visit(path, o as Text);
    else for (const [k, v] of Object.entries(o)) eachText(v, visit, path ? `${path}.${k}` : k);
  }
}

/** A copy of `pack` with `lang` added to each of its texts that `strings` has. */
export function withLanguage(pack: Pack, lang: string, strings: Strings): Pack {
  const copy = structuredClone(pack);
  eachText(copy, (path, text) => {
    if (strings[path] !== undefined) text[lang] = strings[path];
  });
  return copy;
}

/** A pack in several languages as its English and, by language, the other texts by path. */
export function splitLanguages(pack: Pack): {english: Pack; languages: Record<string, Text>} {
  // Through JSON, not structuredClone: a text used twice in the source becomes two texts.
  const english = JSON.parse(JSON.stringify(pack)) as Pack;
  const languages: Record<string, Text> = {};
  eachText(english, (path, text) => {
    for (const lang of Object.keys(text)) {
      if (lang === 'en') continue;
      const strings = (languages[lang] ??= {});
      if (path in strings) throw new Error(`two texts at ${path}: give the list entries ids`);
      strings[path] = text[lang];
      delete text[lang];
    }
  });
  return {english, languages};
}
