// A FHIR Questionnaire with FHIRPath expressions from the built files, on a page under the
// strict policy of a hospital intranet (no 'unsafe-eval'): the engine's lazy chunk loads and
// runs without a policy violation, the calculated value and the launch context's answer go
// out in a QuestionnaireResponse that is valid against the R4 schema and its Questionnaire,
// and when the chunk cannot be fetched the page is told (rs-error) and loses nothing.
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {AxeBuilder} from '@axe-core/playwright';
import {answerWithKeyboard, browserAndSite, heading, root} from './harness.js';
import {checkResponse} from '../node/questionnaire-check.js';
import {validateResource} from '../node/fhir-corpus.js';

const suite = browserAndSite();

const questionnaire = JSON.parse(
  await readFile(path.join(root, 'demo/pages/fhir/working-week.json'), 'utf8'),
);

async function openPage() {
  const context = await suite.browser.newContext({viewport: {width: 1280, height: 900}});
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
    );
    window.rsErrors = [];
    document.addEventListener('rs-error', (e) => window.rsErrors.push(e.detail), true);
    window.rsReady = false;
    document.addEventListener('rs-ready', () => (window.rsReady = true), true);
  });
  return {context, page};
}

describe('FHIRPath expressions under a strict CSP', () => {
  it('calculates, shows and sends, with no policy violation', async () => {
    const {context, page} = await openPage();
    const scripts = [];
    const posted = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
      if (r.method() === 'POST' && r.url().includes('/api/responses')) posted.push(r.postData());
    });
    try {
      await page.goto(new URL('/fhir-expressions.html', suite.site.url).href);
      await page.waitForFunction(() => window.rsReady, null, {timeout: 20000});
      assert.ok(
        scripts.some((s) => /^\/dist\/fhirpath-[\w-]+\.js$/.test(s)),
        `the engine's chunk loaded: ${scripts.join(', ')}`,
      );
      // The keyboard driver types 5 into each number field: 5 shifts of 5 hours.
      const hours = () =>
        page.evaluate(
          () =>
            document
              .querySelector('rs-survey')
              .shadowRoot.querySelector('#q-week-hours output')
              ?.textContent.trim() ?? null,
        );
      await answerWithKeyboard(page, {until: async () => (await hours()) === '25'});
      assert.equal(
        await page.evaluate(
          () =>
            document.querySelector('rs-survey').shadowRoot.querySelector('#q-week-role output')
              .textContent,
        ),
        'Staff nurse',
      );
      const results = await new AxeBuilder({page})
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .analyze();
      assert.deepEqual(
        results.violations.map((v) => v.id),
        [],
      );
      // The thank-you page may show before the response goes out: wait for it.
      const sent = page.waitForRequest(
        (r) => r.method() === 'POST' && r.url().includes('/api/responses'),
        {timeout: 15000},
      );
      await answerWithKeyboard(page);
      assert.equal(await heading(page), 'Thank you');
      await sent;
      assert.equal(posted.length, 1);
      const qr = JSON.parse(posted[0]);
      assert.equal(qr.status, 'completed');
      const answers = Object.fromEntries(qr.item[0].item.map((i) => [i.linkId, i.answer[0]]));
      assert.deepEqual(answers['week.hours'], {valueDecimal: 25});
      assert.deepEqual(answers['week.role'], {valueString: 'Staff nurse'});
      assert.ok(!('week.rest' in answers), 'the question after 48 hours was not asked');
      assert.ok(validateResource(qr), JSON.stringify(validateResource.errors?.slice(0, 3)));
      assert.deepEqual(checkResponse(questionnaire, qr), []);
      assert.deepEqual(await page.evaluate(() => window.violations), [], 'CSP violations');
      assert.deepEqual(
        (await page.evaluate(() => window.rsErrors)).map((e) => e.code),
        [],
      );
    } finally {
      await context.close();
    }
  });

  it('says so when the engine cannot be fetched, and starts once it can', async () => {
    const {context, page} = await openPage();
    let blocked = true;
    await page.route(/\/dist\/fhirpath-[\w-]+\.js$/, (route) =>
      blocked ? route.abort('internetdisconnected') : route.continue(),
    );
    try {
      await page.goto(new URL('/fhir-expressions.html', suite.site.url).href);
      await page.waitForFunction(() => window.rsErrors.length > 0, null, {timeout: 20000});
      const [error] = await page.evaluate(() => window.rsErrors);
      assert.equal(error.code, 'instrument-unreachable');
      assert.match(error.message, /FHIRPath engine could not be loaded/);
      assert.equal(await page.evaluate(() => window.rsReady), false);
      blocked = false;
      await page
        .locator('rs-survey')
        .getByRole('button', {name: /try again/i})
        .click();
      await page.waitForFunction(() => window.rsReady, null, {timeout: 20000});
      assert.match(await heading(page), /working week/i);
    } finally {
      await context.close();
    }
  });
});
