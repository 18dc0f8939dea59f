// Entry of the self-contained drop-in bundles: registers <rs-survey> and exposes its class.
// The survey renders every question in its own shadow root, so the building blocks
// (<rs-likert>, <rs-reflection>, for plain forms) are a bundle of their own: blocks.ts.
// The pure modules (pack checking, scoring, body formats) are in lib/ for npm users; the
// bundles load them only when a page uses them, so every participant does not pay for them.
import {RsSurvey} from './elements/rs-survey/rs-survey.js';
import {register} from './internal/register.js';

register({'rs-survey': RsSurvey});
export {RsSurvey};
