import type {Messages} from './en.js';
import {en} from './en.js';

/** Welsh interface strings. (Placeholder: the full translation replaces this spread.) */
export const cy: Messages = {...en};
