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
  if (typeof text !== 'object') return text ?? '';
  const keys = Object.keys(text);
  // Tags are case-insensitive (`en-GB` = `en-gb`); the pack's own spelling is kept as the key.
  for (const tag of [lang, lang.split('-')[0], ...fallbacks, 'en', keys[0]]) {
    const key = tag ? keys.find((k) => k.toLowerCase() === tag.toLowerCase()) : undefined;
    if (key !== undefined && typeof text[key] === 'string') return text[key];
  }
  return '';
}

/** `sections[2].items[0].scale: unknown scale "agree7"`. */
export function formatProblem(p: PackProblem): string {
  return `${p.path || '(pack)'}: ${p.message}`;
}
