/**
 * English strings of the reflection view: they load with it (`internal/reflection.ts`, a chunk
 * of its own in the survey), not with the first page. Other languages keep theirs in their one
 * catalogue.
 */
import type {Messages} from './en.js';

export const enReflection = {
  stepOf: (step: number, total: number) => `Step ${step} of ${total}`,
  previousStep: 'Previous step',
  nextStep: 'Next step',
  lengthHint: (n: number) => `About ${n} characters is plenty`,
  characters: (n: number) => `${n} character${n === 1 ? '' : 's'}`,
  charactersOf: (n: number, max: number) => `${n} of ${max} characters`,
  warningPrefix: 'Warning:',
  privacyNote: 'Your reflection stays on this device: it is not sent with your answers.',
  identifierWarning:
    'Do not include anything that could identify a patient: names, NHS numbers or dates of birth.',
  downloadReflection: 'Download my reflection',
};

export type ReflectionMessages = typeof enReflection;

/** Every string a reflection shows: a whole catalogue (the Welsh) as it is; English completed. */
export const reflectionOf = (m: Messages): Messages & ReflectionMessages => ({
  ...enReflection,
  ...m,
});
