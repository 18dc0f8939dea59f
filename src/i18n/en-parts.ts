/**
 * English labels of the parts a FHIR import adds to a question (`role` in a pack) and of a
 * list that filters as one types (`autocomplete`): they load
 * with the code that shows them (`elements/rs-survey/rich-text.ts`), only for a pack that has such parts.
 * Other languages keep theirs in their one catalogue.
 */
import type {Messages} from './en.js';

export const enParts = {
  /** An open choice's own answer, under its options. */
  other: 'Other answer',
  /** The unit of a quantity, after its number. */
  unit: 'Unit',
  /** How many options match what is typed in a list that filters (said by screen readers). */
  matches: (n: number) => (n ? `${n} option${n === 1 ? '' : 's'} match` : 'No option matches'),
};

export type PartMessages = typeof enParts;

/** The part labels of a catalogue: the Welsh ones as they are; English otherwise. */
export const partsOf = (m: Messages): PartMessages => ({...enParts, ...m});
