import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {en, type Messages} from './en.js';

export type {Messages};

/** Languages with a complete interface catalogue. English is built in; others load on demand. */
export const languages = ['en', 'cy'] as const;
export type Language = (typeof languages)[number];

const loaders: Record<Exclude<Language, 'en'>, () => Promise<Messages>> = {
  cy: () => import('./cy.js').then((m) => m.cy),
};
const loaded = new Map<string, Messages>([['en', en]]);

/** The supported interface language nearest to a BCP 47 tag (`cy-GB` → `cy`), else `en`. */
export function interfaceLanguage(tag: string | null | undefined): Language {
  const base = (tag ?? '').toLowerCase().split('-')[0];
  return (languages as readonly string[]).includes(base) ? (base as Language) : 'en';
}

/** The catalogue for a language if it has loaded (English always has). */
export function messagesFor(tag: string | null | undefined): Messages {
  return loaded.get(interfaceLanguage(tag)) ?? en;
}

/** Loads a language's catalogue; falls back to English if it cannot load. */
export async function loadMessages(tag: string | null | undefined): Promise<Messages> {
  const lang = interfaceLanguage(tag);
  const have = loaded.get(lang);
  if (have) return have;
  try {
    const messages = await loaders[lang as Exclude<Language, 'en'>]();
    loaded.set(lang, messages);
    return messages;
  } catch {
    return en;
  }
}

/** The `lang` in force for an element: its own, else the nearest up the tree, across shadow roots. */
export function langOf(el: Element): string {
  for (
    let node: Node | null = el;
    node;
    node = node instanceof ShadowRoot ? node.host : node.parentNode
  ) {
    const lang = node instanceof Element && node.getAttribute('lang');
    if (lang) return lang;
  }
  return document.documentElement.lang || 'en';
}

/**
 * Gives an element the catalogue of its language: `this.i18n.m.next`. The element sets
 * `lang` itself or inherits it; the controller loads a non-English catalogue once and
 * updates the host when it arrives.
 */
export class LocaleController implements ReactiveController {
  m: Messages = en;
  lang = 'en';

  readonly #host: ReactiveControllerHost & HTMLElement;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.refresh();
  }

  hostUpdate(): void {
    this.refresh();
  }

  /** Re-reads `lang`; call after the host's `lang` changes (hostUpdate does so). */
  refresh(): void {
    const lang = langOf(this.#host);
    const m = messagesFor(lang);
    if (lang === this.lang && m === this.m) return;
    this.lang = lang;
    this.m = m;
    // A catalogue already loaded comes back as `m`: nothing changes.
    void loadMessages(lang).then((loaded) => {
      if (this.lang === lang && loaded !== this.m) {
        this.m = loaded;
        this.#host.requestUpdate();
      }
    });
  }
}
