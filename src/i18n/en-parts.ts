/**
 * English labels of the parts a FHIR import adds to a question (`role` in a pack): they load
 * with the code that shows them (`internal/rich-text.ts`), only for a pack that has such parts.
 * Other languages keep theirs in their one catalogue.
 */
import type {Messages} from './en.js';

export const enParts = {
  /** An open choice's own answer, under its options. */
  other: 'Other answer',
  /** The unit of a quantity, after its number. */
  unit: 'Unit',
};

export type PartMessages = typeof enParts;

/** The part labels of a catalogue: the Welsh ones as they are; English otherwise. */
export const partsOf = (m: Messages): PartMessages => ({...enParts, ...m});
