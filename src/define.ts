// Registers every tag. The one module of lib/ with side effects (the bundles' entries,
// bundle.ts and blocks.ts, register theirs).
import {RsLikert} from './elements/rs-likert/rs-likert.js';
import {RsReflection} from './elements/rs-reflection/rs-reflection.js';
import {RsSurvey} from './elements/rs-survey/rs-survey.js';
import {register} from './internal/register.js';

register({'rs-likert': RsLikert, 'rs-reflection': RsReflection, 'rs-survey': RsSurvey});

// The types come with the import: the tags and their events for TypeScript, React 19 JSX,
// Vue, Svelte and Angular templates.
export type {RsLikert, RsReflection, RsSurvey};
export type * from './events.js';
export type * from './frameworks.js';
