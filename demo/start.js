// `npm start`: builds the widget, then serves the demo site with the study's server mounted,
// the demo study's simulated responses stored once, and the sign-in printed.
//   PORT (default 8080), DATA_DIR (default demo/.data), TRUSTED_ORIGINS (comma-separated),
//   RESULTS_TOKEN (the access token; else a new one each start), DATABASE_URL (PostgreSQL).
import {execFileSync} from 'node:child_process';
import process from 'node:process';
import {createSite} from './site.js';

const port = Number(process.env.PORT ?? 8080);
if (!process.argv.includes('--no-build')) {
  execFileSync(process.execPath, ['scripts/build.js'], {stdio: 'inherit'});
}
let site;
try {
  site = await createSite({
    port,
    dataDir: process.env.DATA_DIR,
    databaseUrl: process.env.DATABASE_URL,
    token: process.env.RESULTS_TOKEN,
    trustedOrigins: (process.env.TRUSTED_ORIGINS ?? '').split(',').filter(Boolean),
    demoStudy: true,
  });
} catch (error) {
  const e = /** @type {any} */ (error);
  if (e.code === 'EADDRINUSE') {
    console.error(
      `Port ${port} is taken (another server?). Pick another: PORT=${port + 1} npm start`,
    );
  } else {
    console.error(e.name === 'StoreInUseError' ? e.message : `Cannot start: ${e.message}`);
  }
  process.exit(1);
}
console.log(`\nresilience-survey demo: ${site.url}`);
console.log(`responses land in the study's server: ${site.url}api/responses`);
if (site.seeded)
  console.log(
    `demo study: ${site.seeded} simulated responses stored (marked simulated; clear them on Manage data)`,
  );
console.log(`results:  ${site.url}results`);
console.log(
  `sign in:  ${site.url}signin with the access token ${process.env.RESULTS_TOKEN ? '(your RESULTS_TOKEN)' : site.token}\n`,
);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => site.close().then(() => process.exit(0)));
}
