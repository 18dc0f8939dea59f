import type {PackProblem, Text} from './types.js';

/**
 * The string of a `Text` for a language: the exact tag, then its base language
 * (`cy-GB` → `cy`), then each fallback in order (the pack's `languages`), then `en`, then
 * whatever the text has first. A missing text is `''`.
 */
export function localize(
  text: Text | undefined,
  lang: string,
  fallbacks: readonly string[] = [],
): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  const keys = Object.keys(text);
  // Tags are case-insensitive (`en-GB` = `en-gb`); the pack's own spelling is kept as the key.
  const find = (tag: string): string | undefined => {
    const wanted = tag.toLowerCase();
    const key = keys.find((k) => k.toLowerCase() === wanted);
    return key === undefined ? undefined : text[key];
  };
  const base = lang.split('-')[0];
  for (const tag of [lang, base, ...fallbacks, 'en']) {
    if (!tag) continue;
    const found = find(tag);
    if (typeof found === 'string') return found;
  }
  const first = keys.length ? text[keys[0]] : undefined;
  return typeof first === 'string' ? first : '';
}

/** `sections[2].items[0].scale: unknown scale "agree7"`. */
export function formatProblem(p: PackProblem): string {
  return `${p.path || '(pack)'}: ${p.message}`;
}
