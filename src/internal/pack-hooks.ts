import type {TemplateResult} from 'lit';
import type {Messages} from '../i18n/en.js';
import type {Answer, Answers, Item, Pack} from '../instrument/types.js';

/** What a hook may read and do: the survey's question context (`QuestionContext`), in part. */
export interface HookContext {
  readonly pack: Pack;
  readonly answers: Answers;
  /** Error messages by answer key (`item.id`, or `item.id.part` for a part). */
  readonly errors: ReadonlyMap<string, string>;
  readonly lang: string;
  readonly m: Messages;
  /** Stores an answer; `undefined` removes it. */
  set(key: string, value: Answer | undefined): void;
  /** Renders again (code that loads on first use has arrived). */
  refresh(): void;
}

/**
 * Where the code for what only some packs have puts itself when it loads (lazy chunks): the
 * survey's loader (`load-survey.ts`) fetches it with a pack that needs it, before the pack is
 * shown. Until then, and for
 * every other pack, items show as plain text and radios.
 */
export const packHooks: {
  /**
   * A question's label where the pack says how: its rich text, or the label of a part of a
   * question (`rs-survey/rich-text.ts`).
   */
  text?: (m: Messages, item: Item) => TemplateResult | string | undefined;
  /**
   * A whole item shown another way: a display item's rich text (`rs-survey/rich-text.ts`), a
   * choice typed to filter (`rs-survey/combobox.ts`). Each chunk keeps the one before it.
   */
  item?: (ctx: HookContext, item: Item) => TemplateResult | undefined;
} = {};
