import {expect} from '@open-wc/testing';
import {findIdentifiers, isValidNhsNumber} from '../../src/internal/pii.js';

const now = new Date(2026, 10, 27);
const find = (text: string) => findIdentifiers(text, now);

describe('isValidNhsNumber', () => {
  it('accepts numbers whose mod-11 check digit is right', () => {
    expect(isValidNhsNumber('9434765919')).to.equal(true);
    expect(isValidNhsNumber('4010232137')).to.equal(true);
    // 4·10 + 2·2 = 44, 44 mod 11 = 0, 11 − 0 = 11, which counts as a check digit of 0.
    expect(isValidNhsNumber('4000000020')).to.equal(true);
    expect(isValidNhsNumber('4000000021')).to.equal(false);
  });

  it('rejects a changed digit, a swapped pair and a check that would be 10', () => {
    expect(isValidNhsNumber('9434765918')).to.equal(false);
    expect(isValidNhsNumber('9434765929')).to.equal(false);
    expect(isValidNhsNumber('4934765919')).to.equal(false);
    // 1234567890: sum 1·10 + 2·9 + … + 9·2 = 210, 210 mod 11 = 1, check 10: never issued.
    expect(isValidNhsNumber('1234567890')).to.equal(false);
    expect(isValidNhsNumber('1234567891')).to.equal(false);
  });

  it('rejects anything but ten digits, and runs of one digit', () => {
    expect(isValidNhsNumber('943476591')).to.equal(false);
    expect(isValidNhsNumber('94347659190')).to.equal(false);
    expect(isValidNhsNumber('943 476 5919')).to.equal(false);
    expect(isValidNhsNumber('0000000000')).to.equal(false);
    expect(isValidNhsNumber('1111111111')).to.equal(false);
  });
});

describe('findIdentifiers: NHS numbers', () => {
  for (const text of [
    'The patient, 943 476 5919, was seen',
    'NHS no. 943-476-5919.',
    'number 9434765919 on the wristband',
    '(9434765919)',
  ]) {
    it(`finds one in “${text}”`, () => {
      expect(find(text).nhsNumber).to.equal(true);
    });
  }

  for (const text of [
    'The patient, 943 476 5918, was seen',
    '943 4765 919',
    '943-476 5919',
    'Call 01632 960 001 or 07700 900123',
    'Order 19434765919 and 94347659190',
    'ref A9434765919',
    'We saw 120 patients in 14 days; 3 of 10 had a 5 minute wait.',
    '',
  ]) {
    it(`finds none in “${text}”`, () => {
      expect(find(text).nhsNumber).to.equal(false);
    });
  }
});

describe('findIdentifiers: dates of birth', () => {
  for (const text of [
    'born 12/03/1984 and admitted',
    'on 1-3-84 she',
    '12.3.1984',
    'ISO 1984-03-12 in the notes',
    'It was 12 March 1984.',
    'the 3rd of Sept 1971',
    'March 12, 1984',
    'Dec 1 1999',
    'seen 3 SEPT. 1971',
    'sePtember 3, 1971',
    // Fifteen years before “now” is 27 November 2011.
    'on 26 NOV 2011',
    'on Nov. 26, 2011',
    // Recent dates count when a birth keyword is next to them.
    'DOB 12/03/2020',
    'D.O.B.: 2019-05-01',
    'date of birth was 4 May',
    'born in 2024',
    'birthdate March 3',
  ]) {
    it(`finds one in “${text}”`, () => {
      expect(find(text).dateOfBirth).to.equal(true);
    });
  }

  for (const text of [
    'The shift on 12/03/2024 was hard',
    'On 27 November 2026 I felt better',
    'last week, 2025-11-20',
    'a dose of 2.5 mg, 10-15 minutes, 1/2 tablet',
    'scores 3.4.2 and version 1.2.3',
    '31/02/1984 is not a date',
    '12/13/1984 has no 13th month',
    'on 28 Nov 2011, Dec 1, 2011 and 1 DECEMBER 2011',
    '00/03/1984, 32/01/1984, 12/00/1984, 0 March 1984, 32 March 1984',
    '1984-00-12, 1984-13-01, 1984-03-00, 1984-02-30, March 0, 1984',
    'She was born at 36 weeks',
    'We meet in May 1984 style rooms',
    'newborn 12 weeks ago',
    '',
  ]) {
    it(`finds none in “${text}”`, () => {
      expect(find(text).dateOfBirth).to.equal(false);
    });
  }

  it('uses today for “now” by default', () => {
    const recent = new Date();
    const text = `${recent.getDate()}/${recent.getMonth() + 1}/${recent.getFullYear()}`;
    expect(findIdentifiers(text).dateOfBirth).to.equal(false);
    expect(
      findIdentifiers(`${text.slice(0, -4)}${recent.getFullYear() - 40}`).dateOfBirth,
    ).to.equal(true);
  });

  it('reports both kinds independently', () => {
    expect(find('943 476 5919 born 12 March 1984')).to.deep.equal({
      nhsNumber: true,
      dateOfBirth: true,
    });
    expect(find('nothing here')).to.deep.equal({nhsNumber: false, dateOfBirth: false});
  });
});
