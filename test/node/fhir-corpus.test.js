// Every real Questionnaire in ../shared/fhir/ through the import: the committed table
// (test/fhir-corpus.md) is current, and every form that renders yields a response valid
// against the R4 schema and its Questionnaire. The checker itself is shown to catch faults.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {examineAll, table, tableFile} from './fhir-corpus.js';
import {checkResponse} from './questionnaire-check.js';

const rows = await examineAll();

test('test/fhir-corpus.md is current (node test/node/fhir-corpus.js --write)', async () => {
  assert.equal(await readFile(tableFile, 'utf8'), table(rows));
});

for (const row of rows.filter((r) => r.rendered)) {
  test(`${row.file}: the response is valid against the schema and its Questionnaire`, () => {
    assert.deepEqual(row.problems, []);
  });
}

test('the Questionnaire check catches each kind of fault', () => {
  const q = {
    resourceType: 'Questionnaire',
    contained: [
      {
        resourceType: 'ValueSet',
        id: 'vs',
        compose: {include: [{system: 'urn:s', concept: [{code: 'x'}]}]},
      },
    ],
    item: [
      {
        linkId: 'c',
        type: 'choice',
        answerOption: [{valueCoding: {system: 'urn:s', code: 'a'}}],
      },
      {linkId: 'v', type: 'choice', answerValueSet: '#vs'},
      {
        linkId: 'g',
        type: 'group',
        item: [{linkId: 'n', type: 'integer', required: true}],
        enableWhen: [{question: 'c', operator: '=', answerCoding: {system: 'urn:s', code: 'a'}}],
      },
      {linkId: 'd', type: 'date'},
    ],
  };
  const qr = (item, status = 'in-progress') => ({
    resourceType: 'QuestionnaireResponse',
    status,
    item,
  });
  const a = {linkId: 'c', answer: [{valueCoding: {system: 'urn:s', code: 'a'}}]};
  assert.deepEqual(
    checkResponse(q, qr([a, {linkId: 'g', item: [{linkId: 'n', answer: [{valueInteger: 1}]}]}])),
    [],
  );
  assert.deepEqual(checkResponse(q, qr([{linkId: 'zz'}])), [
    'item[0] (zz): linkId is not in the Questionnaire',
  ]);
  assert.match(
    checkResponse(q, qr([{linkId: 'n', answer: [{valueInteger: 1}]}]))[0],
    /sits under the root, not g/,
  );
  assert.match(
    checkResponse(q, qr([{linkId: 'd', answer: [{valueString: '27/11'}]}]))[0],
    /valueString for a date/,
  );
  assert.match(
    checkResponse(q, qr([{linkId: 'c', answer: [{valueCoding: {system: 'urn:s', code: 'b'}}]}]))[0],
    /is not an option/,
  );
  assert.match(
    checkResponse(q, qr([{linkId: 'v', answer: [{valueCoding: {system: 'urn:s', code: 'y'}}]}]))[0],
    /is not an option/,
  );
  assert.match(
    checkResponse(q, qr([{linkId: 'g', item: [{linkId: 'n', answer: [{valueInteger: 1}]}]}]))[0],
    /answers a disabled item/,
  );
  assert.match(
    checkResponse(q, qr([{...a, answer: [...a.answer, ...a.answer]}]))[0],
    /2 answers to an item that does not repeat/,
  );
  assert.match(checkResponse(q, qr([a], 'completed'))[0], /n: required and enabled/);
});
