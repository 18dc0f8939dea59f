import {expect} from '@open-wc/testing';
import {assembleCode, codePart, validateQuestion} from '../../src/instrument/validate.js';
// The pack checker brings the date checks, as it does for every pack that names a format.
import '../../src/instrument/parse.js';
import type {CodeItem, Question} from '../../src/instrument/types.js';

const likert: Question = {id: 'l', type: 'likert', scale: 'agree5', text: 'L', required: true};
const choice: Question = {
  id: 'c',
  type: 'choice',
  text: 'C',
  required: true,
  multiple: true,
  options: [
    {value: 'a', label: 'A'},
    {value: 'b', label: 'B'},
  ],
};
const years: Question = {id: 'years', type: 'number', text: 'Years', min: 0, max: 60};
const dose: Question = {id: 'dose', type: 'number', text: 'Dose', step: 0.5, min: 0.5};
const scale: Question = {
  id: 's',
  type: 'scale',
  text: 'S',
  min: 0,
  max: 10,
  minLabel: 'Low',
  maxLabel: 'High',
  required: true,
};
const text: Question = {id: 't', type: 'text', text: 'T', minLength: 3, maxLength: 5};
const gibbs: Question = {
  id: 'refl-1',
  type: 'reflection',
  text: 'R',
  required: true,
  maxLength: 10,
  steps: [
    {id: 'description', prompt: 'What happened?'},
    {id: 'feelings', prompt: 'Feelings?'},
  ],
};
const code: CodeItem = {
  id: 'code',
  type: 'code',
  text: 'Your code',
  required: true,
  parts: [
    {id: 'name2', kind: 'letter', prompt: 'Second letter of your first name'},
    {id: 'month', kind: 'month', prompt: 'Birth month'},
    {id: 'mother1', kind: 'letter', prompt: "First letter of your mother's first name"},
  ],
};

describe('validateQuestion', () => {
  it('requires an answer to a required Likert, choice or scale question', () => {
    expect(validateQuestion(likert, {})).to.deep.equal([{key: 'l', code: 'required'}]);
    expect(validateQuestion(likert, {l: 3})).to.deep.equal([]);
    expect(validateQuestion(choice, {c: []})).to.deep.equal([{key: 'c', code: 'required'}]);
    expect(validateQuestion(choice, {c: ['b']})).to.deep.equal([]);
    expect(validateQuestion(scale, {s: 0})).to.deep.equal([]);
    expect(validateQuestion(scale, {})).to.deep.equal([{key: 's', code: 'required'}]);
  });

  it('lets an optional question stay blank', () => {
    expect(validateQuestion({...likert, required: false}, {})).to.deep.equal([]);
    expect(validateQuestion(years, {years: ''})).to.deep.equal([]);
    expect(validateQuestion(text, {t: '  '})).to.deep.equal([]);
  });

  it('checks a number: a number, whole, within min and max', () => {
    expect(validateQuestion(years, {years: 'ten'})).to.deep.equal([
      {key: 'years', code: 'notNumber'},
    ]);
    expect(validateQuestion(years, {years: '1e3'})).to.deep.equal([
      {key: 'years', code: 'notNumber'},
    ]);
    expect(validateQuestion(years, {years: 2.5})).to.deep.equal([{key: 'years', code: 'notWhole'}]);
    expect(validateQuestion(years, {years: '-1'})).to.deep.equal([
      {key: 'years', code: 'tooSmall', n: 0},
    ]);
    expect(validateQuestion(years, {years: 61})).to.deep.equal([
      {key: 'years', code: 'tooLarge', n: 60},
    ]);
    expect(validateQuestion(years, {years: ' 12 '})).to.deep.equal([]);
    expect(validateQuestion({...years, required: true}, {})).to.deep.equal([
      {key: 'years', code: 'required'},
    ]);
  });

  it('allows fractions when the step is fractional', () => {
    expect(validateQuestion(dose, {dose: 2.5})).to.deep.equal([]);
    expect(validateQuestion(dose, {dose: 0.25})).to.deep.equal([
      {key: 'dose', code: 'tooSmall', n: 0.5},
    ]);
  });

  it('checks a scale answer is within its range', () => {
    expect(validateQuestion(scale, {s: 11})).to.deep.equal([{key: 's', code: 'tooLarge', n: 10}]);
  });

  it('checks a date is a real day, typed year first or as day.month.year', () => {
    const date: Question = {id: 'd', type: 'text', text: 'D', format: 'date'};
    const when: Question = {id: 'w', type: 'text', text: 'W', format: 'dateTime'};
    for (const ok of ['2026-11-27', '2026/11/27', '2026.1.7', '27.11.2026', '2024-02-29']) {
      expect(validateQuestion(date, {d: ok}), ok).to.deep.equal([]);
    }
    for (const bad of [
      '27/11/2026',
      '2026-02-30',
      '2026-13-01',
      'next tuesday',
      '2026-11-27 14:30',
    ]) {
      expect(validateQuestion(date, {d: bad}), bad).to.deep.equal([{key: 'd', code: 'notDate'}]);
    }
    expect(validateQuestion(when, {w: '2026-11-27 14:30'})).to.deep.equal([]);
    expect(validateQuestion(when, {w: '2026-11-27T24:00'})).to.deep.equal([
      {key: 'w', code: 'notDate'},
    ]);
    expect(validateQuestion(date, {})).to.deep.equal([]);
    const time: Question = {id: 't', type: 'text', text: 'T', format: 'time'};
    for (const ok of ['14:30', '9.05', '23:59:59']) {
      expect(validateQuestion(time, {t: ok}), ok).to.deep.equal([]);
    }
    for (const bad of ['24:00', '14:60', 'noon']) {
      expect(validateQuestion(time, {t: bad}), bad).to.deep.equal([{key: 't', code: 'notTime'}]);
    }
  });

  it('checks text length in characters a person counts', () => {
    expect(validateQuestion(text, {t: 'ab'})).to.deep.equal([{key: 't', code: 'tooShort', n: 3}]);
    expect(validateQuestion(text, {t: 'abcdef'})).to.deep.equal([
      {key: 't', code: 'tooLong', n: 5},
    ]);
    // Five characters, but more than five UTF-16 units.
    expect(validateQuestion(text, {t: 'ŵ😀😀😀ŷ'})).to.deep.equal([]);
  });

  it('requires the first step of a required reflection, and caps every step', () => {
    expect(validateQuestion(gibbs, {})).to.deep.equal([
      {key: 'refl-1.description', code: 'requiredStep'},
    ]);
    expect(validateQuestion(gibbs, {'refl-1.feelings': 'Upset'})).to.deep.equal([
      {key: 'refl-1.description', code: 'requiredStep'},
    ]);
    expect(validateQuestion(gibbs, {'refl-1.description': 'A fall'})).to.deep.equal([]);
    expect(
      validateQuestion(gibbs, {'refl-1.description': 'A fall', 'refl-1.feelings': 'x'.repeat(11)}),
    ).to.deep.equal([{key: 'refl-1.feelings', code: 'tooLong', n: 10}]);
    expect(validateQuestion({...gibbs, required: false}, {})).to.deep.equal([]);
  });

  it('checks every part of a code by its kind', () => {
    expect(
      validateQuestion(code, {'code.name2': 'a', 'code.month': '7', 'code.mother1': 'j'}),
    ).to.deep.equal([]);
    expect(
      validateQuestion(code, {'code.name2': 'ab', 'code.month': '13', 'code.mother1': '1'}),
    ).to.deep.equal([
      {key: 'code.name2', code: 'codeLetter'},
      {key: 'code.month', code: 'codeMonth'},
      {key: 'code.mother1', code: 'codeLetter'},
    ]);
    expect(validateQuestion(code, {})).to.have.length(3);
  });

  it('treats an optional code as all or nothing', () => {
    const optional = {...code, required: false};
    expect(validateQuestion(optional, {})).to.deep.equal([]);
    expect(validateQuestion(optional, {'code.name2': 'A'})).to.deep.equal([
      {key: 'code.month', code: 'codeMonth'},
      {key: 'code.mother1', code: 'codeLetter'},
    ]);
  });

  it('checks digits parts against their length', () => {
    const pin: CodeItem = {
      ...code,
      parts: [{id: 'pin', kind: 'digits', length: 2, prompt: 'Last two digits of your phone'}],
    };
    expect(validateQuestion(pin, {'code.pin': '123'})).to.deep.equal([
      {key: 'code.pin', code: 'codeDigits', n: 2},
    ]);
    expect(validateQuestion(pin, {'code.pin': '07'})).to.deep.equal([]);
  });
});

describe('assembleCode', () => {
  it('joins the normalised parts with hyphens', () => {
    expect(
      assembleCode(code, {'code.name2': 'm', 'code.month': '7', 'code.mother1': 'J'}),
    ).to.equal('M-07-J');
    expect(
      assembleCode(code, {'code.name2': ' É ', 'code.month': 12, 'code.mother1': 'ŵ'}),
    ).to.equal('E-12-W');
  });

  it('is null when any part is missing or invalid', () => {
    expect(assembleCode(code, {'code.name2': 'm', 'code.month': '7'})).to.equal(null);
    expect(
      assembleCode(code, {'code.name2': 'm', 'code.month': '0', 'code.mother1': 'J'}),
    ).to.equal(null);
  });
});

describe('codePart', () => {
  it('normalises months and rejects what is not one', () => {
    const month = {id: 'm', kind: 'month', prompt: 'Month'} as const;
    expect(codePart(month, '01')).to.equal('01');
    expect(codePart(month, '9')).to.equal('09');
    expect(codePart(month, '009')).to.equal(null);
    expect(codePart(month, 'July')).to.equal(null);
    expect(codePart(month, ['7'])).to.equal(null);
  });
});
