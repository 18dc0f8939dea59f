// The built ES module on the demo site, answered with the keyboard alone, delivering to the
// real reference endpoint: one response lands, a reload restores, a dead server queues.
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {answerWithKeyboard, heading, launch, startSite, stored} from './harness.js';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Opens a demo page and waits for the survey to be ready; records what it submits. */
async function open(context, url) {
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.rsEvents = [];
    for (const type of ['rs-ready', 'rs-submit', 'rs-queued', 'rs-submitted', 'rs-error']) {
      document.addEventListener(type, (e) => window.rsEvents.push({type, detail: e.detail}), true);
    }
  });
  await page.goto(url);
  await page.waitForFunction(() => window.rsEvents.some((e) => e.type === 'rs-ready'));
  return page;
}

const statusText = (page) =>
  page.evaluate(
    () =>
      document
        .querySelector('rs-survey')
        .shadowRoot.querySelector('.status')
        ?.textContent?.trim() ?? '',
  );

describe('a newcomer on the demo site', () => {
  it('answers every page with the keyboard alone and the server holds exactly one matching response', async () => {
    const site = await startSite();
    const context = await browser.newContext();
    try {
      const page = await open(context, `${site.url}?timepoint=post-workshop`);
      await answerWithKeyboard(page);
      await page.waitForFunction(
        () => document.querySelector('rs-survey').shadowRoot.querySelector('.status.sent'),
        null,
        {timeout: 15000},
      );
      const sent = await page.evaluate(
        () => window.rsEvents.find((e) => e.type === 'rs-submit').detail.response,
      );
      const held = await stored(site.url);
      assert.equal(held.length, 1, 'exactly one response stored');
      const body = held[0].body ?? held[0];
      assert.deepEqual(body, sent, 'the stored response is what the widget built');
      assert.equal(body.timepoint, 'post-workshop');
      assert.match(body.participant, /^M-07-M$/);
      assert.ok(Object.keys(body.answers).length >= 10, 'answers recorded');
      for (const key of Object.keys(body.answers))
        assert.ok(!key.startsWith('refl'), `private ${key} not sent`);
      assert.match(await statusText(page), /have been sent/);
    } finally {
      await context.close();
      await site.stop();
    }
  });

  it('answers the FHIR Questionnaire page and the server holds one QuestionnaireResponse', async () => {
    const site = await startSite();
    const context = await browser.newContext();
    try {
      const page = await open(context, `${site.url}fhir.html`);
      await answerWithKeyboard(page);
      await page.waitForFunction(
        () => document.querySelector('rs-survey').shadowRoot.querySelector('.status.sent'),
        null,
        {timeout: 15000},
      );
      const held = await stored(site.url);
      assert.equal(held.length, 1, 'exactly one response stored');
      assert.equal(held[0].kind, 'fhir-questionnaire-response');
      const body = held[0].body;
      assert.equal(body.resourceType, 'QuestionnaireResponse');
      assert.equal(
        body.questionnaire,
        'https://resilience-survey.example/fhir/Questionnaire/staff-check-in|1.0.0',
      );
      const ids = JSON.stringify(body.item);
      assert.match(ids, /"shift.difficult"/);
      assert.match(ids, /"now.coping"/);
    } finally {
      await context.close();
      await site.stop();
    }
  });

  it('gets every answer and the page back after a reload mid-way', async () => {
    const site = await startSite();
    const context = await browser.newContext();
    try {
      const page = await open(context, `${site.url}?timepoint=baseline`);
      let pages = 0;
      await answerWithKeyboard(page, {
        onPage: () => {
          pages++;
        },
        // Stop on the fourth page (start, consent, then two sections in).
        until: () => pages >= 4,
      });
      const where = await heading(page);
      const before = await page.evaluate(() => ({...document.querySelector('rs-survey').answers}));
      // Wait until the autosave (it coalesces for a moment after the last change) has stored
      // these answers: read back from IndexedDB, not guessed from a wait.
      await page.waitForFunction(
        (answers) =>
          new Promise((resolve) => {
            const open = indexedDB.open('resilience-survey');
            open.onsuccess = () => {
              const db = open.result;
              const all = db.transaction('drafts').objectStore('drafts').getAll();
              all.onsuccess = () => {
                db.close();
                resolve(all.result.some((d) => JSON.stringify(d.answers) === answers));
              };
            };
          }),
        JSON.stringify(before),
      );
      assert.ok(Object.keys(before).length >= 3, 'some answers given');
      await page.reload();
      await page.waitForFunction(() => window.rsEvents.some((e) => e.type === 'rs-ready'));
      const ready = await page.evaluate(
        () => window.rsEvents.find((e) => e.type === 'rs-ready').detail,
      );
      assert.equal(ready.restored, true);
      assert.equal(await heading(page), where, 'the same page');
      const afterReload = await page.evaluate(() => ({
        ...document.querySelector('rs-survey').answers,
      }));
      assert.deepEqual(afterReload, before, 'every answer');
      const notice = await page.evaluate(
        () =>
          document.querySelector('rs-survey').shadowRoot.querySelector('.notice')?.textContent ??
          '',
      );
      assert.match(notice, /are back/);
    } finally {
      await context.close();
      await site.stop();
    }
  });

  it('queues a response while the server is down and delivers it once when it is back', async () => {
    let site = await startSite();
    const {dataDir} = site;
    const port = Number(new URL(site.url).port);
    const context = await browser.newContext();
    try {
      const page = await open(context, `${site.url}?timepoint=follow-up`);
      await answerWithKeyboard(page, {until: (h) => h === 'Check your answers'});
      await site.stop({keepData: true});
      await answerWithKeyboard(page);
      await page.waitForFunction(
        () =>
          document.querySelector('rs-survey').shadowRoot.querySelector('.status.offline-waiting'),
        null,
        {timeout: 15000},
      );
      assert.match(await statusText(page), /will be sent automatically/);
      site = await startSite({port, dataDir});
      await page.evaluate(() => document.querySelector('rs-survey').flush());
      await page.waitForFunction(
        () => document.querySelector('rs-survey').shadowRoot.querySelector('.status.sent'),
        null,
        {timeout: 20000},
      );
      // A second flush finds nothing left to send.
      await page.evaluate(() => document.querySelector('rs-survey').flush());
      const held = await stored(site.url);
      assert.equal(held.length, 1, 'delivered once');
      const events = await page.evaluate(() => window.rsEvents.map((e) => e.type));
      assert.deepEqual(
        events.filter((t) => t !== 'rs-ready'),
        ['rs-submit', 'rs-queued', 'rs-submitted'],
      );
    } finally {
      await context.close();
      await site.stop();
    }
  });
});
