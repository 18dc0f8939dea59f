// `npm test`: the browser suites in three engines. Later stages (build, size budget,
// end-to-end) are added here as they exist.
import {spawnSync} from 'node:child_process';
import {startWebKitServices} from './browsers.js';

const browsers = (process.env.BROWSERS ?? 'chromium,firefox,webkit').split(',');
const stop = browsers.includes('webkit') ? await startWebKitServices() : () => {};
let status = 0;
try {
  const run = spawnSync('npx', ['wtr', ...process.argv.slice(2)], {stdio: 'inherit'});
  status = run.status ?? 1;
} finally {
  stop();
}
process.exit(status);
