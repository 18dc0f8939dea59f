/** What the body formats' adapters share. */
import type {RequestInput} from './types.js';

export type {BodyRequest, RequestInput} from './types.js';

/** What the adapters share: the response's shared answers of visible questions, and who and when. */
export const bodyInput = ({response, pack}: RequestInput) => ({
  id: response.id,
  pack,
  timepoint: response.timepoint,
  participant: response.participant,
  locale: response.locale,
  submittedAt: response.submittedAt,
  // What the page saw in rs-submit.
  answers: response.answers,
});
