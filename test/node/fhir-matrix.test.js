// FHIR `table`, `grid` and non-repeating `gtable` groups without a browser: rows that are
// single-answer choices with the same options become a native choice matrix (`matrix: true`),
// which the pack checker and the JSON Schema accept; ordinal rows are Likert items on one scale;
// only the rows that do not fit are named, and a group none of whose rows fit is named once.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import {loadTs} from './load-ts.js';

const m = await loadTs(`
  export {fromQuestionnaire} from './src/instrument/fhir.ts';
  export {parsePack} from './src/instrument/parse.ts';
`);
const schema = JSON.parse(
  await readFile(new URL('../../schema/instrument.schema.json', import.meta.url), 'utf8'),
);
const ajv = new Ajv2020({allErrors: true, strictRequired: false});
addFormats(ajv);
const validate = ajv.compile(schema);

const SD = 'http://hl7.org/fhir/StructureDefinition/';
const control = (code) => ({
  url: `${SD}questionnaire-itemControl`,
  valueCodeableConcept: {coding: [{code}]},
});
const options = (codes, ordinal = false) =>
  codes.map((code, i) => ({
    valueCoding: {system: 'urn:x', code, display: code.toUpperCase()},
    ...(ordinal ? {extension: [{url: `${SD}ordinalValue`, valueDecimal: i}]} : {}),
  }));
const q = (code, item, repeats) => ({
  resourceType: 'Questionnaire',
  status: 'active',
  item: [{linkId: 'g', type: 'group', text: 'Table', extension: [control(code)], repeats, item}],
});
const choice = (linkId, answerOption, more = {}) => ({
  linkId,
  type: 'choice',
  text: linkId,
  answerOption,
  ...more,
});
const items = (r) => r.pack.sections.flatMap((s) => s.items);
const messages = (r) => r.warnings.map((w) => w.message);

test('rows with the same options are a matrix; the rest are named, each', () => {
  const abc = options(['a', 'b', 'c']);
  for (const code of ['table', 'grid', 'gtable']) {
    const r = m.fromQuestionnaire(
      q(code, [
        choice('r1', abc),
        choice('r2', abc, {type: 'open-choice'}),
        {linkId: 'note', type: 'display', text: 'Then'},
        choice('r3', abc),
        choice('r4', options(['x', 'y'])),
        choice('r5', abc, {repeats: true}),
        {linkId: 'r6', type: 'string', text: 'r6'},
      ]),
    );
    assert.equal(r.ok, true);
    const byId = Object.fromEntries(items(r).map((i) => [i.id, i]));
    assert.deepEqual(
      ['r1', 'r2', 'r3', 'r4', 'r5'].map((id) => byId[id].matrix === true),
      [true, true, false, false, false],
      code,
    );
    assert.deepEqual(messages(r), [
      `linkId "r3": in a "${code}" table, options no row next to it has (shown as an ordinary item)`,
      `linkId "r4": in a "${code}" table, options no row next to it has (shown as an ordinary item)`,
      `linkId "r5": in a "${code}" table, several answers (shown as an ordinary item)`,
      `linkId "r6": in a "${code}" table, not a choice (shown as an ordinary item)`,
    ]);
    const checked = m.parsePack(r.pack);
    assert.equal(checked.ok, true);
    assert.deepEqual(checked.warnings, []);
    assert.equal(validate(r.pack), true, JSON.stringify(validate.errors));
  }
});

test('ordinal rows are Likert items on one scale, with no warning', () => {
  const r = m.fromQuestionnaire(
    q('table', [choice('r1', options(['a', 'b'], true)), choice('r2', options(['a', 'b'], true))]),
  );
  assert.deepEqual(messages(r), []);
  const [r1, r2] = items(r).filter((i) => i.type !== 'display');
  assert.deepEqual(
    [r1.type, r2.type, r1.scale === r2.scale, r1.matrix],
    ['likert', 'likert', true, undefined],
  );
});

test('a group none of whose rows fit is named once; a repeating gtable is drawn as instances', () => {
  const none = m.fromQuestionnaire(
    q('grid', [
      {linkId: 'n1', type: 'decimal', text: 'n1'},
      {linkId: 'n2', type: 'decimal', text: 'n2'},
    ]),
  );
  assert.deepEqual(messages(none), [
    'linkId "g": itemControl "grid" with no rows that are single choices with the same options (shown as ordinary items)',
  ]);
  const abc = options(['a', 'b', 'c']);
  const repeating = m.fromQuestionnaire(q('gtable', [choice('r1', abc), choice('r2', abc)], true));
  assert.deepEqual(messages(repeating), []);
  const [group] = items(repeating);
  assert.equal(group.type, 'group');
  assert.deepEqual(
    group.items.map((i) => i.matrix),
    [undefined, undefined],
  );
});

test('a pack checker takes matrix only as a boolean', () => {
  const pack = {
    schema: 'resilience-survey/instrument@1',
    id: 'm',
    version: '1.0.0',
    title: 'M',
    timepoints: [{id: 'default', label: 'Now'}],
    sections: [
      {
        id: 's',
        title: 'S',
        items: [
          {id: 'a', type: 'choice', text: 'A', options: [{value: 'x', label: 'X'}], matrix: 'yes'},
        ],
      },
    ],
  };
  assert.equal(m.parsePack(pack).ok, false);
  assert.equal(validate(pack), false);
});
