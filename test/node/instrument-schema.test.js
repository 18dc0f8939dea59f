// The published instrument schema describes the pack format the parser accepts: the built-in
// pack passes both, and broken packs fail both.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {URL} from 'node:url';
import {loadTs as load} from './load-ts.js';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const root = new URL('../../', import.meta.url);

const {pack, parsePack} = await load(`
  export {pack} from './src/instrument/packs/source/coping-with-error.ts';
  export {parsePack} from './src/instrument/parse.ts';
`);
const schema = JSON.parse(await readFile(new URL('schema/instrument.schema.json', root), 'utf8'));
const ajv = new Ajv2020({allErrors: true, strict: true, strictRequired: false});
addFormats(ajv);
const validate = ajv.compile(schema);

/** The built-in pack as JSON, so each test can break its own copy. */
const copy = () => JSON.parse(JSON.stringify(pack));

test('the schema compiles under strict Ajv 2020', () => {
  assert.equal(typeof validate, 'function');
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
});

test('the built-in pack is valid against the schema', () => {
  const ok = validate(copy());
  assert.equal(ok, true, JSON.stringify(validate.errors, null, 2));
});

test('the built-in pack parses with no problems and no warnings', () => {
  const result = parsePack(copy());
  assert.equal(result.ok, true, JSON.stringify(result.problems));
  assert.deepEqual(result.warnings, []);
});

const broken = {
  'no sections': (p) => delete p.sections,
  'no timepoints': (p) => (p.timepoints = []),
  'a wrong schema value': (p) => (p.schema = 'resilience-survey/instrument@2'),
  'a javascript: support link': (p) => (p.support.links[0].href = 'javascript:alert(1)'),
  'a data: support link': (p) => (p.support.links[0].href = 'data:text/html,<b>hi</b>'),
  'an unknown item type': (p) => (p.sections[0].items[0].type = 'slider'),
  'an item id with a space': (p) => (p.sections[0].items[0].id = 'my code'),
  'a scale with one point': (p) => (p.scales.agree5.points = p.scales.agree5.points.slice(0, 1)),
  'a choice with no options': (p) => (p.sections[3].items[0].options = []),
  'a reflection with no steps': (p) => (p.sections.at(-1).items[0].steps = []),
  'a code with no parts': (p) => (p.sections[0].items[0].parts = []),
  'a digits part with no length': (p) =>
    p.sections[0].items[0].parts.push({id: 'pin', kind: 'digits', prompt: 'PIN'}),
  'minAnswered above 1': (p) => (p.scores[0].minAnswered = 1.5),
  'an unknown score method': (p) => (p.scores[0].method = 'median'),
  'imputation on a correct-count': (p) => (p.scores[1].impute = 'person-mean'),
  'a band with both lt and lte': (p) => (p.scores[0].bands = [{label: 'x', lt: 3, lte: 3}]),
  'a text that is a number': (p) => (p.title = 42),
  'a text with a non-string translation': (p) => (p.title = {en: 'Title', cy: 7}),
  'a condition with an unknown op': (p) =>
    (p.sections[1].items[1].showIf = {item: 'profession', op: 'matches', value: 'other'}),
  'a comparison without a value': (p) =>
    (p.sections[1].items[1].showIf = {item: 'profession', op: 'equals'}),
  'a version that is not semantic': (p) => (p.version = 'one'),
};

for (const [name, breakIt] of Object.entries(broken)) {
  test(`a pack with ${name} fails the schema and the parser`, () => {
    const p = copy();
    breakIt(p);
    assert.equal(validate(p), false, 'schema accepted it');
    assert.equal(parsePack(p).ok, false, 'parser accepted it');
  });
}

test('a pack that only misspells a property fails the schema but only warns in the parser', () => {
  const p = copy();
  p.sections[1].items[1].showif = p.sections[1].items[1].showIf;
  assert.equal(validate(p), false);
  const result = parsePack(p);
  assert.equal(result.ok, true);
  assert.deepEqual(
    result.warnings.map((w) => w.path),
    ['sections[1].items[1].showif'],
  );
});

test('a minimal pack with a plain-string text is valid in both', () => {
  const p = {
    id: 'tiny',
    version: '0.1.0',
    title: 'Tiny',
    timepoints: [{id: 't1', label: 'Now'}],
    sections: [{id: 's', title: 'S', items: [{id: 'q', type: 'text', text: 'Anything?'}]}],
  };
  assert.equal(validate(p), true, JSON.stringify(validate.errors));
  assert.equal(parsePack(p).ok, true);
});
