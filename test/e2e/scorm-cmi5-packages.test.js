// `resilience-survey package`, as an e-learning author and an LMS use it: the command line
// (help, mistakes said in one line), the manifests (well-formed, read with a real XML parser,
// naming exactly the files in the zip), then each package unzipped and run where an LMS runs
// it: SCORM 1.2 and 2004 in a frame beside scorm-again's runtime, cmi5 launched with its
// parameters against a small record store on loopback. Completed with the keyboard alone; the
// LMS records completion and nothing of the answers, which reach the research endpoint.
// (Named to run after pages.test.js, which clears test-results/screenshots/ when it starts.)
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {createServer} from 'node:http';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {promisify} from 'node:util';
import {DOMParser} from '@xmldom/xmldom';
import {AxeBuilder} from '@axe-core/playwright';
import {unzipSync} from 'fflate';
import {answerWithKeyboard, heading, launch, root, screenshot} from './harness.js';

const run = promisify(execFile);
const cli = path.join(root, 'bin/resilience-survey.js');
const staffCheckIn = path.join(root, 'demo/pages/fhir/staff-check-in.json');

let work;
let browser;
before(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'rs-lms-'));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await rm(work, {recursive: true, force: true});
});

/** Runs the command; resolves with its exit status and output, whatever the status. */
async function command(...args) {
  try {
    const {stdout, stderr} = await run(process.execPath, [cli, ...args], {cwd: work});
    return {status: 0, stdout, stderr};
  } catch (error) {
    return {status: error.code, stdout: error.stdout, stderr: error.stderr};
  }
}

/** Writes a package and gives back its files, unzipped. */
async function makePackage(name, ...args) {
  const out = path.join(work, `${name}.zip`);
  const result = await command('package', ...args, '--out', out);
  assert.equal(result.status, 0, result.stderr);
  const bytes = await readFile(out);
  return {files: unzipSync(new Uint8Array(bytes)), size: bytes.length, result};
}

/** An XML document, or an error for anything not well-formed (xmldom's own checks). */
function parseXml(text) {
  return new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(text, 'text/xml');
}

const text = (bytes) => new TextDecoder().decode(bytes);
const children = (el, ns, name) =>
  [...el.childNodes].filter(
    (n) => n.nodeType === 1 && n.namespaceURI === ns && n.localName === name,
  );
const only = (el, ns, name) => {
  const found = children(el, ns, name);
  assert.equal(found.length, 1, `one <${name}> in <${el.localName}>`);
  return found[0];
};

const SCORM = {
  scorm12: {
    cp: 'http://www.imsproject.org/xsd/imscp_rootv1p1p2',
    adlcp: 'http://www.adlnet.org/xsd/adlcp_rootv1p2',
    scormType: 'scormtype',
    schemaversion: '1.2',
  },
  scorm2004: {
    cp: 'http://www.imsglobal.org/xsd/imscp_v1p1',
    adlcp: 'http://www.adlnet.org/xsd/adlcp_v1p3',
    scormType: 'scormType',
    schemaversion: '2004 4th Edition',
  },
};
const CMI5 = 'https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd';

/**
 * Checks a SCORM manifest as an LMS reads it: one organisation with one item pointing at one
 * SCO resource, launched from a file in the zip; the resource names every other file of the
 * zip and no file that is not there. Returns the launch file.
 */
function checkScormManifest(format, files) {
  const ns = SCORM[format];
  const doc = parseXml(text(files['imsmanifest.xml']));
  const manifest = doc.documentElement;
  assert.equal(manifest.namespaceURI, ns.cp);
  assert.equal(manifest.localName, 'manifest');
  const metadata = only(manifest, ns.cp, 'metadata');
  assert.equal(only(metadata, ns.cp, 'schema').textContent, 'ADL SCORM');
  assert.equal(only(metadata, ns.cp, 'schemaversion').textContent, ns.schemaversion);
  const organizations = only(manifest, ns.cp, 'organizations');
  const organization = only(organizations, ns.cp, 'organization');
  assert.equal(organizations.getAttribute('default'), organization.getAttribute('identifier'));
  assert.match(only(organization, ns.cp, 'title').textContent, /\S/);
  const item = only(organization, ns.cp, 'item');
  const resource = only(only(manifest, ns.cp, 'resources'), ns.cp, 'resource');
  assert.equal(item.getAttribute('identifierref'), resource.getAttribute('identifier'));
  assert.equal(resource.getAttributeNS(ns.adlcp, ns.scormType), 'sco');
  assert.equal(resource.getAttribute('type'), 'webcontent');
  // Every identifier is an XML ID: a letter or _ first, no colon.
  for (const el of [manifest, organization, item, resource]) {
    assert.match(el.getAttribute('identifier'), /^[A-Za-z_][\w.-]*$/);
  }
  const launch = resource.getAttribute('href');
  const named = children(resource, ns.cp, 'file').map((f) => f.getAttribute('href'));
  assert.ok(named.includes(launch), 'the launch page is one of the files');
  assert.deepEqual(
    [...named].sort(),
    Object.keys(files)
      .filter((f) => f !== 'imsmanifest.xml')
      .sort(),
    'the manifest names exactly the files in the zip',
  );
  return launch;
}

/** Checks cmi5.xml: one course, one AU completed by completion, its URL a file in the zip. */
function checkCmi5Structure(files) {
  const doc = parseXml(text(files['cmi5.xml']));
  const structure = doc.documentElement;
  assert.equal(structure.namespaceURI, CMI5);
  assert.equal(structure.localName, 'courseStructure');
  const course = only(structure, CMI5, 'course');
  const au = only(structure, CMI5, 'au');
  const iri = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
  assert.match(course.getAttribute('id'), iri);
  assert.match(au.getAttribute('id'), iri);
  assert.notEqual(au.getAttribute('id'), course.getAttribute('id'));
  assert.equal(au.getAttribute('moveOn'), 'Completed');
  assert.equal(au.getAttribute('launchMethod'), 'AnyWindow');
  for (const el of [course, au]) {
    for (const part of ['title', 'description']) {
      const strings = children(only(el, CMI5, part), CMI5, 'langstring');
      assert.ok(strings.length > 0, `${part} has a langstring`);
      for (const s of strings) {
        assert.match(s.getAttribute('lang'), /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/);
        assert.match(s.textContent, /\S/);
      }
    }
  }
  // The course structure's child elements come in the schema's order.
  assert.deepEqual(
    [...au.childNodes].filter((n) => n.nodeType === 1).map((n) => n.localName),
    ['title', 'description', 'url'],
  );
  const url = only(au, CMI5, 'url').textContent;
  assert.ok(Object.hasOwn(files, url), `the AU's url ${url} is in the zip`);
  return {auId: au.getAttribute('id'), url};
}

/**
 * A small web server on loopback: the LMS pages, scorm-again's runtime, the unzipped packages
 * under /pkg/<name>/, and the research endpoint (/api/responses), recording what each got.
 * `extra` handles other requests first (the cmi5 record store).
 */
async function startServer({extra} = {}) {
  const packages = new Map();
  const log = {commits: recorder(), responses: recorder()};
  const types = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.xml': 'application/xml',
    '.md': 'text/markdown; charset=utf-8',
  };
  const body = (req) =>
    new Promise((resolve) => {
      const parts = [];
      req.on('data', (c) => parts.push(c));
      req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    });
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (extra && (await extra(req, res, url, body))) return;
    const send = (status, type, data) => {
      res.writeHead(status, {'content-type': type});
      res.end(data);
    };
    if (req.method === 'POST' && url.pathname === '/lms/commit') {
      log.commits.push(JSON.parse(await body(req)));
      return send(200, 'application/json', JSON.stringify({result: 'true', errorCode: 0}));
    }
    if (req.method === 'POST' && url.pathname === '/api/responses') {
      const json = JSON.parse(await body(req));
      log.responses.push({json, key: req.headers['idempotency-key']});
      return send(201, 'application/json', JSON.stringify({id: json.id}));
    }
    const lms = url.pathname.match(/^\/lms\/(scorm12|scorm2004)\.html$/);
    if (lms) return send(200, types['.html'], lmsPage(lms[1]));
    const runtime = url.pathname.match(/^\/scorm-again\/(scorm12|scorm2004)\.min\.js$/);
    if (runtime) {
      const file = path.join(root, `node_modules/scorm-again/dist/${runtime[1]}.min.js`);
      return send(200, types['.js'], await readFile(file));
    }
    const inPackage = url.pathname.match(/^\/pkg\/([\w-]+)\/(.+)$/);
    const files = inPackage && packages.get(inPackage[1]);
    const file = files?.[decodeURIComponent(inPackage[2])];
    if (file)
      return send(200, types[path.extname(inPackage[2])] ?? 'application/octet-stream', file);
    send(404, 'text/plain', 'not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    log,
    packages,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** The LMS's page: its SCORM runtime (scorm-again) in the window, the SCO in a frame. */
function lmsPage(format) {
  const setup =
    format === 'scorm12'
      ? 'window.API = new Scorm12API(settings);'
      : 'window.API_1484_11 = new Scorm2004API(settings);';
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Test LMS</title>
    <script src="/scorm-again/${format}.min.js"></script>
    <script>
      const settings = {lmsCommitUrl: '/lms/commit', autocommit: false, logLevel: 5};
      ${setup}
    </script>
  </head>
  <body>
    <main>
      <h1>Course</h1>
      <iframe title="Lesson" src="/pkg/${format}/index.html" style="width: 100%; height: 80vh"></iframe>
    </main>
  </body>
</html>`;
}

/** What the participant typed, which must reach the endpoint and never the LMS. */
function assertNoAnswers(what, received, typed, response) {
  const json = JSON.stringify(received);
  for (const t of new Set(typed.filter((t) => t.length > 2))) {
    assert.ok(!json.includes(t), `${what} holds the typed "${t}"`);
  }
  for (const [key, value] of Object.entries(response.answers)) {
    if (typeof value === 'string' && value.length > 2) {
      assert.ok(!json.includes(value), `${what} holds the answer to ${key}`);
    }
  }
}

/**
 * A list that says when something arrives: `until(test)` resolves with the first truthy
 * `test(items)`, checked now and on every push (no polling, no clock).
 */
function recorder() {
  const items = [];
  const waiting = new Set();
  return {
    items,
    push(item) {
      items.push(item);
      for (const check of [...waiting]) check();
    },
    until(test) {
      return new Promise((resolve) => {
        const check = () => {
          const found = test(items);
          if (!found) return;
          waiting.delete(check);
          resolve(found);
        };
        waiting.add(check);
        check();
      });
    },
    clear() {
      items.length = 0;
    },
  };
}

describe('the command line', () => {
  it('explains itself with --help, and a mistake in one line with status 2', async () => {
    const help = await command('package', '--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--format scorm12\|scorm2004\|cmi5/);
    assert.match(help.stdout, /--instrument/);
    assert.match((await command('--help')).stdout, /package/);
    const bare = await command();
    assert.equal(bare.status, 2);
    assert.match(bare.stderr, /^Usage: resilience-survey <command>/);

    for (const [args, said] of [
      [['publish'], /unknown command "publish"/],
      [
        ['package', '--format', 'aicc', '--instrument', 'coping-with-error'],
        /--format aicc: choose one of scorm12, scorm2004, cmi5/,
      ],
      [['package', '--format', 'scorm12'], /--instrument is missing/],
      [
        ['package', '--format', 'scorm12', '--instrument', 'nope.json'],
        /--instrument nope\.json: no such file, and not a built-in pack \(coping-with-error\)/,
      ],
      [
        ['package', '--format', 'scorm12', '--instrument', 'coping-with-error'],
        /several timepoints \(baseline, post-workshop, post-coaching, follow-up\): choose one with --timepoint/,
      ],
      [
        [
          'package',
          '--format',
          'scorm12',
          '--instrument',
          'coping-with-error',
          '--timepoint',
          'later',
        ],
        /no timepoint “later”/,
      ],
      [
        [
          'package',
          '--format',
          'cmi5',
          '--instrument',
          'coping-with-error',
          '--timepoint',
          'baseline',
          '--endpoint',
          'http://research.example.org/r',
        ],
        /https: only/,
      ],
      [
        [
          'package',
          '--format',
          'cmi5',
          '--instrument',
          'coping-with-error',
          '--timepoint',
          'baseline',
          '--endpoint',
          '/api/responses',
        ],
        /absolute URL/,
      ],
      [
        [
          'package',
          '--format',
          'cmi5',
          '--instrument',
          'coping-with-error',
          '--timepoint',
          'baseline',
          '--lang',
          'de',
        ],
        /--lang de: the pack has no text in it \(it has en, cy\)/,
      ],
      [
        [
          'package',
          '--format',
          'cmi5',
          '--instrument',
          'coping-with-error',
          '--timepoint',
          'baseline',
          '--id',
          'my course',
        ],
        /cmi5 needs an IRI/,
      ],
      [['package', '--formt', 'cmi5'], /Unknown option '--formt'/],
    ]) {
      const result = await command(...args);
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, said, args.join(' '));
      assert.equal(result.stderr.trim().split('\n').length, 1, `one line: ${result.stderr}`);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    }
  });

  it('refuses a pack file that is not a valid pack, saying where', async () => {
    const file = path.join(work, 'broken-pack.json');
    await writeFile(file, JSON.stringify({schema: 'resilience-survey/instrument@1', id: 'x'}));
    const result = await command('package', '--format', 'scorm12', '--instrument', file);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /broken-pack\.json: \S+: /);
    await writeFile(file, '{"id": ');
    assert.match(
      (await command('package', '--format', 'scorm12', '--instrument', file)).stderr,
      /not JSON/,
    );
  });

  it('carries a pack file inside the page as data: its text can neither close the script nor add markup', async () => {
    const hostile = '</script><script>alert(1)</script><!-- & "quoted" \'too\'';
    const pack = JSON.parse(text(await readFile(staffCheckIn)));
    pack.title = hostile;
    pack.item[0].text = hostile;
    const file = path.join(work, 'hostile.json');
    await writeFile(file, JSON.stringify(pack));
    const {files} = await makePackage('hostile', '--format', 'scorm12', '--instrument', file);
    const page = text(files['index.html']);
    assert.equal(page.match(/<script/g).length, 2, 'the bundle and the pack, nothing more');
    assert.equal(page.match(/<\/script>/g).length, 2);
    const json = page.match(/<script type="application\/json">(.*?)<\/script>/s)[1];
    assert.deepEqual(JSON.parse(json), pack, 'the pack, unchanged once parsed');
    assert.ok(!json.includes('<'));
    assert.match(
      page,
      /<title>&lt;\/script&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;&lt;!-- &amp; &quot;quoted&quot; &apos;too&apos;/,
    );
    checkScormManifest('scorm12', files);
    // The manifest names the title as text.
    const manifest = parseXml(text(files['imsmanifest.xml']));
    assert.ok(manifest.getElementsByTagName('title')[0].textContent.startsWith(hostile));
  });
});

describe('the manifests', () => {
  it('the check is real: a manifest that is not well-formed fails it', () => {
    assert.throws(() => parseXml('<manifest><resources></manifest>'), /mismatch/);
    assert.throws(() => parseXml('<a x="1" x="2"/>'), /redefined/);
    assert.throws(() =>
      checkScormManifest('scorm12', {
        'imsmanifest.xml': new TextEncoder().encode(`<manifest xmlns="${SCORM.scorm12.cp}"/>`),
      }),
    );
  });

  for (const format of ['scorm12', 'scorm2004']) {
    it(`${format}: well-formed, one SCO, names exactly the files in the zip`, async () => {
      const {files, size} = await makePackage(
        `${format}-manifest`,
        '--format',
        format,
        '--instrument',
        'coping-with-error',
        '--timepoint',
        'baseline',
      );
      assert.equal(checkScormManifest(format, files), 'index.html');
      const sizes = Object.entries(files).map(([n, b]) => `${n} ${b.length}`);
      console.log(`# ${format}: ${size} bytes zipped; ${sizes.join(', ')}`);
    });
  }

  it('carries the FHIRPath engine only for a Questionnaire with FHIRPath expressions', async () => {
    const single = (name) => readFile(path.join(root, 'dist', 'single', name));
    const [small, withEngine] = await Promise.all([
      single('resilience-survey.single.js'),
      single('resilience-survey.single-fhirpath.js'),
    ]);
    assert.ok(withEngine.length > small.length * 3, 'the engine is most of the larger file');
    const builtIn = await makePackage(
      'no-engine',
      '--format',
      'scorm12',
      '--instrument',
      'coping-with-error',
      '--timepoint',
      'baseline',
    );
    assert.ok(small.equals(Buffer.from(builtIn.files['resilience-survey.single.js'])));
    const expressions = await makePackage(
      'engine',
      '--format',
      'scorm12',
      '--instrument',
      path.join(root, 'demo', 'pages', 'fhir', 'working-week.json'),
    );
    assert.ok(withEngine.equals(Buffer.from(expressions.files['resilience-survey.single.js'])));
  });

  it('cmi5: well-formed course structure, one AU, its url in the zip', async () => {
    const {files, size} = await makePackage(
      'cmi5-manifest',
      '--format',
      'cmi5',
      '--instrument',
      'coping-with-error',
      '--timepoint',
      'follow-up',
    );
    checkCmi5Structure(files);
    // Titles in every language of the pack, for the LMS's catalogue.
    const doc = parseXml(text(files['cmi5.xml']));
    const langs = [...doc.getElementsByTagName('langstring')].map((s) => s.getAttribute('lang'));
    assert.ok(langs.includes('en') && langs.includes('cy'), langs.join());
    const sizes = Object.entries(files).map(([n, b]) => `${n} ${b.length}`);
    console.log(`# cmi5: ${size} bytes zipped; ${sizes.join(', ')}`);
  });

  it('the same inputs name the same course (a new upload replaces the old one); others another', async () => {
    const args = [
      '--format',
      'cmi5',
      '--instrument',
      'coping-with-error',
      '--timepoint',
      'baseline',
    ];
    const a = checkCmi5Structure((await makePackage('same-a', ...args)).files);
    const b = checkCmi5Structure((await makePackage('same-b', ...args)).files);
    const c = checkCmi5Structure(
      (await makePackage('same-c', ...args.slice(0, -1), 'follow-up')).files,
    );
    assert.equal(a.auId, b.auId);
    assert.notEqual(a.auId, c.auId);
  });
});

describe('SCORM packages in an LMS frame beside scorm-again', () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.close();
  });

  for (const [format, instrument, timepoint] of [
    ['scorm12', 'coping-with-error', 'post-workshop'],
    ['scorm2004', staffCheckIn, 'baseline'],
  ]) {
    it(`${format} (${path.basename(instrument)}): completed with the keyboard; the LMS records completion, not answers`, async () => {
      const {files} = await makePackage(
        `${format}-run`,
        '--format',
        format,
        '--instrument',
        instrument,
        '--timepoint',
        timepoint,
        '--endpoint',
        `${server.origin}/api/responses`,
      );
      checkScormManifest(format, files);
      server.packages.set(format, files);
      server.log.commits.clear();
      server.log.responses.clear();
      const context = await browser.newContext({viewport: {width: 1280, height: 900}});
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (/Content Security Policy/.test(m.text())) errors.push(m.text());
      });
      try {
        await page.goto(`${server.origin}/lms/${format}.html`);
        // goto waits for the frame's load too.
        const frame = page.frames().find((f) => f.url().endsWith(`/pkg/${format}/index.html`));
        assert.ok(frame, 'the SCO frame');
        await frame.waitForFunction(() =>
          document.querySelector('rs-survey')?.shadowRoot?.querySelector('h2'),
        );
        // The SCO found the runtime up the frames and started the attempt.
        await page.waitForFunction(
          (f) => (f === 'scorm12' ? window.API : window.API_1484_11).isInitialized(),
          format,
        );
        const typed = await answerWithKeyboard(page, {frame});
        assert.ok(typed.length > 0, 'something was typed');
        assert.equal(await heading(frame), 'Thank you');

        // The research endpoint has the answers…
        const delivered = await server.log.responses.until((r) => r[0]);
        assert.equal(delivered.json.timepoint, timepoint);
        assert.ok(Object.keys(delivered.json.answers).length > 0);
        assert.equal(delivered.key, delivered.json.id);
        const answerText = JSON.stringify(delivered.json.answers);
        for (const t of typed.filter((t) => t.length > 2)) assert.ok(answerText.includes(t), t);

        // …the LMS has completion, committed to its server.
        const status = format === 'scorm12' ? 'lesson_status' : 'completion_status';
        const committed = await server.log.commits.until((commits) =>
          commits.find((c) => JSON.stringify(c).includes(`"${status}":"completed"`)),
        );
        // No interactions (answers) were set, by number either.
        const count = await page.evaluate(
          (f) =>
            f === 'scorm12'
              ? window.API.LMSGetValue('cmi.interactions._count')
              : window.API_1484_11.GetValue('cmi.interactions._count'),
          format,
        );
        assert.equal(count, '0');
        // Leaving the lesson finishes the attempt (LMSFinish / Terminate on pagehide).
        await frame.evaluate(() => (location.href = 'about:blank'));
        await page.waitForFunction(
          (f) => (f === 'scorm12' ? window.API : window.API_1484_11).isTerminated(),
          format,
        );
        const cmi = await page.evaluate(
          (f) =>
            JSON.parse(JSON.stringify((f === 'scorm12' ? window.API : window.API_1484_11).cmi)),
          format,
        );
        if (format === 'scorm12') {
          assert.equal(cmi.core.lesson_status, 'completed');
          assert.equal(cmi.core.exit, '');
        } else {
          assert.equal(cmi.completion_status, 'completed');
          assert.equal(cmi.exit, 'normal');
        }
        // Nothing of the answers: no suspend data, no typed text anywhere.
        assert.equal(cmi.suspend_data ?? '', '');
        assertNoAnswers('the LMS runtime', cmi, typed, delivered.json);
        assertNoAnswers(
          'the LMS server',
          [committed, ...server.log.commits.items],
          typed,
          delivered.json,
        );
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
});

describe('the cmi5 package launched by an LMS', () => {
  it('completed with the keyboard: the record store gets initialized, completed, terminated and no answers', async () => {
    // The LMS's record store, on another origin as it would be: CORS, the one-time fetch URL,
    // LMS.LaunchData, and statements PUT with the token.
    const registration = '6f1c9a4e-0a8b-4d8e-9d0a-2b0c4f5e6a71';
    const token = 'dGVzdDpzZWNyZXQ=';
    const lrs = {statements: recorder(), fetches: 0, refused: []};
    let auId;
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'Authorization, Content-Type, X-Experience-API-Version',
      'access-control-allow-methods': 'GET, POST, PUT, OPTIONS',
    };
    const store = await startServer({
      extra: async (req, res, url, body) => {
        const send = (status, json) => {
          res.writeHead(status, {...cors, 'content-type': 'application/json'});
          res.end(json === undefined ? '' : JSON.stringify(json));
          return true;
        };
        if (req.method === 'OPTIONS') return send(204);
        if (url.pathname === '/fetch' && req.method === 'POST') {
          // A fetch URL works once.
          if (lrs.fetches++) return send(401, {'error-code': '1', 'error-text': 'used'});
          return send(200, {'auth-token': token});
        }
        if (!url.pathname.startsWith('/xapi/')) return false;
        if (req.headers.authorization !== `Basic ${token}`) {
          lrs.refused.push(`unauthorised ${req.method} ${url.pathname}`);
          return send(401, {});
        }
        if (url.pathname === '/xapi/activities/state' && req.method === 'GET') {
          const params = url.searchParams;
          if (params.get('stateId') !== 'LMS.LaunchData' || params.get('activityId') !== auId) {
            lrs.refused.push(`state ${params}`);
            return send(404, {});
          }
          return send(200, {
            launchMode: 'Normal',
            launchMethod: 'AnyWindow',
            moveOn: 'Completed',
            contextTemplate: {
              extensions: {'https://w3id.org/xapi/cmi5/context/extensions/sessionid': 'session-1'},
            },
          });
        }
        if (url.pathname === '/xapi/statements' && req.method === 'PUT') {
          const statement = JSON.parse(await body(req));
          if (statement.id !== url.searchParams.get('statementId')) {
            lrs.refused.push(`statement id ${statement.id} at ${url.search}`);
            return send(400, {});
          }
          lrs.statements.push(statement);
          return send(204);
        }
        lrs.refused.push(`${req.method} ${url.pathname}`);
        return send(404, {});
      },
    });
    const server = await startServer();
    const context = await browser.newContext({viewport: {width: 1280, height: 900}});
    try {
      const {files} = await makePackage(
        'cmi5-run',
        '--format',
        'cmi5',
        '--instrument',
        'coping-with-error',
        '--timepoint',
        'baseline',
        '--endpoint',
        `${server.origin}/api/responses`,
      );
      const au = checkCmi5Structure(files);
      auId = au.auId;
      server.packages.set('cmi5', files);
      // The launch URL as the LMS makes it: the AU's url with the five cmi5 parameters.
      const actor = {
        objectType: 'Agent',
        account: {homePage: 'https://lms.example', name: 'learner-42'},
      };
      const launchUrl = new URL(`${server.origin}/pkg/cmi5/${au.url}`);
      for (const [k, v] of Object.entries({
        endpoint: `${store.origin}/xapi/`,
        fetch: `${store.origin}/fetch`,
        actor: JSON.stringify(actor),
        registration,
        activityId: au.auId,
      })) {
        launchUrl.searchParams.set(k, v);
      }
      const page = await context.newPage();
      const violations = [];
      page.on('console', (m) => {
        if (/Content Security Policy/.test(m.text())) violations.push(m.text());
      });
      await page.goto(launchUrl.href);
      await page.waitForFunction(() =>
        document.querySelector('rs-survey')?.shadowRoot?.querySelector('h2'),
      );
      await lrs.statements.until((s) => s.length === 1);
      const typed = await answerWithKeyboard(page);
      assert.equal(await heading(page), 'Thank you');
      const statements = await lrs.statements.until((s) => s.length === 3 && s);
      const delivered = await server.log.responses.until((r) => r[0]);

      assert.deepEqual(
        statements.map((s) => s.verb.id),
        [
          'http://adlnet.gov/expapi/verbs/initialized',
          'http://adlnet.gov/expapi/verbs/completed',
          'http://adlnet.gov/expapi/verbs/terminated',
        ],
      );
      for (const s of statements) {
        assert.equal(s.object.id, au.auId, 'about the AU of cmi5.xml');
        assert.equal(s.context.registration, registration);
        assert.deepEqual(s.actor, actor);
        assert.equal(s.result?.response, undefined, 'no answer as a response');
      }
      assert.equal(statements[1].result.completion, true);
      assert.equal(lrs.fetches, 1, 'the fetch URL was used once');
      assert.deepEqual(lrs.refused, [], 'every request to the record store was right');
      assertNoAnswers('the record store', statements, typed, delivered.json);
      // The answers went to the research endpoint, under the code, not the LMS's learner.
      assert.match(delivered.json.participant, /^M-07-/);
      assert.ok(!JSON.stringify(delivered.json).includes('learner-42'));
      assert.deepEqual(violations, []);
    } finally {
      await context.close();
      await server.close();
      await store.close();
    }
  });
});

describe('the launch page a person sees', () => {
  for (const width of [375, 1280]) {
    it(`at ${width} px: accessible (axe, WCAG 2.2 AA), the survey's first page`, async () => {
      const server = await startServer();
      const {files} = await makePackage(
        `look-${width}`,
        '--format',
        'scorm12',
        '--instrument',
        'coping-with-error',
        '--timepoint',
        'baseline',
      );
      server.packages.set('look', files);
      const context = await browser.newContext({viewport: {width, height: 900}});
      try {
        const page = await context.newPage();
        await page.goto(`${server.origin}/pkg/look/index.html`);
        await page.waitForFunction(() =>
          document.querySelector('rs-survey')?.shadowRoot?.querySelector('h2'),
        );
        await screenshot(page, `lms-package-${width}`);
        const result = await new AxeBuilder({page})
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
          .analyze();
        assert.deepEqual(
          result.violations.map((v) => v.id),
          [],
        );
      } finally {
        await context.close();
        await server.close();
      }
    });
  }
});

describe('the single-file build from file://', () => {
  /** Unzips a package to disk and opens its page from file://, recording every request. */
  async function openFromDisk(name, ...args) {
    const {files} = await makePackage(name, '--format', 'scorm12', ...args);
    const dir = await mkdtemp(path.join(work, `${name}-`));
    for (const [file, bytes] of Object.entries(files)) await writeFile(path.join(dir, file), bytes);
    const context = await browser.newContext({viewport: {width: 1280, height: 900}});
    const requests = [];
    context.on('request', (r) => requests.push(r.url()));
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(pathToFileURL(path.join(dir, 'index.html')).href);
    const fetched = () => requests.map((r) => path.basename(new URL(r).pathname)).sort();
    return {context, page, errors, requests, fetched};
  }
  const title = (page, text) =>
    page.waitForFunction(
      (t) =>
        document.querySelector('rs-survey')?.shadowRoot?.querySelector('h2')?.textContent === t,
      text,
    );
  const expected = ['index.html', 'resilience-survey.single.js', 'style.css'];

  it('runs from the unzipped package on disk: no chunk requests; completes in local mode', async () => {
    const {context, page, errors, requests, fetched} = await openFromDisk(
      'local',
      '--instrument',
      'coping-with-error',
      '--timepoint',
      'post-workshop',
    );
    try {
      await title(page, 'Coping with error and stressful events');
      // The reflection pages, the last pages, scoring and the local store: all inside the
      // one file.
      await answerWithKeyboard(page);
      assert.deepEqual(fetched(), expected, 'the page, its style and the one script: no chunk');
      assert.ok(
        requests.every((r) => r.startsWith('file://')),
        requests.join(', '),
      );
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('shows Welsh from file:// (the interface’s and the pack’s Welsh are in the file too)', async () => {
    const {context, page, errors, fetched} = await openFromDisk(
      'local-cy',
      '--instrument',
      'coping-with-error',
      '--timepoint',
      'follow-up',
      '--lang',
      'cy',
    );
    try {
      await title(page, 'Ymdopi â chamgymeriadau a digwyddiadau llawn straen');
      assert.match(
        await page.evaluate(() => document.querySelector('rs-survey').shadowRoot.textContent),
        /Dechrau/,
      );
      assert.deepEqual(fetched(), expected);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
