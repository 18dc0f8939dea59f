import {fixture, html, oneEvent} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import '../../src/define.js';
import type {RsSurvey} from '../../src/elements/rs-survey/rs-survey.js';
import type {ReadyDetail, SurveyErrorDetail} from '../../src/events.js';
import type {Pack} from '../../src/instrument/types.js';
import {newDraft, storageKey} from '../../src/store/store.js';

/** The element that has focus, looking through shadow roots. */
export function deepActive(): Element | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

export const $ = <T extends Element = HTMLElement>(el: RsSurvey, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);

export const $$ = <T extends Element = HTMLElement>(el: RsSurvey, selector: string) => [
  ...el.shadowRoot!.querySelectorAll<T>(selector),
];

export const heading = (el: RsSurvey) => $(el, 'h2')?.textContent?.trim();

/** Clicks the button whose text is `text`, else the first whose text starts with it. */
export async function clickButton(el: RsSurvey, text: string) {
  const buttons = $$<HTMLButtonElement>(el, 'button');
  const label = (b: HTMLButtonElement) => b.textContent!.trim();
  const button =
    buttons.find((b) => label(b) === text) ?? buttons.find((b) => label(b).startsWith(text));
  if (!button) throw new Error(`no button "${text}" on "${heading(el)}"`);
  button.click();
  await el.updateComplete;
}

/** A storage key of its own, so no test restores another test's draft. */
export const freshKey = () => `test-${Math.random().toString(36).slice(2)}`;

/** A survey of `pack`, configured as given, not yet in the page. */
export function newSurvey(
  pack: Pack,
  attrs: {timepoint?: string; lang?: string; storageKey?: string} = {},
): RsSurvey {
  const el = document.createElement('rs-survey');
  el.storageKey = attrs.storageKey ?? freshKey();
  if (attrs.timepoint) el.timepoint = attrs.timepoint;
  if (attrs.lang) el.lang = attrs.lang;
  el.instrument = pack;
  return el;
}

/** Puts `el` into `parent` (else a fresh fixture) and waits for rs-ready; gives its detail. */
export async function mount(el: RsSurvey, parent?: Element) {
  const ready = oneEvent(el, 'rs-ready');
  if (parent) parent.append(el);
  else await fixture(html`<div>${el}</div>`);
  const {detail} = await ready;
  await el.updateComplete;
  return detail;
}

export async function surveyWith(
  pack: Pack,
  attrs: {timepoint?: string; lang?: string; storageKey?: string} = {},
) {
  const el = newSurvey(pack, attrs);
  await mount(el);
  return el;
}

export async function tab(shift = false) {
  await sendKeys({press: shift ? 'Shift+Tab' : 'Tab'});
}

/** Waits for the next Lit update and a frame. */
export async function settle(el: RsSurvey) {
  await el.updateComplete;
  await new Promise((r) => requestAnimationFrame(r));
  await el.updateComplete;
}

/** The radios or check boxes of the group the focused one belongs to. */
function groupOf(input: HTMLInputElement): HTMLInputElement[] {
  const root = input.getRootNode() as ShadowRoot | Document;
  return [...root.querySelectorAll<HTMLInputElement>(`input[name="${CSS.escape(input.name)}"]`)];
}

/**
 * Answers every page of the survey with the keyboard alone: Tab to each control, Space to
 * pick the first option of a group, typing into empty fields, Enter on the page's main
 * button. Returns the headings of the pages it passed through.
 */
export async function completeWithKeyboard(el: RsSurvey): Promise<string[]> {
  const seen: string[] = [];
  let outside = false;
  for (let step = 0; step < 600; step++) {
    const h = heading(el) ?? '';
    if (seen[seen.length - 1] !== h) seen.push(h);
    if (h === 'Thank you') return seen;
    await tab();
    const a = deepActive();
    if (!a || a === document.body) {
      outside = true;
      continue;
    }
    if (outside) {
      // Firefox tabs out to its own window chrome past the last control and comes back in
      // at the end of the page; start again from the page's heading, as the page does.
      outside = false;
      el.shadowRoot!.querySelector<HTMLElement>('h2')?.focus();
      continue;
    }
    if (a instanceof HTMLInputElement && (a.type === 'radio' || a.type === 'checkbox')) {
      if (!groupOf(a).some((i) => i.checked)) await sendKeys({press: ' '});
    } else if (a instanceof HTMLInputElement && a.type === 'text' && a.value === '') {
      const numeric = a.inputMode === 'numeric' || a.inputMode === 'decimal';
      // A date question's hint gives an example ("for example 2026/11/27"): typed as shown.
      const hint = (a.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .map((id) => (a.getRootNode() as ShadowRoot).getElementById?.(id)?.textContent ?? '')
        .join(' ');
      const example = /for example (\d[\d/.:-]*\d)/.exec(hint)?.[1];
      const text =
        a.maxLength === 1 ? 'M' : numeric ? (a.maxLength === 2 ? '07' : '5') : (example ?? 'Nurse');
      await sendKeys({type: text});
    } else if (a instanceof HTMLTextAreaElement && a.value === '') {
      await sendKeys({type: 'Written with the keyboard.'});
    } else if (a instanceof HTMLButtonElement) {
      const label = a.textContent!.trim();
      if (['Start', 'I agree', 'Next', 'Submit', 'Next step'].includes(label)) {
        await sendKeys({press: 'Enter'});
        await settle(el);
      }
    }
  }
  throw new Error(`stuck on "${heading(el)}" after ${seen.join(' → ')}`);
}

/**
 * What `action` saves as a file (a Blob behind a clicked link), without downloading it: the
 * file name and the Blob. Waits up to 2 s for a save that follows an asynchronous step.
 */
export async function captureDownload(
  action: () => Promise<unknown>,
): Promise<{name: string; blob: Blob}> {
  const create = URL.createObjectURL;
  const click = HTMLAnchorElement.prototype.click;
  let blob: Blob | undefined;
  let name = '';
  URL.createObjectURL = (b: Blob | MediaSource) => ((blob = b as Blob), 'blob:test');
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    name = this.download;
  };
  try {
    await action();
    for (let i = 0; i < 200 && !name; i++) await new Promise((r) => setTimeout(r, 10));
  } finally {
    URL.createObjectURL = create;
    HTMLAnchorElement.prototype.click = click;
  }
  if (!name || !blob) throw new Error('nothing was saved');
  return {name, blob};
}

/**
 * A survey of `pack` that opens on `page` (`section:<id>`, `review`): as after a reload there,
 * from a draft stored on that page. Tests reach a page the way a person does, not through the
 * element's internals.
 */
export async function surveyAt(
  pack: Pack,
  page: string,
  attrs: {timepoint?: string; lang?: string; storageKey?: string} = {},
) {
  const el = newSurvey(pack, attrs);
  const timepoint = attrs.timepoint ?? pack.timepoints[0].id;
  const {store} = await RsSurveyClass().openStore();
  const at = new Date().toISOString();
  await store.putDraft({
    ...newDraft(
      {
        key: storageKey(pack.id, timepoint, null, el.storageKey),
        packId: pack.id,
        packVersion: pack.version,
        timepoint,
        participant: null,
      },
      crypto.randomUUID(),
    ),
    page,
    updatedAt: at,
  });
  await mount(el);
  return el;
}

const RsSurveyClass = () => customElements.get('rs-survey') as typeof RsSurvey;

/** A survey on the page, with every rs-* event it fired. */
export interface Mounted {
  el: RsSurvey;
  ready: ReadyDetail;
  /** Every rs-* event but rs-draft-saved, in order. */
  events: {type: string; detail: unknown}[];
  errors: SurveyErrorDetail[];
}

export interface MountOptions {
  timepoint?: string;
  lang?: string;
  /** The storage key (a fresh one when absent): the same key is what a reload looks like. */
  key?: string;
  /** The `endpoint` attribute; none: local mode. */
  endpoint?: string | null;
  format?: RsSurvey['format'];
  draftDays?: number;
  fetch?: typeof fetch;
  /** More attributes of the element (`terminology`, say). */
  attributes?: Record<string, string>;
}

/** Puts a new `<rs-survey>` of `pack` on the page and waits until it is ready. */
export async function mountSurvey(pack: Pack, o: MountOptions = {}): Promise<Mounted> {
  const el = newSurvey(pack, {timepoint: o.timepoint, lang: o.lang, storageKey: o.key});
  if (o.endpoint != null) el.setAttribute('endpoint', o.endpoint);
  if (o.format) el.format = o.format;
  if (o.draftDays !== undefined) el.setAttribute('draft-days', String(o.draftDays));
  if (o.fetch) el.fetch = o.fetch;
  for (const [name, value] of Object.entries(o.attributes ?? {})) el.setAttribute(name, value);
  const mounted = {el, events: [], errors: []} as unknown as Mounted;
  for (const type of ['rs-ready', 'rs-submit', 'rs-queued', 'rs-submitted', 'rs-error'] as const) {
    el.addEventListener(type, ({detail}) => {
      mounted.events.push({type, detail});
      if (type === 'rs-error') mounted.errors.push(detail as SurveyErrorDetail);
    });
  }
  mounted.ready = await mount(el);
  await settle(el);
  return mounted;
}

/**
 * The page goes and comes back: a new element with the same pack, storage key and settings.
 * Leaving writes what waits (pagehide); IndexedDB runs that write before the next read.
 */
export function reloadSurvey(
  old: Mounted,
  pack = old.el.instrument as Pack,
  o: MountOptions = {},
): Promise<Mounted> {
  const {el} = old;
  el.parentElement!.remove();
  return mountSurvey(pack, {
    timepoint: el.timepoint,
    lang: el.getAttribute('lang') ?? undefined,
    key: el.storageKey,
    endpoint: el.getAttribute('endpoint'),
    format: el.format,
    fetch: el.fetch,
    ...o,
  });
}
