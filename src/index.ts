// Side-effect free: classes, types and the pure modules. `define.ts` registers the tags.
export type * from './instrument/types.js';
