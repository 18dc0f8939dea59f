import type {RichNode} from '../instrument/types.js';

/**
 * Where rich text's renderer (`rich-text.ts`, a lazy chunk) puts itself when it loads: the
 * checker loads it with a pack that has rich text, before the pack is shown. Until then, and
 * for every other pack, questions show their plain text.
 */
export const richHook: {render?: (nodes: readonly RichNode[], inline: boolean) => unknown} = {};
