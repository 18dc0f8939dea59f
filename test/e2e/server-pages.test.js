// The study's server pages on the demo site, in Chromium on the built files: a keyboard-only
// participant's response reaches the database and the evaluation page after sign-in; axe
// finds nothing on any server page; the evaluation is captured at 375 and 1280 px.
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {AxeBuilder} from '@axe-core/playwright';
import {TOKEN, answerWithKeyboard, launch, screenshot, startSite, stored} from './harness.js';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function axe(page, label) {
  const {violations} = await new AxeBuilder({page})
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  assert.deepEqual(
    violations.map((v) => `${label}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target}`),
    [],
  );
}

/** Signs in with the keyboard alone: Tab to the token field, type it, Enter. */
async function signInWithKeyboard(page, url) {
  await page.goto(url);
  assert.match(page.url(), /\/signin\?next=/);
  await page.keyboard.press('Tab');
  for (let i = 0; i < 10; i++) {
    if (await page.evaluate(() => document.activeElement?.id === 'token')) break;
    await page.keyboard.press('Tab');
  }
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'token');
  await page.keyboard.type(TOKEN);
  await Promise.all([page.waitForURL(/\/results/), page.keyboard.press('Enter')]);
}

describe('the study team’s pages', () => {
  it('a keyboard-only participant’s response reaches the database and the evaluation after sign-in', async () => {
    const site = await startSite();
    const context = await browser.newContext();
    const cspErrors = [];
    try {
      const page = await context.newPage();
      await page.addInitScript(() => {
        window.rsReady = false;
        document.addEventListener('rs-ready', () => (window.rsReady = true), true);
      });
      await page.goto(`${site.url}?timepoint=baseline`);
      await page.waitForFunction(() => window.rsReady);
      await answerWithKeyboard(page);
      await page.waitForFunction(
        () => document.querySelector('rs-survey').shadowRoot.querySelector('.status.sent'),
        null,
        {timeout: 15000},
      );
      const held = await stored(site.url);
      assert.equal(held.length, 1, 'in the database');

      const team = await context.newPage();
      team.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
      });
      await signInWithKeyboard(team, `${site.url}results`);
      const text = await team.locator('main').innerText();
      assert.match(text, /1 response/);
      assert.match(text, /Baseline|baseline/);
      assert.deepEqual(cspErrors, [], 'nothing blocked by the CSP');
    } finally {
      await context.close();
      await site.stop();
    }
  });

  it('axe finds nothing on any server page; the evaluation at 375 and 1280 px', async () => {
    const site = await startSite({demoStudy: true});
    const context = await browser.newContext();
    const cspErrors = [];
    try {
      const page = await context.newPage();
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
      });
      await page.goto(`${site.url}signin`);
      await axe(page, 'sign-in');
      await page.fill('#token', 'wrong');
      await Promise.all([page.waitForLoadState(), page.click('button[type=submit]')]);
      await axe(page, 'sign-in error');
      await signInWithKeyboard(page, `${site.url}results`);
      const text = await page.locator('main').innerText();
      assert.match(text, /Simulated data/);
      for (const width of [1280, 375]) {
        await page.setViewportSize({width, height: 900});
        await axe(page, `evaluation ${width}`);
        const file = await screenshot(page, `server-evaluation-${width}`);
        assert.ok(file);
        // Nothing wider than the screen but the tables' scroll regions.
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - window.innerWidth,
        );
        assert.ok(overflow <= 1, `no sideways scrolling at ${width}px (${overflow}px)`);
      }
      await page.setViewportSize({width: 1280, height: 900});
      await page.goto(`${site.url}results/manage`);
      await axe(page, 'manage');
      await page.fill('#code', 'M-07-J');
      await Promise.all([page.waitForLoadState(), page.click('form[action$="withdraw"] button')]);
      await axe(page, 'withdraw confirm');
      await page.goto(`${site.url}results.csv`).catch(() => {}); // a download: audit-logged
      await page.goto(`${site.url}results/audit`);
      await axe(page, 'audit');
      assert.match(await page.locator('main').innerText(), /export/);
      assert.deepEqual(cspErrors, []);
    } finally {
      await context.close();
      await site.stop();
    }
  });
});
