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
  'notDate',
  'notTime',
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

/**
 * Checks of a text item's `format`, by name. Filled by the pack checker (`parse.ts`, loaded
 * for every pack that can name a format), so the main bundle carries no date reading; a
 * format with no check here is never satisfied.
 */
export const textFormats: {[format: string]: (text: string) => boolean} = {};

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
  const {id} = item;
  const answer = answerOf(answers, id);
  const required = item.required === true;
  const error = (code: FieldErrorCode, n?: number, key = id): FieldError =>
    n === undefined ? {key, code} : {key, code, n};
  const missing = (): FieldError[] => (required ? [error('required')] : []);
  switch (item.type) {
    case 'likert':
      return typeof answer === 'number' && Number.isFinite(answer) ? [] : missing();
    case 'choice':
      return isAnswered(answer) && typeof answer !== 'number' ? [] : missing();
    case 'scale':
    case 'number': {
      if (!isAnswered(answer) || answer === undefined) return missing();
      const value = toNumber(answer);
      if (!Number.isFinite(value)) return [error('notNumber')];
      if (Number.isInteger(item.step ?? 1) && !Number.isInteger(value)) return [error('notWhole')];
      if (value < (item.min ?? value)) return [error('tooSmall', item.min)];
      if (value > (item.max ?? value)) return [error('tooLarge', item.max)];
      return [];
    }
    case 'text':
    case 'long-text': {
      if (typeof answer !== 'string' || !isAnswered(answer)) return missing();
      if (length(answer.trim()) < (item.minLength ?? 0)) return [error('tooShort', item.minLength)];
      if (length(answer) > (item.maxLength ?? Infinity)) return [error('tooLong', item.maxLength)];
      if (item.type === 'text' && item.format) {
        if (textFormats[item.format]?.(answer)) return [];
        return [error(item.format === 'time' ? 'notTime' : 'notDate')];
      }
      return [];
    }
    case 'reflection': {
      const errors: FieldError[] = [];
      item.steps.forEach((step, i) => {
        const key = `${id}.${step.id}`;
        const text = answerOf(answers, key);
        if (typeof text !== 'string' || !isAnswered(text)) {
          if (i === 0 && required) errors.push(error('requiredStep', undefined, key));
        } else if (length(text) > (item.maxLength ?? Infinity)) {
          errors.push(error('tooLong', item.maxLength, key));
        }
      });
      return errors;
    }
    case 'code': {
      const keys = item.parts.map((part) => `${id}.${part.id}`);
      if (!required && !keys.some((key) => isAnswered(answerOf(answers, key)))) return [];
      return item.parts.flatMap((part, i) =>
        codePart(part, answerOf(answers, keys[i])) !== null
          ? []
          : part.kind === 'letter'
            ? error('codeLetter', undefined, keys[i])
            : part.kind === 'month'
              ? error('codeMonth', undefined, keys[i])
              : error('codeDigits', part.length ?? 1, keys[i]),
      );
    }
    default:
      return [];
  }
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
      const month = raw.padStart(2, '0');
      return /^(0[1-9]|1[0-2])$/.test(month) ? month : null;
    }
    case 'digits':
      return new RegExp(`^\\d{${part.length ?? 1}}$`).test(raw) ? raw : null;
    default:
      return null;
  }
}

/** The assembled code (`M-07-J`): the normalised parts joined by `-`; null if any is not valid. */
export function assembleCode(item: CodeItem, answers: Answers): string | null {
  const parts = item.parts.map((part) =>
    codePart(part, answerOf(answers, `${item.id}.${part.id}`)),
  );
  return parts.includes(null) ? null : parts.join('-');
}
