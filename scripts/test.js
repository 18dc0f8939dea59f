// `npm test`: Node suites (pure modules, schemas, the study's server on SQLite and on a
// PostgreSQL started here), the build, the packed package's checks, the browser suites in
// three engines, then the end-to-end suites on the built files (and on framework apps built
// from the packed package).
// Arguments go to web-test-runner and skip the other stages (`npm test -- --files …`).
import {spawnSync} from 'node:child_process';
import {startWebKitServices} from './browsers.js';
import {startPostgres} from './postgres.js';
import {sharedFhirMissing, sharedFhirNotice} from '../test/server/shared-files.js';

const run = (cmd, args, env = process.env) =>
  spawnSync(cmd, args, {stdio: 'inherit', env}).status ?? 1;
const focused = process.argv.length > 2;

// A clone without ../shared runs the team's FHIR fixtures only: said first and last.
const notice = sharedFhirMissing() ? sharedFhirNotice() : '';
if (notice) console.log(notice);

let status = 0;
if (!focused) {
  // The storage suite runs against SQLite and a real PostgreSQL, started here on loopback.
  const postgres = startPostgres();
  try {
    status ||= run('node', ['--test', 'test/node/'], {
      ...process.env,
      TEST_DATABASE_URL: postgres.url,
      REQUIRE_POSTGRES: '1',
    });
  } finally {
    postgres.stop();
  }
}
if (!focused) status ||= run('node', ['scripts/build.js']);
// The packed package: its contents, publint, arethetypeswrong, the manifest, and an app per
// framework type-checked against it (tsc, vue-tsc, svelte-check).
if (!focused) status ||= run('node', ['--test', 'test/package/']);

const browsers = (process.env.BROWSERS ?? 'chromium,firefox,webkit').split(',');
const port = 4445 + Math.floor(Math.random() * 500);
if (!status) {
  const stop = browsers.includes('webkit') ? await startWebKitServices({port}) : () => {};
  try {
    status ||= run('npx', ['wtr', ...process.argv.slice(2)], {
      ...process.env,
      WEBKIT_PORT: String(port),
    });
  } finally {
    stop();
  }
}
if (!focused) status ||= run('node', ['--test', '--test-concurrency=1', 'test/e2e/']);
if (!focused) status = run('node', ['scripts/size.js']) || status; // always prints the sizes
if (notice) console.log(notice);
process.exit(status);
