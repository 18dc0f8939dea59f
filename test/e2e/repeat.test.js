// Repeating groups in the built bundle, as a person on a phone and on a desktop sees them:
// a native pack and a real FHIR Questionnaire with a repeating group, under the demo site's
// strict Content Security Policy. Two instances are answered; the page must not scroll
// sideways at 375 px, axe finds nothing, no policy is violated, screenshots are kept for a
// person to look at, and the QuestionnaireResponse the endpoint receives has one item per
// instance and passes the check against its Questionnaire.
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {AxeBuilder} from '@axe-core/playwright';
import {existsSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {checkResponse} from '../node/questionnaire-check.js';
import {sharedFhirDir} from '../server/shared-files.js';
import {browserAndSite, screenshot, stored} from './harness.js';

const suite = browserAndSite();

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** A native pack with a repeating group (long wording, as real forms have) and a repeating number. */
const pack = {
  id: 'repeat-e2e',
  version: '1.0.0',
  title: 'Your medicines',
  timepoints: [{id: 'baseline', label: 'Baseline'}],
  sections: [
    {
      id: 'meds',
      title: 'Medicines you take at the moment',
      items: [
        {
          id: 'med',
          type: 'group',
          text: 'Medicine',
          help: 'One for each medicine, including those bought without a prescription.',
          items: [
            {id: 'name', type: 'text', text: 'Name of the medicine', required: true},
            {
              id: 'often',
              type: 'choice',
              text: 'How often do you take it?',
              options: [
                {value: 'daily', label: 'Every day'},
                {value: 'weekly', label: 'Every week'},
                {value: 'needed', label: 'When I need it'},
              ],
            },
          ],
        },
        {id: 'weight', type: 'number', text: 'Your weight in kilograms', repeats: true},
      ],
    },
  ],
};

/** A page of the demo site's origin (its strict policy) with one survey on it. */
async function open(width, attrs, files) {
  const context = await suite.browser.newContext({viewport: {width, height: 900}});
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.violations = [];
    window.submitted = new Promise((done) =>
      document.addEventListener('rs-submitted', () => done(true), true),
    );
    document.addEventListener('securitypolicyviolation', (e) =>
      window.violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const csp = await fetch(new URL('index.html', suite.site.url)).then((r) =>
    r.headers.get('content-security-policy'),
  );
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Repeating groups</title>
    <script type="module" src="/dist/resilience-survey.js"></script></head>
    <body><main><h1>Repeating groups</h1><rs-survey ${attrs}></rs-survey></main></body></html>`;
  await page.route('**/repeat-e2e/**', (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    if (name === 'page.html') {
      return route.fulfill({
        contentType: 'text/html; charset=utf-8',
        headers: {'content-security-policy': csp},
        body: html,
      });
    }
    return route.fulfill({contentType: 'application/json', body: files[name]});
  });
  await page.goto(new URL('repeat-e2e/page.html', suite.site.url).href);
  await page.locator('rs-survey').getByRole('button', {name: 'Start'}).click();
  return {context, page};
}

async function checkPage(page, what) {
  const wide = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert.equal(wide, 0, `${what}: the page scrolls sideways by ${wide}px`);
  const result = await new AxeBuilder({page}).withTags(tags).analyze();
  assert.deepEqual(
    result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `axe on ${what}`,
  );
  assert.deepEqual(await page.evaluate(() => window.violations), [], `CSP on ${what}`);
}

describe('repeating groups in the built bundle', () => {
  for (const width of [375, 1280]) {
    it(`a native pack at ${width} px: two instances, two answers, then one removed`, async () => {
      const {context, page} = await open(width, 'instrument="/repeat-e2e/pack.json"', {
        'pack.json': JSON.stringify(pack),
      });
      const survey = page.locator('rs-survey');
      await survey.getByRole('button', {name: 'Add another Medicine'}).click();
      await survey.getByLabel('Name of the medicine').nth(0).fill('Paracetamol');
      await survey.getByLabel('Name of the medicine').nth(1).fill('Salbutamol inhaler');
      await survey.getByRole('group', {name: 'Medicine 1 of 2'}).getByText('Every day').click();
      await survey.getByRole('button', {name: 'Add another answer'}).click();
      await survey.getByLabel('Your weight in kilograms (answer 1 of 2)').fill('70');
      await survey.getByLabel('Your weight in kilograms (answer 2 of 2)').fill('71.5');
      await checkPage(page, `the native pack at ${width} px`);
      await screenshot(page, `repeat-native-${width}`);
      await survey.getByRole('button', {name: 'Remove Medicine 2 of 2'}).click();
      await survey.getByRole('button', {name: 'Undo Medicine 2 of 2'}).waitFor();
      await checkPage(page, `after Remove at ${width} px`);
      await screenshot(page, `repeat-native-removed-${width}`);
      await context.close();
    });
  }

  it('a FHIR Questionnaire with a repeating group: the response has one item per instance', async (t) => {
    const file = `${sharedFhirDir}/afhir-component-repeated-group.json`;
    if (!existsSync(file)) return t.skip('../shared/fhir/ is not there');
    const text = await readFile(file, 'utf8');
    const {context, page} = await open(
      375,
      'instrument="/repeat-e2e/q.json" format="fhir" endpoint="/api/responses"',
      {'q.json': text},
    );
    const survey = page.locator('rs-survey');
    await survey.getByRole('button', {name: 'Add another Repeated Group'}).click();
    const first = survey.getByRole('group', {name: 'Repeated Group 1 of 2'});
    const second = survey.getByRole('group', {name: 'Repeated Group 2 of 2'});
    await first.getByLabel('Sample date question').fill('2026-11-27');
    await first.getByText('B', {exact: true}).click();
    await second.getByLabel('Sample date question').fill('2026-12-01');
    await second.getByText('Other', {exact: true}).click();
    await checkPage(page, 'the FHIR form');
    await screenshot(page, 'repeat-fhir-375');
    await survey.getByRole('button', {name: 'Next'}).click();
    await survey.getByRole('button', {name: 'Submit'}).click();
    await page.evaluate(() => window.submitted);
    const responses = await stored(suite.site.url);
    const body = responses.at(-1);
    const qr = typeof body.body === 'string' ? JSON.parse(body.body) : (body.body ?? body);
    const groups = (qr.item ?? []).filter((i) => i.linkId === '1');
    assert.equal(groups.length, 2, JSON.stringify(qr));
    assert.deepEqual(
      groups.map((g) => g.item.map((i) => i.answer[0].valueDate ?? i.answer[0].valueCoding.code)),
      [
        ['2026-11-27', 'answer-b'],
        ['2026-12-01', 'answer-other'],
      ],
    );
    assert.deepEqual(checkResponse(JSON.parse(text), qr), []);
    await context.close();
  });
});
