import {answerOf, isAnswered} from './conditions.js';
import type {Answer, Answers, CodeItem, CodePart, Question} from './types.js';

/** Error codes; each is a message key in `src/i18n/en.ts`. */
export const fieldErrorCodes = [
  'required',
  'requiredStep',
  'tooShort',
  'tooLong',
  'notNumber',
  'notWhole',
  'tooSmall',
  'tooLarge',
  'codeLetter',
  'codeMonth',
  'codeDigits',
] as const;

export type FieldErrorCode = (typeof fieldErrorCodes)[number];

/** What is wrong with one answer key (`refl-1.feelings`, `code.month`), with the message's number. */
export interface FieldError {
  readonly key: string;
  readonly code: FieldErrorCode;
  readonly n?: number;
}

/** Characters as a person counts them: an emoji or an accented letter is one. */
const length = (s: string): number => [...s].length;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** A number answer, whether typed (a string) or stored (a number); NaN if it is not one. */
function toNumber(answer: Answer): number {
  if (typeof answer === 'number') return answer;
  if (typeof answer === 'string' && NUMBER.test(answer.trim())) return Number(answer.trim());
  return NaN;
}

/**
 * The problems with one question's answer, in the order they appear on screen; empty when
 * it is fine. An optional question that is left blank is fine.
 *
 * - A required reflection needs its first step written; the other steps are optional
 *   (the first is the description every framework starts from). Each step keeps `maxLength`.
 * - A code is all or nothing: once any part is filled, every part must be valid, since a
 *   half code links nothing. A blank part gets its kind's message (`codeMonth`, …), which
 *   says what to enter.
 * - A number is whole unless `step` is fractional; a fractional step's grid is not enforced.
 * - Lengths count characters as a person does (code points), not UTF-16 units.
 */
export function validateQuestion(item: Question, answers: Answers): FieldError[] {
  const answer = answerOf(answers, item.id);
  const required = item.required === true;
  const missing = (): FieldError[] => (required ? [{key: item.id, code: 'required'}] : []);
  switch (item.type) {
    case 'likert':
      return typeof answer === 'number' && Number.isFinite(answer) ? [] : missing();
    case 'choice':
      return isAnswered(answer) && typeof answer !== 'number' ? [] : missing();
    case 'scale':
    case 'number': {
      if (!isAnswered(answer) || answer === undefined) return missing();
      const value = toNumber(answer);
      if (!Number.isFinite(value)) return [{key: item.id, code: 'notNumber'}];
      const step = item.step ?? 1;
      if (Number.isInteger(step) && !Number.isInteger(value)) {
        return [{key: item.id, code: 'notWhole'}];
      }
      if (item.min !== undefined && value < item.min) {
        return [{key: item.id, code: 'tooSmall', n: item.min}];
      }
      if (item.max !== undefined && value > item.max) {
        return [{key: item.id, code: 'tooLarge', n: item.max}];
      }
      return [];
    }
    case 'text':
    case 'long-text': {
      if (typeof answer !== 'string' || !isAnswered(answer)) return missing();
      const n = length(answer.trim());
      if (item.minLength !== undefined && n < item.minLength) {
        return [{key: item.id, code: 'tooShort', n: item.minLength}];
      }
      if (item.maxLength !== undefined && length(answer) > item.maxLength) {
        return [{key: item.id, code: 'tooLong', n: item.maxLength}];
      }
      return [];
    }
    case 'reflection': {
      const errors: FieldError[] = [];
      item.steps.forEach((step, i) => {
        const key = `${item.id}.${step.id}`;
        const text = answerOf(answers, key);
        if (typeof text !== 'string' || !isAnswered(text)) {
          if (i === 0 && required) errors.push({key, code: 'requiredStep'});
        } else if (item.maxLength !== undefined && length(text) > item.maxLength) {
          errors.push({key, code: 'tooLong', n: item.maxLength});
        }
      });
      return errors;
    }
    case 'code': {
      const filled = item.parts.some((p) => isAnswered(answerOf(answers, `${item.id}.${p.id}`)));
      if (!filled && !required) return [];
      const errors: FieldError[] = [];
      for (const part of item.parts) {
        if (codePart(part, answerOf(answers, `${item.id}.${part.id}`)) === null) {
          errors.push(partError(`${item.id}.${part.id}`, part));
        }
      }
      return errors;
    }
    default:
      return [];
  }
}

function partError(key: string, part: CodePart): FieldError {
  if (part.kind === 'letter') return {key, code: 'codeLetter'};
  if (part.kind === 'month') return {key, code: 'codeMonth'};
  return {key, code: 'codeDigits', n: part.length ?? 1};
}

/**
 * One part of a code, normalised so the same person types the same code each time: a letter
 * upper-cased with its accent removed (`é` → `E`), a month as two digits (`7` → `07`).
 * Null when the answer is not valid for the part.
 */
export function codePart(part: CodePart, answer: Answer | undefined): string | null {
  if (typeof answer !== 'string' && typeof answer !== 'number') return null;
  const raw = String(answer).trim();
  switch (part.kind) {
    case 'letter': {
      const letter = raw.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
      return /^[A-Z]$/.test(letter) ? letter : null;
    }
    case 'month': {
      if (!/^\d{1,2}$/.test(raw)) return null;
      const month = Number(raw);
      return month >= 1 && month <= 12 ? String(month).padStart(2, '0') : null;
    }
    case 'digits': {
      const n = part.length ?? 1;
      return new RegExp(`^\\d{${n}}$`).test(raw) ? raw : null;
    }
    default:
      return null;
  }
}

/** The assembled code (`M-07-J`): the normalised parts joined by `-`; null if any is not valid. */
export function assembleCode(item: CodeItem, answers: Answers): string | null {
  const parts: string[] = [];
  for (const part of item.parts) {
    const value = codePart(part, answerOf(answers, `${item.id}.${part.id}`));
    if (value === null) return null;
    parts.push(value);
  }
  return parts.join('-');
}
