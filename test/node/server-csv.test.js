// CSV export: RFC 4180 quoting and spreadsheet formula injection.

import assert from 'node:assert/strict';
import {test} from 'node:test';
import {cell, neutraliseFormula, quoteField, responsesToCsv} from '../../server/csv.js';

test('fields are quoted only when RFC 4180 needs it', () => {
  assert.equal(quoteField('plain'), 'plain');
  assert.equal(quoteField('a,b'), '"a,b"');
  assert.equal(quoteField('say "hi"'), '"say ""hi"""');
  assert.equal(quoteField('line\nbreak'), '"line\nbreak"');
  assert.equal(quoteField('cr\rhere'), '"cr\rhere"');
});

test('text a spreadsheet would run as a formula is prefixed with an apostrophe', () => {
  for (const danger of ['=1+1', '+SUM(A1)', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
    assert.equal(neutraliseFormula(danger), `'${danger}`, JSON.stringify(danger));
  }
  assert.equal(neutraliseFormula('M-07-J'), 'M-07-J');
  assert.equal(neutraliseFormula('a=b'), 'a=b');
  // Prefixed, then quoted because of the comma and quotes.
  assert.equal(cell('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`);
});

test('cells: numbers stay numbers, arrays join with |, nothing becomes empty', () => {
  assert.equal(cell(-3), '-3');
  assert.equal(cell(3.5), '3.5');
  assert.equal(cell(true), 'true');
  assert.equal(cell(null), '');
  assert.equal(cell(undefined), '');
  assert.equal(cell(['a', 'b', 'c']), 'a|b|c');
  assert.equal(cell(['-1', 'b']), "'-1|b");
  assert.equal(cell(['a,b', 'c']), '"a,b|c"');
});

test('one row per response with a column per score and per answer key', () => {
  const csv = responsesToCsv([
    {
      id: 'id-1',
      instrument: {id: 'coping-with-error', version: '1.0.0'},
      timepoint: 'baseline',
      participant: 'M-07-J',
      submittedAt: '2026-11-27T09:12:31.000Z',
      scores: {confidence: {value: 3.83, answered: 6, of: 6, band: null}},
      answers: {'conf-1': 4, 'know-2': ['b', 'c'], note: 'Line one\nLine "two", =end'},
    },
    {
      id: 'id-2',
      instrument: {id: 'coping-with-error', version: '1.0.0'},
      timepoint: 'after',
      participant: null,
      submittedAt: '2026-12-27T09:12:31.000Z',
      scores: {
        confidence: {value: null, answered: 0, of: 6, band: null},
        resilience: {value: 3, answered: 6, of: 6, band: 'normal'},
      },
      answers: {id: '=cmd|"/c calc"!A1'},
    },
  ]);
  const lines = csv.split('\r\n');
  assert.equal(lines.pop(), '', 'ends with CRLF');
  assert.equal(
    lines[0],
    'id,instrument,version,timepoint,participant,submittedAt,format,score.confidence,score.resilience,answer.conf-1,answer.id,answer.know-2,answer.note',
  );
  assert.equal(
    lines[1],
    'id-1,coping-with-error,1.0.0,baseline,M-07-J,2026-11-27T09:12:31.000Z,json,3.83,,4,,b|c,"Line one\nLine ""two"", =end"',
  );
  assert.equal(
    lines[2],
    `id-2,coping-with-error,1.0.0,after,,2026-12-27T09:12:31.000Z,json,,3,,"'=cmd|""/c calc""!A1",,`,
  );
});

test('no responses gives just the fixed header', () => {
  assert.equal(
    responsesToCsv([]),
    'id,instrument,version,timepoint,participant,submittedAt,format\r\n',
  );
});
