// `npm start`: builds the widget, then serves the demo site and the reference endpoint.
//   PORT (default 8080), DATA_DIR (default demo/.data), TRUSTED_ORIGINS (comma-separated).
import {execFileSync} from 'node:child_process';
import {createSite} from './site.js';

if (!process.argv.includes('--no-build')) {
  execFileSync(process.execPath, ['scripts/build.js'], {stdio: 'inherit'});
}
const site = await createSite({
  port: Number(process.env.PORT ?? 8080),
  dataDir: process.env.DATA_DIR,
  trustedOrigins: (process.env.TRUSTED_ORIGINS ?? '').split(',').filter(Boolean),
});
console.log(`\nresilience-survey demo: ${site.url}`);
console.log(`responses land in the reference endpoint: ${site.url}api/responses`);
console.log(`results: ${site.url}results\n`);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => site.close().then(() => process.exit(0)));
}
