// `npm test`: Node suites (pure modules, schemas, the reference endpoint), then the browser
// suites in three engines. Arguments go to web-test-runner (`npm test -- --files …`).
import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {startWebKitServices} from './browsers.js';

const run = (cmd, args, env = process.env) =>
  spawnSync(cmd, args, {stdio: 'inherit', env}).status ?? 1;

let status = 0;
if (existsSync('test/node')) status ||= run('node', ['--test', 'test/node/']);

const browsers = (process.env.BROWSERS ?? 'chromium,firefox,webkit').split(',');
const port = 4445 + Math.floor(Math.random() * 500);
const stop = browsers.includes('webkit') ? await startWebKitServices({port}) : () => {};
try {
  status ||= run('npx', ['wtr', ...process.argv.slice(2)], {...process.env, WEBKIT_PORT: String(port)});
} finally {
  stop();
}
process.exit(status);
