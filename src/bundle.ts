// Entry of the self-contained bundles: registers the tags and exposes the element classes.
// The pure modules (pack checking, scoring, body formats) are in lib/ for npm users; the
// bundles load them only when a page uses them, so every participant does not pay for them.
import './define.js';
export {RsLikert} from './elements/rs-likert/rs-likert.js';
export {RsReflection} from './elements/rs-reflection/rs-reflection.js';
export {RsSurvey} from './elements/rs-survey/rs-survey.js';
