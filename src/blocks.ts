// Entry of dist/blocks/resilience-survey-blocks.js: the building-block questions for plain
// forms, <rs-likert> and <rs-reflection>, with Lit inside, without the survey.
import {RsLikert} from './elements/rs-likert/rs-likert.js';
import {RsReflection} from './elements/rs-reflection/rs-reflection.js';
import {register} from './internal/register.js';

register({'rs-likert': RsLikert, 'rs-reflection': RsReflection});
export {RsLikert, RsReflection};
