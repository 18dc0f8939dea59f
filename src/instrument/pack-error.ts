import type {PackProblem} from './types.js';

/** Why a pack could not be used; `code` is the `rs-error` code the element fires. */
export class PackError extends Error {
  constructor(
    readonly code: 'instrument-invalid' | 'instrument-unreachable' | 'timepoint-unknown',
    message: string,
    readonly problems: readonly PackProblem[] = [],
  ) {
    super(message);
  }
}
