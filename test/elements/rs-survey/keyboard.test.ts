import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import type {RsSurvey} from '../../../src/elements/rs-survey/rs-survey.js';
import type {ResponseBody} from '../../../src/transport/body-json.js';
import {deepActive, freshKey, heading, settle, tab} from './helpers.js';

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
async function completeWithKeyboard(el: RsSurvey): Promise<string[]> {
  const seen: string[] = [];
  for (let step = 0; step < 600; step++) {
    const h = heading(el) ?? '';
    if (seen[seen.length - 1] !== h) seen.push(h);
    if (h === 'Thank you') return seen;
    await tab();
    const a = deepActive();
    if (a instanceof HTMLInputElement && (a.type === 'radio' || a.type === 'checkbox')) {
      if (!groupOf(a).some((i) => i.checked)) await sendKeys({press: ' '});
    } else if (a instanceof HTMLInputElement && a.type === 'text' && a.value === '') {
      const numeric = a.inputMode === 'numeric' || a.inputMode === 'decimal';
      const text = a.maxLength === 1 ? 'M' : numeric ? (a.maxLength === 2 ? '07' : '5') : 'Nurse';
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

describe('rs-survey with the keyboard alone', function () {
  this.timeout(120000);

  for (const timepoint of ['baseline', 'post-workshop', 'post-coaching', 'follow-up']) {
    it(`completes the built-in pack at ${timepoint}`, async () => {
      const el = document.createElement('rs-survey');
      el.timepoint = timepoint;
      el.storageKey = freshKey();
      const ready = oneEvent(el, 'rs-ready');
      const main = await fixture(html`<main><a href="#top">Page content before the survey</a>${el}</main>`);
      await ready;
      await settle(el);
      // Start from the page's own content, as a person tabbing through the page would.
      main.querySelector('a')!.focus();
      let response: ResponseBody | undefined;
      el.addEventListener('rs-submit', (e) => (response = e.detail.response));
      const pages = await completeWithKeyboard(el);
      expect(pages[0]).to.not.equal('Thank you');
      expect(pages).to.include('Check your answers');
      expect(pages.length).to.be.greaterThan(4);
      expect(response, 'the response sent').to.exist;
      expect(response!.timepoint).to.equal(timepoint);
      expect(response!.participant).to.match(/^M-07/);
    });
  }
});
