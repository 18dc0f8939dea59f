import {fixture, html, oneEvent} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import '../../../src/define.js';
import type {RsSurvey} from '../../../src/elements/rs-survey/rs-survey.js';
import type {Pack} from '../../../src/instrument/types.js';

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

/** Clicks the button whose text starts with `text`. */
export async function clickButton(el: RsSurvey, text: string) {
  const button = $$<HTMLButtonElement>(el, 'button').find((b) =>
    b.textContent!.trim().startsWith(text),
  );
  if (!button) throw new Error(`no button "${text}" on "${heading(el)}"`);
  button.click();
  await el.updateComplete;
}

/** A survey with a pack object, waited for until it is ready. */
/** A storage key of its own, so no test restores another test's draft. */
export const freshKey = () => `test-${Math.random().toString(36).slice(2)}`;

export async function surveyWith(
  pack: Pack,
  attrs: {timepoint?: string; lang?: string; storageKey?: string} = {},
) {
  const el = document.createElement('rs-survey');
  el.storageKey = attrs.storageKey ?? freshKey();
  if (attrs.timepoint) el.timepoint = attrs.timepoint;
  if (attrs.lang) el.lang = attrs.lang;
  el.instrument = pack;
  const ready = oneEvent(el, 'rs-ready');
  await fixture(html`<div>${el}</div>`);
  await ready;
  await el.updateComplete;
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
