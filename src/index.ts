// Side-effect free: the element classes, the pure modules and their types.
// `define.ts` registers the tags; the bundles in dist/ do both.
export type * from './instrument/types.js';
export {RsSurvey} from './elements/rs-survey/rs-survey.js';
export type * from './events.js';
export {RsLikert} from './elements/rs-likert/rs-likert.js';
export {RsReflection} from './elements/rs-reflection/rs-reflection.js';
export {parsePack, formatProblem} from './instrument/parse.js';
export {loadPack, resolveTimepoint, PackError} from './instrument/load.js';
export {scoreAll, scoreRule} from './instrument/scoring.js';
export {builtinPacks, defaultPackId} from './instrument/packs/index.js';
export {localize} from './instrument/text.js';
export type * from './frameworks.js';
