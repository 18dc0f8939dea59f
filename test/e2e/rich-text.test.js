// Rich text (a FHIR Questionnaire's rendering-xhtml), the unit of a quantity, a list typed to
// filter (combobox) and an open choice, in the built ES module on a page served under the demo site's strict policy
// (`require-trusted-types-for 'script'`, no inline style or script): built as elements, no
// policy violation, accessible; screenshots at 375 and 1280 px.
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {AxeBuilder} from '@axe-core/playwright';
import {browserAndSite, screenshot} from './harness.js';

const SD = 'http://hl7.org/fhir/StructureDefinition/';
const xhtml = (valueString) => ({extension: [{url: `${SD}rendering-xhtml`, valueString}]});
const questionnaire = {
  resourceType: 'Questionnaire',
  status: 'active',
  title: 'Before your shift',
  item: [
    {
      linkId: 'g',
      type: 'group',
      text: 'Before your shift',
      item: [
        {
          linkId: 'intro',
          type: 'display',
          text: 'Please read this first. Answer for today only. Ask the ward manager. Guidance',
          _text: xhtml(
            '<div xmlns="http://www.w3.org/1999/xhtml"><p>Please read <strong>this</strong> first.</p>' +
              '<ul><li>Answer for <em>today</em> only.</li><li>Ask the ward manager.</li></ul>' +
              '<p><a href="https://example.org/guidance">Guidance</a></p></div>',
          ),
        },
        {
          linkId: 'sleep',
          type: 'quantity',
          text: 'Sleep last night',
          _text: xhtml('Sleep <em>last night</em>'),
          extension: [
            {url: `${SD}questionnaire-unitOption`, valueCoding: {code: 'h', display: 'hours'}},
            {url: `${SD}questionnaire-unitOption`, valueCoding: {code: 'min', display: 'minutes'}},
          ],
        },
        {
          linkId: 'ward',
          type: 'choice',
          text: 'Ward',
          extension: [
            {
              url: `${SD}questionnaire-itemControl`,
              valueCodeableConcept: {coding: [{code: 'autocomplete'}]},
            },
          ],
          answerOption: ['Cardiology', 'Cardiac surgery', 'Care of the elderly', 'Maternity'].map(
            (display, i) => ({valueCoding: {code: `w${i}`, display}}),
          ),
        },
        {
          linkId: 'mood',
          type: 'open-choice',
          text: 'Mood',
          answerOption: [
            {valueCoding: {code: 'ok', display: 'OK'}},
            {valueCoding: {code: 'low', display: 'Low'}},
          ],
        },
      ],
    },
  ],
};

const suite = browserAndSite();

describe('rich text under require-trusted-types-for', () => {
  for (const width of [375, 1280]) {
    it(`renders the safe subset as elements at ${width} px, with no policy violation`, async () => {
      const context = await suite.browser.newContext({viewport: {width, height: 900}});
      const page = await context.newPage();
      try {
        await page.addInitScript(() => {
          window.violations = [];
          document.addEventListener('securitypolicyviolation', (e) =>
            window.violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
          );
        });
        const response = await page.goto(new URL('/fhir.html', suite.site.url).href);
        assert.match(response.headers()['content-security-policy'], /require-trusted-types-for/);
        await page.waitForFunction(() => customElements.get('rs-survey'));
        await page.evaluate((q) => {
          const el = document.querySelector('rs-survey');
          el.storageKey = `rich-${Math.random()}`;
          el.instrument = q;
        }, questionnaire);
        const survey = page.locator('rs-survey');
        await survey.getByRole('button', {name: 'Start'}).click();
        await survey.locator('#q-intro ul li').first().waitFor();
        const shown = await page.evaluate(() => {
          const root = document.querySelector('rs-survey').shadowRoot;
          const a = root.querySelector('#q-intro a');
          return {
            strong: root.querySelector('#q-intro p strong')?.textContent,
            items: [...root.querySelectorAll('#q-intro li')].map((li) => li.textContent),
            link: [a.href, a.target, a.rel],
            label: root.querySelector('label[for="q-sleep-input"] em')?.textContent,
            unit: root.querySelector('#q-sleep-unit legend')?.textContent.trim(),
            other: root.querySelector('label[for="q-mood-other-input"]')?.textContent.trim(),
          };
        });
        assert.deepEqual(shown, {
          strong: 'this',
          items: ['Answer for today only.', 'Ask the ward manager.'],
          link: ['https://example.org/guidance', '_blank', 'noopener noreferrer'],
          label: 'last night',
          unit: 'Unit',
          other: 'Other answer (optional)',
        });
        // The list typed to filter, open, with the keyboard only.
        await survey.locator('#q-ward-input').focus();
        await page.keyboard.type('card');
        await page.keyboard.press('ArrowDown');
        const listed = await page.evaluate(() => {
          const root = document.querySelector('rs-survey').shadowRoot;
          return {
            options: [...root.querySelectorAll('#q-ward-list [role="option"]')].map((o) =>
              o.textContent.trim(),
            ),
            status: root.querySelector('#q-ward [role="status"]').textContent,
            active: root.querySelector('#q-ward-input').getAttribute('aria-activedescendant'),
          };
        });
        assert.deepEqual(listed, {
          options: ['Cardiology', 'Cardiac surgery'],
          status: '2 options match',
          active: 'q-ward-option-0',
        });
        await screenshot(page, `fhir-rich-text-${width}`);
        const axe = await new AxeBuilder({page})
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
          .analyze();
        assert.deepEqual(
          axe.violations.map((v) => v.id),
          [],
        );
        await page.keyboard.press('Enter');
        assert.equal(await survey.locator('#q-ward-input').inputValue(), 'Cardiology');
        assert.deepEqual(await page.evaluate(() => window.violations), [], 'CSP violations');
      } finally {
        await context.close();
      }
    });
  }
});
