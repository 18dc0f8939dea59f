// Shared set-up of the end-to-end suites: Debian's Chromium through playwright-core, the
// built files and the demo site with its reference endpoint on a free port.
import {after, before} from 'node:test';
import {chromium} from 'playwright-core';
import {mkdtemp, mkdir, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {createSite} from '../../demo/site.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const artifacts = path.join(root, 'test-results');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** The study team's access token on the test sites. */
/**
 * A browser and the demo site for one test file: started before its tests, closed after them.
 * Read `suite.browser` and `suite.site` inside the tests.
 * @returns {{browser: import('playwright-core').Browser, site: Awaited<ReturnType<typeof startSite>>}}
 */
export function browserAndSite() {
  const suite = /** @type {any} */ ({});
  before(async () => {
    suite.browser = await launch();
    suite.site = await startSite();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.site?.stop();
  });
  return suite;
}

export const TOKEN = 'e2e-study-team-token';

/** A demo site on a free port with an empty data folder of its own. */
export async function startSite({port = 0, dataDir, demoStudy = false} = {}) {
  const dir = dataDir ?? (await mkdtemp(path.join(tmpdir(), 'rs-e2e-')));
  const site = await createSite({port, dataDir: dir, token: TOKEN, demoStudy});
  return {
    ...site,
    dataDir: dir,
    async stop({keepData = false} = {}) {
      await site.close();
      if (!keepData) await rm(dir, {recursive: true, force: true});
    },
  };
}

/** The responses the reference endpoint holds. */
export async function stored(siteUrl) {
  const res = await fetch(new URL('api/responses', siteUrl), {
    headers: {authorization: `Bearer ${TOKEN}`},
  });
  if (!res.ok) throw new Error(`GET /api/responses: ${res.status}`);
  const json = await res.json();
  return Array.isArray(json) ? json : (json.responses ?? json.items ?? []);
}

export async function screenshot(page, name) {
  await mkdir(path.join(artifacts, 'screenshots'), {recursive: true});
  const file = path.join(artifacts, 'screenshots', `${name}.png`);
  await page.screenshot({path: file, fullPage: true});
  return file;
}

/** Describes what has focus, looking through shadow roots. */
export function focused(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return null;
    const input = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el : null;
    let groupChecked = false;
    if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) {
      const root = el.getRootNode();
      groupChecked = [...root.querySelectorAll(`input[name="${CSS.escape(el.name)}"]`)].some(
        (i) => i.checked,
      );
    }
    return {
      tag: el.tagName.toLowerCase(),
      type: input?.type ?? null,
      value: input?.value ?? null,
      maxLength: input?.maxLength ?? -1,
      inputMode: input?.inputMode ?? '',
      text: (el.textContent ?? '').trim(),
      groupChecked,
    };
  });
}

/** The survey's current page heading. */
export function heading(page, selector = 'rs-survey') {
  return page.evaluate(
    (s) => document.querySelector(s)?.shadowRoot?.querySelector('h2')?.textContent?.trim() ?? '',
    selector,
  );
}

/** Resolves once the survey has drawn what the last key or click changed (and the code it waits for). */
export const settled = (where) =>
  where.evaluate(() => document.querySelector('rs-survey')?.updateComplete.then(() => true));

/** True on a page of questions (it has a progress indicator). */
export const onSection = (_h, page) =>
  page.evaluate(() => !!document.querySelector('rs-survey').shadowRoot.querySelector('.progress'));

/**
 * Answers the survey with the keyboard alone (Tab, Space, typing, Enter) until `until`
 * returns true for the heading (and page); records the values typed.
 */
export async function answerWithKeyboard(
  page,
  {until = (h) => h === 'Thank you', maxSteps = 800, onPage, frame} = {},
) {
  // Keys go to the page, which passes them to the focused frame; `frame` is where the survey is.
  const where = frame ?? page;
  const typed = [];
  let last = '';
  for (let step = 0; step < maxSteps; step++) {
    const h = await heading(where);
    if (h !== last) {
      last = h;
      if (onPage) await onPage(h);
    }
    if (await until(h, page)) return typed;
    await page.keyboard.press('Tab');
    const f = await focused(where);
    if (!f) continue;
    if (f.tag === 'input' && (f.type === 'radio' || f.type === 'checkbox')) {
      if (!f.groupChecked) await page.keyboard.press(' ');
    } else if (f.tag === 'input' && f.type === 'text' && f.value === '') {
      const numeric = f.inputMode === 'numeric' || f.inputMode === 'decimal';
      const text = f.maxLength === 1 ? 'M' : numeric ? (f.maxLength === 2 ? '07' : '5') : 'Nurse';
      await page.keyboard.type(text);
      typed.push(text);
    } else if (f.tag === 'textarea' && f.value === '') {
      await page.keyboard.type('Written with the keyboard.');
      typed.push('Written with the keyboard.');
    } else if (
      f.tag === 'button' &&
      ['Start', 'I agree', 'Next', 'Submit', 'Next step'].includes(f.text)
    ) {
      await page.keyboard.press('Enter');
      await settled(where);
    }
  }
  throw new Error(`stuck on "${last}"`);
}
