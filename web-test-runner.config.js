// Browser suites run in Chromium, Firefox ESR and WebKitGTK (Debian's packages).
// BROWSERS=chromium,firefox narrows the set while developing; CI runs all three.
import {esbuildPlugin} from '@web/dev-server-esbuild';
import {chromeLauncher} from '@web/test-runner-chrome';
import {webdriverLauncher} from '@web/test-runner-webdriver';
import * as puppeteerCore from 'puppeteer-core';
import {fileURLToPath} from 'node:url';
import {testEndpoint} from './test/server/endpoint.js';
import {sharedFhirMissing, sharedFhirNotice, sharedFiles} from './test/server/shared-files.js';
import {terminologyServer} from './test/server/terminology.js';

// The public FHIR corpus lives beside the repository; a clone without it says so here.
if (sharedFhirMissing()) console.log(sharedFhirNotice());

const wanted = (process.env.BROWSERS ?? 'chromium,firefox,webkit').split(',');

const launchers = {
  chromium: () =>
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  firefox: () =>
    chromeLauncher({
      puppeteer: puppeteerCore,
      launchOptions: {
        browser: 'firefox',
        executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
        headless: true,
      },
    }),
  webkit: () =>
    webdriverLauncher({
      automationProtocol: 'webdriver',
      port: Number(process.env.WEBKIT_PORT ?? 4445),
      capabilities: {
        browserName: 'MiniBrowser',
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': {
          binary: process.env.WEBKIT_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
          args: ['--automation'],
        },
      },
    }),
};

export default {
  files: ['test/**/*.test.ts', '!test/e2e/**'],
  nodeResolve: true,
  concurrency: 1,
  concurrentBrowsers: 3,
  testFramework: {config: {timeout: 10000}},
  browserStartTimeout: 60000,
  testsStartTimeout: 60000,
  testsFinishTimeout: 180000,
  browsers: wanted.map((name) => launchers[name]()),
  plugins: [
    // The FHIRPath chunk imports the R4 model's JSON files as modules (the bundler turns them
    // into code); here too, and only those: a Questionnaire fetched as JSON stays JSON.
    {
      name: 'fhirpath-model-json',
      resolveMimeType: ({path}) => (/\/fhir-context\/r4\/\w+\.json$/.test(path) ? 'js' : undefined),
      transform: ({path, body}) =>
        /\/fhir-context\/r4\/\w+\.json$/.test(path) ? {body: `export default ${body};`} : undefined,
    },
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
  ],
  middleware: [testEndpoint(), sharedFiles(), terminologyServer()],
};
