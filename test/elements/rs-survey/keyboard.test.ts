import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import type {ResponseBody} from '../../../src/transport/body-json.js';
import {completeWithKeyboard, freshKey, settle} from '../../support/survey.js';

describe('rs-survey with the keyboard alone', function () {
  this.timeout(120000);

  for (const timepoint of ['baseline', 'post-workshop', 'post-coaching', 'follow-up']) {
    it(`completes the built-in pack at ${timepoint}`, async () => {
      const el = document.createElement('rs-survey');
      el.timepoint = timepoint;
      el.storageKey = freshKey();
      const ready = oneEvent(el, 'rs-ready');
      const main = await fixture(
        html`<main><a href="#top">Page content before the survey</a>${el}</main>`,
      );
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
