/**
 * English interface strings: the reference catalogue. Every other language module
 * satisfies `Messages`, so a missing string is a type error, not a blank on screen.
 */
export const en = {
  // The survey's pages and navigation.
  start: 'Start',
  next: 'Next',
  back: 'Back',
  minutes: (n: number) => `About ${n} minute${n === 1 ? '' : 's'}`,
  questions: (n: number) => `${n} question${n === 1 ? '' : 's'}`,
  pageOf: (page: number, total: number) => `Page ${page} of ${total}`,
  optional: '(optional)',
  illustrative: 'Illustrative wording, not a validated instrument.',
  loading: 'Loading the questionnaire…',
  // Consent.
  consentTitle: 'Information and consent',
  consentAgree: 'I agree',
  consentDecline: 'I do not agree',
  declinedTitle: 'Thank you for your time',
  declinedText: 'You chose not to take part. Nothing you entered has been kept or sent.',
  // Validation and the error summary.
  errorSummary: 'There is a problem',
  required: 'Answer this question',
  requiredStep: 'Write something for this step',
  tooShort: (n: number) => `Enter at least ${n} characters`,
  tooLong: (n: number) => `Enter no more than ${n} characters`,
  notNumber: 'Enter a number',
  notWhole: 'Enter a whole number',
  notDate: 'Enter a date, for example 2026-11-27',
  notTime: 'Enter a time, for example 14:30',
  tooSmall: (n: number) => `Enter a number of ${n} or more`,
  tooLarge: (n: number) => `Enter a number of ${n} or less`,
  codeLetter: 'Enter one letter',
  codeMonth: 'Enter a month from 01 to 12',
  codeDigits: (n: number) => `Enter ${n} digit${n === 1 ? '' : 's'}`,
  codeIs: (code: string) => `Your code is ${code}`,
  codeConfirm: 'Keep a note of it: you will be asked the same questions next time.',
  /** Read before an error message by screen readers (shown by both question elements). */
  errorPrefix: 'Error:',
  // Reflection.
  stepOf: (step: number, total: number) => `Step ${step} of ${total}`,
  previousStep: 'Previous step',
  nextStep: 'Next step',
  lengthHint: (n: number) => `About ${n} characters is plenty`,
  characters: (n: number) => `${n} character${n === 1 ? '' : 's'}`,
  charactersOf: (n: number, max: number) => `${n} of ${max} characters`,
  requiredFirstStep: 'Write something for the first step',
  warningPrefix: 'Warning:',
  reflectionFileName: 'my-reflection',
  privacyNote: 'Your reflection stays on this device: it is not sent with your answers.',
  identifierWarning:
    'Do not include anything that could identify a patient: names, NHS numbers or dates of birth.',
  nhsNumberFound: 'This looks like it contains an NHS number. Please remove it.',
  dateOfBirthFound: 'This looks like it contains a date of birth. Please remove it.',
  downloadReflection: 'Download my reflection',
  // Drafts and delivery.
  restored: (when: string) => `Your answers from ${when} are back.`,
  submitFailed:
    'Your answers could not be prepared for sending. Check your connection and press Submit again: nothing has been lost.',
  pageUnavailable:
    'This page could not be loaded. Your answers are kept on this device: check your connection and try again.',
  startAgain: 'Start again',
  restartWarning: 'This clears the answers you have given so far. It cannot be undone.',
  confirmRestart: 'Yes, start again',
  deleteWarning:
    'This removes every draft and every response not yet sent that this questionnaire stored on this device. It cannot be undone.',
  unsentResponses: (n: number) =>
    `${n} finished response${n === 1 ? ' has' : 's have'} not been sent yet and would be lost.`,
  confirmDelete: 'Yes, delete',
  cancel: 'Cancel',
  droppedAnswers: (n: number) =>
    `This questionnaire has changed: ${n} earlier answer${n === 1 ? ' was' : 's were'} for questions it no longer asks and ${n === 1 ? 'has' : 'have'} been removed.`,
  draftSaved: (time: string) => `Saved on this device at ${time}`,
  storageUnavailable:
    'This browser is not letting the questionnaire save your answers on this device. You can still finish and submit, but keep this page open until you do.',
  openElsewhere:
    'This questionnaire is also open in another tab or window. Your latest answers from there are shown here.',
  deleteEverything: 'Delete everything this questionnaire stored on this device',
  deleted: 'Everything this questionnaire stored on this device has been deleted.',
  // Problems the page or the person must know about.
  instrumentInvalid: 'This questionnaire could not be loaded because it has errors.',
  instrumentUnreachable:
    'This questionnaire could not be loaded. Check your connection and try again.',
  timepointUnknown: (id: string) => `This questionnaire has no timepoint called “${id}”.`,
  timepointMissing: 'The page must say which timepoint of this questionnaire to show.',
  retry: 'Try again',
};

export type Messages = typeof en;
