import type {TemplateResult} from 'lit';
import type {Messages} from '../i18n/en.js';
import type {Item} from '../instrument/types.js';

/**
 * Where the code that shows a pack's own kinds of text (`rich-text.ts`, a lazy chunk) puts
 * itself when it loads: the checker loads it with a pack that has rich text or parts of
 * questions (`role`), before the pack is shown. Until then, and for every other pack, items
 * show their plain text.
 */
export const richHook: {
  /**
   * An item's text where the pack says how: its rich text, or the label of a part of a
   * question. Inline (a label) without `id`; a display item's block with that id.
   */
  text?: (m: Messages, item: Item, id?: string) => TemplateResult | string | undefined;
} = {};
