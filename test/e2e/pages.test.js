// Every demo page and every survey state: an axe scan (WCAG 2.2 AA), no Content Security
// Policy violation, and screenshots at 375 and 1280 px for a person to look at.
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {AxeBuilder} from '@axe-core/playwright';
import {rm} from 'node:fs/promises';
import path from 'node:path';
import {
  answerWithKeyboard,
  artifacts,
  heading,
  launch,
  onSection,
  screenshot,
  settled,
  startSite,
  TOKEN,
} from './harness.js';

let browser;
let site;
before(async () => {
  // Screenshots of this run only.
  await rm(path.join(artifacts, 'screenshots'), {recursive: true, force: true});
  browser = await launch();
  site = await startSite();
});
after(async () => {
  await browser?.close();
  await site?.stop();
});

const widths = [375, 1280];
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function axe(page, what) {
  const result = await new AxeBuilder({page}).withTags(tags).analyze();
  const summary = result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  assert.deepEqual(summary, [], `axe violations on ${what}`);
}

/** A fresh page that records CSP violations from the very start. */
async function openPage(width, path) {
  const context = await browser.newContext({viewport: {width, height: 900}});
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
    );
    window.rsReady = false;
    document.addEventListener('rs-ready', () => (window.rsReady = true), true);
  });
  await page.goto(new URL(path, site.url).href);
  return {context, page};
}

describe('demo pages', () => {
  for (const width of widths) {
    for (const [name, path, survey] of [
      ['index', '/?timepoint=baseline', true],
      ['intranet', '/intranet.html', true],
      ['elearning', '/elearning.html', false],
      ['playground', '/playground.html', true],
      ['fhir', '/fhir.html', true],
      ['results', '/results', false],
    ]) {
      it(`${name} at ${width} px: accessible, no policy violation`, async () => {
        const {context, page} = await openPage(width, path);
        try {
          if (survey) await page.waitForFunction(() => window.rsReady, null, {timeout: 15000});
          if (name === 'elearning') {
            const frame = page.frameLocator('iframe');
            // The survey in the frame has drawn its first page.
            await frame.locator('rs-survey h2').waitFor();
          }
          await screenshot(page, `${name}-${width}`);
          await axe(page, name);
          assert.deepEqual(await page.evaluate(() => window.violations), [], 'CSP violations');
        } finally {
          await context.close();
        }
      });
    }
  }
});

describe('the strict-CSP intranet page', () => {
  it('runs the whole survey without a single policy violation', async () => {
    const {context, page} = await openPage(1280, '/intranet.html');
    const scripts = [];
    context.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    try {
      await page.waitForFunction(() => window.rsReady);
      await answerWithKeyboard(page);
      assert.equal(await heading(page), 'Thank you');
      // The reflection pages (post-workshop) came with their own chunk, styles adopted.
      assert.ok(
        scripts.some((s) => /^\/dist\/reflection-[\w-]+\.js$/.test(s)),
        scripts.join(', '),
      );
      assert.deepEqual(await page.evaluate(() => window.violations), []);
      assert.equal(await page.evaluate(() => window.cspViolations.length), 0);
    } finally {
      await context.close();
    }
  });

  it('a reflection whose chunk cannot load says so, and Try again brings it', async () => {
    const {context, page} = await openPage(1280, '/intranet.html');
    // The connection drops for the reflection's chunk: its idle-time fetch fails, and so does
    // the fetch made when its page shows.
    const chunk = /\/dist\/reflection-[\w-]+\.js$/;
    await page.route(chunk, (route) => route.abort('internetdisconnected'));
    const shadowText = (selector) =>
      page.evaluate(
        (s) => document.querySelector('rs-survey').shadowRoot.querySelector(s)?.textContent ?? '',
        selector,
      );
    try {
      await page.waitForFunction(() => window.rsReady);
      const title = 'Reflecting on a difficult event';
      await answerWithKeyboard(page, {until: (h) => h === title});
      await page.waitForFunction(() =>
        document
          .querySelector('rs-survey')
          .shadowRoot.querySelector('.reflection-status')
          ?.textContent.includes('could not be loaded'),
      );
      await screenshot(page, 'reflection-unavailable-1280');
      await page.setViewportSize({width: 375, height: 900});
      await screenshot(page, 'reflection-unavailable-375');
      await axe(page, 'a reflection that could not load');
      // The connection is back.
      await page.unroute(chunk);
      await page.locator('rs-survey').getByRole('button', {name: 'Try again'}).first().click();
      await page.waitForFunction(() =>
        document.querySelector('rs-survey').shadowRoot.querySelector('textarea'),
      );
      assert.match(await shadowText('.identifier-warning'), /identify a patient/);
      assert.equal(await shadowText('.reflection-status'), '');
      assert.deepEqual(await page.evaluate(() => window.violations), []);
    } finally {
      await context.close();
    }
  });

  it('the classic-script build runs inside the LMS frame', async () => {
    const {context, page} = await openPage(1280, '/elearning.html');
    const scripts = [];
    context.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    try {
      const frame = page.frames().find((f) => f.url().endsWith('/elearning-lesson.html'));
      assert.ok(frame, 'the lesson frame');
      await frame.waitForFunction(() =>
        document.querySelector('rs-survey')?.shadowRoot?.querySelector('h2'),
      );
      const h = await frame.evaluate(
        () => document.querySelector('rs-survey').shadowRoot.querySelector('h2').textContent,
      );
      assert.match(h, /Coping with error/);
      assert.equal(
        await frame.evaluate(() => typeof window.ResilienceSurvey?.RsSurvey),
        'function',
      );
      // The widget found the LMS's SCORM API up the frame chain and started the attempt.
      await page.waitForFunction(() => window.lmsLog?.some((c) => c.call === 'LMSInitialize'));
      await frame.evaluate(() =>
        document.querySelector('rs-survey').shadowRoot.querySelector('h2').focus(),
      );
      await answerWithKeyboard(page, {frame});
      await page.waitForFunction(() => window.lmsData['cmi.core.lesson_status'] === 'completed');
      const calls = await page.evaluate(() => window.lmsLog.map((c) => c.call));
      assert.ok(calls.includes('LMSCommit'), `committed: ${calls.join(', ')}`);
      const received = await page.evaluate(() => JSON.stringify(window.lmsLog));
      assert.ok(!received.includes('Nurse'), 'no answer text went to the LMS');
      assert.match(await page.locator('#lms-status').textContent(), /completed/);
      // The last pages came from the classic chunks, not with a second copy of the widget.
      assert.ok(
        scripts.some((s) => /^\/dist\/classic\/finish-[\w-]+\.js$/.test(s)),
        scripts.join(', '),
      );
      // So did the reflection pages' code.
      assert.ok(
        scripts.some((s) => /^\/dist\/classic\/reflection-[\w-]+\.js$/.test(s)),
        scripts.join(', '),
      );
      assert.ok(!scripts.includes('/dist/resilience-survey.js'), scripts.join(', '));
    } finally {
      await context.close();
    }
  });
});

describe('languages', () => {
  for (const [path, welsh] of [
    ['/?timepoint=baseline', false],
    ['/?timepoint=baseline&lang=cy', true],
  ]) {
    it(`${path}: the built-in pack's ${welsh ? 'English and Welsh' : 'English only'}`, async () => {
      const {context, page} = await openPage(1280, path);
      const scripts = [];
      page.on('request', (r) => scripts.push(new URL(r.url()).pathname));
      try {
        await page.reload();
        await page.waitForFunction(() => window.rsReady);
        const title = welsh
          ? 'Ymdopi â chamgymeriadau a digwyddiadau llawn straen'
          : 'Coping with error and stressful events';
        await page.waitForFunction(
          (t) =>
            document.querySelector('rs-survey').shadowRoot.querySelector('h2')?.textContent === t,
          title,
        );
        const names = scripts.filter((s) => s.includes('coping-with-error'));
        assert.ok(
          names.some((s) => /coping-with-error\.en-[\w-]+\.js$/.test(s)),
          names.join(),
        );
        assert.equal(
          names.some((s) => /coping-with-error\.cy-[\w-]+\.js$/.test(s)),
          welsh,
          names.join(),
        );
      } finally {
        await context.close();
      }
    });
  }
});

describe('building blocks', () => {
  it('dist/blocks/ gives <rs-likert> and <rs-reflection> to a plain form', async () => {
    const {context, page} = await openPage(1280, '/');
    try {
      await page.waitForFunction(() => window.rsReady);
      // The drop-in bundle renders its own questions and leaves the building blocks out.
      assert.equal(await page.evaluate(() => customElements.get('rs-likert')), undefined);
      await page.evaluate(async () => {
        await import('/dist/blocks/resilience-survey-blocks.js');
        const form = document.createElement('form');
        form.id = 'plain';
        const likert = document.createElement('rs-likert');
        likert.setAttribute('name', 'calm');
        likert.setAttribute('label', 'I stay calm');
        likert.setAttribute('points', '[{"value":1,"label":"No"},{"value":2,"label":"Yes"}]');
        const reflection = document.createElement('rs-reflection');
        reflection.setAttribute('name', 'refl');
        reflection.setAttribute('label', 'Reflect');
        reflection.setAttribute('steps', '[{"id":"what","prompt":"What happened?"}]');
        form.append(likert, reflection);
        document.body.append(form);
      });
      await page.locator('#plain rs-likert input[value="2"]').check();
      await page.locator('#plain rs-reflection textarea').fill('A near miss');
      const data = await page.evaluate(() => [
        ...new FormData(document.getElementById('plain')).entries(),
      ]);
      assert.deepEqual(data, [
        ['calm', '2'],
        ['refl.what', 'A near miss'],
      ]);
      // The templates they share with the survey space themselves from the survey's names
      // (--_space), which each element's host defines too.
      const spacing = await page.evaluate(() => {
        const gap = (tag, selector) =>
          getComputedStyle(
            document.querySelector(`#plain ${tag}`).shadowRoot.querySelector(selector),
          ).rowGap;
        return [gap('rs-likert', '.options'), gap('rs-reflection', '.identifier-warning')];
      });
      assert.deepEqual(spacing, ['4px', '12px']);
      await axe(page, 'building blocks in a plain form');
    } finally {
      await context.close();
    }
  });
});

describe('reflow', () => {
  it('every page of the survey fits 320 CSS px with no sideways scrolling', async () => {
    const {context, page} = await openPage(320, '/?timepoint=post-workshop');
    try {
      await page.waitForFunction(() => window.rsReady);
      const wide = [];
      await answerWithKeyboard(page, {
        onPage: async (h) => {
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          if (width > 320) wide.push(`${h}: ${width}px`);
        },
      });
      assert.deepEqual(wide, []);
    } finally {
      await context.close();
    }
  });
});

describe('every survey state', () => {
  for (const width of widths) {
    it(`at ${width} px: start, consent, each section, errors, review, thank-you`, async () => {
      const {context, page} = await openPage(width, '/?timepoint=post-workshop');
      try {
        await page.waitForFunction(() => window.rsReady);
        const shots = [];
        const seen = new Set();
        const snap = async (label) => {
          const slug = label
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-')
            .replace(/^-|-$/g, '');
          shots.push(
            await screenshot(
              page,
              `state-${width}-${String(shots.length).padStart(2, '0')}-${slug}`,
            ),
          );
          await axe(page, `"${label}" at ${width}`);
        };
        const onPage = async (h) => {
          if (h && !seen.has(h)) {
            seen.add(h);
            await settled(page);
            await snap(h);
          }
        };
        // Start, consent, then the error summary: Next on the first section left unanswered.
        await answerWithKeyboard(page, {until: onSection, onPage});
        await page.evaluate(() => {
          const next = [
            ...document.querySelector('rs-survey').shadowRoot.querySelectorAll('button'),
          ].find((b) => b.textContent.trim() === 'Next');
          next.click();
        });
        await settled(page);
        await snap('errors');
        await page.reload();
        await page.waitForFunction(() => window.rsReady);
        await answerWithKeyboard(page, {onPage});
        await page.waitForFunction(() =>
          document.querySelector('rs-survey').shadowRoot.querySelector('.status.sent'),
        );
        await snap('sent');
        // The response just sent, as the research team sees it (after signing in).
        await page.goto(new URL('/results', site.url).href);
        await page.fill('#token', TOKEN);
        await Promise.all([page.waitForURL(/\/results$/), page.press('#token', 'Enter')]);
        await page.waitForSelector('table');
        shots.push(await screenshot(page, `results-with-data-${width}`));
        await axe(page, `results with data at ${width}`);
        assert.ok(shots.length >= 7, `screenshots taken: ${shots.length}`);
      } finally {
        await context.close();
      }
    });
  }
});
