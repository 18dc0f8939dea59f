/**
 * English strings of the review and thank-you pages: they load with those pages (the finish
 * module), not with the first page. Other languages keep theirs in their one catalogue.
 */
import type {Messages} from './en.js';

export const enEnding = {
  review: 'Check your answers',
  submit: 'Submit',
  change: 'Change',
  notAnswered: 'Not answered',
  privateAnswer: 'Kept on this device only',
  thanksTitle: 'Thank you',
  thanksText: 'Your answers have been recorded.',
  yourScores: 'Your scores',
  scoreOutOf: (answered: number, of: number) => `${answered} of ${of} answered`,
  noScore: 'Not enough answers for a score',
  statusSavedLocally: 'Your answers are saved on this device.',
  statusSending: 'Sending your answers…',
  statusSent: 'Your answers have been sent.',
  statusOffline:
    'Your answers are saved on this device and will be sent automatically as soon as the research server can be reached.',
  /** `message`: the server's reason, when it gave one. */
  statusRejected: (message: string) =>
    `The research server did not accept your answers${message ? ` (${message})` : ''}. They are kept on this device; please tell the research team.`,
  localMode:
    'Your answers are kept on this device only. Download a copy if the research team asks for one.',
  downloadJson: 'Download my answers (JSON)',
  downloadCsv: 'Download my answers (CSV)',
  endpointInvalid:
    'This questionnaire is not set up to send answers safely, so nothing will be sent. Your answers stay on this device.',
};

export type EndingMessages = typeof enEnding;

/** Every string of a language: a whole catalogue (the Welsh) as it is; English completed. */
export const endingOf = (m: Messages): Messages & EndingMessages => ({...enEnding, ...m});
