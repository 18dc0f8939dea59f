import type {Pack} from '../types.js';

/** Packs that ship with the package, by id. Each loads on demand, so the bundle stays small. */
export const builtinPacks: Record<string, () => Promise<Pack>> = {
  'coping-with-error': () => import('./coping-with-error.js').then((m) => m.pack),
};

/** The pack shown when the page names none. */
export const defaultPackId = 'coping-with-error';
