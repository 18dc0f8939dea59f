/**
 * English interface strings: the reference catalogue. Every other language module
 * satisfies `Messages`, so a missing string is a type error, not a blank on screen.
 */
export const en = {
  // The survey's pages and navigation.
  start: 'Start',
  next: 'Next',
  back: 'Back',
  review: 'Check your answers',
  submit: 'Submit',
  change: 'Change',
  minutes: (n: number) => `About ${n} minute${n === 1 ? '' : 's'}`,
  questions: (n: number) => `${n} question${n === 1 ? '' : 's'}`,
  pageOf: (page: number, total: number) => `Page ${page} of ${total}`,
  progress: 'Progress',
  notAnswered: 'Not answered',
  privateAnswer: 'Kept on this device only',
  optional: '(optional)',
  thanksTitle: 'Thank you',
  thanksText: 'Your answers have been recorded.',
  yourScores: 'Your scores',
  scoreOutOf: (answered: number, of: number) => `${answered} of ${of} answered`,
  noScore: 'Not enough answers for a score',
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
  tooSmall: (n: number) => `Enter a number of ${n} or more`,
  tooLarge: (n: number) => `Enter a number of ${n} or less`,
  codeLetter: 'Enter one letter',
  codeMonth: 'Enter a month from 01 to 12',
  codeDigits: (n: number) => `Enter ${n} digit${n === 1 ? '' : 's'}`,
  codeIs: (code: string) => `Your code is ${code}`,
  codeConfirm: 'Keep a note of it: you will be asked the same questions next time.',
  // Likert and scale.
  scaleValue: (value: number) => `${value}`,
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
  privacyNote: 'Your reflection stays on this device unless you choose to share it.',
  identifierWarning:
    'Do not include anything that could identify a patient: names, NHS numbers or dates of birth.',
  nhsNumberFound: 'This looks like it contains an NHS number. Please remove it.',
  dateOfBirthFound: 'This looks like it contains a date of birth. Please remove it.',
  downloadReflection: 'Download my reflection',
  printReflection: 'Print my reflection',
  support: 'Support',
  // Problems the page or the person must know about.
  instrumentInvalid: 'This questionnaire could not be loaded because it has errors.',
  instrumentUnreachable: 'This questionnaire could not be loaded. Check your connection and try again.',
  timepointUnknown: (id: string) => `This questionnaire has no timepoint called “${id}”.`,
  timepointMissing: 'The page must say which timepoint of this questionnaire to show.',
  retry: 'Try again',
};

export type Messages = typeof en;
