// The built bundle on a first visit that goes wrong twice: IndexedDB is refused (a private
// window) and the connection is gone once the page itself has arrived (no chunk can load but
// what the page already had). The survey still starts, in memory, and says so.
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {browserAndSite, heading} from './harness.js';

const suite = browserAndSite();

describe('a first visit offline with IndexedDB refused', () => {
  it('starts in memory: the first page shows and storage-unavailable is told', async () => {
    const context = await suite.browser.newContext();
    try {
      const page = await context.newPage();
      await page.addInitScript(() => {
        // A private window's refusal: opening fails.
        IDBFactory.prototype.open = function () {
          throw new DOMException('IndexedDB is refused here', 'InvalidStateError');
        };
        window.rsEvents = [];
        for (const type of ['rs-ready', 'rs-error']) {
          document.addEventListener(
            type,
            (e) => window.rsEvents.push({type, detail: e.detail}),
            true,
          );
        }
      });
      // Offline after the page, the bundle and the pack's English: every other chunk fails.
      await context.route(
        /\/dist\/(?!resilience-survey\.js|coping-with-error\.en-)[^/]+\.js$/,
        (route) => route.abort('internetdisconnected'),
      );
      await page.goto(suite.site.url);
      await page.waitForFunction(() => window.rsEvents.some((e) => e.type === 'rs-ready'), null, {
        timeout: 15000,
      });
      assert.equal(await heading(page), 'Coping with error and stressful events');
      const codes = await page.evaluate(() =>
        window.rsEvents.filter((e) => e.type === 'rs-error').map((e) => e.detail.code),
      );
      assert.deepEqual(codes, ['storage-unavailable']);
    } finally {
      await context.close();
    }
  });
});
