// The packed package in the apps its users write: a React 18 page (the wrappers of
// resilience-survey/react), a React 19 page and a Vue page (the tag itself), each built with
// Vite from test/frameworks/ and answered with the keyboard alone in Debian's Chromium. The
// app's own handler must see rs-submitted (the page shows what it got), and the page passes
// an axe scan. Screenshots: test-results/frameworks/.
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {AxeBuilder} from '@axe-core/playwright';
import vue from '@vitejs/plugin-vue';
import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import {build, preview} from 'vite';
import {makeApp} from '../package/packed.js';
import {answerWithKeyboard, artifacts, heading, launch} from './harness.js';

const apps = {
  'React 18': {
    fixture: 'react18',
    react: /^React 18\./,
    links: {
      react: 'test/frameworks/react18/node_modules/react',
      'react-dom': 'test/frameworks/react18/node_modules/react-dom',
    },
  },
  'React 19': {
    fixture: 'react19',
    react: /^React 19\./,
    links: {react: 'node_modules/react', 'react-dom': 'node_modules/react-dom'},
  },
  Vue: {
    fixture: 'vue',
    links: {vue: 'node_modules/vue'},
    plugins: [
      vue({template: {compilerOptions: {isCustomElement: (tag) => tag.startsWith('rs-')}}}),
    ],
  },
};

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Builds the app with Vite and serves the result with Vite's preview server. */
async function buildAndServe(name, {fixture, links, plugins = []}) {
  const app = makeApp(fixture, links);
  const config = {
    root: app.dir,
    configFile: false,
    logLevel: 'warn',
    plugins,
    oxc: {jsx: {runtime: 'automatic'}},
  };
  await build({...config, build: {outDir: 'dist', emptyOutDir: true}});
  const server = await preview({...config, preview: {port: 0, host: '127.0.0.1'}});
  const url = server.resolvedUrls.local[0];
  return {
    app,
    url,
    async close() {
      await server.close();
      app.remove();
    },
  };
}

describe('the packed package in framework apps built with Vite', () => {
  for (const [name, settings] of Object.entries(apps)) {
    it(`${name}: a person completes the survey and the app's handler sees rs-submitted`, async () => {
      const served = await buildAndServe(name, settings);
      const context = await browser.newContext({viewport: {width: 375, height: 900}});
      try {
        const page = await context.newPage();
        const failures = [];
        page.on('pageerror', (error) => failures.push(error.message));
        await page.addInitScript(() => {
          window.seen = [];
          document.addEventListener('rs-submitted', (e) => window.seen.push(e.detail), true);
        });
        await page.goto(served.url);
        // The app's own rs-ready handler wrote what it got.
        await page.waitForFunction(
          () =>
            document.querySelector('#app-ready')?.textContent === 'coping-with-error post-workshop',
        );
        assert.notEqual(await heading(page), '', 'the survey shows its first page');
        if (settings.react)
          assert.match(await page.textContent('#app-react'), settings.react, 'the React it names');
        const scan = await new AxeBuilder({page})
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
          .analyze();
        assert.deepEqual(
          scan.violations.map((v) => v.id),
          [],
          `axe violations in the ${name} app`,
        );
        await answerWithKeyboard(page);
        const shown = await page.waitForSelector('#app-submitted', {timeout: 15000});
        const text = await shown.textContent();
        const [detail] = await page.evaluate(() => window.seen);
        assert.equal(detail.status, 'stored', 'local mode: stored on the device');
        assert.equal(text.trim(), `The app saw rs-submitted: ${detail.id} (stored)`);
        assert.deepEqual(failures, [], 'no uncaught errors');
        const dir = path.join(artifacts, 'frameworks');
        await mkdir(dir, {recursive: true});
        await page.screenshot({
          path: path.join(dir, `${settings.fixture}-375.png`),
          fullPage: true,
        });
      } finally {
        await context.close();
        await served.close();
      }
    });
  }
});
