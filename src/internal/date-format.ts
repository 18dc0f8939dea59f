import {whenIdle} from './clock.js';

/**
 * Dates as a person's language writes them: `time` for the saved line (it renders on every
 * keystroke, so each format is made once per language), `moment` for the restore notice.
 * The first date format a page makes costs 15-25 ms (the browser loads its locale data), so
 * the saved line's is made when the page is idle, not while the first questions render:
 * until then `format` gives undefined, and `ready` is called once it can.
 */
export class DateFormats {
  readonly #formats = new Map<string, Intl.DateTimeFormat | null>();
  readonly #ready: () => void;

  constructor(ready: () => void) {
    this.#ready = ready;
  }

  format(iso: string, lang: string, style: 'time' | 'moment'): string | undefined {
    const key = lang + style;
    const format =
      this.#formats.get(key) ?? (style === 'moment' ? this.#make(lang, style) : undefined);
    if (format) return format.format(new Date(iso));
    if (!this.#formats.has(key)) {
      this.#formats.set(key, null);
      whenIdle(() => {
        this.#make(lang, style);
        this.#ready();
      });
    }
    return undefined;
  }

  #make(lang: string, style: 'time' | 'moment') {
    const options: Intl.DateTimeFormatOptions = {timeStyle: 'short'};
    if (style === 'moment') options.dateStyle = 'medium';
    let format;
    try {
      format = new Intl.DateTimeFormat(lang, options);
    } catch {
      // A page's `lang` that is no valid language tag.
      format = new Intl.DateTimeFormat('en', options);
    }
    this.#formats.set(lang + style, format);
    return format;
  }
}
