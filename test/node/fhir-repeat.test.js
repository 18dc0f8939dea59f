// Repeating groups and repeating answers without a browser: the FHIR import makes a native
// group (and `repeats` on a question), the pack checker and the JSON Schema accept it, the
// instances are expanded with their own conditions, drafts keep their answers, and the
// QuestionnaireResponse has one item per instance, which the check against the Questionnaire
// accepts. The check itself is shown to catch what would be wrong with instances.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import {loadTs} from './load-ts.js';
import {checkResponse} from './questionnaire-check.js';

const m = await loadTs(`
  export {fromQuestionnaire} from './src/instrument/fhir.ts';
  export {parsePack, initialAnswers} from './src/instrument/parse.ts';
  export {expand, visibleAnswers, questionsAt} from './src/instrument/conditions.ts';
  export {installRepeats, expandItems} from './src/instrument/repeat.ts';
  export {knownAnswers} from './src/elements/rs-survey/session.ts';
  export {sharedAnswers} from './src/transport/body-json.ts';
  export {buildQuestionnaireResponse} from './src/transport/body-fhir.ts';
  export {buildStatements} from './src/transport/body-xapi.ts';
`);
m.installRepeats(m.expand);

const schema = JSON.parse(
  await readFile(new URL('../../schema/instrument.schema.json', import.meta.url), 'utf8'),
);
const ajv = new Ajv2020({allErrors: true, strictRequired: false});
addFormats(ajv);
const validatePack = ajv.compile(schema);

const SD = 'http://hl7.org/fhir/StructureDefinition/';
const coding = (code) => ({valueCoding: {system: 'urn:test', code, display: code}});
const questionnaire = {
  resourceType: 'Questionnaire',
  url: 'https://example.org/Questionnaire/meds',
  status: 'active',
  item: [
    {
      linkId: 'about',
      type: 'group',
      text: 'About you',
      item: [
        {linkId: 'phone', type: 'string', text: 'Phone numbers', repeats: true},
        {
          linkId: 'meds',
          type: 'group',
          text: 'Medicine',
          repeats: true,
          extension: [
            {url: `${SD}questionnaire-maxOccurs`, valueInteger: 2},
            {
              url: `${SD}questionnaire-itemControl`,
              valueCodeableConcept: {coding: [{code: 'gtable'}]},
            },
          ],
          item: [
            {linkId: 'name', type: 'string', text: 'Name', required: true},
            {
              linkId: 'daily',
              type: 'choice',
              text: 'Every day?',
              answerOption: [coding('yes'), coding('no')],
            },
            {
              linkId: 'when',
              type: 'string',
              text: 'When?',
              enableWhen: [
                {question: 'daily', operator: '=', answerCoding: coding('no').valueCoding},
              ],
            },
          ],
        },
      ],
    },
  ],
};

function convert() {
  const converted = m.fromQuestionnaire(questionnaire);
  assert.equal(converted.ok, true);
  const parsed = m.parsePack(converted.pack);
  assert.deepEqual(parsed.ok ? [] : parsed.problems, []);
  return {converted, pack: parsed.pack};
}

const respond = (pack, link, answers) =>
  m.buildQuestionnaireResponse({
    id: '0b9f5e0c-1111-4222-8333-444455556666',
    pack,
    link,
    timepoint: 'default',
    participant: null,
    locale: 'en',
    submittedAt: '2026-11-27T09:12:31.000Z',
    answers: m.visibleAnswers(pack, 'default', answers),
  });

test('a repeating group and a repeating string become a native group and `repeats`', () => {
  const {converted, pack} = convert();
  assert.deepEqual(converted.warnings, []);
  const items = pack.sections[0].items;
  assert.deepEqual(
    items.map((i) => [i.id, i.type, i.repeats ?? null, i.max ?? null]),
    [
      ['phone', 'text', true, null],
      ['meds', 'group', null, 2],
    ],
  );
  assert.deepEqual(
    items[1].items.map((i) => i.id),
    ['name', 'daily', 'when'],
  );
  assert.equal(validatePack(converted.pack), true, JSON.stringify(validatePack.errors));
});

test('each instance has its own items, conditions and required checks', () => {
  const {pack} = convert();
  const answers = {
    meds: ['1', '3'],
    'meds.1.name': 'Aspirin',
    'meds.1.daily': ['yes'],
    'meds.1.when': 'left over from before',
    'meds.3.daily': ['no'],
  };
  const asked = m.questionsAt(pack, 'default', answers).map((q) => [q.id, q.required ?? false]);
  assert.deepEqual(asked, [
    ['phone.1', false],
    ['meds.1.name', true],
    ['meds.1.daily', false],
    ['meds.3.name', true],
    ['meds.3.daily', false],
    ['meds.3.when', false],
  ]);
  // What a person could not see is not sent: instance 1 says "yes", so no "when" there.
  assert.equal(m.visibleAnswers(pack, 'default', answers)['meds.1.when'], undefined);
});

test('a draft keeps every instance, and the JSON body sends their answers', () => {
  const {pack} = convert();
  const answers = {
    meds: ['1', '2'],
    'meds.2.name': 'Insulin',
    '.phone': ['1', '2'],
    'phone.2': '0123',
    'gone.1.x': 'dropped',
  };
  const {answers: kept, dropped} = m.knownAnswers(pack, answers);
  assert.equal(dropped, 1);
  assert.deepEqual(Object.keys(kept).sort(), ['.phone', 'meds', 'meds.2.name', 'phone.2']);
  // The tokens stay on the device: each answer's key names its instance.
  assert.deepEqual(Object.keys(m.sharedAnswers(pack, answers)).sort(), ['meds.2.name', 'phone.2']);
});

test('the QuestionnaireResponse has one item per instance and passes the check', () => {
  const {converted, pack} = convert();
  const qr = respond(pack, converted.link, {
    '.phone': ['1', '2', '4'],
    'phone.1': '0123',
    'phone.4': '0456',
    meds: ['1', '2'],
    'meds.1.name': 'Aspirin',
    'meds.1.daily': ['no'],
    'meds.1.when': 'Mornings',
    'meds.2.name': 'Insulin',
    'meds.2.daily': ['yes'],
  });
  assert.equal(qr.status, 'completed');
  const about = qr.item[0];
  assert.deepEqual(about.item[0], {
    linkId: 'phone',
    text: 'Phone numbers',
    answer: [{valueString: '0123'}, {valueString: '0456'}],
  });
  const meds = about.item.filter((i) => i.linkId === 'meds');
  assert.deepEqual(
    meds.map((g) => g.item.map((i) => i.linkId)),
    [
      ['name', 'daily', 'when'],
      ['name', 'daily'],
    ],
  );
  assert.deepEqual(checkResponse(questionnaire, qr), []);
});

test('the check catches what is wrong with instances', () => {
  const group = (items) => ({linkId: 'meds', item: items});
  const name = (v) => ({linkId: 'name', answer: [{valueString: v}]});
  const daily = (code) => ({linkId: 'daily', answer: [coding(code)]});
  const when = {linkId: 'when', answer: [{valueString: 'Mornings'}]};
  const qr = (items, status = 'completed') => ({
    resourceType: 'QuestionnaireResponse',
    status,
    item: [{linkId: 'about', item: items}],
  });
  // Per instance: "when" answered where that instance's "daily" says yes.
  assert.deepEqual(
    checkResponse(
      questionnaire,
      qr([group([name('A'), daily('no'), when]), group([name('B'), daily('yes'), when])]),
    ),
    ['item[0] (about).item[1] (meds).item[2] (when): answers a disabled item'],
  );
  // A required item missing in the second instance of a completed response.
  assert.deepEqual(checkResponse(questionnaire, qr([group([name('A')]), group([daily('yes')])])), [
    'item[0] (about).item[1] (meds): required name unanswered in this instance',
  ]);
  // More instances than maxOccurs; a question that does not repeat given twice.
  assert.deepEqual(
    checkResponse(
      questionnaire,
      qr([group([name('A')]), group([name('B')]), group([name('C')])], 'in-progress'),
    ),
    ['item[0] (about).item (meds): 3 instances, more than maxOccurs'],
  );
  assert.deepEqual(checkResponse(questionnaire, qr([group([name('A'), name('B')])])), [
    'item[0] (about).item[0] (meds).item (name): 2 items for an item that does not repeat',
  ]);
});

test('a native pack: a group and repeats pass the checker and the schema; misuse is refused', () => {
  const pack = {
    id: 'native',
    version: '1.0.0',
    title: 'Native',
    timepoints: [{id: 't', label: 'T'}],
    sections: [
      {
        id: 's',
        title: 'S',
        items: [
          {
            id: 'g',
            type: 'group',
            text: 'Child',
            min: 2,
            items: [{id: 'age', type: 'number', text: 'Age'}],
          },
          {id: 'note', type: 'long-text', text: 'Notes', repeats: true},
          {id: 'x', type: 'text', text: 'X', showIf: {item: 'age', op: 'gt', value: 3}},
        ],
      },
    ],
  };
  assert.equal(validatePack(pack), true, JSON.stringify(validatePack.errors));
  const parsed = m.parsePack(pack);
  assert.equal(parsed.ok, true);
  assert.deepEqual(parsed.warnings, [
    {
      path: 'sections[0].items[2].showIf.item',
      message: '"age" is in a repeating group: never answered here',
    },
  ]);
  // Two instances at least, from the start; a new draft's keys.
  assert.deepEqual(
    m.questionsAt(parsed.pack, 't', {}).map((q) => q.id),
    ['g.1.age', 'g.2.age', 'note.1'],
  );
  const bad = structuredClone(pack);
  bad.sections[0].items[0].items.push({
    id: 'r',
    type: 'reflection',
    text: 'R',
    steps: [{id: 'a', prompt: 'A'}],
  });
  const refused = m.parsePack(bad);
  assert.equal(refused.ok, false);
  assert.deepEqual(
    refused.problems.map((p) => p.path),
    ['sections[0].items[0].items[1].type'],
  );
  assert.equal(validatePack(bad), false);
});

test('xAPI: one statement per answer of each instance, named by its instance', () => {
  const {pack} = convert();
  const statements = m.buildStatements({
    id: '0b9f5e0c-1111-4222-8333-444455556666',
    pack,
    timepoint: 'default',
    participant: null,
    locale: 'en',
    submittedAt: '2026-11-27T09:12:31.000Z',
    answers: m.visibleAnswers(pack, 'default', {
      meds: ['1', '2'],
      'meds.1.name': 'Aspirin',
      'meds.2.name': 'Insulin',
      'phone.1': '0123',
    }),
    scores: {},
    origin: 'https://example.org',
  });
  assert.deepEqual(
    statements
      .slice(0, -1)
      .map((s) => [s.object.id.split('/items/')[1], s.object.definition.name.en]),
    [
      ['phone.1', 'Phone numbers'],
      ['meds.1.name', 'Medicine 1: Name'],
      ['meds.2.name', 'Medicine 2: Name'],
    ],
  );
});
