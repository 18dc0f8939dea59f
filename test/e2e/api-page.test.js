// The API page of the demo site (demo/pages/api.html): every element of the built manifest
// as tables a person can read at 375 and 1280 px, under the site's strict policy, with no
// axe violation. Screenshots: test-results/api/.
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {AxeBuilder} from '@axe-core/playwright';
import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import {artifacts, browserAndSite} from './harness.js';

const suite = browserAndSite();

describe('the API page', () => {
  for (const width of [375, 1280]) {
    it(`shows the manifest's elements, attributes and typed events at ${width} px`, async () => {
      const context = await suite.browser.newContext({viewport: {width, height: 900}});
      try {
        const page = await context.newPage();
        const problems = [];
        page.on('pageerror', (e) => problems.push(e.message));
        await page.addInitScript(() => {
          window.violations = [];
          document.addEventListener('securitypolicyviolation', (e) =>
            window.violations.push(e.violatedDirective),
          );
        });
        // Every request the page makes succeeds (the browser's own favicon request aside).
        page.on('response', (r) => {
          if (r.status() >= 400 && !r.url().endsWith('/favicon.ico'))
            problems.push(`${r.status()} ${r.url()}`);
        });
        await page.goto(new URL('api.html', suite.site.url).href);
        await page.waitForSelector('html[data-api-ready]');
        const headings = await page.$$eval('main h2', (hs) => hs.map((h) => h.textContent));
        assert.deepEqual(headings, ['<rs-survey>', '<rs-likert>', '<rs-reflection>']);
        const submitted = await page
          .locator('#api-rs-survey ~ * tr', {hasText: 'rs-submitted'})
          .first()
          .textContent();
        assert.match(submitted, /CustomEvent<\{id: string; status: number \| 'stored'\}>/);
        const draftDays = await page.locator('tr', {hasText: 'draft-days'}).first().textContent();
        assert.match(draftDays, /draftDays\s*number\s*30/);
        const defined = await page
          .locator('section', {hasText: '<rs-survey>'})
          .first()
          .textContent();
        assert.match(defined, /Defined by: lib\/define\.js/);
        // The page scrolls tables inside their boxes, never sideways as a whole.
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        assert.ok(overflow <= 0, `no sideways scroll of the page (${overflow} px)`);
        const scan = await new AxeBuilder({page})
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
          .analyze();
        assert.deepEqual(
          scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`),
          [],
        );
        assert.deepEqual(problems, []);
        assert.deepEqual(await page.evaluate(() => window.violations), [], 'no CSP violation');
        await mkdir(path.join(artifacts, 'api'), {recursive: true});
        await page.screenshot({
          path: path.join(artifacts, 'api', `api-${width}.png`),
          fullPage: true,
        });
      } finally {
        await context.close();
      }
    });
  }
});
