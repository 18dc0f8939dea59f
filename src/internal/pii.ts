/**
 * Cheap, local detection of patient identifiers in free text, so a reflection can warn the
 * person before anything is stored. It is a nudge, not a guarantee: it looks for NHS numbers
 * and dates of birth only, and errs towards not flagging ordinary numbers.
 */

export interface IdentifiersFound {
  /** Ten digits (optionally grouped 3-3-4) whose mod-11 check digit is valid. */
  readonly nhsNumber: boolean;
  /** A full date long enough ago to be an adult's birth date, or any date next to "DOB"/"born". */
  readonly dateOfBirth: boolean;
}

/** True when ten digits form a valid NHS number (weights 10..2, check = 11 − sum mod 11). */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  // A run of one digit passes the checksum for some digits but is never issued.
  if (/^(\d)\1{9}$/.test(digits)) return false;
  // The check digit is right when adding it makes the sum a multiple of 11 (a check of 10,
  // never issued, is no digit).
  let sum = Number(digits[9]);
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  return sum % 11 === 0;
}

// Three groups with the same separator (none, one space or one hyphen), not inside a longer
// run of digits.
const nhsPattern = /(?<!\w)(\d{3})([ -]?)(\d{3})\2(\d{4})(?!\w)/g;

function containsNhsNumber(text: string): boolean {
  return [...text.matchAll(nhsPattern)].some((m) => isValidNhsNumber(m[1] + m[3] + m[4]));
}

const monthNames = [
  'jan(?:uary)?',
  'feb(?:ruary)?',
  'mar(?:ch)?',
  'apr(?:il)?',
  'may',
  'june?',
  'july?',
  'aug(?:ust)?',
  'sep(?:t(?:ember)?)?',
  'oct(?:ober)?',
  'nov(?:ember)?',
  'dec(?:ember)?',
];
const month = `(${monthNames.join('|')})\\.?`;
const day = '(\\d{1,2})(?:st|nd|rd|th)?';

/** Day-first numeric dates: 12/03/1984, 1-3-84, 12.3.1984. */
const numericDate = /(?<![\d./-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![/.-]?\d)/g;
/** ISO-like dates: 1984-03-12, 1984/03/12. */
const isoDate = /(?<![\d./-])(\d{4})([/-])(\d{1,2})\2(\d{1,2})(?![/.-]?\d)/g;
/** 12 March 1984, 12th of Mar 1984. */
const dayMonthYear = new RegExp(`\\b${day}\\s+(?:of\\s+)?${month},?\\s+(\\d{4})\\b`, 'gi');
/** March 12, 1984. */
const monthDayYear = new RegExp(`\\b${month}\\s+${day},?\\s+(\\d{4})\\b`, 'gi');

/** Something date-like right after a birth keyword: any full date, a day and month, or a year. */
const afterKeyword = new RegExp(
  '\\b(?:d\\.?o\\.?b\\.?|date\\s+of\\s+birth|birth\\s*date|born)\\b[^\\n\\d]{0,20}?' +
    `(?:\\d{1,2}[/.-]\\d{1,2}|\\d{4}[/-]\\d{1,2}|${day}\\s+(?:of\\s+)?${month}|${month}\\s+${day}|(?:19|20)\\d{2})`,
  'i',
);

/** The month (0-11) of a name `month` matched, in whatever case the text has it. */
function monthIndex(name: string): number {
  return monthNames.findIndex((pattern) => new RegExp(`^${pattern}$`, 'i').test(name));
}

function fullYear(year: string, now: Date): number {
  if (year.length === 4) return Number(year);
  // Two-digit years: the most recent year ending in those digits that is not in the future.
  const yy = Number(year);
  const y = Math.floor(now.getFullYear() / 100) * 100 + yy;
  return y > now.getFullYear() ? y - 100 : y;
}

/**
 * A real calendar date (`Date` rolls 31/02, 13/13 or day 0 over into another) more than 15
 * years before `now`.
 */
function isOldDate(y: number, m: number, d: number, now: Date): boolean {
  const date = new Date(Date.UTC(y, m, d));
  if (date.getUTCMonth() !== m || date.getUTCDate() !== d) return false;
  const limit = Date.UTC(now.getFullYear() - 15, now.getMonth(), now.getDate());
  return y >= 1900 && date.getTime() < limit;
}

function containsDateOfBirth(text: string, now: Date): boolean {
  // Whether a date of this pattern is old; `ymd` reads a match's year, month (0-11) and day.
  const anyOld = (pattern: RegExp, ymd: (m: RegExpExecArray) => [number, number, number]) =>
    [...text.matchAll(pattern)].some((m) => isOldDate(...ymd(m), now));
  return (
    afterKeyword.test(text) ||
    anyOld(numericDate, (m) => [fullYear(m[4], now), Number(m[3]) - 1, Number(m[1])]) ||
    anyOld(isoDate, (m) => [Number(m[1]), Number(m[3]) - 1, Number(m[4])]) ||
    anyOld(dayMonthYear, (m) => [Number(m[3]), monthIndex(m[2]), Number(m[1])]) ||
    anyOld(monthDayYear, (m) => [Number(m[3]), monthIndex(m[1]), Number(m[2])])
  );
}

/** Looks for NHS numbers and dates of birth in `text`. `now` is for tests. */
export function findIdentifiers(text: string, now: Date = new Date()): IdentifiersFound {
  return {nhsNumber: containsNhsNumber(text), dateOfBirth: containsDateOfBirth(text, now)};
}
