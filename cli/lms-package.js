// `resilience-survey package`: an LMS package (SCORM 1.2, SCORM 2004 or cmi5) around the
// single-file classic build, so an e-learning author uploads the survey without writing a page.
//
// What goes to the LMS is completion only (src/lms/): the launch page sets `lms`, the survey
// finds the SCORM API up the frames or follows the cmi5 launch parameters, and the answers go
// to the research endpoint (or stay on the device) under the participant code, never to the
// LMS, which knows the learner by name.
import {readFile} from 'node:fs/promises';
import {zipSync, strToU8} from 'fflate';

/** Where the package's parts come from: the built files beside this folder. */
const here = new URL('../', import.meta.url);
const SCRIPT = 'resilience-survey.single.js';
const built = {
  script: new URL(`dist/single/${SCRIPT}`, here),
  // The same with the FHIRPath engine, for a Questionnaire with FHIRPath expressions.
  scriptWithFhirpath: new URL('dist/single/resilience-survey.single-fhirpath.js', here),
  licences: new URL('dist/single/THIRD-PARTY-LICENSES.md', here),
  load: new URL('lib/instrument/load.js', here),
  packs: new URL('lib/instrument/packs/index.js', here),
  text: new URL('lib/instrument/text.js', here),
  endpoint: new URL('lib/transport/endpoint.js', here),
  xapi: new URL('lib/transport/xapi.js', here),
};

export const FORMATS = ['scorm12', 'scorm2004', 'cmi5'];

/** A mistake in what the person asked for: said in one line, with no stack. */
export class UsageError extends Error {}

/** The built modules the package is made with (`npm run build` writes them; npm ships them). */
async function builtModule(url) {
  try {
    return await import(url.href);
  } catch (error) {
    if (error?.code === 'ERR_MODULE_NOT_FOUND') {
      throw new UsageError(
        `${url.pathname} is missing: run \`npm run build\` first (an installed package has it).`,
      );
    }
    throw error;
  }
}

async function builtFile(url) {
  try {
    return await readFile(url);
  } catch (error) {
    if (error?.code === 'ENOENT') {
      throw new UsageError(
        `${url.pathname} is missing: run \`npm run build\` first (an installed package has it).`,
      );
    }
    throw error;
  }
}

/**
 * The pack the package will show, checked as the survey would check it: a built-in id, or a
 * file (a native pack or a FHIR R4 Questionnaire). Returns the pack, the JSON to put in the
 * page (a file's own text; none for a built-in pack) and the timepoint in force.
 */
export async function readInstrument(instrument, {timepoint} = {}) {
  const [{loadPack, resolveTimepoint}, {builtinPacks}] = await Promise.all([
    builtModule(built.load),
    builtModule(built.packs),
  ]);
  let pack;
  let inline;
  let warnings = [];
  if (Object.hasOwn(builtinPacks, instrument)) {
    pack = await builtinPacks[instrument]();
  } else {
    let text;
    try {
      text = await readFile(instrument, 'utf8');
    } catch (error) {
      const known = Object.keys(builtinPacks).join(', ');
      throw new UsageError(
        error?.code === 'ENOENT'
          ? `--instrument ${instrument}: no such file, and not a built-in pack (${known}).`
          : `--instrument ${instrument}: ${error.message}`,
      );
    }
    let json;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`--instrument ${instrument}: not JSON (${error.message}).`);
    }
    try {
      ({pack, warnings} = await loadPack(
        {kind: 'object', value: json},
        // FHIRPath expressions are the page's to evaluate (the package carries the engine):
        // checking the Questionnaire here needs the import's first pass only.
        {fetch: globalThis.fetch, timepoint, langs: ['en'], fhirpath: false},
      ));
    } catch (error) {
      throw new UsageError(`--instrument ${instrument}: ${error.message}`);
    }
    inline = json;
  }
  let tp;
  try {
    tp = resolveTimepoint(pack, timepoint);
  } catch (error) {
    throw new UsageError(
      error.message.replace('set the timepoint attribute', 'choose one with --timepoint'),
    );
  }
  return {pack, inline, warnings, timepoint: tp};
}

/** Checks `--endpoint` as the survey will: https:, or http: on this machine; absolute only. */
export async function checkEndpointOption(endpoint) {
  if (endpoint === undefined) return undefined;
  const {checkEndpoint} = await builtModule(built.endpoint);
  let absolute = false;
  try {
    absolute = Boolean(new URL(endpoint));
  } catch {
    // Said below.
  }
  if (!absolute) {
    throw new UsageError(
      `--endpoint ${endpoint}: give an absolute URL (https://…); where the LMS serves the package is not known here.`,
    );
  }
  const check = checkEndpoint(endpoint, 'about:blank');
  if (!check.ok) throw new UsageError(`--endpoint: ${check.message.replace(/^Endpoint /, '')}`);
  return check.url.href;
}

const escapeXml = (s) =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;'})[c],
  );
// The same five characters cover HTML text and quoted attribute values (`&apos;` is HTML too).
const escapeHtml = escapeXml;

/** An XML `ID` (an NCName: a letter first, no colons or spaces). */
const xmlId = (s) => `rs-${String(s).replace(/[^A-Za-z0-9._-]+/g, '-')}`;

/** What a person sees where the survey cannot run (an old browser), per interface language. */
const FALLBACK = {
  en: 'This questionnaire needs a current web browser. Please open it in Edge, Chrome, Firefox or Safari, or ask your course team for another way to take part.',
  cy: 'Mae angen porwr gwe cyfredol ar gyfer yr holiadur hwn. Agorwch ef yn Edge, Chrome, Firefox neu Safari, neu gofynnwch i dîm eich cwrs am ffordd arall o gymryd rhan.',
};

/** The files of the package and its manifest. */
export async function makePackage({
  format,
  instrument,
  timepoint,
  endpoint,
  lang = 'en',
  title,
  id,
}) {
  if (!FORMATS.includes(format)) {
    throw new UsageError(`--format ${format ?? '(missing)'}: choose one of ${FORMATS.join(', ')}.`);
  }
  if (!instrument) throw new UsageError('--instrument is missing: a built-in pack id or a file.');
  const [read, endpointUrl, {localize}, {uuidV5}] = await Promise.all([
    readInstrument(instrument, {timepoint}),
    checkEndpointOption(endpoint),
    builtModule(built.text),
    builtModule(built.xapi),
  ]);
  const {pack, inline} = read;
  const languages = pack.languages ?? ['en'];
  if (!languages.some((l) => l.toLowerCase() === lang.toLowerCase())) {
    throw new UsageError(
      `--lang ${lang}: the pack has no text in it (it has ${languages.join(', ')}).`,
    );
  }
  const tp = pack.timepoints.find((t) => t.id === read.timepoint);
  const titleIn = (l) =>
    title ??
    [localize(pack.title, l, languages), localize(tp.label, l, languages)]
      .filter(Boolean)
      .join(': ');
  const heading = titleIn(lang);
  // cmi5 wants a description in each language: the timepoint's, else the pack's, else the title.
  const description = (l) =>
    localize(tp.description ?? pack.description, l, languages) || titleIn(l);

  // The same inputs name the same course, so uploading a new version replaces the old one.
  const name = `resilience-survey/${pack.id}/${read.timepoint}/${endpointUrl ?? 'local'}`;
  const courseId = id ?? `urn:uuid:${uuidV5(name)}`;
  if (format === 'cmi5' && !/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(courseId)) {
    throw new UsageError(`--id ${courseId}: cmi5 needs an IRI (https://… or urn:…).`);
  }

  // The FHIRPath engine is ~220 KiB gzip: only a Questionnaire with expressions gets it.
  const fhirpath = JSON.stringify(inline ?? null).includes('"text/fhirpath"');
  const script = await builtFile(fhirpath ? built.scriptWithFhirpath : built.script);
  const licences = await builtFile(built.licences);
  // The package's own licence, where the package has the file.
  const licence = await readFile(new URL('LICENSE', here)).catch(() => undefined);
  const files = new Map([
    [
      'index.html',
      launchPage({format, pack, inline, timepoint: read.timepoint, endpointUrl, lang, heading}),
    ],
    [SCRIPT, script],
    ['style.css', STYLE],
    ['THIRD-PARTY-LICENSES.md', licences],
    ...(licence ? [['LICENSE', licence]] : []),
  ]);
  const content = [...files.keys()];
  // SCORM identifiers are XML IDs: readable, and unique by the same name as above.
  const scormId = xmlId(id ?? `${pack.id}-${read.timepoint}-${uuidV5(name).slice(0, 8)}`);
  const manifestInfo = {id: scormId, title: heading, launch: 'index.html', files: content};
  if (format === 'scorm12') files.set('imsmanifest.xml', scorm12Manifest(manifestInfo));
  if (format === 'scorm2004') files.set('imsmanifest.xml', scorm2004Manifest(manifestInfo));
  if (format === 'cmi5') {
    files.set(
      'cmi5.xml',
      cmi5Structure({
        courseId,
        auId: id ? `${courseId.replace(/\/$/, '')}/au` : `urn:uuid:${uuidV5(`${name}/au`)}`,
        titles: languages.map((l) => [l, titleIn(l)]),
        descriptions: languages.map((l) => [l, description(l)]),
        launch: 'index.html',
      }),
    );
  }
  return {files, pack, timepoint: read.timepoint, warnings: read.warnings, endpoint: endpointUrl};
}

/** The zip's bytes: the manifest first, as some LMSs read only the start of an upload. */
export function zip(files, {mtime = new Date()} = {}) {
  const entries = {};
  const order = [...files.keys()].sort((a, b) => isManifest(b) - isManifest(a));
  for (const name of order) {
    const data = files.get(name);
    entries[name] = [typeof data === 'string' ? strToU8(data) : new Uint8Array(data), {mtime}];
  }
  return zipSync(entries, {level: 9});
}
const isManifest = (name) => Number(name === 'imsmanifest.xml' || name === 'cmi5.xml');

/**
 * The page the LMS launches. A Content Security Policy as strict as the intranet's: scripts
 * and styles from the package only, requests to the research endpoint only (cmi5: also to
 * the LMS's record store, whose address arrives with the launch).
 */
function launchPage({format, pack, inline, timepoint, endpointUrl, lang, heading}) {
  const connect = ["'self'"];
  if (endpointUrl) connect.push(new URL(endpointUrl).origin);
  if (format === 'cmi5') connect.push('https:', 'http://localhost:*', 'http://127.0.0.1:*');
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const attrs = [
    // A pack from a file travels inside the page: a package opened from file:// cannot fetch.
    ...(inline ? [] : [['instrument', pack.id]]),
    ['timepoint', timepoint],
    ...(endpointUrl ? [['endpoint', endpointUrl]] : []),
    ['lms', format === 'cmi5' ? 'cmi5' : 'auto'],
  ];
  const attrText = attrs.map(([k, v]) => ` ${k}="${escapeHtml(v)}"`).join('');
  // `<` never appears raw, so the text cannot close the script element.
  const json = inline ? JSON.stringify(inline).replace(/</g, '\\u003c') : '';
  const fallback = FALLBACK[lang.split('-')[0].toLowerCase()] ?? FALLBACK.en;
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta http-equiv="Content-Security-Policy" content="${csp}" />
    <title>${escapeHtml(heading)}</title>
    <link rel="stylesheet" href="style.css" />
    <script src="${SCRIPT}"></script>
  </head>
  <body>
    <main>
      <h1 class="visually-hidden">${escapeHtml(heading)}</h1>
      <rs-survey${attrText}>${inline ? `\n        <script type="application/json">${json}</script>` : ''}
        <p class="fallback">${escapeHtml(fallback)}</p>
      </rs-survey>
    </main>
  </body>
</html>
`;
}

const STYLE = `html {
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
  line-height: 1.5;
  color: #212b32;
  background: #fff;
}
body {
  margin: 0;
}
main {
  max-width: 46rem;
  margin: 0 auto;
  padding: 1rem;
}
.visually-hidden {
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
}
`;

/** SCORM 1.2 (IMS Content Packaging 1.1.2): one organisation, one item, one SCO. */
export function scorm12Manifest({id: ident, title, launch, files}) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${escapeXml(ident)}" version="1.0"
          xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
          xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="${escapeXml(ident)}-org">
    <organization identifier="${escapeXml(ident)}-org">
      <title>${escapeXml(title)}</title>
      <item identifier="${escapeXml(ident)}-item" identifierref="${escapeXml(ident)}-sco" isvisible="true">
        <title>${escapeXml(title)}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${escapeXml(ident)}-sco" type="webcontent" adlcp:scormtype="sco" href="${escapeXml(launch)}">
${files.map((f) => `      <file href="${escapeXml(f)}"/>`).join('\n')}
    </resource>
  </resources>
</manifest>
`;
}

/** SCORM 2004 4th Edition: one organisation, one item, one SCO; default sequencing. */
export function scorm2004Manifest({id: ident, title, launch, files}) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${escapeXml(ident)}" version="1.0"
          xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
          xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="${escapeXml(ident)}-org">
    <organization identifier="${escapeXml(ident)}-org">
      <title>${escapeXml(title)}</title>
      <item identifier="${escapeXml(ident)}-item" identifierref="${escapeXml(ident)}-sco" isvisible="true">
        <title>${escapeXml(title)}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${escapeXml(ident)}-sco" type="webcontent" adlcp:scormType="sco" href="${escapeXml(launch)}">
${files.map((f) => `      <file href="${escapeXml(f)}"/>`).join('\n')}
    </resource>
  </resources>
</manifest>
`;
}

/**
 * cmi5 course structure: one course, one AU. The AU is complete when the person submits
 * (`moveOn="Completed"`); the LMS may show it in a frame or a window (`AnyWindow`).
 */
export function cmi5Structure({courseId, auId, titles, descriptions, launch}) {
  const langstrings = (list, indent) =>
    list
      .filter(([, text]) => text)
      .map(
        ([l, text]) =>
          `${indent}<langstring lang="${escapeXml(l)}">${escapeXml(text)}</langstring>`,
      )
      .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="${escapeXml(courseId)}">
    <title>
${langstrings(titles, '      ')}
    </title>
    <description>
${langstrings(descriptions, '      ')}
    </description>
  </course>
  <au id="${escapeXml(auId)}" moveOn="Completed" launchMethod="AnyWindow">
    <title>
${langstrings(titles, '      ')}
    </title>
    <description>
${langstrings(descriptions, '      ')}
    </description>
    <url>${escapeXml(launch)}</url>
  </au>
</courseStructure>
`;
}
